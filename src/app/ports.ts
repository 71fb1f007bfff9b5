/**
 * The ports through which application services reach the outside world.
 * Slack, disk and the clock sit behind these so that services can be tested with
 * plain in-memory implementations and the domain stays pure.
 */
import { CodedError } from '../errors.js';

/** A Slack message as the bot posts it: a plain-text fallback plus Block Kit blocks. */
export interface OutgoingMessage {
  text: string;
  blocks?: unknown[];
}

/** What the bot needs from Slack's Web API. Implementations throw `SlackCallError`. */
export interface Messenger {
  /** Posts a message; returns its ts. `threadTs` makes it a thread reply; `metadata` tags it for later look-up. */
  post(channelId: string, message: OutgoingMessage, threadTs?: string, metadata?: MessageMetadata): Promise<string>;
  update(channelId: string, ts: string, message: OutgoingMessage): Promise<void>;
  /** The reactions currently on a message: emoji name -> user ids. */
  reactions(channelId: string, ts: string): Promise<Record<string, string[]>>;
  /** The channel's members (all pages). */
  members(channelId: string): Promise<Set<string>>;
  /** The channel's most recent top-level messages with their metadata, newest first. */
  recentMessages(channelId: string, limit: number): Promise<{ ts: string; metadata?: MessageMetadata }[]>;
}

/** Slack message metadata: a type and a small JSON payload the bot can find its own messages by. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

/** The time, injected: services never read the system clock themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Structured, secret-free logging. */
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/**
 * An error from a Slack API call, reduced to what the app acts on: Slack's error
 * code (`not_in_channel`, `ratelimited`, `timeout` …) and whether trying again later can help.
 */
export class SlackCallError extends CodedError {
  constructor(
    code: string,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Slack API call failed: ${code}`, code);
  }
}

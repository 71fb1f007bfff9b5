/**
 * The ports through which application services reach the outside world.
 * Slack, disk and the clock sit behind these so that services can be tested with
 * plain in-memory implementations and the domain stays pure.
 */
import { CodedError } from '../errors.js';
import type { MessageIntent } from './message-intent.js';
import type { PlanRecord } from './plan-record.js';

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
  /** The channel's most recent top-level messages with their metadata, newest first; `oldest` (a ts) bounds them. */
  recentMessages(channelId: string, limit: number, oldest?: string): Promise<FoundMessage[]>;
  /** The replies of a thread with their metadata, oldest first, from `oldest` (a ts) on when given. */
  threadMessages(channelId: string, threadTs: string, oldest?: string): Promise<FoundMessage[]>;
  /** Shows `message` to `userId` only, in the channel (the user must be a member). */
  postEphemeral(channelId: string, userId: string, message: OutgoingMessage): Promise<void>;
  /** A link to a message (a thread's parent links to the thread). */
  permalink(channelId: string, ts: string): Promise<string>;
  /** Whether a person is a workspace admin or owner. */
  userRole(userId: string): Promise<{ isAdmin: boolean; isOwner: boolean }>;
  /** A person's Slack locale (`zh-CN`, `en-US`), when Slack tells it. */
  userLocale(userId: string): Promise<string | undefined>;
}

/** Who reads a message: everyone in the channel (its language), or one person (their own Slack locale). */
export type Reader = { channel: true } | { userId: string };

/**
 * Turns what a service meant to say into a Slack message for its reader, in the
 * reader's language; implemented by the Slack layer (src/slack/message-presenter.ts).
 */
export interface MessagePresenter {
  /** The intent as a message about `record`, or undefined when what it shows is gone (a version no longer stored). */
  present(record: PlanRecord, intent: MessageIntent, reader: Reader): Promise<OutgoingMessage | undefined>;
}

/** A message found in Slack's history, with the metadata the bot tagged it with. */
export interface FoundMessage {
  ts: string;
  metadata?: MessageMetadata;
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

/**
 * The code of a Slack call that was never made because the workspace it is for has no
 * installation of the app (uninstalled, or its bot token revoked): nothing is sent for it.
 */
export const APP_NOT_INSTALLED = 'app_not_installed';

/** Failures after which Slack may still have done the call (a timeout, a 5xx): look before doing it again. */
const UNCERTAIN = /^(request_failed|http_5\d\d|internal_error|fatal_error|service_unavailable|request_timeout)$/;

/** Whether the failed call may have taken effect anyway, so repeating it could do it twice. */
export function mayHaveTakenEffect(error: SlackCallError): boolean {
  return UNCERTAIN.test(error.code);
}

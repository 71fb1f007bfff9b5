/**
 * When a save did not reach the disk (STORE_WRITE_FAILED: a full disk), the request
 * is not acknowledged and the person who sent it is told to send it again. Slack
 * then redelivers the same event; since the person was told to type it again, that
 * redelivery is dropped (acknowledged, not applied), or the answer would count twice.
 */

import { phrase } from '../../domain/message/phrase.js';

/** What the person is told: to send their reply again, or to click again. */
export const UNSAVED = { reply: phrase('slack.unsaved.reply'), click: phrase('slack.unsaved.click'), command: phrase('slack.unsaved.command') } as const;

/** True for an error that means "nothing of this was saved". */
export function isUnsaved(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'STORE_WRITE_FAILED';
}

/** Deliveries whose sender was told to try again: their redeliveries are dropped (bounded, in memory). */
export class ToldToRetry {
  readonly #keys = new Set<string>();

  constructor(private readonly capacity = 1_000) {}

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  add(key: string): void {
    this.#keys.add(key);
    if (this.#keys.size > this.capacity) this.#keys.delete(this.#keys.values().next().value as string);
  }

  delete(key: string): void {
    this.#keys.delete(key);
  }
}

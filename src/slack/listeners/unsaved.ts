/**
 * When a save did not reach the disk (STORE_WRITE_FAILED: a full disk) or the
 * database did not answer (STORE_UNAVAILABLE), the request
 * is not acknowledged and the person who sent it is told to send it again. Slack
 * then redelivers the same event; since the person was told to type it again, that
 * redelivery is dropped (acknowledged, not applied), or the answer would count twice.
 */
import type { SharedKeys } from '../../store/plan-store.js';

import { phrase } from '../../domain/message/phrase.js';

/** What the person is told: to send their reply again, or to click again. */
export const UNSAVED = { reply: phrase('slack.unsaved.reply'), click: phrase('slack.unsaved.click'), command: phrase('slack.unsaved.command') } as const;

/** True for an error that means "nothing of this was saved" (a failed write, or a database that did not answer). */
export function isUnsaved(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'STORE_WRITE_FAILED' || code === 'STORE_UNAVAILABLE';
}

/** How long a told delivery is remembered: Slack's redeliveries of an event come within minutes. */
const TOLD_TTL_MS = 60 * 60_000;
/** How long the bot keeps trying to share that it told someone, while the store cannot take it. */
const SHARE_FOR_MS = 15 * 60_000;

/**
 * Deliveries whose sender was told to try again: their redeliveries are dropped. Kept
 * in memory (bounded) and in the store's shared keys, so a redelivery that reaches
 * another instance is dropped too. The store is often what failed: then the key is
 * shared as soon as it answers again (tried every few seconds). A redelivery that
 * reaches another instance in the seconds between the store's return and that write
 * is applied there; the person was told to send it again, so it may then count twice.
 */
export class ToldToRetry {
  readonly #keys = new Set<string>();

  constructor(
    private readonly shared?: SharedKeys,
    private readonly capacity = 1_000,
  ) {}

  /** Whether this delivery's sender was told to send it again; the shared keys are asked only for a redelivery. */
  async has(key: string, redelivery: boolean): Promise<boolean> {
    if (this.#keys.has(key)) return true;
    if (!redelivery || !this.shared) return false;
    return (await this.shared.get(`told:${key}`).catch(() => undefined)) !== undefined;
  }

  /** Remembers that the sender of this delivery was told (here at once, in the store as soon as it can). */
  add(key: string): void {
    this.#keys.add(key);
    if (this.#keys.size > this.capacity) this.#keys.delete(this.#keys.values().next().value as string);
    if (this.shared) this.#share(key, Date.now() + SHARE_FOR_MS);
  }

  /** Forgets it (they were not told after all). */
  delete(key: string): void {
    this.#keys.delete(key);
    void this.shared?.delete(`told:${key}`).catch(() => undefined);
  }

  #share(key: string, until: number): void {
    const shared = this.shared;
    if (!shared || !this.#keys.has(key)) return;
    shared.set(`told:${key}`, true, TOLD_TTL_MS).catch(() => {
      if (Date.now() >= until) return;
      setTimeout(() => this.#share(key, until), 2_000).unref();
    });
  }
}

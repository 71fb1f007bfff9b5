/**
 * When a save did not reach the disk (STORE_WRITE_FAILED: a full disk), the request
 * is not acknowledged and the person who sent it is told to send it again. Slack
 * then redelivers the same event; since the person was told to type it again, that
 * redelivery is dropped (acknowledged, not applied), or the answer would count twice.
 */

/** What the person is told. */
export const UNSAVED_TEXT =
  ":warning: I couldn't save that: my storage is full or failing, so it was *not* taken. Nothing was changed. Please send it again in a few minutes.";

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

/**
 * A bounded set of recently seen keys (Slack event ids): remembers the newest
 * `capacity` keys and forgets the oldest, so memory stays flat however long the bot runs.
 */
export class RecentKeys {
  readonly #keys: Set<string>;
  readonly #capacity: number;

  constructor(capacity: number, initial: Iterable<string> = []) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
    this.#keys = new Set();
    for (const key of initial) this.claim(key);
  }

  /** Remembers `key`; false when it was already remembered. */
  claim(key: string): boolean {
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    // A Set iterates in insertion order, so the first key is the oldest.
    if (this.#keys.size > this.#capacity) this.#keys.delete(this.#keys.values().next().value as string);
    return true;
  }

  /** Forgets `key` (used when persisting a claim failed, so a retry can claim it). */
  release(key: string): void {
    this.#keys.delete(key);
  }

  /** The remembered keys, oldest first. */
  toArray(): string[] {
    return [...this.#keys];
  }
}

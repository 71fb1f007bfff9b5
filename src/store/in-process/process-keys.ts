import type { SharedKeys } from '../plan-store.js';

/** How many keys are kept at most; the oldest go first (they are short-lived anyway). */
const KEY_LIMIT = 10_000;

/**
 * Shared keys within one process (the memory and file stores: only one process
 * uses them, so "shared" is this process). Values are kept as JSON, so what comes
 * back is a copy, as from the database. In memory only: they live for minutes.
 */
export class ProcessKeys implements SharedKeys {
  readonly #values = new Map<string, { json: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const entry = this.#live(key);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.#values.delete(key);
    this.#values.set(key, { json: JSON.stringify(value ?? null), expiresAt: this.now() + ttlMs });
    for (const oldest of this.#values.keys()) {
      if (this.#values.size <= KEY_LIMIT) break;
      this.#values.delete(oldest);
    }
  }

  async setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    if (this.#live(key) !== undefined) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  #live(key: string): { json: string; expiresAt: number } | undefined {
    const entry = this.#values.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.now()) return entry;
    this.#values.delete(key);
    return undefined;
  }
}

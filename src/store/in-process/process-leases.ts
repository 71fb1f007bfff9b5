import { randomUUID } from 'node:crypto';
import type { Lease, LeaseStore } from '../plan-store.js';

/**
 * Leases within one process (the memory and file stores, which one process owns):
 * the same rules as the database's, kept in a map.
 */
export class ProcessLeases implements LeaseStore {
  readonly #held = new Map<string, { token: string; expiresAt: number; unfinished: boolean }>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    const now = this.now();
    const current = this.#held.get(key);
    if (current && current.expiresAt > now) return undefined;
    const lease = { key, token: randomUUID(), expiresAt: now + ttlMs, tookOver: current !== undefined };
    this.#held.set(key, { token: lease.token, expiresAt: lease.expiresAt, unfinished: false });
    return lease;
  }

  async extend(lease: Lease, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const current = this.#held.get(lease.key);
    if (!current || current.token !== lease.token || current.expiresAt <= now) return false;
    current.expiresAt = now + ttlMs;
    lease.expiresAt = current.expiresAt;
    return true;
  }

  async release(lease: Lease, options: { unfinished?: boolean } = {}): Promise<void> {
    const current = this.#held.get(lease.key);
    if (!current || current.token !== lease.token) return;
    // Kept, run out, when work may half have happened: the next holder is told it took over.
    if (options.unfinished) this.#held.set(lease.key, { token: '', expiresAt: this.now(), unfinished: true });
    else this.#held.delete(lease.key);
  }
}

import { IndexedPlanStore } from './indexed-plan-store.js';
import { memoryChannelSettings, memoryInstallations } from './memory-side-stores.js';
import type { StoredRecord } from '../plan-store.js';
import { RecentKeys } from './recent-keys.js';
import { assertEventKey, assertPlanId, recordJson, toIndexEntry } from '../stored-record.js';

/** Options shared by the stores. */
export interface PlanStoreOptions {
  /** How many handled event keys `claimEvent` remembers (default 5,000). */
  eventCapacity?: number;
}

/** Default number of event keys remembered: Slack redelivers within minutes, not thousands of events later. */
export const DEFAULT_EVENT_CAPACITY = 5_000;

/**
 * A store in memory, for tests and the playground. Records are kept as JSON text
 * so it behaves exactly like the others: what you get back is a fresh copy, and
 * values JSON cannot hold (undefined, Dates) come back as from disk.
 */
export class MemoryPlanStore<R extends StoredRecord = StoredRecord> extends IndexedPlanStore<R> {
  readonly #records = new Map<string, string>();
  readonly #events: RecentKeys;

  constructor(options: PlanStoreOptions = {}) {
    super({ settings: memoryChannelSettings(), installations: memoryInstallations() });
    this.#events = new RecentKeys(options.eventCapacity ?? DEFAULT_EVENT_CAPACITY);
  }

  /** The record, or undefined when no plan has this id. */
  async get(id: string): Promise<R | undefined> {
    this.assertOpen();
    assertPlanId(id);
    const text = this.#records.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as R);
  }

  /** Stores a copy of the record. */
  async save(record: R): Promise<void> {
    this.assertOpen();
    this.#records.set(record.id, recordJson(record));
    this.index.put(toIndexEntry(record));
  }

  /** False if `key` was claimed before (among the most recent keys). */
  async claimEvent(key: string): Promise<boolean> {
    this.assertOpen();
    assertEventKey(key);
    return this.#events.claim(key);
  }

  /** Later calls reject with STORE_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.idle();
    this.closed = true;
  }

  protected describe(): string {
    return 'in-memory store';
  }
}

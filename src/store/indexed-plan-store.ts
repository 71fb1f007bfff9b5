import { PlanIndex } from './plan-index.js';
import type { IndexEntry, PlanQuery, PlanStore, SaveOptions, StoredRecord } from './plan-store.js';
import { StoreError } from './store-error.js';

/**
 * What both stores share: look-ups through the in-memory index, and refusing
 * work once closed. Subclasses decide where records live.
 */
export abstract class IndexedPlanStore<R extends StoredRecord> implements PlanStore<R> {
  protected readonly index: PlanIndex;
  protected closed = false;

  constructor(index: PlanIndex = new PlanIndex()) {
    this.index = index;
  }

  /** The record, or undefined when no plan has this id. Rejects on an invalid id. */
  abstract get(id: string): Promise<R | undefined>;
  /** Stores the record, replacing any earlier one with its id. */
  abstract save(record: R, options?: SaveOptions): Promise<void>;
  /** False if `key` was claimed before (among the most recent keys). */
  abstract claimEvent(key: string): Promise<boolean>;
  /** Later calls reject with STORE_CLOSED. */
  abstract close(): Promise<void>;
  /** Where the store keeps its data, for the closed-store message. */
  protected abstract describe(): string;

  /** Index entries, most recently updated first. */
  async list(query?: PlanQuery): Promise<IndexEntry[]> {
    this.assertOpen();
    return this.index.list(query);
  }

  /** The plan whose thread is `threadTs` in `channelId`. */
  async findByThread(channelId: string, threadTs: string): Promise<R | undefined> {
    this.assertOpen();
    const id = this.index.idByThread(channelId, threadTs);
    return id === undefined ? undefined : this.get(id);
  }

  /** The id of the plan whose thread is `threadTs` in `channelId`, without reading the record. */
  async findIdByThread(channelId: string, threadTs: string): Promise<string | undefined> {
    this.assertOpen();
    return this.index.idByThread(channelId, threadTs);
  }

  /** The plan that owns top-level message `messageTs` in `channelId`. */
  async findByMessage(channelId: string, messageTs: string): Promise<R | undefined> {
    this.assertOpen();
    const id = this.index.idByMessage(channelId, messageTs);
    return id === undefined ? undefined : this.get(id);
  }

  protected assertOpen(): void {
    if (this.closed) throw new StoreError(`The ${this.describe()} is closed.`, 'STORE_CLOSED');
  }
}

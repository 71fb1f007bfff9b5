import { PlanIndex } from './plan-index.js';
import { KeyedMutex } from './keyed-mutex.js';
import { ProcessKeys } from './process-keys.js';
import { ProcessLeases } from './process-leases.js';
import type {
  ChannelSettingsStore,
  IndexEntry,
  InstallationStore,
  PlanChange,
  PlanQuery,
  PlanStore,
  SaveOptions,
  SharedKeys,
  StoredRecord,
} from '../plan-store.js';
import { StoreError } from '../store-error.js';
import { assertPlanId } from '../stored-record.js';

/** The parts an in-process store is given besides its index. */
export interface InProcessParts {
  settings: ChannelSettingsStore;
  installations: InstallationStore;
  index?: PlanIndex;
}

/**
 * What the memory and file stores share, both owned by one process: look-ups
 * through an in-memory index, the unit of work under an in-process mutex per plan,
 * leases and shared keys in memory, and refusing work once closed. Subclasses
 * decide where records live.
 */
export abstract class IndexedPlanStore<R extends StoredRecord> implements PlanStore<R> {
  readonly settings: ChannelSettingsStore;
  readonly installations: InstallationStore;
  readonly leases = new ProcessLeases();
  readonly keys: SharedKeys = new ProcessKeys();
  protected readonly index: PlanIndex;
  protected closed = false;
  readonly #mutex = new KeyedMutex();

  constructor(parts: InProcessParts) {
    this.index = parts.index ?? new PlanIndex();
    this.settings = this.#guarded(parts.settings);
    this.installations = this.#guarded(parts.installations);
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

  /** Loads, changes and saves the plan under its lock: tasks on one plan run one at a time, in arrival order. */
  async withPlan(id: string, change: PlanChange<R>): Promise<R | undefined> {
    this.assertOpen();
    assertPlanId(id);
    return this.#mutex.run(id, async () => {
      const record = await this.get(id);
      if (!record) return undefined;
      const result = await change(record);
      if (result) await this.save(record, result === true ? {} : result);
      return record;
    });
  }

  /** Index entries, most recently updated first. */
  async list(query?: PlanQuery): Promise<IndexEntry[]> {
    this.assertOpen();
    return this.index.list(query);
  }

  async findIdByThread(teamId: string, channelId: string, threadTs: string): Promise<string | undefined> {
    this.assertOpen();
    return this.index.idByThread(teamId, channelId, threadTs);
  }

  async findIdByMessage(teamId: string, channelId: string, messageTs: string): Promise<string | undefined> {
    this.assertOpen();
    return this.index.idByMessage(teamId, channelId, messageTs);
  }

  /** Always ready while open: the data is in this process (and on its disk). */
  async check(): Promise<void> {
    this.assertOpen();
  }

  /** Resolves once no unit of work is running (closing waits for them). */
  protected idle(): Promise<void> {
    return this.#mutex.idle();
  }

  protected assertOpen(): void {
    if (this.closed) throw new StoreError(`The ${this.describe()} is closed.`, 'STORE_CLOSED');
  }

  /** The same side store, refusing work once this store is closed. */
  #guarded<T extends object>(inner: T): T {
    return new Proxy(inner, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          this.assertOpen();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}

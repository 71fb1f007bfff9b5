/**
 * The plan store port: one record per plan conversation, looked up by id, by its
 * Slack thread or by any of its top-level messages. Generic over the record so the
 * record's shape can evolve without touching storage; only the index fields below
 * are known here.
 */

/** The fields the store indexes; every record has them. */
export interface IndexFields {
  id: string;
  teamId: string;
  channelId: string;
  threadTs?: string;
  messageTs?: string[];
  status: string;
  updatedAt: string;
}

/** A stored record: the index fields, and the rest is the owner's business. */
export interface StoredRecord extends IndexFields {
  [key: string]: unknown;
}

/** What `list` returns: a record's index fields (and its `title` when that is a string). */
export interface IndexEntry extends IndexFields {
  title?: string;
}

/** Filters for `list`; every given filter must match. */
export interface PlanQuery {
  teamId?: string;
  channelId?: string;
  statuses?: string[];
}

/** How a save must be done. */
export interface SaveOptions {
  /**
   * True (the default): resolves once the record is on disk. False: the record is
   * visible to `get` at once and written soon after (coalesced with later saves of
   * the same plan); for bookkeeping that can be redone after a crash.
   */
  durable?: boolean;
}

/** Storage for plan records. Both implementations pass one contract suite. */
export interface PlanStore<R extends StoredRecord = StoredRecord> {
  /** The record, or undefined when no plan has this id. Rejects on an invalid id. */
  get(id: string): Promise<R | undefined>;
  /** Durable when the promise resolves (atomic temp-file + rename). */
  save(record: R, options?: SaveOptions): Promise<void>;
  /** Index entries, most recently updated first. */
  list(query?: PlanQuery): Promise<IndexEntry[]>;
  /** The plan whose thread is `threadTs` in `channelId`. */
  findByThread(channelId: string, threadTs: string): Promise<R | undefined>;
  /** The id of that plan, from the index alone (for a caller that reads the record under its lock). */
  findIdByThread(channelId: string, threadTs: string): Promise<string | undefined>;
  /** The plan that owns top-level message `messageTs` in `channelId`. */
  findByMessage(channelId: string, messageTs: string): Promise<R | undefined>;
  /** Records Slack event ids already handled; returns false if `key` was seen before (bounded memory: keep the most recent N, e.g. 5,000, persisted). */
  claimEvent(key: string): Promise<boolean>;
  /** Waits for pending writes and releases the store; later calls reject. */
  close(): Promise<void>;
}

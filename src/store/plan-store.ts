/**
 * The store port: everything the bot keeps, behind one interface with three
 * implementations (memory, files under IMC_DATA_DIR, PostgreSQL) that pass one
 * contract suite. Plans are records looked up by id, by their Slack thread or by
 * any of their top-level messages, always within one workspace (team). A plan is
 * changed only through a unit of work (`withPlan`) that holds the plan's lock
 * while it loads, lets the caller change and saves, so no service keeps a lock of
 * its own and two bot instances on one database never interleave their changes.
 *
 * Beside the plans: channel settings, Slack installations, leases (which instance
 * works on what, for how long) and shared keys with a time to live (what several
 * instances must agree on: deliveries already handled, rate-limit holds).
 */
import type { ChannelSettings } from '../domain/approval/channel-config.js';

/** The fields the store indexes; every record has them. */
export interface IndexFields {
  id: string;
  teamId: string;
  channelId: string;
  threadTs?: string;
  messageTs?: string[];
  status: string;
  updatedAt: string;
  /**
   * When the record next has timed work (a review reminder), as an ISO time; the
   * scheduler asks for the records due by now instead of reading them all.
   */
  dueAt?: string;
}

/** A stored record: the index fields, and the rest is the owner's business. */
export interface StoredRecord extends IndexFields {
  [key: string]: unknown;
}

/**
 * What `list` returns: a record's index fields, its `title` when that is a string,
 * and how many items its `outbox` list holds (0 when it has none).
 */
export interface IndexEntry extends IndexFields {
  title?: string;
  queued: number;
}

/** Filters for `list`; every given filter must match. */
export interface PlanQuery {
  teamId?: string;
  channelId?: string;
  statuses?: string[];
  /** Only records whose outbox holds something. */
  queued?: boolean;
  /** Only records with a `dueAt` at or before this ISO time. */
  dueBy?: string;
}

/** How a save must be done. */
export interface SaveOptions {
  /**
   * True (the default): resolves once the record is durable (on disk, or committed).
   * False: for bookkeeping that can be redone after a crash; a store may then write
   * it behind (the file store does, coalescing later saves of the same plan).
   */
  durable?: boolean;
}

/**
 * The change a unit of work makes: gets the current record (a private copy) and
 * changes it in place; returns true to save it, false to leave the plan as it was,
 * or the options to save it with (`{ durable: false }` for bookkeeping). It runs
 * while the plan is locked (in PostgreSQL inside a transaction holding the row), so
 * it must not wait for Slack or anything slow; store calls it makes meanwhile (the
 * channel's settings) are answered within the same unit.
 */
export type PlanChange<R> = (record: R) => PlanChangeResult | Promise<PlanChangeResult>;
export type PlanChangeResult = boolean | SaveOptions;

/** Storage for everything the bot keeps. */
export interface PlanStore<R extends StoredRecord = StoredRecord> {
  /** The record, or undefined when no plan has this id. Rejects on an invalid id. */
  get(id: string): Promise<R | undefined>;
  /**
   * Stores a record whole, replacing any earlier one with its id: for a new plan
   * (changes to an existing one go through {@link withPlan}). Durable when it resolves.
   */
  save(record: R, options?: SaveOptions): Promise<void>;
  /**
   * The unit of work: locks the plan (against this process and every other instance),
   * loads it, runs `change` and, when it returns true, saves the changed record before
   * the lock is released. Resolves with the record as `change` left it (saved only when
   * it asked to be), or undefined when there is no such plan (`change` is not called).
   * When `change` throws, nothing is saved and the error is passed on.
   */
  withPlan(id: string, change: PlanChange<R>): Promise<R | undefined>;
  /** Index entries, most recently updated first. */
  list(query?: PlanQuery): Promise<IndexEntry[]>;
  /** The id of the plan whose thread is `threadTs` in that channel of that workspace. */
  findIdByThread(teamId: string, channelId: string, threadTs: string): Promise<string | undefined>;
  /** The id of the plan that owns top-level message `messageTs` in that channel of that workspace. */
  findIdByMessage(teamId: string, channelId: string, messageTs: string): Promise<string | undefined>;
  /** Records a Slack event key as handled; false if it was claimed before (the most recent keys are remembered, e.g. 5,000). */
  claimEvent(key: string): Promise<boolean>;
  /** Per-channel overrides of the approval settings and the channel's language. */
  readonly settings: ChannelSettingsStore;
  /** The Slack installations of the app, per workspace or per organisation. */
  readonly installations: InstallationStore;
  /** Time-limited claims on work (an outbox, a plan's reminders) shared by every instance. */
  readonly leases: LeaseStore;
  /** Small values with a time to live, shared by every instance. */
  readonly keys: SharedKeys;
  /** Resolves when the store can serve (the database answers); rejects with STORE_UNAVAILABLE otherwise. */
  check(): Promise<void>;
  /** Waits for pending writes and releases the store; later calls reject with STORE_CLOSED. */
  close(): Promise<void>;
}

/** Per-channel overrides of the approval settings and the channel's language, per workspace. */
export interface ChannelSettingsStore {
  /** The channel's overrides (empty when it has none). */
  get(teamId: string, channelId: string): Promise<ChannelSettings>;
  /** Replaces the channel's overrides; durable when it resolves. */
  set(teamId: string, channelId: string, settings: ChannelSettings): Promise<void>;
}

/**
 * Which installation: a workspace (`teamId`), or a whole Enterprise Grid
 * organisation (`enterpriseId` with `isEnterpriseInstall`, then the team is ignored).
 */
export interface InstallationKey {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** A stored installation: its key, and the installation as Slack's OAuth flow gave it (tokens included, so never logged). */
export interface StoredInstallation extends InstallationKey {
  installation: Record<string, unknown>;
  updatedAt: string;
}

/** The app's installations (the OAuth flow writes them; requests are authorised with them). */
export interface InstallationStore {
  get(key: InstallationKey): Promise<StoredInstallation | undefined>;
  /** Stores it under its key, replacing an earlier one. */
  save(installation: StoredInstallation): Promise<void>;
  /** Removes it; true when there was one. */
  delete(key: InstallationKey): Promise<boolean>;
}

/** A claim on a piece of work until `expiresAt`; only the holder of its `token` may extend or release it. */
export interface Lease {
  key: string;
  token: string;
  /** When it runs out (ms since the epoch, by the store's clock). */
  expiresAt: number;
  /**
   * True when an earlier holder's lease ran out without being released cleanly (its
   * process died, or it stopped with work that may half have happened): the new holder
   * must check what was done before doing it again.
   */
  tookOver: boolean;
}

/** Leases: vercel/chat's lock (`acquireLock`/`extendLock`/`releaseLock`), one row per key. */
export interface LeaseStore {
  /** Takes the lease for `ttlMs` unless someone holds it and it has not run out. */
  acquire(key: string, ttlMs: number): Promise<Lease | undefined>;
  /** Moves the end of a lease still held to `ttlMs` from now; false when it was lost (ran out and was taken). */
  extend(lease: Lease, ttlMs: number): Promise<boolean>;
  /**
   * Gives the lease back. `unfinished`: work under it may half have happened (a Slack
   * call without an answer), so the next holder is told it took over.
   */
  release(lease: Lease, options?: { unfinished?: boolean }): Promise<void>;
}

/** JSON values under string keys, each with a time to live: what instances must agree on. */
export interface SharedKeys {
  /** The value, or undefined when absent or expired. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Sets the value for `ttlMs`. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Sets the value for `ttlMs` only when the key is absent or expired; true when it did. */
  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

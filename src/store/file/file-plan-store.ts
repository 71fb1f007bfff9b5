/**
 * The plan store on disk, with lowdb 7. lowdb rewrites a whole file per write, so
 * each plan has its own file (`plans/<id>.json`) and saving one answer costs the
 * same however many finished plans pile up. Beside them:
 * - `index.json`: the index entries, rewritten only when an indexed field changes
 *   (status, thread, message ts, title, team, channel, due time), so its `updatedAt`
 *   values are as of the last such change. Plan files are the truth: the index is
 *   checked and repaired from them at every open.
 * - `events.json`: the most recent Slack event keys `claimEvent` has seen.
 * - `settings.json` and `installations.json`: the channels' approval settings and
 *   the app's Slack installations.
 * - `journal-<n>.jsonl`: the write-ahead journal (see plan-journal.ts). A save is
 *   acknowledged once its line is appended there; the plan files follow in a
 *   checkpoint a moment later, and a journal left by a crash is replayed at open.
 * - `.lock`: the pid of the one process that owns the directory.
 * Open it with {@link openFileStore} (open-file-store.ts).
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { z } from 'zod';
import type { ChannelSettingsStore, InstallationStore, SaveOptions, StoredRecord } from '../plan-store.js';
import { IndexedPlanStore } from '../in-process/indexed-plan-store.js';
import type { PlanIndex } from '../in-process/plan-index.js';
import type { RecentKeys } from '../in-process/recent-keys.js';
import { assertEventKey, assertPlanId, recordJson, toIndexEntry } from '../stored-record.js';
import { compactFile } from './compact-file.js';
import type { DirLock } from './dir-lock.js';
import { planFileSchema, REMEDY, type EventsFile, type IndexFile, type Layout } from './file-layout.js';
import type { JournalFiles } from './journal-files.js';
import { journalPath, PlanJournal, type TornTail } from './plan-journal.js';
import { mapLimit } from './map-limit.js';
import { readJsonFile } from './read-json-file.js';

/** A plan the index still named at open whose plan file was gone. */
export interface MissingPlan {
  id: string;
  /** The plan file that should have been there. */
  path: string;
  title?: string;
  /** True when a journal still held the plan, so its file was written again from there. */
  restoredFromJournal: boolean;
}

/** What opening the store found, for the start-up log line. */
export interface OpenSummary {
  /** Plan files found. */
  plans: number;
  /** True when index.json was missing or disagreed with the plan files and was rewritten. */
  indexRepaired: boolean;
  /** Half-written last journal lines (never acknowledged) that were cut off. */
  tornTails: TornTail[];
  /** Plans the index named whose files had been deleted behind the bot's back. */
  missingPlans: MissingPlan[];
}

/** How many records' JSON the store keeps in memory (a few MB at most). */
const CACHE_LIMIT = 256;
/**
 * How soon after a save the plan files are brought up to date. The journal already holds
 * every acknowledged save; the checkpoint only rewrites each changed plan's file, so a
 * conversation answered every second or so has its file written once per few answers,
 * not once per answer (and a restart replays at most these seconds of journal).
 */
export const CHECKPOINT_DELAY_MS = 3_000;
/** How many plan files a checkpoint writes at once: libuv's 4 file-system threads stay free for the journal an acknowledgement waits for. */
const CHECKPOINT_WRITES_AT_ONCE = 2;
/** How long index changes are gathered before index.json is rewritten (the whole index each time; open repairs a stale one from the plan files and journals). */
const INDEX_WRITE_DELAY_MS = 3_000;
/** A journal this large is checkpointed at once. */
const JOURNAL_LIMIT_BYTES = 4 * 1024 * 1024;

/** The parts a store is assembled from; built by {@link openFileStore}. */
export interface StoreParts {
  layout: Layout;
  lock: DirLock;
  index: PlanIndex;
  nextJournal: number;
  events: RecentKeys;
  summary: OpenSummary;
  settings: ChannelSettingsStore;
  installations: InstallationStore;
  validate?: (record: StoredRecord) => string[] | undefined;
  journalFiles?: JournalFiles;
}

/** A {@link PlanStore} on disk; open it with {@link openFileStore}. */
export class FilePlanStore<R extends StoredRecord = StoredRecord> extends IndexedPlanStore<R> {
  /** The data directory (absolute). */
  readonly dir: string;
  /** What opening found. */
  readonly openSummary: OpenSummary;
  readonly #layout: Layout;
  readonly #lock: DirLock;
  readonly #events: RecentKeys;
  readonly #indexDb: Low<IndexFile>;
  readonly #eventsDb: Low<EventsFile>;
  readonly #pending = new Set<Promise<void>>();
  #journalNumber: number;
  #journal: PlanJournal;
  /** Journals a failed checkpoint could not delete; the next one does. */
  #retained: PlanJournal[] = [];
  #checkpointing: Promise<void> | undefined;
  #checkpointTimer: NodeJS.Timeout | undefined;
  /** Records being written by the running checkpoint. */
  #flushing: Map<string, string> | undefined;
  /**
   * The JSON of recently used records (least recently used first), so a conversation
   * step does not re-read and re-check its file; the process owns the directory, so
   * nothing else changes the files behind it.
   */
  readonly #cache = new Map<string, string>();
  /** JSON journaled but not yet in its plan file; a checkpoint writes the latest once. */
  #dirty = new Map<string, string>();
  #indexWriting: Promise<void> | undefined;
  #indexStale = false;
  #indexTimer: NodeJS.Timeout | undefined;
  readonly #planSchema: z.ZodType<StoredRecord>;
  #saveSeq = 0;
  /** The sequence number of the save each record's visible version came from. */
  readonly #publishedSeq = new Map<string, number>();
  readonly #journalFiles: JournalFiles | undefined;

  constructor(parts: StoreParts) {
    super({ index: parts.index, settings: parts.settings, installations: parts.installations });
    this.#layout = parts.layout;
    this.dir = parts.layout.dir;
    this.#lock = parts.lock;
    this.#events = parts.events;
    this.openSummary = parts.summary;
    this.#indexDb = new Low<IndexFile>(compactFile(parts.layout.index, 'plans'), { version: 1, plans: [] });
    this.#eventsDb = new Low<EventsFile>(compactFile(parts.layout.events, 'keys'), { version: 1, keys: [] });
    this.#journalNumber = parts.nextJournal;
    this.#journalFiles = parts.journalFiles;
    this.#journal = this.#newJournal();
    this.#planSchema = planFileSchema(parts.validate);
  }

  /** The record, or undefined when no plan has this id. */
  async get(id: string): Promise<R | undefined> {
    this.assertOpen();
    assertPlanId(id);
    if (this.index.get(id) === undefined) return undefined;
    const cached = this.#dirty.get(id) ?? this.#flushing?.get(id) ?? this.#cache.get(id);
    if (cached !== undefined) {
      this.#remember(id, cached);
      return JSON.parse(cached) as R;
    }
    const record = await readJsonFile(this.#planPath(id), this.#planSchema, REMEDY.plan);
    if (record !== undefined) this.#remember(id, JSON.stringify(record));
    return record as R | undefined;
  }

  /**
   * Appends the record to the journal; resolves once it is written there. Until then
   * (and for ever, if the write fails) `get`, `list` and the look-ups still show the
   * previous version: a save that rejects with STORE_WRITE_FAILED left no trace. With
   * `durable: false` the record is visible at once and written behind.
   */
  async save(record: R, options: SaveOptions = {}): Promise<void> {
    this.assertOpen();
    const json = recordJson(record);
    // Taken now: the caller may change its object before the write is published.
    const id = record.id;
    const entry = toIndexEntry(record);
    const seq = (this.#saveSeq += 1);
    const publish = () => {
      // An older save finishing after a newer one was published must not undo it.
      if ((this.#publishedSeq.get(id) ?? 0) > seq) return;
      this.#publishedSeq.set(id, seq);
      this.#dirty.set(id, json);
      this.#remember(id, json);
      // The index is derived data (open rebuilds it from the plan files), so it is written behind.
      if (this.index.put(entry)) this.#scheduleIndexWrite();
    };
    const journal = this.#journal;
    if (options.durable === false) {
      publish();
      void this.#track(journal.append(json)).catch(() => this.#afterFailedAppend(journal));
      this.#scheduleCheckpoint();
      return;
    }
    // Published only once written: a checkpoint drains this journal before it takes
    // what is dirty, so a record published here is never lost with its journal.
    const written = this.#track(journal.append(json)).then(publish, (error: unknown) => {
      this.#afterFailedAppend(journal);
      throw error;
    });
    this.#scheduleCheckpoint();
    await written;
  }

  /** Brings the plan files and the index up to date now (tests, backups, shutdown). */
  async flush(): Promise<void> {
    while (this.#checkpointing || this.#dirty.size > 0) await this.checkpoint();
    while (this.#indexWriting || this.#indexStale) await this.#writeStaleIndex();
  }

  /** Writes every journaled record to its plan file and deletes the journal behind it. */
  checkpoint(): Promise<void> {
    if (this.#checkpointing) return this.#checkpointing;
    if (this.#dirty.size === 0) return Promise.resolve();
    const run = this.#runCheckpoint().finally(() => {
      this.#checkpointing = undefined;
      if (this.#dirty.size > 0 && !this.closed) this.#scheduleCheckpoint();
    });
    this.#checkpointing = run;
    void this.#track(run).catch(() => undefined);
    return run;
  }

  /** False if `key` was claimed before; a true result is on disk when it resolves. */
  async claimEvent(key: string): Promise<boolean> {
    this.assertOpen();
    assertEventKey(key);
    if (!this.#events.claim(key)) return false;
    try {
      this.#eventsDb.data = { version: 1, keys: this.#events.toArray() };
      await this.#track(this.#eventsDb.write());
    } catch (error) {
      this.#events.release(key); // not durable, so a redelivery may try again
      throw error;
    }
    return true;
  }

  /** Writes everything journaled to the plan files, then releases the directory lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.#checkpointTimer) clearTimeout(this.#checkpointTimer);
    if (this.#indexTimer) clearTimeout(this.#indexTimer);
    try {
      await this.flush();
      await this.#journal.remove();
    } catch {
      // The journal stays on disk and is replayed at the next open: nothing is lost.
      await this.#journal.close().catch(() => undefined);
    }
    while (this.#pending.size > 0) await Promise.all(this.#pending);
    await this.#lock.release();
  }

  /** Rewrites index.json from the in-memory index (open uses it to repair a stale index). */
  async writeIndex(): Promise<void> {
    this.#indexDb.data = { version: 1, plans: this.index.entries() };
    await this.#indexDb.write();
  }

  async #runCheckpoint(): Promise<void> {
    if (this.#checkpointTimer) clearTimeout(this.#checkpointTimer);
    this.#checkpointTimer = undefined;
    // Saves from now on go to a new journal; this checkpoint owns the old one and what it holds.
    const old = this.#journal;
    this.#journalNumber += 1;
    this.#journal = this.#newJournal();
    // First let every save into the old journal finish (and be published), so all it holds is dirty now.
    await old.drain();
    const snapshot = this.#dirty;
    this.#dirty = new Map();
    this.#flushing = snapshot;
    try {
      // Compact JSON: these files are machine-written; each write is atomic (temp file + rename).
      await mapLimit([...snapshot], CHECKPOINT_WRITES_AT_ONCE, ([id, json]) => new TextFile(this.#planPath(id)).write(`${json}\n`));
      await old.remove();
      for (const journal of this.#retained.splice(0)) await journal.remove();
    } catch (error) {
      // Keep the old journal (it still holds what the files lack) and retry these records next time.
      this.#retained.push(old);
      for (const [id, json] of snapshot) if (!this.#dirty.has(id)) this.#dirty.set(id, json);
      throw error;
    } finally {
      this.#flushing = undefined;
    }
  }

  #newJournal(): PlanJournal {
    return new PlanJournal(journalPath(this.dir, this.#journalNumber), this.#journalFiles);
  }

  /** A journal that may end in a partial line takes no more appends: later saves go to a new one. */
  #afterFailedAppend(journal: PlanJournal): void {
    if (!journal.broken || journal !== this.#journal) return;
    this.#retained.push(journal);
    this.#journalNumber += 1;
    this.#journal = this.#newJournal();
  }

  #scheduleCheckpoint(): void {
    if (this.#journal.bytes >= JOURNAL_LIMIT_BYTES) {
      void this.checkpoint().catch(() => undefined);
      return;
    }
    if (this.#checkpointTimer) return;
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = undefined;
      void this.checkpoint().catch(() => undefined);
    }, CHECKPOINT_DELAY_MS);
    this.#checkpointTimer.unref();
  }

  #remember(id: string, json: string): void {
    this.#cache.delete(id);
    this.#cache.set(id, json);
    for (const oldest of this.#cache.keys()) {
      if (this.#cache.size <= CACHE_LIMIT) break;
      this.#cache.delete(oldest);
    }
  }

  /** Rewrites index.json soon, once for any number of changes meanwhile. */
  /**
   * Rewrites index.json at most once a second, for any number of changes meanwhile:
   * with 10,000 plans it is ~2 MB, and serialising it on every new plan or status
   * change would stall the requests around it.
   */
  #scheduleIndexWrite(): void {
    this.#indexStale = true;
    if (this.#indexWriting || this.#indexTimer) return;
    this.#indexTimer = setTimeout(() => {
      this.#indexTimer = undefined;
      void this.#writeStaleIndex().catch(() => undefined);
    }, INDEX_WRITE_DELAY_MS);
    this.#indexTimer.unref();
  }

  /** Writes the index now if it changed since the last write. */
  #writeStaleIndex(): Promise<void> {
    if (this.#indexTimer) clearTimeout(this.#indexTimer);
    this.#indexTimer = undefined;
    if (this.#indexWriting) return this.#indexWriting;
    if (!this.#indexStale) return Promise.resolve();
    const run = (async () => {
      while (this.#indexStale) {
        this.#indexStale = false;
        try {
          await this.writeIndex();
        } catch (error) {
          this.#indexStale = true; // still to do: the next change or flush tries again
          throw error;
        }
      }
    })().finally(() => (this.#indexWriting = undefined));
    this.#indexWriting = run;
    return this.#track(run);
  }

  #track(work: Promise<void>): Promise<void> {
    const settled = work.catch(() => undefined);
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
    return work;
  }

  #planPath(id: string): string {
    return join(this.#layout.plans, `${id}.json`);
  }

  protected describe(): string {
    return `plan store in ${this.dir}`;
  }
}


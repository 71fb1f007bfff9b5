/**
 * The plan store on disk, with lowdb 7. lowdb rewrites a whole file per write, so
 * each plan has its own file (`plans/<id>.json`) and saving one answer costs the
 * same however many finished plans pile up. Beside them:
 * - `index.json`: the index entries, rewritten only when an indexed field changes
 *   (status, thread, message ts, title, team, channel), so its `updatedAt` values
 *   are as of the last such change. Plan files are the truth: the index is checked
 *   and repaired from them at every open.
 * - `events.json`: the most recent Slack event keys `claimEvent` has seen.
 * - `journal-<n>.jsonl`: the write-ahead journal (see plan-journal.ts). A save is
 *   acknowledged once its line is appended there; the plan files follow in a
 *   checkpoint a moment later, and a journal left by a crash is replayed at open.
 * - `.lock`: the pid of the one process that owns the directory.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { DataFile, TextFile } from 'lowdb/node';
import { z } from 'zod';
import { acquireDirLock, type DirLock } from './dir-lock.js';
import { DEFAULT_EVENT_CAPACITY, type PlanStoreOptions } from './memory-plan-store.js';
import { IndexedPlanStore } from './indexed-plan-store.js';
import type { JournalFiles } from './journal-files.js';
import { cutTornTails, issueFields, journalPath, listJournals, PlanJournal, readJournals, type TornTail } from './plan-journal.js';
import { PlanIndex } from './plan-index.js';
import type { IndexEntry, SaveOptions, StoredRecord } from './plan-store.js';
import { RecentKeys } from './recent-keys.js';
import { StoreError } from './store-error.js';
import {
  assertEventKey,
  assertPlanId,
  PLAN_FILE,
  IndexEntrySchema,
  indexedFieldsDiffer,
  recordJson,
  StoredRecordSchema,
  toIndexEntry,
} from './stored-record.js';

const IndexFileSchema = z.object({ version: z.literal(1), plans: z.array(IndexEntrySchema) });
const EventsFileSchema = z.object({ version: z.literal(1), keys: z.array(z.string()) });
type IndexFile = z.infer<typeof IndexFileSchema>;
type EventsFile = z.infer<typeof EventsFileSchema>;

/** Options for {@link openLowdbPlanStore}. */
export interface LowdbPlanStoreOptions extends PlanStoreOptions {
  /** How many plan files are read at once while opening (default 64). */
  readConcurrency?: number;
  /**
   * The owner's own check of a record (beyond the index fields), run on every plan
   * file and journal line read: the fields that are wrong, or undefined when it is fine.
   */
  validateRecord?: (record: StoredRecord) => string[] | undefined;
  /** How the journal reaches the disk (tests inject a full disk here). */
  journalFiles?: JournalFiles;
}

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
/** How soon after a save the plan files are brought up to date. */
const CHECKPOINT_DELAY_MS = 1_000;
/** How long index changes are gathered before index.json is rewritten. */
const INDEX_WRITE_DELAY_MS = 1_000;
/** A journal this large is checkpointed at once. */
const JOURNAL_LIMIT_BYTES = 4 * 1024 * 1024;

/** Where each file lives under the data directory. */
interface Layout {
  dir: string;
  plans: string;
  index: string;
  events: string;
}

/** What to tell the operator to do about a damaged file of each kind. */
const REMEDY = {
  index: 'Move it out of the way: the bot rebuilds the index from the plan files.',
  events: 'Move it out of the way: the bot only forgets which Slack events it already handled.',
  plan: 'Restore it from a backup, or move it out of the plans directory (that plan is then lost).',
} as const;

/**
 * Opens (creating if needed) the store in `dir`: takes the directory lock, checks
 * every data file and repairs the index from the plan files. Rejects with
 * STORE_LOCKED when another live process holds the directory, and with
 * STORE_CORRUPT naming the first damaged file, which it leaves untouched.
 */
export async function openLowdbPlanStore<R extends StoredRecord = StoredRecord>(
  dir: string,
  options: LowdbPlanStoreOptions = {},
): Promise<LowdbPlanStore<R>> {
  const root = resolve(dir);
  const layout: Layout = {
    dir: root,
    plans: join(root, 'plans'),
    index: join(root, 'index.json'),
    events: join(root, 'events.json'),
  };
  const lock = await noSpaceIsClear(root, async () => {
    await mkdir(layout.plans, { recursive: true });
    return acquireDirLock(root);
  });
  try {
    const validate = options.validateRecord;
    const [indexFile, eventsFile, fileEntries] = await Promise.all([
      readJsonFile(layout.index, IndexFileSchema, REMEDY.index),
      readJsonFile(layout.events, EventsFileSchema, REMEDY.events),
      readPlanEntries(layout.plans, options.readConcurrency ?? 64, validate),
    ]);
    const journals = await listJournals(root);
    const { records: replayed, torn } = await readJournals(journals, validate);
    await cutTornTails(torn);
    // Replay: what the journals hold is newer than the plan files; write it there, then drop the journals.
    await mapLimit([...replayed.values()], 16, (record) => new TextFile(join(layout.plans, `${record.id}.json`)).write(`${JSON.stringify(record)}\n`));
    for (const journal of journals) await unlink(journal.path);
    const byId = new Map(fileEntries.map((entry) => [entry.id, entry]));
    const missingPlans = (indexFile?.plans ?? [])
      .filter((entry) => !byId.has(entry.id))
      .map((entry) => ({
        id: entry.id,
        path: join(layout.plans, `${entry.id}.json`),
        ...(entry.title === undefined ? {} : { title: entry.title }),
        restoredFromJournal: replayed.has(entry.id),
      }));
    for (const record of replayed.values()) byId.set(record.id, toIndexEntry(record));
    const entries = [...byId.values()];
    const index = new PlanIndex();
    for (const entry of entries) index.put(entry);
    const store = new LowdbPlanStore<R>({
      layout,
      lock,
      index,
      nextJournal: (journals.at(-1)?.n ?? 0) + 1,
      events: new RecentKeys(options.eventCapacity ?? DEFAULT_EVENT_CAPACITY, eventsFile?.keys),
      summary: { plans: entries.length, indexRepaired: indexIsStale(indexFile, entries), tornTails: torn, missingPlans },
      ...(validate ? { validate } : {}),
      ...(options.journalFiles ? { journalFiles: options.journalFiles } : {}),
    });
    if (store.openSummary.indexRepaired) await store.writeIndex();
    return store;
  } catch (error) {
    await lock.release();
    throw noSpaceError(root, error);
  }
}

/** A full disk at open is said as such (STORE_WRITE_FAILED), not as a raw ENOSPC. */
async function noSpaceIsClear<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw noSpaceError(dir, error);
  }
}

function noSpaceError(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return error;
  return new StoreError(
    `The plan store cannot start in ${dir}: the disk is full (${code}). Nothing was changed. Free some space on that disk, then start the bot again.`,
    'STORE_WRITE_FAILED',
    { path: dir, cause: error },
  );
}

/** The parts a store is assembled from; built by {@link openLowdbPlanStore}. */
interface StoreParts {
  layout: Layout;
  lock: DirLock;
  index: PlanIndex;
  nextJournal: number;
  events: RecentKeys;
  summary: OpenSummary;
  validate?: (record: StoredRecord) => string[] | undefined;
  journalFiles?: JournalFiles;
}

/** A {@link PlanStore} on disk; open it with {@link openLowdbPlanStore}. */
export class LowdbPlanStore<R extends StoredRecord = StoredRecord> extends IndexedPlanStore<R> {
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
    super(parts.index);
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
      await mapLimit([...snapshot], 8, ([id, json]) => new TextFile(this.#planPath(id)).write(`${json}\n`));
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

/**
 * A lowdb adapter writing `{"version":1,"<list>":[` then one item per line: about
 * 40 % smaller than JSONFile's indented output for these machine-written files
 * (index and events are rewritten whole), yet still readable and diffable.
 */
function compactFile<T extends { version: number }>(path: string, list: keyof T & string): DataFile<T> {
  return new DataFile<T>(path, {
    parse: (text) => JSON.parse(text) as T,
    stringify: (data) => {
      const items = data[list] as unknown[];
      const body = items.map((item) => JSON.stringify(item)).join(',\n');
      return `{"version":${data.version},${JSON.stringify(list)}:[\n${body}\n]}\n`;
    },
  });
}

/** True when the index file is missing or disagrees with the plan files on any indexed field. */
function indexIsStale(file: IndexFile | undefined, entries: IndexEntry[]): boolean {
  if (file === undefined || file.plans.length !== entries.length) return true;
  const onDisk = new Map(file.plans.map((entry) => [entry.id, entry]));
  return entries.some((entry) => indexedFieldsDiffer(onDisk.get(entry.id), entry));
}

/** Reads every plan file's index entry; rejects naming the first damaged file (by name). */
async function readPlanEntries(plansDir: string, concurrency: number, validate?: (record: StoredRecord) => string[] | undefined): Promise<IndexEntry[]> {
  const schema = planFileSchema(validate);
  const names = (await readdir(plansDir, { withFileTypes: true }))
    .filter((dirent) => dirent.isFile() && PLAN_FILE.test(dirent.name))
    .map((dirent) => dirent.name)
    .sort();
  const results = await mapLimit(names, concurrency, async (name) => {
    try {
      return await readPlanEntry(join(plansDir, name), name.replace(PLAN_FILE, '$1'), schema);
    } catch (error) {
      if (error instanceof StoreError) return error;
      throw error;
    }
  });
  const damaged = results.filter((result): result is StoreError => result instanceof StoreError);
  const [first] = damaged;
  if (first !== undefined) {
    if (damaged.length > 1) first.message += ` (${damaged.length - 1} more plan files are damaged too.)`;
    throw first;
  }
  return results.filter((result): result is IndexEntry => result !== undefined && !(result instanceof StoreError));
}

async function readPlanEntry(path: string, id: string, schema: z.ZodType<StoredRecord>): Promise<IndexEntry | undefined> {
  const record = await readJsonFile(path, schema, REMEDY.plan);
  if (record === undefined) return undefined; // removed while we were reading
  if (record.id !== id) {
    throw corrupt(path, `holds plan id ${JSON.stringify(record.id)} but is named after ${JSON.stringify(id)}`, REMEDY.plan);
  }
  return toIndexEntry(record);
}

/** The index fields' check plus the owner's, as one schema (so a problem names its file like any other). */
function planFileSchema(validate: ((record: StoredRecord) => string[] | undefined) | undefined): z.ZodType<StoredRecord> {
  if (!validate) return StoredRecordSchema as z.ZodType<StoredRecord>;
  return (StoredRecordSchema as z.ZodType<StoredRecord>).superRefine((record, ctx) => {
    for (const field of validate(record) ?? []) ctx.addIssue({ code: 'custom', path: field.split('.'), message: 'invalid' });
  });
}

/** Reads and validates a JSON data file; undefined when absent; STORE_CORRUPT (file untouched) when damaged. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, remedy: string): Promise<T | undefined> {
  const text = await new TextFile(path).read();
  if (text === null) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === '' ? 'it is empty' : (error as Error).message;
    throw corrupt(path, `is not valid JSON, perhaps half-written (${reason})`, remedy);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw corrupt(path, `is not in the expected format (check ${issueFields(result.error)})`, remedy);
  return result.data;
}

function corrupt(path: string, problem: string, remedy: string): StoreError {
  return new StoreError(
    `The plan store cannot use ${path}: it ${problem}. The file was left untouched. ${remedy}`,
    'STORE_CORRUPT',
    { path },
  );
}

async function mapLimit<T, U>(items: T[], limit: number, fn: (item: T) => Promise<U>): Promise<U[]> {
  const results: U[] = new Array<U>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Opening the file store: the directory lock, every data file checked, journals
 * left by a crash replayed, the index repaired from the plan files.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TextFile } from 'lowdb/node';
import type { z } from 'zod';
import type { IndexEntry, StoredRecord } from '../plan-store.js';
import { DEFAULT_EVENT_CAPACITY, type PlanStoreOptions } from '../in-process/memory-plan-store.js';
import { PlanIndex } from '../in-process/plan-index.js';
import { RecentKeys } from '../in-process/recent-keys.js';
import { StoreError } from '../store-error.js';
import { indexedFieldsDiffer, PLAN_FILE, toIndexEntry } from '../stored-record.js';
import { openChannelSettingsFile } from './channel-settings-file.js';
import { acquireDirLock } from './dir-lock.js';
import { EventsFileSchema, IndexFileSchema, layoutOf, planFileSchema, REMEDY, type IndexFile } from './file-layout.js';
import { FilePlanStore } from './file-plan-store.js';
import { openInstallationsFile } from './installations-file.js';
import type { JournalFiles } from './journal-files.js';
import { mapLimit } from './map-limit.js';
import { cutTornTails, listJournals, readJournals } from './plan-journal.js';
import { corrupt, readJsonFile } from './read-json-file.js';

/** Options for {@link openFileStore}. */
export interface FileStoreOptions extends PlanStoreOptions {
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

/**
 * Opens (creating if needed) the store in `dir`: takes the directory lock, checks
 * every data file and repairs the index from the plan files. Rejects with
 * STORE_LOCKED when another live process holds the directory, and with
 * STORE_CORRUPT naming the first damaged file, which it leaves untouched.
 */
export async function openFileStore<R extends StoredRecord = StoredRecord>(dir: string, options: FileStoreOptions = {}): Promise<FilePlanStore<R>> {
  const layout = layoutOf(dir);
  const root = layout.dir;
  const lock = await noSpaceIsClear(root, async () => {
    await mkdir(layout.plans, { recursive: true });
    return acquireDirLock(root);
  });
  try {
    const validate = options.validateRecord;
    const [indexFile, eventsFile, fileEntries, settings, installations] = await Promise.all([
      readJsonFile(layout.index, IndexFileSchema, REMEDY.index),
      readJsonFile(layout.events, EventsFileSchema, REMEDY.events),
      readPlanEntries(layout.plans, options.readConcurrency ?? 64, validate),
      openChannelSettingsFile(layout.settings),
      openInstallationsFile(layout.installations),
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
    const store = new FilePlanStore<R>({
      layout,
      lock,
      index,
      settings,
      installations,
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


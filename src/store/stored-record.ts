/**
 * Checks shared by both stores: what a valid plan id, record and index entry look
 * like, and how a record's index entry is derived.
 */
import { z } from 'zod';
import type { IndexEntry, IndexFields, StoredRecord } from './plan-store.js';
import { StoreError } from './store-error.js';

/** Ids become file names, so only a safe alphabet: no dots, slashes or spaces. The one plan-id pattern. */
const PLAN_ID_TEXT = '[A-Za-z0-9_-]{1,128}';
/** A whole valid plan id. */
export const PLAN_ID = new RegExp(`^${PLAN_ID_TEXT}$`);
/** A plan's file name, `<id>.json`, with the id as group 1; temp files (`.x.json.tmp`) and anything else a person drops in `plans/` are not plans. */
export const PLAN_FILE = new RegExp(`^(${PLAN_ID_TEXT})\\.json$`);

/** The shape every record must have; unknown fields pass through untouched. */
export const StoredRecordSchema = z.looseObject({
  id: z.string().regex(PLAN_ID),
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  threadTs: z.string().min(1).optional(),
  messageTs: z.array(z.string().min(1)).optional(),
  status: z.string().min(1),
  updatedAt: z.string().min(1),
  dueAt: z.string().min(1).optional(),
});

/** The shape of one entry in the index file. */
export const IndexEntrySchema = z.object({
  id: z.string().regex(PLAN_ID),
  teamId: z.string(),
  channelId: z.string(),
  threadTs: z.string().optional(),
  messageTs: z.array(z.string()).optional(),
  status: z.string(),
  updatedAt: z.string(),
  dueAt: z.string().optional(),
  title: z.string().optional(),
  // Not kept in the index file (it changes with every message sent): open reads it from the plan files.
  queued: z.number().int().min(0).optional(),
});

/** Throws STORE_INVALID_ID unless `id` is safe to use as a file name. */
export function assertPlanId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !PLAN_ID.test(id)) {
    const shown = typeof id === 'string' ? JSON.stringify(id.slice(0, 60)) : typeof id;
    throw new StoreError(
      `The plan id ${shown} is not valid: use 1 to 128 letters, digits, "_" or "-", e.g. plan_2024-spring.`,
      'STORE_INVALID_ID',
    );
  }
}

/**
 * The JSON a store keeps for a record: what is stored is exactly what a later `get`
 * returns, in memory as on disk, and the caller's object stays theirs. Only the id
 * and the index fields are checked (the store files, indexes and looks records up
 * by them), by hand: the rest of a record is built by typed code, so re-validating
 * it with zod on every save would only repeat the compiler's work. Records that
 * come from outside the process (plan files, the journal) are validated with
 * {@link StoredRecordSchema} where they are read.
 */
export function recordJson(record: StoredRecord): string {
  assertPlanId(record?.id);
  const problems = indexFieldProblems(record);
  if (problems.length > 0) {
    throw new StoreError(
      `Plan ${record.id} cannot be saved: these fields are missing or malformed: ${problems.join(', ')}.`,
      'STORE_INVALID_RECORD',
    );
  }
  return JSON.stringify(record);
}

/** The index fields that break {@link StoredRecordSchema}'s rules, by path (e.g. `messageTs.1`). */
function indexFieldProblems(record: StoredRecord): string[] {
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  const problems: string[] = (['teamId', 'channelId', 'status', 'updatedAt'] as const).filter((field) => !text(record[field]));
  if (record.threadTs !== undefined && !text(record.threadTs)) problems.push('threadTs');
  if (record.dueAt !== undefined && !text(record.dueAt)) problems.push('dueAt');
  const messageTs: unknown = record.messageTs;
  if (messageTs !== undefined) {
    if (!Array.isArray(messageTs)) problems.push('messageTs');
    else messageTs.forEach((ts, n) => !text(ts) && problems.push(`messageTs.${n}`));
  }
  return problems;
}

/** The index entry for a record: its index fields, plus `title` when it is a string and the length of its `outbox` list. */
export function toIndexEntry(record: StoredRecord): IndexEntry {
  const entry: IndexEntry = {
    id: record.id,
    teamId: record.teamId,
    channelId: record.channelId,
    status: record.status,
    updatedAt: record.updatedAt,
    queued: queuedCount(record),
  };
  if (record.dueAt !== undefined) entry.dueAt = record.dueAt;
  if (record.threadTs !== undefined) entry.threadTs = record.threadTs;
  if (record.messageTs !== undefined) entry.messageTs = [...record.messageTs];
  if (typeof record.title === 'string') entry.title = record.title;
  return entry;
}

/** How many items the record's `outbox` list holds (0 without one). */
export function queuedCount(record: StoredRecord): number {
  return Array.isArray(record.outbox) ? record.outbox.length : 0;
}

/** An index entry as the index file keeps it (without the outbox count). */
type IndexedFields = IndexFields & { title?: string };

/** True when two entries differ in a field worth rewriting the index file for (not `updatedAt` or `queued`). */
export function indexedFieldsDiffer(a: IndexedFields | undefined, b: IndexedFields | undefined): boolean {
  if (a === undefined || b === undefined) return a !== b;
  return (
    a.teamId !== b.teamId ||
    a.channelId !== b.channelId ||
    a.threadTs !== b.threadTs ||
    a.status !== b.status ||
    a.title !== b.title ||
    a.dueAt !== b.dueAt ||
    !sameList(a.messageTs ?? [], b.messageTs ?? [])
  );
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Throws STORE_INVALID_ID unless `key` is a usable event key (a non-empty string of at most 256 characters). */
export function assertEventKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256) {
    throw new StoreError(
      'An event key must be a non-empty string of at most 256 characters, e.g. event:Ev0123ABCD.',
      'STORE_INVALID_ID',
    );
  }
}

/**
 * Where the file store keeps what, what to do about a damaged file of each kind,
 * and the check a plan file must pass.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { StoredRecord } from '../plan-store.js';
import { IndexEntrySchema, StoredRecordSchema } from '../stored-record.js';

export const IndexFileSchema = z.object({ version: z.literal(1), plans: z.array(IndexEntrySchema) });
export const EventsFileSchema = z.object({ version: z.literal(1), keys: z.array(z.string()) });
export type IndexFile = z.infer<typeof IndexFileSchema>;
export type EventsFile = z.infer<typeof EventsFileSchema>;

/** Where each file lives under the data directory. */
export interface Layout {
  dir: string;
  plans: string;
  index: string;
  events: string;
  settings: string;
  installations: string;
}

/** The layout under data directory `dir`. */
export function layoutOf(dir: string): Layout {
  const root = resolve(dir);
  return {
    dir: root,
    plans: join(root, 'plans'),
    index: join(root, 'index.json'),
    events: join(root, 'events.json'),
    settings: join(root, 'settings.json'),
    installations: join(root, 'installations.json'),
  };
}

/** What to tell the operator to do about a damaged file of each kind. */
export const REMEDY = {
  index: 'Move it out of the way: the bot rebuilds the index from the plan files.',
  events: 'Move it out of the way: the bot only forgets which Slack events it already handled.',
  plan: 'Restore it from a backup, or move it out of the plans directory (that plan is then lost).',
  settings: 'Fix or remove it: the channels then use the defaults from the environment.',
  installations: 'Restore it from a backup, or remove it and install the app to each workspace again.',
} as const;

/** The index fields' check plus the owner's, as one schema (so a problem names its file like any other). */
export function planFileSchema(validate: ((record: StoredRecord) => string[] | undefined) | undefined): z.ZodType<StoredRecord> {
  if (!validate) return StoredRecordSchema as z.ZodType<StoredRecord>;
  return (StoredRecordSchema as z.ZodType<StoredRecord>).superRefine((record, ctx) => {
    for (const field of validate(record) ?? []) ctx.addIssue({ code: 'custom', path: field.split('.'), message: 'invalid' });
  });
}


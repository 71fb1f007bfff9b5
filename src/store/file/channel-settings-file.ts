/**
 * Per-channel overrides of the approval settings and the channel's language, in one small file
 * (`<data dir>/settings.json`). It stays tiny (one entry per configured channel),
 * so lowdb's whole-file write costs nothing here.
 */
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { LANGUAGES } from '../../domain/message/language.js';
import type { ChannelSettingsStore } from '../plan-store.js';
import { settingsKey } from '../in-process/memory-side-stores.js';
import { REMEDY } from './file-layout.js';
import { readJsonFile } from './read-json-file.js';

/** One channel's overrides, as stored (the PostgreSQL store checks its jsonb the same way, so a new field needs no migration). */
export const ChannelSettingsSchema = z.object({
  approveEmoji: z.string().optional(),
  rejectEmoji: z.string().optional(),
  approvalsNeeded: z.number().int().min(1).max(20).optional(),
  authorCanApprove: z.boolean().optional(),
  language: z.enum(LANGUAGES).optional(),
});
const FileSchema = z.object({ channels: z.record(z.string(), ChannelSettingsSchema) });
type SettingsFile = z.infer<typeof FileSchema>;

/** Opens the settings file at `path`; a damaged file refuses to open, named and untouched. */
export async function openChannelSettingsFile(path: string): Promise<ChannelSettingsStore> {
  const existing = await readJsonFile(path, FileSchema, REMEDY.settings);
  const db = new Low<SettingsFile>(new JSONFile(path), existing ?? { channels: {} });
  if (existing) db.data = existing;
  return {
    get: async (teamId, channelId) => ({ ...db.data.channels[settingsKey(teamId, channelId)] }),
    async set(teamId, channelId, settings) {
      db.data.channels[settingsKey(teamId, channelId)] = { ...settings };
      await db.write();
    },
  };
}

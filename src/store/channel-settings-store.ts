/**
 * Per-channel overrides of the approval settings, in one small file
 * (`<data dir>/settings.json`). It stays tiny (one entry per configured channel),
 * so lowdb's whole-file write costs nothing here.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import type { ChannelSettings } from '../domain/approval/channel-config.js';
import { LANGUAGES } from '../domain/message/language.js';
import { readJsonFile } from './lowdb-plan-store.js';

const SettingsSchema = z.object({
  approveEmoji: z.string().optional(),
  rejectEmoji: z.string().optional(),
  approvalsNeeded: z.number().int().min(1).max(20).optional(),
  authorCanApprove: z.boolean().optional(),
  language: z.enum(LANGUAGES).optional(),
});
const FileSchema = z.object({ channels: z.record(z.string(), SettingsSchema) });
type SettingsFile = z.infer<typeof FileSchema>;

export interface ChannelSettingsStore {
  get(teamId: string, channelId: string): ChannelSettings;
  set(teamId: string, channelId: string, settings: ChannelSettings): Promise<void>;
}

const keyOf = (teamId: string, channelId: string) => `${teamId}/${channelId}`;

/** In memory, for tests and the playground's throwaway runs. */
export function memoryChannelSettings(): ChannelSettingsStore {
  const channels = new Map<string, ChannelSettings>();
  return {
    get: (teamId, channelId) => ({ ...channels.get(keyOf(teamId, channelId)) }),
    async set(teamId, channelId, settings) {
      channels.set(keyOf(teamId, channelId), { ...settings });
    },
  };
}

/** Opens the settings file in `dir`; a damaged file refuses to open, named and untouched. */
export async function openChannelSettings(dir: string): Promise<ChannelSettingsStore> {
  const path = join(dir, 'settings.json');
  const existing = await readJsonFile(path, FileSchema, 'Fix or remove it: the channels then use the defaults from the environment.');
  const db = new Low<SettingsFile>(new JSONFile(path), existing ?? { channels: {} });
  if (existing) db.data = existing;
  return {
    get: (teamId, channelId) => ({ ...db.data.channels[keyOf(teamId, channelId)] }),
    async set(teamId, channelId, settings) {
      db.data.channels[keyOf(teamId, channelId)] = { ...settings };
      await db.write();
    },
  };
}

/**
 * The app's Slack installations, in `<data dir>/installations.json` (one entry per
 * workspace or organisation). It holds bot tokens, so it is written readable by its
 * owner only (0600).
 */
import { chmod } from 'node:fs/promises';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { installationKey } from '../installation-key.js';
import type { InstallationStore, StoredInstallation } from '../plan-store.js';
import { REMEDY } from './file-layout.js';
import { readJsonFile } from './read-json-file.js';

const InstallationSchema = z.object({
  teamId: z.string().optional(),
  enterpriseId: z.string().optional(),
  isEnterpriseInstall: z.boolean().optional(),
  installation: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
const FileSchema = z.object({ version: z.literal(1), installations: z.record(z.string(), InstallationSchema) });
type InstallationsFile = z.infer<typeof FileSchema>;

/** Opens the installations file at `path` (created on the first save); a damaged file refuses to open, named and untouched. */
export async function openInstallationsFile(path: string): Promise<InstallationStore> {
  const existing = await readJsonFile(path, FileSchema, REMEDY.installations);
  const db = new Low<InstallationsFile>(new JSONFile(path), existing ?? { version: 1, installations: {} });
  const write = async () => {
    await db.write();
    await chmod(path, 0o600);
  };
  return {
    async get(key) {
      const found = db.data.installations[installationKey(key)];
      return found === undefined ? undefined : (structuredClone(found) as StoredInstallation);
    },
    async save(installation) {
      db.data.installations[installationKey(installation)] = JSON.parse(JSON.stringify(installation)) as StoredInstallation;
      await write();
    },
    async delete(key) {
      const name = installationKey(key);
      if (!(name in db.data.installations)) return false;
      delete db.data.installations[name];
      await write();
      return true;
    },
  };
}

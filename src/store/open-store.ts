/**
 * Which store the bot runs on: PostgreSQL when DATABASE_URL is set (several
 * instances may share it), else the file store under IMC_DATA_DIR (one process).
 */
import type { Config } from '../config.js';
import type { FileStoreOptions } from './file/open-file-store.js';
import { openFileStore } from './file/open-file-store.js';
import type { OpenSummary } from './file/file-plan-store.js';
import type { PlanStore, StoredRecord } from './plan-store.js';
import { openPostgresStore } from './postgres/open-postgres-store.js';
import type { StoreLogger } from './postgres/postgres-plan-store.js';

/** The store and what opening it found. */
export interface OpenedStore<R extends StoredRecord> {
  store: PlanStore<R>;
  /** Where the data lives, for the start-up line (never a password). */
  describe: string;
  /** What opening the file store found (torn journal lines, deleted plan files). */
  openSummary?: OpenSummary;
}

export interface OpenStoreOptions extends Pick<FileStoreOptions, 'validateRecord' | 'journalFiles'> {
  logger?: StoreLogger;
}

export async function openStore<R extends StoredRecord>(config: Pick<Config, 'dataDir' | 'databaseUrl'>, options: OpenStoreOptions = {}): Promise<OpenedStore<R>> {
  if (config.databaseUrl) {
    const { store, migration } = await openPostgresStore<R>(config.databaseUrl, options.logger ? { logger: options.logger } : {});
    if (migration.to !== migration.from) options.logger?.info('database schema migrated', { from: migration.from, to: migration.to });
    return { store, describe: store.describe };
  }
  const store = await openFileStore<R>(config.dataDir, {
    ...(options.validateRecord ? { validateRecord: options.validateRecord } : {}),
    ...(options.journalFiles ? { journalFiles: options.journalFiles } : {}),
  });
  return { store, describe: `files in ${store.dir}`, openSummary: store.openSummary };
}

/**
 * The schema, created and migrated at start: plain SQL files in
 * `migrations/postgres/` (`0001-initial.sql`, `0002-….sql`), applied in order, all
 * in one transaction under an advisory lock (two instances starting at once apply
 * them once), each recorded in `schema_migrations`. A database migrated by a newer
 * bot (a version this one has no file for) is refused rather than used.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { projectRoot } from '../../project-root.js';
import { StoreError } from '../store-error.js';
import { isConnectionFailure } from './postgres-errors.js';

/** The repository's migrations/postgres/ folder. */
export const MIGRATIONS_DIR = join(projectRoot(), 'migrations', 'postgres');

const FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;
/** Any constant: the advisory lock all instances take while migrating. */
const MIGRATION_LOCK = 746_201_400;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in `dir`, in order; rejects on a gap or a duplicate version. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => FILE.test(name)).sort();
  const migrations = await Promise.all(
    names.map(async (name) => {
      const [, version = '', label = ''] = FILE.exec(name) ?? [];
      return { version: Number(version), name: label, sql: await readFile(join(dir, name), 'utf8') };
    }),
  );
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`${dir}: migration ${String(index + 1).padStart(4, '0')} is missing or given twice; versions must run 0001, 0002, …`);
  });
  return migrations;
}

/** What {@link migrate} did. */
export interface MigrationResult {
  /** The schema version found (0: an empty database). */
  from: number;
  /** The version now. */
  to: number;
}

/** Brings the schema up to date, in one transaction; nothing is changed when a migration fails. */
export async function migrate(pool: pg.Pool, migrations: Migration[]): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const from = rows[0]?.version ?? 0;
    const known = migrations.at(-1)?.version ?? 0;
    if (from > known) {
      throw new StoreError(
        `The database's schema is at version ${from}, but this bot knows versions up to ${known}: a newer imc-bot has migrated it. Run that version (or newer) against this database.`,
        'STORE_SCHEMA_TOO_NEW',
      );
    }
    for (const migration of migrations.filter((m) => m.version > from)) {
      try {
        await client.query(migration.sql);
      } catch (error) {
        if (isConnectionFailure(error)) throw error;
        const file = `${String(migration.version).padStart(4, '0')}-${migration.name}.sql`;
        throw new StoreError(
          `Migrating the database's schema failed in ${file} (${(error as Error).message}). Nothing was changed: the schema is still at version ${from}. Fix the migration (or the database), then start again.`,
          'STORE_MIGRATION_FAILED',
          { cause: error },
        );
      }
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, known) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

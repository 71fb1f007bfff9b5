/**
 * The PostgreSQL schema at start: created on an empty database, left alone when
 * current, a failing migration rolled back whole (with the file named), a database
 * from a newer bot refused, and migration files that skip a version refused.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../src/store/postgres/migrate.js';
import { openPostgresStore } from '../../src/store/postgres/open-postgres-store.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres/test-database.js';

let database: TestDatabase;
let pool: pg.Pool;
const dirs: string[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  // A connection still closing when the database is dropped reports it here, not as a crash.
  pool.on('error', () => undefined);
});

afterEach(async () => {
  await pool.end();
  await database.drop();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A migrations folder holding the repository's migrations and then `more` (file name → SQL). */
async function migrationsWith(more: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'imc-migrations-'));
  dirs.push(dir);
  for (const name of (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql'))) await writeFile(join(dir, name), await readFile(join(MIGRATIONS_DIR, name), 'utf8'));
  for (const [name, sql] of Object.entries(more)) await writeFile(join(dir, name), sql);
  return dir;
}

/** The repository's latest schema version. */
const KNOWN = (await readMigrations()).length;
/** The file name of the migration `ahead` versions past the repository's. */
const next = (label: string, ahead = 1) => `${String(KNOWN + ahead).padStart(4, '0')}-${label}.sql`;

const tables = async () =>
  (await pool.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((row) => row.name);
const versions = async () => (await pool.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;

describe('the PostgreSQL schema at start', () => {
  it('is created on an empty database, recorded in schema_migrations, and left alone the next time', async () => {
    const migrations = await readMigrations();
    expect(await migrate(pool, migrations)).toEqual({ from: 0, to: migrations.length });
    expect(await tables()).toEqual(expect.arrayContaining(['plans', 'channel_settings', 'installations', 'event_claims', 'leases', 'shared_keys', 'schema_migrations']));
    expect((await versions())[0]).toEqual({ version: 1, name: 'initial' });
    expect(await versions()).toHaveLength(KNOWN);
    await pool.query(`INSERT INTO channel_settings (team_id, channel_id, settings) VALUES ('T1', 'C1', '{}')`);
    // Started again: nothing applied twice, nothing lost.
    expect(await migrate(pool, migrations)).toEqual({ from: migrations.length, to: migrations.length });
    expect(await versions()).toHaveLength(migrations.length);
    expect((await pool.query('SELECT * FROM channel_settings')).rowCount).toBe(1);
  });

  it('applies a new migration on top of the data, once', async () => {
    await migrate(pool, await readMigrations());
    await pool.query(`INSERT INTO channel_settings (team_id, channel_id, settings) VALUES ('T1', 'C1', '{"approvalsNeeded":1}')`);
    const dir = await migrationsWith({ [next('settings-note')]: 'ALTER TABLE channel_settings ADD COLUMN note text;' });
    expect(await migrate(pool, await readMigrations(dir))).toEqual({ from: KNOWN, to: KNOWN + 1 });
    expect(await migrate(pool, await readMigrations(dir))).toEqual({ from: KNOWN + 1, to: KNOWN + 1 });
    expect((await versions()).at(-1)).toEqual({ version: KNOWN + 1, name: 'settings-note' });
    expect((await pool.query('SELECT settings, note FROM channel_settings')).rows).toEqual([{ settings: { approvalsNeeded: 1 }, note: null }]);
  });

  it('rolls a failing migration back whole, naming its file, so the database is as it was', async () => {
    const dir = await migrationsWith({
      [next('half-done')]: 'CREATE TABLE half_done (id text); ALTER TABLE plans ADD COLUMN owner text; SELECT no_such_function();',
    });
    const error = await migrate(pool, await readMigrations(dir)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STORE_MIGRATION_FAILED' });
    expect((error as Error).message).toContain(next('half-done'));
    expect((error as Error).message).toContain('still at version 0');
    // Not even the migrations before it stayed: all of them ran in one transaction.
    expect(await tables()).toEqual([]);
  });

  it('refuses a database a newer bot has migrated, saying what to run', async () => {
    await migrate(pool, await readMigrations(await migrationsWith({ [next('newer')]: 'CREATE TABLE newer (id text);' })));
    const error = await openPostgresStore(database.url).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STORE_SCHEMA_TOO_NEW' });
    expect((error as Error).message).toContain(`schema is at version ${KNOWN + 1}, but this bot knows versions up to ${KNOWN}`);
    expect(await versions()).toHaveLength(KNOWN + 1);
  });

  it('refuses migration files that skip or repeat a version', async () => {
    const missing = `migration ${String(KNOWN + 1).padStart(4, '0')} is missing or given twice`;
    await expect(readMigrations(await migrationsWith({ [next('skipped', 2)]: 'SELECT 1;' }))).rejects.toThrow(missing);
    await expect(readMigrations(await migrationsWith({ '0001-again.sql': 'SELECT 1;' }))).rejects.toThrow('migration 0002 is missing or given twice');
  });
});

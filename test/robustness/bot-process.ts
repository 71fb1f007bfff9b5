/**
 * Runs `src/main.ts` as a real child process, the way `npm start` does, so tests can
 * kill it with SIGKILL or watch it refuse to start. Its working directory is a temp
 * directory, so a developer's own `.env` never leaks in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanRecord } from '../../src/app/plan-record.js';
import { listJournals, readJournals } from '../../src/store/file/plan-journal.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/bot-harness.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** A bot process and what it has written so far. */
export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** Everything written to stdout and stderr so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export { freePort } from '../support/free-port.js';

/** Starts `node --import tsx src/main.ts` (or `script`, a built file) with the test token and secret; `env` adds or overrides variables. */
export function spawnBot(options: { cwd: string; dataDir: string; slackApiUrl: string; port: number; env?: Record<string, string>; script?: string }): BotProcess {
  const child = spawn(process.execPath, options.script ? [options.script] : ['--import', TSX, MAIN], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: options.slackApiUrl,
      IMC_DATA_DIR: options.dataDir,
      IMC_TIME_ZONE: 'Asia/Shanghai',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, port: options.port, output: () => ({ stdout, stderr }), exited };
}

/** Waits until the bot answers `GET /healthz`; fails early, with its output, if it exits first. */
export async function waitForHealth(bot: BotProcess, timeoutMs = 15_000): Promise<void> {
  let exit: { code: number | null } | undefined;
  void bot.exited.then((result) => (exit = result));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`the bot exited with ${String(exit.code)} before it was healthy: ${bot.output().stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the bot was not healthy within ${timeoutMs} ms: ${bot.output().stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Ends the process if it still runs (SIGKILL: the tests never need a graceful stop here). */
export async function killBot(bot: BotProcess | undefined): Promise<void> {
  if (!bot || bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  bot.child.kill('SIGKILL');
  await bot.exited;
}

/**
 * The plan as the bot last saved it: its plan file, overlaid with the journals (where
 * a save is acknowledged before the plan file catches up). A journal can disappear
 * between listing and reading it (a checkpoint just finished): then read again.
 */
export async function readPlan(dataDir: string, planId: string): Promise<PlanRecord> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const journaled = (await readJournals(await listJournals(dataDir))).records.get(planId);
      if (journaled) return journaled as PlanRecord;
      return JSON.parse(await readFile(join(dataDir, 'plans', `${planId}.json`), 'utf8')) as PlanRecord;
    } catch (error) {
      if (attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** What a process test holds: the fake Slack, the bot process, and the temp directory they use. */
export interface ProcessTestState {
  fake?: { close(): Promise<void> };
  bot?: BotProcess;
  root?: string;
}

/** Kills the bot, stops the fake and removes the temp directory, whichever of them exist. */
export async function cleanUpProcessTest(state: ProcessTestState): Promise<void> {
  await killBot(state.bot);
  await state.fake?.close();
  if (state.root) await rm(state.root, { recursive: true, force: true });
}

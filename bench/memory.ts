/**
 * Memory: the bot's resident memory with 1,000 conversations open, measured twice,
 * each time with the bot alone in a child process (neither the fake Slack, the load
 * generator nor any other benchmark is counted) while this process drives 1,000
 * people through `/imc plan` and a few answers each:
 * - as production runs it (`npm start`: the compiled `node dist/src/main.js`),
 *   reading its resident set from /proc: this is what the target is judged on;
 * - under tsx (`app-process.ts`), after forced garbage collection, for the heap
 *   figures per conversation.
 *
 * Run alone: npx tsx bench/memory.ts [conversations]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeSlack } from '../src/local-slack/fake-slack-api.js';
import { createSlackDriver } from '../src/local-slack/slack-driver.js';
import { spawnApp, startArguments, type MemorySnapshot } from './app-process.js';
import { formatMb, isMain, table, type TargetResult } from './stats.js';
import { BOT_TOKEN, ChannelWatch, mapLimit, person, runPerson, SIGNING_SECRET, startBenchSlack } from './support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const ANSWERS_EACH = 3;
const CONCURRENCY = 50;
const RSS_TARGET_BYTES = 200e6;

/** Memory when idle and with the conversations open. */
export interface MemoryResult {
  conversations: number;
  answersEach: number;
  /** The compiled bot as `npm start` runs it: resident set in bytes. */
  production: { idle: number; open: number };
  /** The bot under tsx, after forced garbage collection. */
  idle: MemorySnapshot;
  open: MemorySnapshot;
  targets: TargetResult[];
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The resident set of a process, from /proc (Linux). */
async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** Resolves once the fake Slack has seen no call for `quietMs`. */
async function quiet(fake: FakeSlack, quietMs = 1_500): Promise<void> {
  let seen = -1;
  while (seen !== fake.calls.length) {
    seen = fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/** Drives the load against the production build (`node dist/src/main.js`) and reads its memory. */
async function productionMemory(conversations: number): Promise<{ idle: number; open: number }> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  const fake = await startBenchSlack(conversations);
  const dataDir = await mkdtemp(join(tmpdir(), 'imc-bench-memory-prod-'));
  const port = await freePort();
  const child = spawn(process.execPath, await startArguments(ROOT), {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      IMC_DATA_DIR: join(dataDir, 'data'),
      IMC_TIME_ZONE: 'Asia/Shanghai',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const watch = new ChannelWatch(fake);
  try {
    for (let attempt = 0; ; attempt += 1) {
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (healthy) break;
      if (attempt > 200) throw new Error('the production bot did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idle = await residentBytes(child.pid as number);
    const world = { fake, driver: createSlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, fake }) };
    const people = Array.from({ length: conversations }, (_, n) => person(n));
    await mapLimit(people, CONCURRENCY, (p) => runPerson(world, watch, p, { maxAnswers: ANSWERS_EACH, timeoutMs: 120_000 }));
    await quiet(fake);
    return { idle, open: await residentBytes(child.pid as number) };
  } finally {
    watch.close();
    child.kill('SIGTERM');
    await exited;
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs the benchmark. */
export async function runMemory(conversations = 1_000): Promise<MemoryResult> {
  const production = await productionMemory(conversations);
  const fake = await startBenchSlack(conversations);
  const dataDir = await mkdtemp(join(tmpdir(), 'imc-bench-memory-'));
  const app = await spawnApp('bot', fake.url, dataDir);
  const watch = new ChannelWatch(fake);
  try {
    const idle = await app.measure();
    const world = { fake, driver: createSlackDriver({ botUrl: app.url, signingSecret: SIGNING_SECRET, fake }) };
    const people = Array.from({ length: conversations }, (_, n) => person(n));
    await mapLimit(people, CONCURRENCY, (p) => runPerson(world, watch, p, { maxAnswers: ANSWERS_EACH, timeoutMs: 120_000 }));
    const open = await app.measure();
    return {
      conversations,
      answersEach: ANSWERS_EACH,
      production,
      idle,
      open,
      targets: [
        {
          benchmark: 'memory (npm start)',
          target: `RSS ≤ ${formatMb(RSS_TARGET_BYTES)} with ${conversations.toLocaleString('en')} conversations open`,
          measured: formatMb(production.open),
          pass: production.open <= RSS_TARGET_BYTES,
        },
      ],
    };
  } finally {
    watch.close();
    await app.stop();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The result as a table. */
export function formatMemory(result: MemoryResult): string {
  const row = (label: string, m: MemorySnapshot) => [label, formatMb(m.rss), formatMb(m.heapUsed), formatMb(m.heapTotal), formatMb(m.external)];
  const perConversation = (result.open.heapUsed - result.idle.heapUsed) / result.conversations;
  return [
    `Memory of the bot as npm start runs it (node with its heap limits, dist/src/main.js, alone; resident set, no forced GC): ${formatMb(result.production.idle)} started, ${formatMb(result.production.open)} with ${result.conversations.toLocaleString('en')} conversations open`,
    '',
    `Memory of the bot under tsx (alone, after GC): ${result.conversations.toLocaleString('en')} conversations open, ${result.answersEach} answers each; about ${(perConversation / 1024).toFixed(1)} KB of heap per open conversation`,
    table([['state', 'rss', 'heap used', 'heap total', 'external'], row('started, no plans', result.idle), row('conversations open', result.open)]),
  ].join('\n');
}

if (isMain(import.meta.url)) console.log(formatMemory(await runMemory(Number(process.argv[2] ?? 1_000))));

/**
 * Memory: the bot's resident memory with 1,000 conversations open. The bot runs
 * alone in a child process (`app-process.ts`), so neither the fake Slack,
 * the load generator nor any other benchmark is counted; this process drives
 * 1,000 people through `/imc plan` and a few answers each, then asks the child
 * to collect garbage and report `process.memoryUsage()`.
 *
 * Run alone: npx tsx bench/memory.ts [conversations]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackDriver } from '../src/local-slack/slack-driver.js';
import { spawnApp, type MemorySnapshot } from './app-process.js';
import { formatMb, isMain, table, type TargetResult } from './stats.js';
import { ChannelWatch, mapLimit, person, runPerson, SIGNING_SECRET, startBenchSlack } from './support.js';

const ANSWERS_EACH = 3;
const CONCURRENCY = 50;
const RSS_TARGET_BYTES = 200e6;

/** Memory when idle and with the conversations open. */
export interface MemoryResult {
  conversations: number;
  answersEach: number;
  idle: MemorySnapshot;
  open: MemorySnapshot;
  targets: TargetResult[];
}

/** Runs the benchmark. */
export async function runMemory(conversations = 1_000): Promise<MemoryResult> {
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
      idle,
      open,
      targets: [
        {
          benchmark: 'memory',
          target: `RSS ≤ ${formatMb(RSS_TARGET_BYTES)} with ${conversations.toLocaleString('en')} conversations open`,
          measured: formatMb(open.rss),
          pass: open.rss <= RSS_TARGET_BYTES,
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
    `Memory of the bot process (alone, after GC): ${result.conversations.toLocaleString('en')} conversations open, ${result.answersEach} answers each; about ${(perConversation / 1024).toFixed(1)} KB of heap per open conversation`,
    table([['state', 'rss', 'heap used', 'heap total', 'external'], row('started, no plans', result.idle), row('conversations open', result.open)]),
  ].join('\n');
}

if (isMain(import.meta.url)) console.log(formatMemory(await runMemory(Number(process.argv[2] ?? 1_000))));

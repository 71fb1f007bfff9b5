/**
 * Memory: the bot's resident memory with 1,000 conversations open. The bot runs
 * alone in a child process (this file with `--bot`), so neither the fake Slack,
 * the load generator nor any other benchmark is counted; this process drives
 * 1,000 people through `/imc plan` and a few answers each, then asks the child
 * to collect garbage and report `process.memoryUsage()`.
 *
 * Run alone: npx tsx bench/memory.ts [conversations]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackDriver } from '../src/local-slack/slack-driver.js';
import { collectGarbage, formatMb, isMain, table, type TargetResult } from './stats.js';
import { ChannelWatch, mapLimit, person, runPerson, SIGNING_SECRET, startBenchBot, startBenchSlack } from './support.js';

const ANSWERS_EACH = 3;
const CONCURRENCY = 50;
const RSS_TARGET_BYTES = 200e6;

/** The child's memory at one moment. */
interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** Memory when idle and with the conversations open. */
export interface MemoryResult {
  conversations: number;
  answersEach: number;
  idle: MemorySnapshot;
  open: MemorySnapshot;
  targets: TargetResult[];
}

type ToChild = { type: 'measure' } | { type: 'stop' };
type FromChild = { type: 'started'; url: string } | { type: 'memory'; memory: MemorySnapshot } | { type: 'stopped' };

/** The child's side: start the bot, answer measure requests, stop on request. */
async function serveBot(slackApiUrl: string, dataDir: string): Promise<void> {
  const { bot, url } = await startBenchBot(slackApiUrl, dataDir);
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', (message: ToChild) => {
    if (message.type === 'measure') {
      void bot.idle().then(() => {
        for (let n = 0; n < 3; n += 1) collectGarbage();
        const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
        send({ type: 'memory', memory: { rss, heapUsed, heapTotal, external, arrayBuffers } });
      });
    } else {
      void bot.stop().then(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
    }
  });
  send({ type: 'started', url });
}

/** Sends `message` to the child and resolves with its first reply of `type`. */
function ask<T extends FromChild['type']>(child: ChildProcess, message: ToChild | undefined, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromChild) => {
      if (reply.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(reply as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`the bot process exited with ${code} before answering ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

/** Runs the benchmark. */
export async function runMemory(conversations = 1_000): Promise<MemoryResult> {
  const fake = await startBenchSlack(conversations);
  const dataDir = await mkdtemp(join(tmpdir(), 'imc-bench-memory-'));
  const child = fork(fileURLToPath(import.meta.url), ['--bot', fake.url, dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const watch = new ChannelWatch(fake);
  try {
    const { url } = await ask(child, undefined, 'started');
    const { memory: idle } = await ask(child, { type: 'measure' }, 'memory');
    const world = { fake, driver: createSlackDriver({ botUrl: url, signingSecret: SIGNING_SECRET, fake }) };
    const people = Array.from({ length: conversations }, (_, n) => person(n));
    await mapLimit(people, CONCURRENCY, (p) => runPerson(world, watch, p, { maxAnswers: ANSWERS_EACH, timeoutMs: 120_000 }));
    const { memory: open } = await ask(child, { type: 'measure' }, 'memory');
    await ask(child, { type: 'stop' }, 'stopped');
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
    if (child.exitCode === null) child.kill();
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

if (isMain(import.meta.url)) {
  if (process.argv[2] === '--bot') await serveBot(process.argv[3] ?? '', process.argv[4] ?? '');
  else console.log(formatMemory(await runMemory(Number(process.argv[2] ?? 1_000))));
}

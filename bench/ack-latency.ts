/**
 * Acknowledgement latency through the real HTTP receiver with signed requests, on
 * loopback. 100 simulated people run whole plans at once against the bot; then
 * the very same request bodies are replayed, re-signed, at the same moments,
 * against a bare Bolt app that only acks, so the bot's overhead is a ratio.
 *
 * Run alone: npx tsx bench/ack-latency.ts [people] [paced|stress]
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { createLogger, toBoltLogger } from '../src/app/create-logger.js';
import { collectGarbage, formatMs, formatRatio, isMain, summarise, summaryCells, table, type Summary, type TargetResult } from './stats.js';
import {
  BOT_ID,
  BOT_TOKEN,
  BOT_USER_ID,
  ChannelWatch,
  person,
  runPerson,
  seededRandom,
  sendSigned,
  SIGNING_SECRET,
  startBenchWorld,
  type BenchWorld,
  type RequestKind,
  type SentRequest,
} from './support.js';

const KINDS: readonly RequestKind[] = ['command', 'action', 'message'];
const P99_TARGET_MS = 50;
const RATIO_TARGET = 1.5;

/** p50/p99/max per kind of request, and over all of them. */
export type KindSummaries = Record<RequestKind | 'all', Summary>;

/** One load shape run against the bot, then replayed against the bare app. */
export interface AckScenario {
  name: string;
  /** How long each person waits before each request, in ms (a range; 0 for none). */
  think: { minMs: number; maxMs: number };
  requests: number;
  wallMs: number;
  bot: KindSummaries;
  bare: KindSummaries;
}

/** Both scenarios and the targets judged on them. */
export interface AckLatencyResult {
  people: number;
  scenarios: AckScenario[];
  targets: TargetResult[];
}

/** A Bolt app configured like the bot's receiver whose listeners only acknowledge. */
async function startBareApp(): Promise<{ url: string; stop(): Promise<void> }> {
  const logger = createLogger({ level: 'info', write: () => undefined });
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    processBeforeResponse: true,
    convoStore: false,
    botUserId: BOT_USER_ID,
    botId: BOT_ID,
    logger: toBoltLogger(logger) as never,
    logLevel: LogLevel.INFO,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.message(async () => undefined);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: async () => void (await app.stop()) };
}

/** Replays `requests` against `url`, each at its recorded offset from now, and returns the timed copies. */
async function replay(url: string, requests: readonly SentRequest[]): Promise<SentRequest[]> {
  const startedAt = performance.now();
  return Promise.all(
    requests.map(async (request) => {
      const wait = request.offsetMs - (performance.now() - startedAt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const { status, elapsedMs } = await sendSigned(url, request.body, request.contentType);
      if (status !== 200) throw new Error(`the bare app answered a ${request.kind} with ${status}`);
      return { ...request, status, elapsedMs };
    }),
  );
}

/** Every person runs a whole plan at once; returns all their requests, oldest first. */
async function runPeople(world: BenchWorld, first: number, count: number, think: AckScenario['think']): Promise<SentRequest[]> {
  const watch = new ChannelWatch(world.fake);
  const random = seededRandom(first + 1);
  const thinkMs = () => think.minMs + random() * (think.maxMs - think.minMs);
  const startedAt = performance.now();
  try {
    const runs = await Promise.all(
      Array.from({ length: count }, (_, n) => runPerson(world, watch, person(first + n), { startedAt, thinkMs, timeoutMs: 90_000 })),
    );
    const unfinished = runs.filter((run) => !run.finished).length;
    if (unfinished > 0) throw new Error(`${unfinished} plans did not finish`);
    return runs.flatMap((run) => run.requests).sort((a, b) => a.offsetMs - b.offsetMs);
  } finally {
    watch.close();
  }
}

function byKind(requests: readonly SentRequest[]): KindSummaries {
  const of = (kind: RequestKind) => summarise(requests.filter((r) => r.kind === kind).map((r) => r.elapsedMs));
  return { command: of('command'), action: of('action'), message: of('message'), all: summarise(requests.map((r) => r.elapsedMs)) };
}

/** Runs the load on the bot, lets it go quiet, then replays the same requests on the bare app. */
async function runScenario(world: BenchWorld, bareUrl: string, name: string, first: number, people: number, think: AckScenario['think']): Promise<AckScenario> {
  collectGarbage();
  const wallStart = performance.now();
  const sent = await runPeople(world, first, people, think);
  const wallMs = performance.now() - wallStart;
  // Neither app competes with the other: the bot finishes its Slack calls first,
  // and the fake Slack forgets what it recorded, so its memory is no one's burden.
  await world.bot.idle();
  world.fake.reset({ state: true });
  collectGarbage();
  const replayed = await replay(bareUrl, sent);
  return { name, think, requests: sent.length, wallMs, bot: byKind(sent), bare: byKind(replayed) };
}

function judge(scenario: AckScenario): TargetResult[] {
  const label = `ack latency (${scenario.name})`;
  const ratio = scenario.bot.all.p99 / scenario.bare.all.p99;
  return [
    ...(['all', ...KINDS] as const).map((kind) => ({
      benchmark: kind === 'all' ? label : `${label}: ${kind}`,
      target: `p99 ≤ ${P99_TARGET_MS} ms`,
      measured: formatMs(scenario.bot[kind].p99),
      pass: scenario.bot[kind].p99 <= P99_TARGET_MS,
    })),
    { benchmark: label, target: `p99 ≤ ${RATIO_TARGET}× bare Bolt p99`, measured: formatRatio(ratio), pass: ratio <= RATIO_TARGET },
  ];
}

/**
 * Runs the benchmark: a warm-up round (10 people) on both apps, then two loads of
 * `people` people each: "paced" (each person takes 0.5-1.5 s before each request,
 * a very fast human) and "no think time" (each answers the instant the question
 * appears: a stress test of throughput, where latency is mostly queueing).
 */
export async function runAckLatency(people = 100, only?: 'paced' | 'stress'): Promise<AckLatencyResult> {
  const warmUp = 10;
  const world = await startBenchWorld(warmUp + 2 * people);
  const bare = await startBareApp();
  try {
    const none = { minMs: 0, maxMs: 0 };
    await replay(bare.url, await runPeople(world, 0, warmUp, none));
    await world.bot.idle();
    world.fake.reset({ state: true });
    const scenarios: AckScenario[] = [];
    if (only !== 'stress') scenarios.push(await runScenario(world, bare.url, 'paced', warmUp, people, { minMs: 500, maxMs: 1_500 }));
    if (only !== 'paced') scenarios.push(await runScenario(world, bare.url, 'no think time', warmUp + people, people, none));
    return { people, scenarios, targets: scenarios.flatMap(judge) };
  } finally {
    await bare.stop();
    await world.close();
  }
}

/** The result as tables, one per scenario. */
export function formatAckLatency(result: AckLatencyResult): string {
  return result.scenarios
    .map((scenario) => {
      const rows = (['command', 'action', 'message', 'all'] as const).map((kind) => [
        kind,
        ...summaryCells(scenario.bot[kind]),
        ...summaryCells(scenario.bare[kind]).slice(0, 3),
        formatRatio(scenario.bot[kind].p99 / scenario.bare[kind].p99),
      ]);
      const think = scenario.think.maxMs > 0 ? `${scenario.think.minMs}-${scenario.think.maxMs} ms before each request` : 'no think time';
      return [
        `Ack latency, ${scenario.name}: ${result.people} people running whole plans at once (${think}), ${scenario.requests} requests in ${(scenario.wallMs / 1000).toFixed(1)} s`,
        table([['kind', 'bot p50', 'bot p99', 'bot max', 'n', 'bare p50', 'bare p99', 'bare max', 'p99 ratio'], ...rows]),
      ].join('\n');
    })
    .join('\n\n');
}

if (isMain(import.meta.url)) {
  const only = process.argv[3];
  const result = await runAckLatency(Number(process.argv[2] ?? 100), only === 'paced' || only === 'stress' ? only : undefined);
  console.log(formatAckLatency(result));
}

/**
 * Acknowledgement latency through the real HTTP receiver with signed requests, on
 * loopback. 100 simulated people run whole plans at once against the bot; then
 * the very same request bodies are replayed, re-signed, at the same moments,
 * against a bare Bolt app that only acks, so the bot's overhead is a ratio.
 *
 * Run alone: npx tsx bench/ack-latency.ts [people] [paced|stress]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackDriver, type SlackDriver } from '../src/local-slack/slack-driver.js';
import type { FakeSlack } from '../src/local-slack/fake-slack-api.js';
import { spawnApp, type AppProcess } from './app-process.js';
import { collectGarbage, formatMs, formatRatio, isMain, summarise, summaryCells, table, type Summary, type TargetResult } from './stats.js';
import { ChannelWatch, person, runPerson, seededRandom, sendSigned, SIGNING_SECRET, startBenchSlack, type RequestKind, type SentRequest } from './support.js';

/** The fake Slack and the driver here; the bot in its own process. */
interface World {
  fake: FakeSlack;
  bot: AppProcess;
  driver: SlackDriver;
}

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
async function runPeople(world: World, first: number, count: number, think: AckScenario['think']): Promise<SentRequest[]> {
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
async function runScenario(world: World, bareUrl: string, name: string, first: number, people: number, think: AckScenario['think']): Promise<AckScenario> {
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
  const fake = await startBenchSlack(warmUp + 2 * people);
  const dataDir = await mkdtemp(join(tmpdir(), 'imc-bench-ack-'));
  // Each app in a process of its own, as in production; the load and the fake Slack stay here.
  const bot = await spawnApp('bot', fake.url, dataDir);
  const bare = await spawnApp('bare', fake.url, dataDir);
  const world: World = { fake, bot, driver: createSlackDriver({ botUrl: bot.url, signingSecret: SIGNING_SECRET, fake }) };
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
    await bot.stop();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
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

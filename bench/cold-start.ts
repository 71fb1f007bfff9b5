/**
 * Cold start alone, for iterating on start-up: the bot and the floor app (built as the
 * three-app benchmark builds them), alternating, spawn until the first 200 from
 * `/healthz`, and the process's CPU time at that moment (read from /proc, so a busy
 * machine inflates the wall time more than the CPU time).
 *
 * With --first-request, the bot then gets `/imc plan` twice: the first ack and the time
 * until its kickoff is in the channel (what templates or modules loaded after healthy
 * would cost the first person), then the same for the second command.
 *
 * Run: npx tsx bench/cold-start.ts [times] [--no-build] [--first-request] [--root <checkout>] [--flags '<node flags for both apps>']
 */
import { buildApps, startApp, type AppKind } from './apps.js';
import { describeLoad } from './load.js';
import { formatMs, isMain, summarise, table } from './stats.js';
import { SIGNING_SECRET, person, startBenchSlack } from './support.js';
import { createSlackDriver } from '../src/local-slack/slack-driver.js';
import type { FakeSlack } from '../src/local-slack/fake-slack-api.js';

/** Per start of the bot: ack of the first and second `/imc plan`, and each until its kickoff was posted. */
const firstRequests: { ack1: number[]; posted1: number[]; ack2: number[]; posted2: number[] } = { ack1: [], posted1: [], ack2: [], posted2: [] };

async function timeCommands(fake: FakeSlack, url: string): Promise<void> {
  const p = person(0);
  const driver = createSlackDriver({ botUrl: url, signingSecret: SIGNING_SECRET, fake });
  for (const [ack, posted] of [[firstRequests.ack1, firstRequests.posted1], [firstRequests.ack2, firstRequests.posted2]] as const) {
    const before = fake.messages(p.channelId).length;
    const started = performance.now();
    const response = await driver.slashCommand({ userId: p.userId, channelId: p.channelId, text: 'plan Cold start' });
    if (response.status !== 200) throw new Error(`/imc plan answered ${response.status}`);
    ack.push(response.elapsedMs);
    while (fake.messages(p.channelId).length <= before) {
      if (performance.now() - started > 10_000) throw new Error('no kickoff within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    posted.push(performance.now() - started);
  }
}

export async function runColdStarts(times: number, root?: string, extraNodeFlags: string[] = [], firstRequest = false): Promise<string> {
  const fake = await startBenchSlack(1);
  const kinds: AppKind[] = ['bot', 'floor'];
  const wall: Record<string, number[]> = { bot: [], floor: [] };
  const cpu: Record<string, number[]> = { bot: [], floor: [] };
  try {
    for (let n = 0; n < times; n += 1) {
      for (const kind of n % 2 === 0 ? kinds : [...kinds].reverse()) {
        const app = await startApp(kind, { slackApiUrl: fake.url, extraNodeFlags, ...(root ? { root } : {}) });
        wall[kind]?.push(app.startMs);
        cpu[kind]?.push(await app.cpuMs());
        if (firstRequest && kind === 'bot') await timeCommands(fake, app.url);
        await app.stop();
      }
    }
  } finally {
    await fake.close();
  }
  const median = (values: number[]) => summarise(values).p50;
  const ratio = (m: Record<string, number[]>) => `${(median(m.bot ?? []) / median(m.floor ?? [])).toFixed(2)}×`;
  return table([
    ['app', `to healthy, median of ${times}`, 'range', 'CPU until healthy, median', 'range'],
    ...kinds.map((k) => [k, formatMs(median(wall[k] ?? [])), `${formatMs(Math.min(...(wall[k] ?? [])))}–${formatMs(Math.max(...(wall[k] ?? [])))}`, formatMs(median(cpu[k] ?? [])), `${formatMs(Math.min(...(cpu[k] ?? [])))}–${formatMs(Math.max(...(cpu[k] ?? [])))}`]),
    ['bot / floor', ratio(wall), '', ratio(cpu), ''],
  ]) + (firstRequest ? `\n\n${table([
    ['bot, after healthy', 'median', 'range'],
    ...(Object.entries({ 'first /imc plan: ack': firstRequests.ack1, 'first: kickoff posted': firstRequests.posted1, 'second: ack': firstRequests.ack2, 'second: kickoff posted': firstRequests.posted2 })).map(([label, values]) => [label, formatMs(median(values)), `${formatMs(Math.min(...values))}–${formatMs(Math.max(...values))}`]),
  ])}` : '');
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? args[rootAt + 1] : undefined;
  const flagsAt = args.indexOf('--flags');
  const flags = flagsAt >= 0 ? (args[flagsAt + 1] ?? '').split(/\s+/).filter(Boolean) : [];
  const times = Number(args.find((a) => /^\d+$/.test(a)) ?? 7);
  if (!args.includes('--no-build') && !root) buildApps();
  console.log(`before: ${describeLoad()}`);
  console.log(await runColdStarts(times, root, flags, args.includes('--first-request')));
  console.log(`after: ${describeLoad()}`);
}

/**
 * Cold start alone, for iterating on start-up: the bot and the floor app (built as the
 * three-app benchmark builds them), alternating, spawn until the first 200 from
 * `/healthz`, and the process's CPU time at that moment (read from /proc, so a busy
 * machine inflates the wall time more than the CPU time).
 *
 * Run: npx tsx bench/cold-start.ts [times] [--no-build] [--root <checkout>] [--flags '<node flags for both apps>']
 */
import { buildApps, startApp, type AppKind } from './apps.js';
import { describeLoad } from './load.js';
import { formatMs, isMain, summarise, table } from './stats.js';
import { startBenchSlack } from './support.js';

export async function runColdStarts(times: number, root?: string, extraNodeFlags: string[] = []): Promise<string> {
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
  ]);
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
  console.log(await runColdStarts(times, root, flags));
  console.log(`after: ${describeLoad()}`);
}

/**
 * What the bot's main thread was doing while its slowest requests waited: the bot (the
 * unbundled build, so frames name their files) under the paced load (100 people at
 * 500-1500 ms, 12 answers each) with a V8 CPU profile sampled every 250 µs; for the
 * slowest 2 % of requests, the profile's samples from each one's send to its
 * acknowledgement, by part (the parts of bench/profile.ts; "(idle)": the main thread was
 * waiting, for the file system's threads or the CPU another thread or process had).
 * It found the checkpoint's eight parallel plan-file writes holding up the journal.
 *
 * Run: npx tsx bench/slow-requests.ts [answers per person] [--no-build]
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApps, startApp } from './apps.js';
import { describeLoad } from './load.js';
import { formatMs, isMain, summarise, table } from './stats.js';
import { startBenchSlack } from './support.js';
import { partsOf, type CpuProfile } from './profile.js';
import { drivePeople, settle } from './three-apps.js';

export async function slowRequests(answers = 12, build = true): Promise<string> {
  if (build) buildApps();
  const dir = await mkdtemp(join(tmpdir(), 'imc-bench-slow-'));
  const fake = await startBenchSlack(120);
  const bot = await startApp('bot', { slackApiUrl: fake.url, unbundled: true, extraNodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'] });
  try {
    await drivePeople(fake, bot, { name: 'warm-up', people: 20, think: { minMs: 0, maxMs: 0 } }, 0);
    await settle(fake, bot);
    fake.reset({ state: true });
    // Both processes read the same monotonic clock: a request's offset maps onto the profile's timestamps (µs).
    const hrOrigin = Number(process.hrtime.bigint() / 1000n);
    const startedAt = performance.now();
    const { people } = await drivePeople(fake, bot, { name: 'paced', people: 100, think: { minMs: 500, maxMs: 1_500 }, maxAnswers: answers }, 20, startedAt);
    await settle(fake, bot);
    await bot.stop();
    const file = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort()[0];
    if (!file) throw new Error(`no profile written in ${dir}`);
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    // Parts as the profile benchmark names them (zod before the store that called it, the store before the service, …).
    const parts = partsOf(profile);
    const requests = people.flat().sort((a, b) => b.elapsedMs - a.elapsedMs);
    const slowest = requests.slice(0, Math.ceil(requests.length * 0.02));
    const windows = slowest.map((r) => ({ from: hrOrigin + r.offsetMs * 1000, to: hrOrigin + (r.offsetMs + r.elapsedMs) * 1000 }));
    const totals = new Map<string, number>();
    let at = profile.startTime;
    for (let n = 0; n < profile.samples.length; n += 1) {
      at += profile.timeDeltas[n] ?? 0;
      const spent = profile.timeDeltas[n + 1] ?? 0;
      const inside = windows.filter((w) => at >= w.from && at < w.to).length;
      if (inside === 0) continue;
      const part = parts.get(profile.samples[n] as number) ?? 'other';
      totals.set(part, (totals.get(part) ?? 0) + spent * inside);
    }
    const waited = windows.reduce((sum, w) => sum + (w.to - w.from), 0);
    const all = summarise(requests.map((r) => r.elapsedMs));
    return [
      `The bot alone, paced (${requests.length} requests): ack p50 ${formatMs(all.p50)}, p99 ${formatMs(all.p99)}, max ${formatMs(all.max)}; ${describeLoad()}`,
      `The slowest 2 % (${slowest.length}: ${slowest.map((r) => `${r.kind} ${r.elapsedMs.toFixed(0)}`).join(', ')} ms) waited ${formatMs(waited / 1000)} in all; the main thread meanwhile:`,
      table([['part', 'share of the waiting'], ...[...totals].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([part, us]) => [part, `${((us / waited) * 100).toFixed(1)} %`])]),
    ].join('\n');
  } finally {
    await bot.stop();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const answers = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 12);
  console.log(await slowRequests(answers, !process.argv.includes('--no-build')));
}

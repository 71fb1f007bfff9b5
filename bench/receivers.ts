/**
 * What a receiver costs: the ack-only app (floor-app.ts without a call plan) on the
 * bot's own receiver (DurableHttpReceiver) and on Bolt's (FLOOR_RECEIVER=bolt),
 * alternating, each fresh, each sent the same signed thread replies (message events,
 * the most common request), 20 at a time; CPU time per request from /proc, so the
 * machine's other load weighs less than on latency.
 *
 * Run: npx tsx bench/receivers.ts [rounds] [requests]   (build first: npx tsx bench/cold-start.ts 1, or npm run bench)
 */
import { startApp, type RunningApp } from './apps.js';
import { describeLoad } from './load.js';
import { isMain, summarise, table } from './stats.js';
import { mapLimit, person, sendSigned, startBenchSlack } from './support.js';

function threadReply(n: number): string {
  const p = person(n % 100);
  const ts = `1790000000.${String(n).padStart(6, '0')}`;
  return JSON.stringify({
    type: 'event_callback',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    event_id: `Ev${String(n).padStart(8, '0')}`,
    event_time: 1_790_000_000,
    event: { type: 'message', channel: p.channelId, user: p.userId, text: `answer ${n}`, ts, thread_ts: '1790000000.000001', channel_type: 'channel' },
  });
}

async function measure(receiver: 'durable' | 'bolt', slackApiUrl: string, requests: number): Promise<number> {
  const previous = process.env.FLOOR_RECEIVER;
  if (receiver === 'bolt') process.env.FLOOR_RECEIVER = 'bolt';
  else delete process.env.FLOOR_RECEIVER;
  let app: RunningApp | undefined;
  try {
    app = await startApp('ack-only', { slackApiUrl });
    const url = app.url;
    // warm-up
    await mapLimit(Array.from({ length: 500 }, (_, i) => i), 20, async (i) => sendSigned(url, threadReply(i), 'application/json'));
    const before = await app.cpuMs();
    const results = await mapLimit(Array.from({ length: requests }, (_, i) => i + 500), 20, async (i) => sendSigned(url, threadReply(i), 'application/json'));
    const bad = results.filter((r) => r.status !== 200).length;
    if (bad > 0) throw new Error(`${bad} requests not acknowledged with 200 (${receiver})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return ((await app.cpuMs()) - before) / requests;
  } finally {
    await app?.stop();
    if (previous === undefined) delete process.env.FLOOR_RECEIVER;
    else process.env.FLOOR_RECEIVER = previous;
  }
}

if (isMain(import.meta.url)) {
  const [rounds = 3, requests = 3000] = process.argv.slice(2).map(Number);
  console.log(`before: ${describeLoad()}`);
  const fake = await startBenchSlack(100);
  const cpu: Record<string, number[]> = { durable: [], bolt: [] };
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const receiver of round % 2 === 0 ? (['durable', 'bolt'] as const) : (['bolt', 'durable'] as const)) {
        cpu[receiver]?.push(await measure(receiver, fake.url, requests));
      }
    }
  } finally {
    await fake.close();
  }
  const cell = (values: number[]) => `${summarise(values).p50.toFixed(3)} (${Math.min(...values).toFixed(3)}-${Math.max(...values).toFixed(3)})`;
  console.log(
    table([
      ['ack-only app on', `CPU per thread reply, ms: median (range) of ${rounds}`],
      ['the bot\'s DurableHttpReceiver', cell(cpu.durable ?? [])],
      ['Bolt\'s HTTPReceiver (processBeforeResponse)', cell(cpu.bolt ?? [])],
    ]),
  );
  console.log(`after: ${describeLoad()}`);
}

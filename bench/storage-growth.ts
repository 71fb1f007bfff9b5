/**
 * Storage growth: how long persisting one answer takes when 100, 1,000 and 10,000
 * finished plans are already stored. The records are real: one finished and one
 * in-progress plan are first produced by a conversation with the bot, then the
 * finished one is copied N times straight into the store's file layout.
 *
 * Run alone: npx tsx bench/storage-growth.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanRecord } from '../src/app/plan-record.js';
import { openFileStore } from '../src/store/file/open-file-store.js';
import { collectGarbage, formatMs, formatRatio, isMain, summarise, summaryCells, table, type Summary, type TargetResult } from './stats.js';
import { ChannelWatch, mapLimit, person, runPerson, startBenchWorld } from './support.js';

const SIZES = [100, 1_000, 10_000] as const;
const SAVES = 500;
const NEW_PLANS = 50;
const P99_TARGET_MS = 10;
const GROWTH_TARGET = 2;

/** Timings at one store size. */
export interface StorageRow {
  stored: number;
  /** how long opening the store took (it reads every plan file) */
  openMs: number;
  /** saving an answer to a plan in progress */
  save: Summary;
  /** saving a brand-new plan, which also rewrites the index */
  firstSave: Summary;
  /** reading a plan back */
  get: Summary;
}

/** The rows, the record sizes, and the targets. */
export interface StorageGrowthResult {
  finishedBytes: number;
  inProgressBytes: number;
  rows: StorageRow[];
  targets: TargetResult[];
}

/** A finished and an in-progress plan record, produced by real conversations with the bot. */
async function realRecords(): Promise<{ finished: PlanRecord; inProgress: PlanRecord }> {
  const world = await startBenchWorld(2);
  const watch = new ChannelWatch(world.fake);
  try {
    await runPerson(world, watch, person(0));
    await runPerson(world, watch, person(1), { maxAnswers: 24 });
    await world.bot.idle();
    const [finished, inProgress] = await Promise.all(
      [person(0), person(1)].map(async (p) => {
        const [entry] = await world.bot.store.list({ channelId: p.channelId });
        const record = entry ? await world.bot.store.get(entry.id) : undefined;
        if (!record) throw new Error(`no plan stored for ${p.userId}`);
        return record;
      }),
    );
    if (finished?.status !== 'draft' || inProgress?.status !== 'planning') throw new Error('the conversations did not end where expected');
    return { finished, inProgress };
  } finally {
    watch.close();
    await world.close();
  }
}

/** The n-th copy of a finished plan: its own id, channel and message ts, as if it were another plan. */
function copyOf(record: PlanRecord, n: number): PlanRecord {
  const id = `B${String(n).padStart(6, '0')}`;
  const ts = (base: string) => `${Number(base.split('.')[0]) + n}.${base.split('.')[1] ?? '000000'}`;
  return {
    ...record,
    id,
    channelId: `C0B${String(n % 500).padStart(4, '0')}`,
    threadTs: record.threadTs ? ts(record.threadTs) : undefined,
    messageTs: record.messageTs.map(ts),
  };
}

/** Writes `count` plan files as the store lays them out (lowdb's JSONFile: two-space JSON). */
async function prefill(dir: string, record: PlanRecord, count: number): Promise<void> {
  await mkdir(join(dir, 'plans'), { recursive: true });
  await mapLimit(
    Array.from({ length: count }, (_, n) => n),
    64,
    async (n) => {
      const copy = copyOf(record, n);
      await writeFile(join(dir, 'plans', `${copy.id}.json`), JSON.stringify(copy, null, 2));
    },
  );
}

async function time(times: number, task: (n: number) => Promise<unknown>): Promise<Summary> {
  const samples: number[] = [];
  for (let n = 0; n < times; n += 1) {
    const started = performance.now();
    await task(n);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

async function measureAt(stored: number, records: { finished: PlanRecord; inProgress: PlanRecord }): Promise<StorageRow> {
  const dir = await mkdtemp(join(tmpdir(), `imc-bench-store-${stored}-`));
  try {
    await prefill(dir, records.finished, stored);
    const opened = performance.now();
    const store = await openFileStore<PlanRecord>(dir);
    const openMs = performance.now() - opened;
    try {
      const answering: PlanRecord = { ...records.inProgress, id: 'P-BENCH' };
      await store.save(answering); // it exists before the answers, as in a conversation
      collectGarbage();
      // Each save is one answer: a new updatedAt and a new dedupe key, like the service writes.
      const base = Date.parse(answering.updatedAt);
      const save = await time(SAVES, (n) =>
        store.save({ ...answering, updatedAt: new Date(base + n * 1_000).toISOString(), seen: [...answering.seen.slice(-50), `msg:${n}`] }),
      );
      const get = await time(SAVES, () => store.get('P-BENCH'));
      const firstSave = await time(NEW_PLANS, (n) => store.save({ ...answering, id: `P-NEW${String(n).padStart(3, '0')}`, threadTs: `1800000000.${n}` }));
      return { stored, openMs, save, firstSave, get };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the benchmark at every size. */
export async function runStorageGrowth(): Promise<StorageGrowthResult> {
  const records = await realRecords();
  const rows: StorageRow[] = [];
  for (const stored of SIZES) rows.push(await measureAt(stored, records));
  const first = rows[0] as StorageRow;
  const last = rows.at(-1) as StorageRow;
  const growth = last.save.p99 / first.save.p99;
  return {
    finishedBytes: JSON.stringify(records.finished, null, 2).length,
    inProgressBytes: JSON.stringify(records.inProgress, null, 2).length,
    rows,
    targets: [
      {
        benchmark: 'storage: save an answer',
        target: `p99 ≤ ${P99_TARGET_MS} ms at ${last.stored.toLocaleString('en')} plans`,
        measured: formatMs(last.save.p99),
        pass: last.save.p99 <= P99_TARGET_MS,
      },
      {
        benchmark: 'storage: save an answer',
        target: `p99 at ${last.stored.toLocaleString('en')} ≤ ${GROWTH_TARGET}× p99 at ${first.stored}`,
        measured: formatRatio(growth),
        pass: growth <= GROWTH_TARGET,
      },
    ],
  };
}

/** The result as a table. */
export function formatStorageGrowth(result: StorageGrowthResult): string {
  const first = result.rows[0];
  const rows = result.rows.map((row) => [
    row.stored.toLocaleString('en'),
    `${(row.openMs / 1000).toFixed(2)} s`,
    ...summaryCells(row.save),
    first ? formatRatio(row.save.p99 / first.save.p99) : 'n/a',
    formatMs(row.get.p50),
    formatMs(row.get.p99),
    formatMs(row.firstSave.p50),
    formatMs(row.firstSave.p99),
  ]);
  return [
    `Storage growth: ${SAVES} saves of one answer (in-progress record ${(result.inProgressBytes / 1024).toFixed(1)} KB) beside N finished plans (${(result.finishedBytes / 1024).toFixed(1)} KB each)`,
    table([
      ['stored', 'open', 'save p50', 'save p99', 'save max', 'n', 'p99 vs 100', 'get p50', 'get p99', 'new plan p50', 'new plan p99'],
      ...rows,
    ]),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  console.log(formatStorageGrowth(await runStorageGrowth()));
}

/**
 * Chinese input parsing: how the time of the parsers that read long Chinese answers
 * grows with the length of the answer, on input made to be hard (every channel name
 * run together, one name repeated, negations, long goal lines). Linear work shows as
 * a flat time per character from n to 8n; anything worse shows as a growing one.
 *
 * Run alone: npx tsx bench/cjk-parsing.ts
 */
import { interpretReply } from '../src/domain/conversation/interpret-reply.js';
import { resolveTarget } from '../src/domain/conversation/flow-target.js';
import { matchChoice, matchChoices, parseGoals, type Choice } from '../src/domain/parse/index.js';
import { ZH, zhScript } from '../test/support/zh-words.js';
import { collectGarbage, formatRatio, isMain, summarise, table, type TargetResult } from './stats.js';

const NOW = new Date('2026-11-10T03:00:00Z');
const LENGTHS = [125, 250, 500, 1000] as const;
const GOAL_LENGTHS = [500, 1000, 2000, 4000] as const;
const ITERATIONS = 40;
/** Lengths are measured in turn, several times, and the fastest median kept: the VM's neighbours come and go. */
const ROUNDS = 5;
/** Time per character at 8n may be at most this many times that at n. */
const MAX_GROWTH = 2;

const channels: Choice[] = zhScript.catalogue.map((c) => ({ id: c.id, label: c.name, names: ZH.choices.channels?.[c.id] ?? [] }));
const channelNames = Object.values(ZH.choices.channels ?? {}).flat();

/** `length` characters of `unit` repeated. */
function repeat(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

interface Case {
  name: string;
  lengths: readonly number[];
  input: (length: number) => string;
  run: (text: string) => unknown;
}

const CASES: Case[] = [
  { name: 'matchChoices: channel names run together', lengths: LENGTHS, input: (n) => repeat(channelNames.join(''), n), run: (t) => matchChoices(t, channels) },
  { name: 'matchChoices: a list split by 、', lengths: LENGTHS, input: (n) => repeat(channelNames.join('、'), n), run: (t) => matchChoices(t, channels) },
  { name: 'matchChoice: one name repeated', lengths: LENGTHS, input: (n) => repeat('抖音', n), run: (t) => matchChoice(t, channels) },
  { name: 'matchChoice: negations', lengths: LENGTHS, input: (n) => repeat('不是微信', n), run: (t) => matchChoice(t, channels) },
  {
    name: 'parseGoals: Chinese goal lines',
    lengths: GOAL_LENGTHS,
    input: (n) => repeat('认知度 10% 到 40% 3月底前\n销售额 0 -> 100万 截止 2027年3月31日\n', n),
    run: (t) => parseGoals(t, { now: NOW, timeZone: 'Asia/Shanghai', currency: 'CNY', metricNames: ZH.metrics }),
  },
  { name: 'interpretReply + resolveTarget: 修改 …', lengths: GOAL_LENGTHS, input: (n) => `修改${repeat('开始日期预算', n)}`, run: (t) => {
    const input = interpretReply(t, ZH.thread);
    return input.type === 'change' ? resolveTarget(zhScript, {}, input.target) : input;
  } },
];

/** One row per case and length: median µs per call and per character. */
export interface CjkParsingResult {
  rows: { name: string; length: number; microsPerCall: number; nanosPerChar: number }[];
  targets: TargetResult[];
}

function median(run: () => void): number {
  for (let i = 0; i < 20; i += 1) run();
  collectGarbage();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarise(samples).p50;
}

/** Runs the benchmark. */
export function runCjkParsing(): CjkParsingResult {
  const rows: CjkParsingResult['rows'] = [];
  const targets: TargetResult[] = [];
  for (const c of CASES) {
    const texts = c.lengths.map((length) => c.input(length));
    const best = texts.map(() => Number.POSITIVE_INFINITY);
    for (let round = 0; round < ROUNDS; round += 1) {
      texts.forEach((text, i) => {
        best[i] = Math.min(best[i] ?? Number.POSITIVE_INFINITY, median(() => c.run(text)));
      });
    }
    const perChar: number[] = [];
    texts.forEach((text, i) => {
      const ms = best[i] ?? Number.NaN;
      rows.push({ name: c.name, length: text.length, microsPerCall: ms * 1000, nanosPerChar: (ms * 1e6) / text.length });
      perChar.push((ms * 1e6) / text.length);
    });
    const growth = (perChar.at(-1) ?? 0) / (perChar[0] ?? 1);
    targets.push({ benchmark: `CJK ${c.name}`, target: `time per char at 8n ≤ ${MAX_GROWTH}× that at n`, measured: formatRatio(growth), pass: growth <= MAX_GROWTH });
  }
  return { rows, targets };
}

/** The rows as a table. */
export function formatCjkParsing(result: CjkParsingResult): string {
  const body = result.rows.map((r) => [r.name, String(r.length), r.microsPerCall.toFixed(1), r.nanosPerChar.toFixed(0)]);
  return `Chinese input parsing, fastest of ${ROUNDS} medians of ${ITERATIONS} calls\n\n${table([['case', 'chars', 'µs per call', 'ns per char'], ...body])}`;
}

if (isMain(import.meta.url)) {
  const result = runCjkParsing();
  console.log(formatCjkParsing(result));
  console.log(`\n${table([['benchmark', 'target', 'measured', 'result'], ...result.targets.map((t) => [t.benchmark, t.target, t.measured, t.pass ? 'PASS' : 'MISS'])])}`);
}

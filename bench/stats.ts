/**
 * Percentiles and table formatting shared by the benchmarks. Nearest-rank
 * percentiles: p99 of 500 samples is the 495th smallest, a value that was
 * actually observed, never an interpolation between two.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** p50, p99 and max of a set of samples (ms), with how many there were. */
export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** One target of the issue and whether the run met it. */
export interface TargetResult {
  benchmark: string;
  target: string;
  measured: string;
  pass: boolean;
}

/** The nearest-rank percentile `p` (0..100) of `sorted`, which must be ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Summarises samples in ms. */
export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** Milliseconds with a precision that suits their size: `0.042 ms`, `3.41 ms`, `128 ms`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${Math.round(ms)} ms`;
}

/** A ratio such as `1.23×`. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

/** Bytes as MB (10^6), e.g. `142.3 MB`. */
export function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A plain-text table with aligned columns; the first row is the header. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** p50/p99/max/count as table cells. */
export function summaryCells(summary: Summary): string[] {
  return [formatMs(summary.p50), formatMs(summary.p99), formatMs(summary.max), String(summary.count)];
}

/** The summary table of targets with PASS/MISS. */
export function targetTable(results: readonly TargetResult[]): string {
  return table([['benchmark', 'target', 'measured', 'result'], ...results.map((r) => [r.benchmark, r.target, r.measured, r.pass ? 'PASS' : 'MISS'])]);
}

/** True when this module is the script node was started with (so a bench file can also run alone). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const strip = (path: string) => path.replace(/\.[cm]?[jt]s$/, '');
  return strip(fileURLToPath(moduleUrl)) === strip(resolve(entry));
}

let gc: (() => void) | undefined;

/**
 * Runs a full garbage collection, so one measurement does not pay for the garbage
 * of the one before. Works without `--expose-gc` on the command line (npm run
 * bench cannot pass node flags): the flag is set at run time and `gc` taken from
 * a fresh context, where V8 installs it.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * The budget chart as data: what the picture shows, derived from the budget
 * sketch in one place. Slack's native chart block and the PNG are both drawn from
 * this model, so when the sketch changes shape (new lines, other phasing) only
 * `budgetChartModel` needs to follow. Pure: no Slack, no files.
 */
import type { BudgetSketch } from '../../domain/budget/budget-types.js';
import { formatDate, formatMoney, formatRate } from '../../domain/plan/format.js';
import { MEDIA_LABELS, MINOR_UNITS, NON_MEDIA_LABELS, type NonMediaKind, type Currency, type Plan } from '../../domain/plan/plan.js';

/** What a bar stands for; decides its colour and legend entry. */
export type ChartBarKind = 'owned' | 'paid' | 'earned' | 'reserve' | 'phase' | 'other';

/** One bar: a labelled amount. */
export interface ChartBar {
  label: string;
  /** Minor units of the chart's currency. */
  value: number;
  kind: ChartBarKind;
  /** The amount as people read it, e.g. "¥90,000 · 36 %". */
  display: string;
  /** A shorter label where space is tight (a phase without its dates). */
  short?: string;
}

/** One chart of the picture: a title and its bars. */
export interface ChartPanel {
  id: 'allocation' | 'phases';
  title: string;
  bars: ChartBar[];
}

/** Everything the budget chart shows. */
export interface BudgetChartModel {
  /** e.g. "Budget: Spring launch (v2)". */
  title: string;
  currency: Currency;
  /** Minor units per major unit (100 for CNY, 1 for JPY). */
  minorPerMajor: number;
  panels: ChartPanel[];
  /** One sentence that says what the picture says, for screen readers and the file's alt text. */
  altText: string;
}

/** The chart of a plan's budget sketch; undefined when there is nothing to draw. */
export function budgetChartModel(plan: Plan, sketch: BudgetSketch | undefined, version?: number): BudgetChartModel | undefined {
  if (!sketch || sketch.total <= 0) return undefined;
  const money = (minor: number): string => formatMoney(minor, sketch.currency);
  const share = (minor: number): string => formatRate(sketch.total > 0 ? minor / sketch.total : 0, 1);
  const bar = (label: string, value: number, kind: ChartBarKind): ChartBar => ({ label, value, kind, display: `${money(value)} · ${share(value)}` });
  // What the money funds, line by line: each task's channels, money not yet placed, non-media, the incentive, the reserve.
  const { funded } = sketch;
  const tasks = [funded.traffic, funded.reach, funded.retention].filter((task) => task !== undefined);
  const allocation: ChartBar[] = [
    ...tasks.flatMap((task) => [...task.lines.map((line) => bar(line.name, line.amount, line.media)), ...(task.unplaced > 0 ? [bar('Not yet placed', task.unplaced, 'paid')] : [])]),
    ...funded.nonMedia.filter((line) => line.amount > 0).map((line) => bar(nonMediaLabel(line), line.amount, 'other')),
    ...(funded.incentive && funded.incentive.amount > 0 ? [bar('Incentive', funded.incentive.amount, 'other')] : []),
    ...(funded.reserve > 0 ? [bar('Reserve', funded.reserve, 'reserve')] : []),
    ...(sketch.unallocated > 0 ? [bar('Unallocated', sketch.unallocated, 'reserve')] : []),
  ];
  const phases: ChartBar[] = sketch.phases.map((phase) => ({
    label: `${phase.name}: ${dateRange(phase.start, phase.end)}`,
    short: phase.name,
    value: phase.amount,
    kind: 'phase',
    display: money(phase.amount),
  }));
  const panels: ChartPanel[] = [];
  if (allocation.length > 0) panels.push({ id: 'allocation', title: `Allocation of ${money(sketch.total)} by channel`, bars: allocation });
  if (phases.length > 0) panels.push({ id: 'phases', title: 'Paid spend by phase', bars: phases });
  if (panels.length === 0) return undefined;
  const title = `Budget: ${plan.campaign}${version === undefined ? '' : ` (v${version})`}`;
  const largest = [...allocation].sort((a, b) => b.value - a.value)[0];
  const media = [...new Set(allocation.filter((item) => item.kind === 'owned' || item.kind === 'paid' || item.kind === 'earned').map((item) => MEDIA_LABELS[item.kind as 'owned' | 'paid' | 'earned'].toLowerCase()))];
  const altText =
    `${title}. ${money(sketch.total)} over ${allocation.length} ${allocation.length === 1 ? 'line' : 'lines'}` +
    (media.length > 0 ? ` (${media.join(', ')} media)` : '') +
    (largest ? `; the largest is ${largest.label} with ${largest.display}` : '') +
    (phases.length > 0 ? `. Paid spend by phase: ${phases.map((bar) => `${bar.label} ${bar.display}`).join(', ')}.` : '.');
  return { title, currency: sketch.currency, minorPerMajor: MINOR_UNITS[sketch.currency], panels, altText };
}

/** A non-media bar is named by its kind, as the text sketch names it ("Content", "PR and seeding"): a description
 * such as "for Website and WeChat…" says what the line is for, not what it is, and cut to a bar label it says nothing.
 * Only "other" costs are named by their description. */
function nonMediaLabel(line: { kind: NonMediaKind; description?: string }): string {
  return line.kind === 'other' && line.description ? line.description : NON_MEDIA_LABELS[line.kind];
}

/** "1 Mar – 12 Mar 2027": the year once when both dates share it. */
function dateRange(start: string, end: string): string {
  const from = formatDate(start);
  const to = formatDate(end);
  return start.slice(0, 4) === end.slice(0, 4) ? `${from.replace(/ \d{4}$/, '')} – ${to}` : `${from} – ${to}`;
}

/**
 * The budget chart as data: what the picture shows, derived from the budget
 * sketch in one place. Slack's native chart block and the PNG are both drawn from
 * this model, so when the sketch changes shape (new lines, other phasing) only
 * `budgetChartModel` needs to follow. Pure: no Slack, no files.
 */
import type { BudgetSketch } from '../../domain/budget/budget-types.js';
import { formatDate, formatMoney, formatRate } from '../../domain/plan/format.js';
import { MEDIA_LABELS, MINOR_UNITS, type Currency, type Plan } from '../../domain/plan/plan.js';

/** What a bar stands for; decides its colour and legend entry. */
export type ChartBarKind = 'owned' | 'paid' | 'earned' | 'reserve' | 'phase';

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
  if (!sketch || sketch.workingBudget <= 0) return undefined;
  const money = (minor: number): string => formatMoney(minor, sketch.currency);
  const share = (minor: number): string => formatRate(sketch.workingBudget > 0 ? minor / sketch.workingBudget : 0, 1);
  const allocation: ChartBar[] = sketch.allocations.map((row) => ({
    label: row.name,
    value: row.amount,
    kind: row.media,
    display: `${money(row.amount)} · ${share(row.amount)}`,
  }));
  if (sketch.reserve > 0) {
    allocation.push({ label: 'Reserve', value: sketch.reserve, kind: 'reserve', display: `${money(sketch.reserve)} · ${share(sketch.reserve)}` });
  }
  const phases: ChartBar[] = sketch.phases.map((phase) => ({
    label: `${phase.name}: ${dateRange(phase.start, phase.end)}`,
    short: phase.name,
    value: phase.amount,
    kind: 'phase',
    display: money(phase.amount),
  }));
  const panels: ChartPanel[] = [];
  if (allocation.length > 0) panels.push({ id: 'allocation', title: `Allocation of ${money(sketch.workingBudget)} by channel`, bars: allocation });
  if (phases.length > 0) panels.push({ id: 'phases', title: 'Paid spend by phase', bars: phases });
  if (panels.length === 0) return undefined;
  const title = `Budget: ${plan.campaign}${version === undefined ? '' : ` (v${version})`}`;
  const largest = [...allocation].sort((a, b) => b.value - a.value)[0];
  const media = [...new Set(allocation.filter((bar) => bar.kind !== 'reserve').map((bar) => MEDIA_LABELS[bar.kind as 'owned' | 'paid' | 'earned'].toLowerCase()))];
  const altText =
    `${title}. ${money(sketch.workingBudget)} over ${allocation.length} ${allocation.length === 1 ? 'line' : 'lines'}` +
    (media.length > 0 ? ` (${media.join(', ')} media)` : '') +
    (largest ? `; the largest is ${largest.label} with ${largest.display}` : '') +
    (phases.length > 0 ? `. Paid spend by phase: ${phases.map((bar) => `${bar.label} ${bar.display}`).join(', ')}.` : '.');
  return { title, currency: sketch.currency, minorPerMajor: MINOR_UNITS[sketch.currency], panels, altText };
}

/** "1 Mar – 12 Mar 2027": the year once when both dates share it. */
function dateRange(start: string, end: string): string {
  const from = formatDate(start);
  const to = formatDate(end);
  return start.slice(0, 4) === end.slice(0, 4) ? `${from.replace(/ \d{4}$/, '')} – ${to}` : `${from} – ${to}`;
}

/**
 * The budget chart as data: what the picture shows, derived from the budget
 * sketch in one place. Slack's native chart block and the PNG are both drawn from
 * this model, so when the sketch changes shape (new lines, other phasing) only
 * `budgetChartModel` needs to follow. Pure: no Slack, no files.
 */
import type { BudgetSketch } from '../../domain/budget/budget-types.js';
import type { Params } from '../../domain/message/phrase.js';
import type { Translator } from '../i18n/translator.js';
import { phaseViewIn, words } from '../view-text.js';
import { MINOR_UNITS, type NonMediaKind, type Currency, type Plan } from '../../domain/plan/plan.js';
import { nonMediaKindLabel } from '../i18n/answer-text.js';

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
  /** The legend's names of the bar kinds, and the name of the bar that adds up the smallest when there are too many. */
  legend: Partial<Record<ChartBarKind, string>>;
  otherLabel: string;
}

/** The chart of a plan's budget sketch in the reader's language; undefined when there is nothing to draw. */
export function budgetChartModel(plan: Plan, sketch: BudgetSketch | undefined, t: Translator, version?: number): BudgetChartModel | undefined {
  if (!sketch || sketch.total <= 0) return undefined;
  const w = (key: string, params?: Params) => words(t, `pages.chart.${key}`, params);
  const money = (minor: number): string => t.format.money(minor, sketch.currency);
  const share = (minor: number): string => t.format.rate(sketch.total > 0 ? minor / sketch.total : 0, 1);
  const bar = (label: string, value: number, kind: ChartBarKind): ChartBar => ({ label, value, kind, display: `${money(value)} · ${share(value)}` });
  // What the money funds, line by line: each task's channels, money not yet placed, non-media, the incentive, the reserve.
  const { funded } = sketch;
  const tasks = [funded.traffic, funded.reach, funded.retention].filter((task) => task !== undefined);
  const allocation: ChartBar[] = [
    ...tasks.flatMap((task) => [...task.lines.map((line) => bar(line.name, line.amount, line.media)), ...(task.unplaced > 0 ? [bar(w('unplaced'), task.unplaced, 'paid')] : [])]),
    ...funded.nonMedia.filter((line) => line.amount > 0).map((line) => bar(nonMediaLabel(line, t), line.amount, 'other')),
    ...(funded.incentive && funded.incentive.amount > 0 ? [bar(w('incentive'), funded.incentive.amount, 'other')] : []),
    ...(funded.reserve > 0 ? [bar(w('reserve'), funded.reserve, 'reserve')] : []),
    ...(sketch.unallocated > 0 ? [bar(w('unallocated'), sketch.unallocated, 'reserve')] : []),
  ];
  const phases: ChartBar[] = sketch.phases.map((phase) => {
    const shown = phaseViewIn(t, phase, sketch.currency);
    return { label: w('phase', { name: shown.name, dates: dateRange(phase.start, phase.end, t) }), short: shown.name, value: phase.amount, kind: 'phase', display: money(phase.amount) };
  });
  const panels: ChartPanel[] = [];
  if (allocation.length > 0) panels.push({ id: 'allocation', title: w('allocation', { total: money(sketch.total) }), bars: allocation });
  if (phases.length > 0) panels.push({ id: 'phases', title: w('phases'), bars: phases });
  if (panels.length === 0) return undefined;
  const title = version === undefined ? w('title', { campaign: plan.campaign }) : w('title_version', { campaign: plan.campaign, version: String(version) });
  const largest = [...allocation].sort((a, b) => b.value - a.value)[0];
  const media = [...new Set(allocation.filter((item) => item.kind === 'owned' || item.kind === 'paid' || item.kind === 'earned').map((item) => w(`media.${item.kind}`)))];
  const altText = [
    w('alt_total', { title, total: money(sketch.total), lines: w('lines', { count: allocation.length }) }),
    media.length > 0 ? w('alt_media', { media: media.join(words(t, 'pages.list.separator')) }) : '',
    largest ? w('alt_largest', { label: largest.label, display: largest.display }) : '',
    phases.length > 0 ? w('alt_phases', { phases: phases.map((item) => w('alt_phase', { label: item.label, display: item.display })).join(words(t, 'pages.list.separator')) }) : w('alt_end'),
  ].join('');
  const legend = Object.fromEntries((['owned', 'paid', 'earned', 'other', 'reserve'] as const).map((kind) => [kind, w(`legend.${kind}`)]));
  return { title, currency: sketch.currency, minorPerMajor: MINOR_UNITS[sketch.currency], panels, altText, legend, otherLabel: w('other') };
}

/** A non-media bar is named by its kind, as the text sketch names it ("Content", "PR and seeding"): a description
 * such as "for Website and WeChat…" says what the line is for, not what it is, and cut to a bar label it says nothing.
 * Only "other" costs are named by their description. */
function nonMediaLabel(line: { kind: NonMediaKind; description?: string }, t: Translator): string {
  if (line.kind === 'other' && line.description) return line.description;
  return nonMediaKindLabel(t, line.kind);
}

/** "1 Mar – 12 Mar 2027": the year once when both dates share it (English); "2027年3月1日至3月12日" (Chinese). */
function dateRange(start: string, end: string, t: Translator): string {
  const from = t.format.date(start);
  const to = t.format.date(end);
  if (start.slice(0, 4) !== end.slice(0, 4)) return words(t, 'pages.chart.range', { from, to });
  return t.language === 'zh-CN' ? words(t, 'pages.chart.range', { from, to: to.replace(/^\d{4}年/, '') }) : words(t, 'pages.chart.range', { from: from.replace(/ \d{4}$/, ''), to });
}

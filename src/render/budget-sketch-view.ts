/**
 * The budget sketch as `budget-sketch.hbs` shows it: the task's maths spelled out,
 * the money line by line (needed and, when short, funded), what the buying channels'
 * money achieves, the goals beside it, profit per order, and the spend by phase.
 * Every figure is pre-formatted plain text; the renderer escapes it for Slack.
 */
import type { BudgetSketch, MoneyLines, ReachTask, RetentionTask, TaskLine, TrafficTask } from '../domain/budget/budget-types.js';
import type { Params } from '../domain/message/phrase.js';
import { buyingMoney } from '../domain/rules/budget-rules.js';
import { MEDIA_LABELS, METRIC_LABELS, type Currency, type Goal, type Labels, type PhasingPattern, type PlanDraft } from '../domain/plan/plan.js';
import type { Translator } from './i18n/translator.js';
import { listAnd, phaseViewIn, words, type PhaseView } from './view-text.js';

/** One channel's part of a task: "Search ads (Paid): 100,000 visits × ¥2 = ¥200,000". */
export interface TaskLineView {
  name: string;
  media: string;
  units: string;
  unitCost: string;
  amount: string;
  offStage: boolean;
  /** Set when the channel has its own cost rather than the plan-wide one. */
  ownCost: boolean;
}

export interface FunnelView {
  targetRevenue: string;
  /** "goal 2 (Revenue)" when the target comes from a goal. */
  revenueSource: string | null;
  conversionRate: string;
  averageOrderValue: string;
  visits: string;
  costPerVisit: string;
  workingMedia: string;
  orders: string;
  lines: TaskLineView[];
  unplaced: string | null;
  /** The conversion goal: the rate budgeted against its baseline and target. */
  outlook: { basis: string; upside: string | null; atBaseline: string | null } | null;
}

export interface ReachView {
  audienceSize: string;
  reachRate: string;
  frequency: string;
  impressions: string;
  cpm: string;
  workingMedia: string;
  lines: TaskLineView[];
  unplaced: string | null;
}

export interface RetentionView {
  base: string;
  contactsPerCustomer: string;
  contacts: string;
  costPerContact: string;
  contactCost: string;
  uplift: string;
  extraOrders: string;
  revenue: string | null;
  lines: TaskLineView[];
  unplaced: string | null;
}

/** A line of the total: "Working media · Search ads: ¥200,000", with what it is for. */
export interface MoneyRowView {
  label: string;
  /** "¥200,000", or in a shortfall "¥113,636 of ¥200,000 needed". */
  amount: string;
  detail: string | null;
}

export interface ComparisonView {
  available: string;
  needed: string;
  verdict: string;
  isShortfall: boolean;
  /** What the money on buying channels achieves. */
  achieves: string | null;
}

export interface GoalRowView {
  label: string;
  target: string;
  planned: string;
  bought: string;
  met: boolean;
}

/** Everything `budget-sketch.hbs` shows. */
export interface BudgetSketchView {
  title: string;
  ready: boolean;
  missing: string | null;
  model: string;
  scaledDown: boolean;
  funnel: FunnelView | null;
  reach: ReachView | null;
  retention: RetentionView | null;
  /** Why a plan has no task to buy (a reach plan with no paid channel). */
  noTask: string | null;
  money: { rows: MoneyRowView[]; total: string; totalLabel: string; note: string | null };
  comparison: ComparisonView | null;
  goals: GoalRowView[];
  hasGoals: boolean;
  profit: { line: string; exceeds: boolean; note: string | null } | null;
  pattern: string;
  phases: PhaseView[];
  hasPhases: boolean;
}

/** The phasing pattern as the reader's language names it ("Burst (warm-up, launch, sustain)"). */
export function patternLabel(t: Translator, pattern: PhasingPattern): string {
  return words(t, `pages.budget.patterns.${pattern}`);
}

/** Context for the sketch: its title, and the plan's goals and channels for labels. */
export interface SketchContext {
  title: string;
  currency: Currency;
  goals: readonly Goal[];
  /** Owned and earned channel names, for the note on what they cost. */
  owned: readonly string[];
  earned: readonly string[];
  /** What to say when there is no sketch. */
  missing?: string;
  /** The reader's names of goal metrics; the script's English when not given. */
  labels?: Labels;
}

/** The context of a plan's own sketch. */
export function sketchContextOf(plan: PlanDraft, title: string, missing?: string): SketchContext {
  const channels = Array.isArray(plan.channels) ? plan.channels : [];
  return {
    title,
    currency: plan.budget?.currency ?? 'CNY',
    goals: Array.isArray(plan.goals) ? plan.goals : [],
    owned: channels.filter((c) => c.media === 'owned').map((c) => c.name),
    earned: channels.filter((c) => c.media === 'earned').map((c) => c.name),
    ...(missing ? { missing } : {}),
  };
}

/** The budget sketch view in the reader's language; an empty one (with `missing`) when there is no sketch. */
export function budgetSketchView(sketch: BudgetSketch | undefined, context: SketchContext, t: Translator): BudgetSketchView {
  if (!sketch) return emptyView(context, t);
  const w = (key: string, params?: Params) => words(t, `pages.budget.${key}`, params);
  const money = (minor: number): string => t.format.money(minor, sketch.currency);
  const short = sketch.status === 'shortfall';
  const phases = sketch.phases.map((phase) => phaseViewIn(t, phase, sketch.currency));
  const goals = sketch.goals.map((g) => goalRow(g, context, money, t));
  const pattern = patternLabel(t, sketch.pattern);
  return {
    title: context.title,
    ready: true,
    missing: null,
    model: w(`models.${sketch.model}`),
    scaledDown: sketch.scaledDown,
    funnel: sketch.need.traffic ? funnelView(sketch.need.traffic, sketch, context, money, t) : null,
    reach: sketch.need.reach ? reachView(sketch.need.reach, money, t, context.labels) : null,
    retention: sketch.need.retention ? retentionView(sketch.need.retention, money, t, context.labels) : null,
    noTask: sketch.model === 'reach' && !sketch.need.reach ? w('no_task') : null,
    money: {
      rows: moneyRows(sketch, money, short, t),
      total: short ? w('money.of_needed', { funded: money(sketch.funded.total + sketch.unallocated), needed: money(sketch.need.total) }) : money(sketch.need.total),
      totalLabel: w(short ? 'money.total_funded' : 'money.total_needed'),
      note: ownedNote(context, t),
    },
    comparison: comparisonView(sketch, money, t),
    goals,
    hasGoals: goals.length > 0,
    profit: profitView(sketch, money, t),
    pattern: sketch.patternInferred ? w('pattern_inferred', { pattern }) : pattern,
    phases,
    hasPhases: phases.length > 0,
  };
}

function emptyView(context: SketchContext, t: Translator): BudgetSketchView {
  return {
    title: context.title,
    ready: false,
    missing: context.missing ?? words(t, 'pages.budget.missing'),
    model: '',
    scaledDown: false,
    funnel: null,
    reach: null,
    retention: null,
    noTask: null,
    money: { rows: [], total: t.format.money(0, context.currency), totalLabel: words(t, 'pages.budget.money.total_needed'), note: null },
    comparison: null,
    goals: [],
    hasGoals: false,
    profit: null,
    pattern: '',
    phases: [],
    hasPhases: false,
  };
}

/** "100,000 visits", "1 impression": a count of the line's unit, in the reader's language. */
function unitsOf(line: TaskLine, units: number, t: Translator): string {
  const unit = line.unit === 'thousand-impressions' ? 'impression' : line.unit;
  return countOf(t, unit, units);
}

function countOf(t: Translator, unit: 'visit' | 'impression' | 'contact' | 'order' | 'redemption', count: number): string {
  // `count` picks the plural form; `n` is the figure as the reader groups it (100,000).
  return words(t, `pages.budget.units.${unit}`, { count: Math.round(count), n: t.format.number(count, 0) });
}

function unitCostOf(line: TaskLine, money: (minor: number) => string, t: Translator): string {
  const cost = money(line.unitCost);
  return line.unit === 'thousand-impressions' ? words(t, 'pages.budget.per_thousand', { cost }) : cost;
}

function lineViews(lines: readonly TaskLine[], money: (minor: number) => string, t: Translator, labels?: Labels): TaskLineView[] {
  return lines.map((line) => ({
    name: line.name,
    media: labels?.media[line.media] ?? MEDIA_LABELS[line.media],
    units: unitsOf(line, line.units, t),
    unitCost: unitCostOf(line, money, t),
    amount: money(line.amount),
    offStage: line.stageFit === 'off-stage',
    ownCost: line.costSource === 'channel',
  }));
}

function goalLabel(context: SketchContext, index: number, t: Translator, row = false): string {
  const goal = context.goals[index];
  const metric = goal ? (context.labels?.metric[goal.metric] ?? (Object.hasOwn(METRIC_LABELS, goal.metric) ? METRIC_LABELS[goal.metric] : undefined)) : undefined;
  const n = String(index + 1);
  const key = row ? 'goal_row' : 'goal';
  return metric ? words(t, `pages.budget.${key}_metric`, { n, metric }) : words(t, `pages.budget.${key}`, { n });
}

function funnelView(task: TrafficTask, sketch: BudgetSketch, context: SketchContext, money: (minor: number) => string, t: Translator): FunnelView {
  const { inputs } = task;
  const outlook = sketch.conversion;
  const w = (key: string, params?: Params) => words(t, `pages.budget.funnel.${key}`, params);
  const rate = (value: number) => t.format.rate(value);
  const visits = (value: number) => t.format.number(value, 0);
  return {
    targetRevenue: money(inputs.targetRevenue),
    revenueSource: task.revenueGoal !== undefined ? goalLabel(context, task.revenueGoal, t) : null,
    conversionRate: rate(inputs.conversionRate),
    averageOrderValue: money(inputs.averageOrderValue),
    visits: visits(task.visits),
    costPerVisit: money(inputs.costPerVisit),
    workingMedia: money(task.workingMedia),
    orders: countOf(t, 'order', task.orders),
    lines: lineViews(task.lines, money, t, context.labels),
    unplaced: task.unplaced > 0 ? w('unplaced', { money: money(task.unplaced) }) : null,
    outlook: outlook
      ? {
          basis:
            outlook.assumed === outlook.baseline
              ? w('basis_baseline', { rate: rate(outlook.baseline), goal: goalLabel(context, outlook.goalIndex, t) })
              : w('basis_assumed', { rate: rate(outlook.assumed), goal: goalLabel(context, outlook.goalIndex, t), baseline: rate(outlook.baseline) }),
          upside:
            outlook.assumed < outlook.target
              ? w('upside', { rate: rate(outlook.target), visits: visits(outlook.atTarget.visits), working: money(outlook.atTarget.workingMedia) })
              : null,
          atBaseline:
            outlook.assumed > outlook.baseline
              ? w('at_baseline', { rate: rate(outlook.baseline), visits: visits(outlook.atBaseline.visits), working: money(outlook.atBaseline.workingMedia) })
              : null,
        }
      : null,
  };
}

function reachView(task: ReachTask, money: (minor: number) => string, t: Translator, labels?: Labels): ReachView {
  const { inputs } = task;
  return {
    audienceSize: t.format.number(inputs.audienceSize, 0),
    reachRate: t.format.rate(inputs.reachRate),
    frequency: t.format.number(inputs.frequency),
    impressions: t.format.number(task.impressions, 0),
    cpm: money(inputs.cpm),
    workingMedia: money(task.workingMedia),
    lines: lineViews(task.lines, money, t, labels),
    unplaced: task.unplaced > 0 ? words(t, 'pages.budget.reach.unplaced', { money: money(task.unplaced) }) : null,
  };
}

function retentionView(task: RetentionTask, money: (minor: number) => string, t: Translator, labels?: Labels): RetentionView {
  const aov = task.inputs.averageOrderValue;
  const count = (value: number) => t.format.number(value, 0);
  return {
    base: count(task.customers),
    contactsPerCustomer: count(task.contactsPerCustomer),
    contacts: count(task.contacts),
    costPerContact: money(task.inputs.costPerContact ?? 0),
    contactCost: money(task.workingMedia),
    uplift: t.format.rate(task.inputs.repeatRateUplift),
    extraOrders: count(task.extraOrders),
    revenue: aov !== undefined ? words(t, 'pages.budget.retention.revenue_sum', { orders: count(task.extraOrders), aov: money(aov), revenue: money(task.extraOrders * aov) }) : null,
    lines: lineViews(task.lines, money, t, labels),
    unplaced: task.unplaced > 0 ? words(t, 'pages.budget.retention.unplaced', { money: money(task.unplaced) }) : null,
  };
}

/** The lines of the total, each needed and, when short, funded. */
function moneyRows(sketch: BudgetSketch, money: (minor: number) => string, short: boolean, t: Translator): MoneyRowView[] {
  const w = (key: string, params?: Params) => words(t, `pages.budget.money.${key}`, params);
  const { need, funded } = sketch;
  const amount = (fundedAmount: number, needed: number) => (short ? w('of_needed', { funded: money(fundedAmount), needed: money(needed) }) : money(needed));
  const rows: MoneyRowView[] = [];
  const taskLines = (lines: MoneyLines) => [...(lines.traffic?.lines ?? []), ...(lines.reach?.lines ?? []), ...(lines.retention?.lines ?? [])];
  const fundedLines = taskLines(funded);
  taskLines(need).forEach((line, i) => {
    const bought = fundedLines[i];
    rows.push({
      label: w(line.unit === 'contact' ? 'contacts' : 'working', { name: line.name }),
      amount: amount(bought?.amount ?? 0, line.amount),
      detail: short
        ? w('buys_of', { bought: t.format.number(bought?.units ?? 0, 0), needed: unitsOf(line, line.units, t) })
        : w('units_at', { units: unitsOf(line, line.units, t), cost: unitCostOf(line, money, t) }),
    });
  });
  const unplacedNeed = (need.traffic?.unplaced ?? 0) + (need.reach?.unplaced ?? 0) + (need.retention?.unplaced ?? 0);
  const unplacedFunded = (funded.traffic?.unplaced ?? 0) + (funded.reach?.unplaced ?? 0) + (funded.retention?.unplaced ?? 0);
  if (unplacedNeed > 0) rows.push({ label: w('unplaced'), amount: amount(unplacedFunded, unplacedNeed), detail: w('unplaced_detail') });
  need.nonMedia.forEach((line, i) => {
    const kind = `pages.budget.non_media.${line.kind}`;
    rows.push({
      label: w('non_media', { kind: t.has(kind) ? words(t, kind) : line.kind }),
      amount: amount(funded.nonMedia[i]?.amount ?? 0, line.amount),
      detail: line.description ?? null,
    });
  });
  if (need.incentive) {
    const incentive = need.incentive;
    const redemptions = countOf(t, 'redemption', short ? (funded.incentive?.redemptions ?? 0) : incentive.redemptions);
    rows.push({
      label: w('incentive'),
      amount: amount(funded.incentive?.amount ?? 0, incentive.amount),
      detail: w(incentive.estimated ? 'incentive_detail' : 'incentive_every', { value: money(incentive.value), redemptions }),
    });
  }
  rows.push({
    label: w('reserve'),
    amount: amount(funded.reserve, need.reserve),
    detail: w('reserve_detail', { rate: t.format.rate(sketch.reserveRate, 1) }),
  });
  if (sketch.unallocated > 0) {
    rows.push({ label: w('unallocated'), amount: money(sketch.unallocated), detail: w(short ? 'unallocated_short' : 'unallocated_enough') });
  }
  return rows;
}

function ownedNote(context: SketchContext, t: Translator): string | null {
  const separator = words(t, 'pages.list.separator');
  const owned = context.owned.join(separator);
  const earned = context.earned.join(separator);
  if (owned && earned) return words(t, 'pages.budget.money.note_both', { owned, earned });
  if (owned) return words(t, 'pages.budget.money.note_owned', { owned });
  if (earned) return words(t, 'pages.budget.money.note_earned', { earned });
  return null;
}

function comparisonView(sketch: BudgetSketch, money: (minor: number) => string, t: Translator): ComparisonView | null {
  if (sketch.available === undefined) return null;
  const w = (key: string, params?: Params) => words(t, `pages.budget.comparison.${key}`, params);
  const verdicts = {
    enough: () => w('enough', { more: money((sketch.available ?? 0) - sketch.need.total) }),
    exact: () => w('exact'),
    shortfall: () => w('shortfall', { gap: money(sketch.gap), coverage: t.format.rate(sketch.coverage ?? 0, 0) }),
    unknown: () => '',
  };
  return {
    available: money(sketch.available),
    needed: money(sketch.need.total),
    verdict: verdicts[sketch.status](),
    isShortfall: sketch.status === 'shortfall',
    achieves: achievesText(sketch, money, t),
  };
}

/** "The ¥200,000 on the buying channels buys 100,000 visits, about 1,000 orders and ¥1,000,000 of revenue." */
function achievesText(sketch: BudgetSketch, money: (minor: number) => string, t: Translator): string | null {
  if (Object.keys(sketch.achieves).length === 0) return null;
  return words(t, 'pages.budget.comparison.achieves', { money: money(buyingMoney(sketch.funded)), bought: boughtText(sketch, money, t) });
}

/** What the funded task buys, in the reader's language (the shortfall finding says it with `boughtPhrase`, in its own words). */
function boughtText(sketch: BudgetSketch, money: (minor: number) => string, t: Translator): string {
  const w = (key: string, params?: Params) => words(t, `pages.budget.bought.${key}`, params);
  const count = (value: number) => t.format.number(value, 0);
  const { visits, orders, revenue, impressions, reachRate, customers, extraOrders } = sketch.achieves;
  const parts: string[] = [];
  if (visits !== undefined) parts.push(w('visits', { visits: count(visits) }));
  if (impressions !== undefined) parts.push(w('impressions', { impressions: count(impressions), rate: t.format.rate(reachRate ?? 0, 0) }));
  if (customers !== undefined) parts.push(w('customers', { customers: count(customers), orders: count(extraOrders ?? 0) }));
  if (visits !== undefined && orders !== undefined) parts.push(w('orders', { orders: count(orders) }));
  if (revenue !== undefined) parts.push(w('revenue', { money: money(revenue) }));
  return parts.length > 0 ? listAnd(t, parts) : w('nothing');
}

function goalRow(goal: BudgetSketch['goals'][number], context: SketchContext, money: (minor: number) => string, t: Translator): GoalRowView {
  const show = (value: number) => (goal.metric === 'revenue' ? money(value) : goal.metric === 'reach' ? t.format.rate(value, 0) : t.format.number(value, 0));
  return {
    label: goalLabel(context, goal.goalIndex, t, true),
    target: show(goal.target),
    planned: show(goal.planned),
    bought: show(goal.bought),
    // Whole orders and minor units: a goal is met when what the money buys rounds to it.
    met: Math.round(goal.bought) >= goal.target || (goal.metric === 'reach' && goal.bought >= goal.target),
  };
}

function profitView(sketch: BudgetSketch, money: (minor: number) => string, t: Translator): BudgetSketchView['profit'] {
  const profit = sketch.profit;
  if (!profit) return null;
  const w = (key: string, params?: Params) => words(t, `pages.budget.profit.${key}`, params);
  const incentive = profit.incentivePerOrder > 0 ? w('incentive', { money: money(profit.incentivePerOrder) }) : '';
  const cost = w(profit.task === 'retention' ? 'cost_contacts' : 'cost_media', { money: money(profit.mediaCostPerOrder) });
  const value = profit.valuePerOrder;
  const aov = money(profit.averageOrderValue);
  const margin = t.format.rate(profit.grossMargin ?? 0);
  const against = {
    'customer-value': () => w('customer_value', { value: money(value) }),
    contribution: () => (value >= 0 ? w('contribution', { value: money(value), aov, margin, incentive }) : w('contribution_loss', { value: money(-value), aov, margin, incentive })),
    revenue: () =>
      value >= 0
        ? incentive
          ? w('revenue_incentive', { value: money(value), aov, incentive })
          : w('revenue', { value: money(value) })
        : w('revenue_loss', { incentive: money(profit.incentivePerOrder), aov }),
  }[profit.basis]();
  const first = profit.contributionPerOrder;
  const contribution =
    profit.basis === 'customer-value' && first !== undefined ? (first >= 0 ? w('first_contributes', { money: money(first) }) : w('first_loses', { money: money(-first) })) : '';
  return {
    line: w('line', { cost, against, first: contribution }),
    exceeds: profit.exceeds,
    note: profit.basis === 'revenue' ? w('revenue_note') : null,
  };
}

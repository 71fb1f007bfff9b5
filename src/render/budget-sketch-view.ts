/**
 * The budget sketch as `budget-sketch.hbs` shows it: the task's maths spelled out,
 * the money line by line (needed and, when short, funded), what the buying channels'
 * money achieves, the goals beside it, profit per order, and the spend by phase.
 * Every figure is pre-formatted plain text; the renderer escapes it for Slack.
 */
import type { BudgetSketch, MoneyLines, ReachTask, RetentionTask, TaskLine, TrafficTask } from '../domain/budget/budget-types.js';
import { formatMoney, formatNumber, formatRate } from '../domain/plan/format.js';
import { NON_MEDIA_LABELS } from '../domain/plan/plan.js';
import { buyingMoney, describeBought } from '../domain/rules/budget-rules.js';
import { MEDIA_LABELS, METRIC_LABELS, type Currency, type Goal, type PhasingPattern, type PlanDraft } from '../domain/plan/plan.js';
import { phaseView, type PhaseView } from './view-text.js';

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

const MODEL_LABELS = {
  funnel: 'Sales funnel (objective and task)',
  reach: 'Reach (objective and task)',
  retention: 'Retention of the customer base (objective and task)',
} as const;


export const PATTERN_LABELS: Record<PhasingPattern, string> = {
  burst: 'Burst (warm-up, launch, sustain)',
  'always-on': 'Always on (the same daily spend throughout)',
  'event-anchored': 'Event-anchored (pre-heat, peak, tail)',
  lifecycle: 'Lifecycle (messages 7, 30 and 60 days after a purchase)',
};

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

/** The budget sketch view; an empty one (with `missing`) when there is no sketch. */
export function budgetSketchView(sketch: BudgetSketch | undefined, context: SketchContext): BudgetSketchView {
  if (!sketch) return emptyView(context);
  const money = (minor: number): string => formatMoney(minor, sketch.currency);
  const short = sketch.status === 'shortfall';
  const phases = sketch.phases.map((phase) => phaseView(phase, sketch.currency));
  const goals = sketch.goals.map((g) => goalRow(g, context, money));
  return {
    title: context.title,
    ready: true,
    missing: null,
    model: MODEL_LABELS[sketch.model],
    scaledDown: sketch.scaledDown,
    funnel: sketch.need.traffic ? funnelView(sketch.need.traffic, sketch, context, money) : null,
    reach: sketch.need.reach ? reachView(sketch.need.reach, money) : null,
    retention: sketch.need.retention ? retentionView(sketch.need.retention, money) : null,
    noTask:
      sketch.model === 'reach' && !sketch.need.reach
        ? 'No paid channel is chosen, so no impressions are bought: the reach goal rests on owned and earned channels, whose cost is production and PR (the non-media lines).'
        : null,
    money: {
      rows: moneyRows(sketch, money, short),
      total: short ? `${money(sketch.funded.total + sketch.unallocated)} of ${money(sketch.need.total)} needed` : money(sketch.need.total),
      totalLabel: short ? 'Total funded' : 'Total needed',
      note: ownedNote(context),
    },
    comparison: comparisonView(sketch, money),
    goals,
    hasGoals: goals.length > 0,
    profit: profitView(sketch, money),
    pattern: `${PATTERN_LABELS[sketch.pattern]}${sketch.patternInferred ? ', inferred from the objective and the message' : ''}`,
    phases,
    hasPhases: phases.length > 0,
  };
}

function emptyView(context: SketchContext): BudgetSketchView {
  return {
    title: context.title,
    ready: false,
    missing:
      context.missing ??
      'There is no budget sketch yet: it needs the inputs of the plan\'s task (the funnel: target revenue, order value, conversion, cost per visit; reach: audience size, reach, frequency, CPM; retention: the customer base, the uplift in repeat rate, the cost per contact).',
    model: '',
    scaledDown: false,
    funnel: null,
    reach: null,
    retention: null,
    noTask: null,
    money: { rows: [], total: formatMoney(0, context.currency), totalLabel: 'Total needed', note: null },
    comparison: null,
    goals: [],
    hasGoals: false,
    profit: null,
    pattern: '',
    phases: [],
    hasPhases: false,
  };
}

function lineViews(lines: readonly TaskLine[], money: (minor: number) => string): TaskLineView[] {
  return lines.map((line) => ({
    name: line.name,
    media: MEDIA_LABELS[line.media],
    units: `${formatNumber(line.units, 0)} ${unitName(line)}`,
    unitCost: `${money(line.unitCost)}${line.unit === 'thousand-impressions' ? ' per 1,000' : ''}`,
    amount: money(line.amount),
    offStage: line.stageFit === 'off-stage',
    ownCost: line.costSource === 'channel',
  }));
}

function unitName(line: TaskLine): string {
  const one = line.units === 1;
  switch (line.unit) {
    case 'visit':
      return one ? 'visit' : 'visits';
    case 'thousand-impressions':
      return one ? 'impression' : 'impressions';
    case 'contact':
      return one ? 'contact' : 'contacts';
  }
}

function goalLabel(goals: readonly Goal[], index: number): string {
  const goal = goals[index];
  const metric = goal && Object.hasOwn(METRIC_LABELS, goal.metric) ? METRIC_LABELS[goal.metric] : undefined;
  return metric ? `goal ${index + 1} (${metric})` : `goal ${index + 1}`;
}

function funnelView(task: TrafficTask, sketch: BudgetSketch, context: SketchContext, money: (minor: number) => string): FunnelView {
  const { inputs } = task;
  const outlook = sketch.conversion;
  return {
    targetRevenue: money(inputs.targetRevenue),
    revenueSource: task.revenueGoal !== undefined ? goalLabel(context.goals, task.revenueGoal) : null,
    conversionRate: formatRate(inputs.conversionRate),
    averageOrderValue: money(inputs.averageOrderValue),
    visits: formatNumber(task.visits, 0),
    costPerVisit: money(inputs.costPerVisit),
    workingMedia: money(task.workingMedia),
    orders: plural(task.orders, 'order'),
    lines: lineViews(task.lines, money),
    unplaced: task.unplaced > 0 ? `${money(task.unplaced)} for the visits has no paid channel to buy them` : null,
    outlook: outlook
      ? {
          basis:
            outlook.assumed === outlook.baseline
              ? `Conversion is budgeted at ${formatRate(outlook.baseline)}, the baseline of ${goalLabel(context.goals, outlook.goalIndex)}.`
              : `Conversion is budgeted at ${formatRate(outlook.assumed)}; ${goalLabel(context.goals, outlook.goalIndex)} starts from ${formatRate(outlook.baseline)}.`,
          upside:
            outlook.assumed < outlook.target
              ? `If conversion reaches the ${formatRate(outlook.target)} target: ${formatNumber(outlook.atTarget.visits, 0)} visits, ${money(outlook.atTarget.workingMedia)} of working media (the upside).`
              : null,
          atBaseline:
            outlook.assumed > outlook.baseline
              ? `At today's ${formatRate(outlook.baseline)}: ${formatNumber(outlook.atBaseline.visits, 0)} visits, ${money(outlook.atBaseline.workingMedia)} of working media.`
              : null,
        }
      : null,
  };
}

function reachView(task: ReachTask, money: (minor: number) => string): ReachView {
  const { inputs } = task;
  return {
    audienceSize: formatNumber(inputs.audienceSize, 0),
    reachRate: formatRate(inputs.reachRate),
    frequency: formatNumber(inputs.frequency),
    impressions: formatNumber(task.impressions, 0),
    cpm: money(inputs.cpm),
    workingMedia: money(task.workingMedia),
    lines: lineViews(task.lines, money),
    unplaced: task.unplaced > 0 ? `${money(task.unplaced)} for the impressions has no paid channel to buy them` : null,
  };
}

function retentionView(task: RetentionTask, money: (minor: number) => string): RetentionView {
  const aov = task.inputs.averageOrderValue;
  return {
    base: formatNumber(task.customers, 0),
    contactsPerCustomer: formatNumber(task.contactsPerCustomer, 0),
    contacts: formatNumber(task.contacts, 0),
    costPerContact: money(task.inputs.costPerContact ?? 0),
    contactCost: money(task.workingMedia),
    uplift: formatRate(task.inputs.repeatRateUplift),
    extraOrders: formatNumber(task.extraOrders, 0),
    revenue: aov !== undefined ? `${formatNumber(task.extraOrders, 0)} × ${money(aov)} = ${money(task.extraOrders * aov)} of revenue` : null,
    lines: lineViews(task.lines, money),
    unplaced: task.unplaced > 0 ? `${money(task.unplaced)} for the contacts has no owned channel that reaches customers after their purchase` : null,
  };
}

/** The lines of the total, each needed and, when short, funded. */
function moneyRows(sketch: BudgetSketch, money: (minor: number) => string, short: boolean): MoneyRowView[] {
  const { need, funded } = sketch;
  const amount = (fundedAmount: number, needed: number) => (short ? `${money(fundedAmount)} of ${money(needed)} needed` : money(needed));
  const rows: MoneyRowView[] = [];
  const taskLines = (lines: MoneyLines) => [...(lines.traffic?.lines ?? []), ...(lines.reach?.lines ?? []), ...(lines.retention?.lines ?? [])];
  const fundedLines = taskLines(funded);
  taskLines(need).forEach((line, i) => {
    const bought = fundedLines[i];
    const what = line.unit === 'contact' ? 'Contacts' : 'Working media';
    rows.push({
      label: `${what} · ${line.name}`,
      amount: amount(bought?.amount ?? 0, line.amount),
      detail: short
        ? `buys ${formatNumber(bought?.units ?? 0, 0)} of the ${formatNumber(line.units, 0)} ${unitName(line)} needed`
        : `${formatNumber(line.units, 0)} ${unitName(line)} at ${money(line.unitCost)}${line.unit === 'thousand-impressions' ? ' per 1,000' : ''}`,
    });
  });
  const unplacedNeed = (need.traffic?.unplaced ?? 0) + (need.reach?.unplaced ?? 0) + (need.retention?.unplaced ?? 0);
  const unplacedFunded = (funded.traffic?.unplaced ?? 0) + (funded.reach?.unplaced ?? 0) + (funded.retention?.unplaced ?? 0);
  if (unplacedNeed > 0) rows.push({ label: 'Working money with no channel to spend it', amount: amount(unplacedFunded, unplacedNeed), detail: 'add a channel that buys the task' });
  need.nonMedia.forEach((line, i) => {
    rows.push({
      label: `Non-media · ${NON_MEDIA_LABELS[line.kind] ?? line.kind}`,
      amount: amount(funded.nonMedia[i]?.amount ?? 0, line.amount),
      detail: line.description ?? null,
    });
  });
  if (need.incentive) {
    const incentive = need.incentive;
    rows.push({
      label: 'Incentive',
      amount: amount(funded.incentive?.amount ?? 0, incentive.amount),
      detail: `${money(incentive.value)} × ${plural(short ? (funded.incentive?.redemptions ?? 0) : incentive.redemptions, 'redemption')}${incentive.estimated ? '' : ': every order redeems'}`,
    });
  }
  rows.push({
    label: 'Reserve',
    amount: amount(funded.reserve, need.reserve),
    detail: `${formatRate(sketch.reserveRate, 1)} of the working money, for tests and contingency`,
  });
  if (sketch.unallocated > 0) {
    rows.push({ label: 'Unallocated', amount: money(sketch.unallocated), detail: short ? 'too little to buy one more unit' : 'money available beyond what the plan needs' });
  }
  return rows;
}

function ownedNote(context: SketchContext): string | null {
  const parts: string[] = [];
  if (context.owned.length > 0) parts.push(`Owned channels (${context.owned.join(', ')}) get production money, not media money`);
  if (context.earned.length > 0) parts.push(`earned ones (${context.earned.join(', ')}) cost PR or seeding at most`);
  if (parts.length === 0) return null;
  return `${parts.join('; ')}: their cost belongs in the non-media lines.`;
}

function comparisonView(sketch: BudgetSketch, money: (minor: number) => string): ComparisonView | null {
  if (sketch.available === undefined) return null;
  const needed = money(sketch.need.total);
  const verdicts = {
    enough: `${money(sketch.available - sketch.need.total)} more than needed, shown as unallocated`,
    exact: 'Exactly enough',
    shortfall: `Shortfall of ${money(sketch.gap)}: ${formatRate(sketch.coverage ?? 0, 0)} of the need is covered`,
    unknown: '',
  };
  return {
    available: money(sketch.available),
    needed,
    verdict: verdicts[sketch.status],
    isShortfall: sketch.status === 'shortfall',
    achieves: achievesText(sketch, money),
  };
}

/** "The ¥200,000 on the buying channels buys 100,000 visits, about 1,000 orders and ¥1,000,000 of revenue." */
function achievesText(sketch: BudgetSketch, money: (minor: number) => string): string | null {
  if (Object.keys(sketch.achieves).length === 0) return null;
  return `The ${money(buyingMoney(sketch.funded))} on the buying channels buys ${describeBought(sketch)}.`;
}

function goalRow(goal: BudgetSketch['goals'][number], context: SketchContext, money: (minor: number) => string): GoalRowView {
  const show = (value: number) => (goal.metric === 'revenue' ? money(value) : goal.metric === 'reach' ? formatRate(value, 0) : formatNumber(value, 0));
  const label = goalLabel(context.goals, goal.goalIndex);
  return {
    label: label.charAt(0).toUpperCase() + label.slice(1),
    target: show(goal.target),
    planned: show(goal.planned),
    bought: show(goal.bought),
    // Whole orders and minor units: a goal is met when what the money buys rounds to it.
    met: Math.round(goal.bought) >= goal.target || (goal.metric === 'reach' && goal.bought >= goal.target),
  };
}

function profitView(sketch: BudgetSketch, money: (minor: number) => string): BudgetSketchView['profit'] {
  const profit = sketch.profit;
  if (!profit) return null;
  const incentive = profit.incentivePerOrder > 0 ? ` − ${money(profit.incentivePerOrder)} incentive` : '';
  const cost = `Each order costs ${money(profit.mediaCostPerOrder)} ${profit.task === 'retention' ? 'in contacts' : 'in media'}`;
  const value = profit.valuePerOrder;
  const against = {
    'customer-value': `against a customer value of ${money(value)}`,
    contribution:
      value >= 0
        ? `against a contribution of ${money(value)} per order (${money(profit.averageOrderValue)} × ${formatRate(profit.grossMargin ?? 0)} margin${incentive})`
        : `and an order loses ${money(-value)} before any media (${money(profit.averageOrderValue)} × ${formatRate(profit.grossMargin ?? 0)} margin${incentive})`,
    revenue:
      value >= 0
        ? `against ${money(value)} of revenue per order${incentive ? ` (${money(profit.averageOrderValue)}${incentive})` : ''}`
        : `and the incentive of ${money(profit.incentivePerOrder)} is more than the ${money(profit.averageOrderValue)} order`,
  }[profit.basis];
  const first = profit.contributionPerOrder;
  const contribution =
    profit.basis === 'customer-value' && first !== undefined
      ? first >= 0
        ? ` The first order contributes ${money(first)}.`
        : ` The first order loses ${money(-first)} before any media.`
      : '';
  return {
    line: `${cost} ${against}.${contribution}`,
    exceeds: profit.exceeds,
    note: profit.basis === 'revenue' ? 'Judged on revenue, not profit: no gross margin was given.' : null,
  };
}

/** "1 order", "1,000 orders". */
function plural(count: number, noun: string): string {
  return `${formatNumber(count, 0)} ${formatNumber(count, 0) === '1' ? noun : `${noun}s`}`;
}


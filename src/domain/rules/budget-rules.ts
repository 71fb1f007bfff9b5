/**
 * Objective-and-task budget (domain §4): the inputs of the plan's task make sense;
 * a budget that cannot be right is an error that names its numbers (BUDGET-ABSURD);
 * the money available covers what the task needs, and what it buys is counted from
 * the buying channels' lines; a rate a goal wants to improve is budgeted at its
 * baseline; the goals agree with what the task delivers; the task has channels that
 * can buy it; and an order is worth more than it costs to win, on profit.
 */
import { analyseBudget, MIN_COVERAGE, type BudgetAnalysis } from '../budget/budget.js';
import type { BudgetModel, BudgetProblem, BudgetSketch, MoneyLines, ProfitCheck } from '../budget/budget-types.js';
import { MIN_PLAUSIBLE_RATE } from '../budget/budget-inputs.js';
import { contactChannels, paidChannels } from '../budget/budget-tasks.js';
import { formatMoney, formatNumber, formatRate } from '../plan/format.js';
import type { Currency, PlanDraft } from '../plan/plan.js';
import { defineRule, type FindingBody, type RuleContext, type RuleDefinition } from './rule-definition.js';
import { asSentence, currencyOf, goalName, joinNames } from './rule-text.js';

type InputKind = 'money' | 'count' | 'rate' | 'positive';

/** One model input: where it is asked, how it is named, and what makes it valid. */
interface InputField {
  key: string;
  questionId: string;
  name: string;
  kind: InputKind;
  optional?: boolean;
  example: string;
}

const FUNNEL_FIELDS: InputField[] = [
  { key: 'targetRevenue', questionId: 'target_revenue', name: 'target revenue', kind: 'money', example: '1,200,000' },
  { key: 'averageOrderValue', questionId: 'average_order_value', name: 'average order value', kind: 'money', example: '40' },
  { key: 'conversionRate', questionId: 'conversion_rate', name: 'conversion rate', kind: 'rate', example: '2.5%' },
  { key: 'costPerVisit', questionId: 'cost_per_visit', name: 'cost per visit', kind: 'money', example: '0.80' },
  { key: 'customerValue', questionId: 'customer_value', name: 'customer value', kind: 'money', optional: true, example: '300' },
];

const REACH_FIELDS: InputField[] = [
  { key: 'audienceSize', questionId: 'audience_size', name: 'audience size', kind: 'count', example: '2,000,000' },
  { key: 'reachRate', questionId: 'reach_rate', name: 'reach rate', kind: 'rate', example: '60%' },
  { key: 'frequency', questionId: 'frequency', name: 'frequency', kind: 'positive', example: '3' },
  { key: 'cpm', questionId: 'cpm', name: 'CPM', kind: 'money', example: '45' },
];

const RETENTION_FIELDS: InputField[] = [
  { key: 'baseCustomers', questionId: 'retention_base', name: 'customer base', kind: 'count', example: '3,000' },
  { key: 'repeatRateUplift', questionId: 'repeat_uplift', name: 'uplift in repeat rate', kind: 'rate', example: '10%' },
  { key: 'costPerContact', questionId: 'cost_per_contact', name: 'cost per contact', kind: 'money', example: '0.50' },
  { key: 'averageOrderValue', questionId: 'average_order_value', name: 'average order value', kind: 'money', optional: true, example: '120' },
];

const FIELDS: Record<BudgetModel, InputField[]> = { funnel: FUNNEL_FIELDS, reach: REACH_FIELDS, retention: RETENTION_FIELDS };
const MODEL_NAMES: Record<BudgetModel, string> = { funnel: 'funnel', reach: 'reach', retention: 'retention' };

/** Whether one input value is usable for its kind; money and counts are whole numbers. */
function isValidInput(value: unknown, kind: InputKind): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return false;
  if (kind === 'rate') return value <= 1;
  if (kind === 'money' || kind === 'count') return Number.isInteger(value);
  return true;
}

/** How a bad value reads in the problem text, in the field's own unit. */
function describeValue(value: unknown, kind: InputKind, currency: Currency): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a number';
  if (kind === 'rate') return formatRate(value);
  if (kind === 'money') return formatMoney(value, currency);
  return formatNumber(value);
}

/** The inputs the plan's task needs; a reach plan with no paid channel needs none (owned channels get production money). */
function fieldsFor(draft: PlanDraft, model: BudgetModel): InputField[] {
  if (model === 'reach' && paidChannels(draft).length === 0) return [];
  return FIELDS[model];
}

/** The fields of the model the plan uses that are missing or out of range. */
function badInputs(draft: PlanDraft, model: BudgetModel): { missing: InputField[]; invalid: string[]; first?: InputField } {
  const inputs: Record<string, unknown> = { ...(draft.budget?.[model] ?? {}) };
  const currency = currencyOf(draft);
  const missing: InputField[] = [];
  const invalid: string[] = [];
  const bad: InputField[] = [];
  for (const field of fieldsFor(draft, model)) {
    const value = inputs[field.key];
    if (value === undefined || value === null) {
      if (!field.optional) {
        missing.push(field);
        bad.push(field);
      }
    } else if (!isValidInput(value, field.kind)) {
      const range = field.kind === 'rate' ? 'between 0 and 100 %' : 'above zero';
      invalid.push(`the ${field.name} is ${describeValue(value, field.kind, currency)} but must be ${range}`);
      bad.push(field);
    }
  }
  return { missing, invalid, first: bad[0] };
}

/** The budget analysis of a draft, worked out once per evaluation when the rules run together. */
function analysisOf(draft: PlanDraft, ctx: RuleContext): BudgetAnalysis {
  return ctx.shared ? ctx.shared('budget-analysis', () => analyseBudget(draft)) : analyseBudget(draft);
}

/** The sketch, once the inputs are valid (before that BUDGET-INPUTS speaks). */
function sketchOf(draft: PlanDraft, ctx: RuleContext): BudgetSketch | undefined {
  const analysis = analysisOf(draft, ctx);
  if (analysis.model === undefined || badInputs(draft, analysis.model).first !== undefined) return undefined;
  return analysis.sketch;
}

const budgetInputs = defineRule({
  id: 'BUDGET-INPUTS',
  severity: 'error',
  title: 'The budget inputs make sense',
  questionIds: [...FUNNEL_FIELDS, ...REACH_FIELDS, ...RETENTION_FIELDS].map((field) => field.questionId).filter(unique),
  check(draft, ctx) {
    const model = analysisOf(draft, ctx).model;
    if (model === undefined) {
      return [
        {
          severity: 'error',
          problem: 'The budget cannot be worked out yet: the primary objective decides which figures it needs.',
          principle:
            'The budget is derived from the goal (objective and task): sales goals use the sales funnel, awareness goals the reach model, post-purchase plans the customer base.',
          fix: 'Choose the primary objective first, e.g. "Purchase intention"; the budget questions follow from it.',
          questionId: 'primary_objective',
        },
      ];
    }
    const { missing, invalid, first } = badInputs(draft, model);
    if (first === undefined) return [];
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`the ${MODEL_NAMES[model]} inputs lack the ${joinNames(missing.map((f) => f.name))}`);
    parts.push(...invalid);
    return [
      {
        severity: 'error',
        problem: asSentence(joinNames(parts)),
        principle:
          'The budget is derived from the goal (objective and task), so every input of the calculation must be a real, positive figure.',
        fix: `Answer with a positive figure, e.g. ${first.example} for the ${first.name}; rates go from just above 0 up to 100 %.`,
        questionId: first.questionId,
      },
    ];
  },
});

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

// ── BUDGET-ABSURD ────────────────────────────────────────────────────────────

const RATE_NAMES = { conversionRate: 'conversion rate', reachRate: 'reach rate', repeatRateUplift: 'uplift in repeat rate' } as const;
const RATE_QUESTIONS = { conversionRate: 'conversion_rate', reachRate: 'reach_rate', repeatRateUplift: 'repeat_uplift' } as const;

/** The finding for one problem: what is wrong with the numbers, and the typo that usually explains it. */
function absurdFinding(problem: BudgetProblem, draft: PlanDraft): FindingBody {
  const currency = currencyOf(draft);
  const money = (minor: number) => formatMoney(minor, currency);
  const principle =
    'A budget derived from the goal must be a plan the team can act on; figures that cannot be right are almost always a typo, and a plan built on them misleads everyone who reads it.';
  switch (problem.code) {
    case 'rate-reads-as-zero': {
      const name = RATE_NAMES[problem.field];
      const inOne = Math.round(1 / problem.value);
      return {
        severity: 'error',
        problem: `The ${name} reads as 0 %: ${formatRate(problem.value, 6)} is one in ${formatNumber(inOne, 0)}, which no plan can budget on.`,
        principle,
        fix: `If you typed a fraction with a % sign, ${formatNumber(problem.value * 100, 6)} as a fraction is ${formatRate(problem.value * 100, 4)}: type it as \`${formatNumber(problem.value * 10_000, 4)}%\`. Rates below ${formatRate(MIN_PLAUSIBLE_RATE)} are not accepted.`,
        questionId: RATE_QUESTIONS[problem.field],
      };
    }
    case 'cannot-compute':
      return {
        severity: 'error',
        problem: `The ${problem.task === 'traffic' ? 'funnel' : problem.task} cannot be computed: ${cannotComputeDetail(problem.task, draft)} is more than can be counted exactly.`,
        principle,
        fix: 'Check each figure for a misplaced decimal point or extra zeros: a conversion rate typed as 0.0001% instead of 1%, or a target in the wrong unit.',
        questionId: problem.task === 'reach' ? 'reach_rate' : problem.task === 'retention' ? 'retention_base' : 'conversion_rate',
      };
    case 'need-over-ten-times': {
      const ratio = problem.need / Math.max(1, problem.available);
      return {
        severity: 'error',
        problem: `The plan needs ${money(problem.need)} but ${money(problem.available)} is available: ${problem.available === 0 ? 'no money at all' : `${formatNumber(ratio, ratio < 100 ? 1 : 0)} times the money`}. ${likelyTypo(ratio, problem.available, draft)}`,
        principle,
        fix: 'Correct the figure that is wrong; if they are all right, the goal is out of reach of this money: lower the target or find the money.',
        questionId: 'budget_available',
      };
    }
    case 'underfunded':
      return {
        severity: 'error',
        problem: `${money(problem.available)} covers ${formatRate(problem.available / problem.need, 0)} of the ${money(problem.need)} the plan needs: below ${formatRate(MIN_COVERAGE, 0)} the goals promise what the money cannot buy.`,
        principle,
        fix: 'Raise the money, lower the targets, or post a plan scaled down to the money: type `scale down` (its goals are cut to what the money buys and labelled so).',
        questionId: 'budget_available',
        action: 'scale-down',
      };
    case 'orders-over-base':
      return {
        severity: 'error',
        problem: `The funnel promises about ${formatNumber(problem.orders, 0)} orders from a base of ${formatNumber(problem.base, 0)} customers: a post-purchase plan sells to its base, so its extra orders cannot exceed it.`,
        principle,
        fix: 'Budget the retention task (the base, the uplift in repeat rate and the cost per contact) instead of buying visits, or check the size of the base.',
        questionId: 'retention_base',
      };
  }
}

/** The computation that overflowed, with the plan's own figures. */
function cannotComputeDetail(task: 'traffic' | 'reach' | 'retention', draft: PlanDraft): string {
  const currency = currencyOf(draft);
  const money = (minor: number) => formatMoney(minor, currency);
  const { funnel, reach, retention } = draft.budget ?? {};
  if (task === 'traffic' && funnel) {
    return `${money(funnel.targetRevenue)} ÷ (${formatRate(funnel.conversionRate, 6)} × ${money(funnel.averageOrderValue)}) visits at ${money(funnel.costPerVisit)} each`;
  }
  if (task === 'reach' && reach) {
    return `${formatNumber(reach.audienceSize, 0)} people × ${formatRate(reach.reachRate)} × ${formatNumber(reach.frequency)} impressions at ${money(reach.cpm)} per thousand`;
  }
  if (task === 'retention' && retention) return `${formatNumber(retention.baseCustomers, 0)} customers`;
  return 'its result';
}

/** A need 10, 100, 1,000… times the money looks like zeros lost or a rate typed as a fraction. */
function likelyTypo(ratio: number, available: number, draft: PlanDraft): string {
  const currency = currencyOf(draft);
  const power = Math.round(Math.log10(ratio));
  const nearPower = power >= 1 && Math.abs(ratio / 10 ** power - 1) <= 0.15;
  const hints: string[] = [];
  if (available > 0 && nearPower) {
    hints.push(`is a zero missing from the money available (${formatMoney(available * 10 ** power, currency)} rather than ${formatMoney(available, currency)})?`);
  }
  const conversion = draft.budget?.funnel?.conversionRate;
  if (typeof conversion === 'number' && conversion < 0.005) {
    hints.push(`is the conversion rate of ${formatRate(conversion, 4)} meant as ${formatRate(conversion * 100, 2)}?`);
  }
  if (hints.length === 0) return 'Check the money available, the target and each rate for a typo.';
  return `Likely typo: ${hints.join(' Or ')}`;
}

const budgetAbsurd = defineRule({
  id: 'BUDGET-ABSURD',
  severity: 'error',
  title: 'The budget is not absurd',
  questionIds: ['budget_available', 'conversion_rate', 'reach_rate', 'repeat_uplift', 'retention_base'],
  check(draft, ctx) {
    const { model, problems } = analysisOf(draft, ctx);
    if (model === undefined || badInputs(draft, model).first !== undefined) return [];
    return problems.map((problem) => absurdFinding(problem, draft));
  },
});

// ── BUDGET-SHORTFALL ─────────────────────────────────────────────────────────

/** The money lines in one clause: "¥200,000 of working media, ¥20,000 of non-media and a ¥20,000 reserve". */
export function describeLines(lines: MoneyLines, currency: Currency): string {
  const money = (minor: number) => formatMoney(minor, currency);
  const parts = [`${money(lines.working)} of working media`];
  if (lines.nonMediaTotal > 0) parts.push(`${money(lines.nonMediaTotal)} of non-media`);
  if (lines.incentive) parts.push(`${money(lines.incentive.amount)} of incentive`);
  if (lines.reserve > 0) parts.push(`a ${money(lines.reserve)} reserve`);
  return joinNames(parts);
}

/** What the buying channels' money buys, as a phrase. */
export function describeBought(sketch: BudgetSketch): string {
  const money = (minor: number) => formatMoney(minor, sketch.currency);
  const { visits, orders, revenue, impressions, reachRate, customers, extraOrders } = sketch.achieves;
  const parts: string[] = [];
  if (visits !== undefined) parts.push(`${formatNumber(visits, 0)} visits`);
  if (impressions !== undefined) parts.push(`${formatNumber(impressions, 0)} impressions (${formatRate(reachRate ?? 0, 0)} of the audience at the planned frequency)`);
  if (customers !== undefined) parts.push(`contacts with ${formatNumber(customers, 0)} customers (${formatNumber(extraOrders ?? 0, 0)} extra orders)`);
  if (visits !== undefined && orders !== undefined) parts.push(`about ${formatNumber(orders, 0)} orders`);
  if (revenue !== undefined) parts.push(`${money(revenue)} of revenue`);
  return parts.length > 0 ? joinNames(parts) : 'nothing the task counts';
}

/** Money on the lines of channels that buy the tasks (not unplaced money). */
export function buyingMoney(lines: MoneyLines): number {
  return [lines.traffic, lines.reach, lines.retention].reduce((sum, task) => sum + (task?.lines.reduce((s, l) => s + l.amount, 0) ?? 0), 0);
}

const budgetShortfall = defineRule({
  id: 'BUDGET-SHORTFALL',
  severity: 'warning',
  title: 'The money available covers the objective',
  questionIds: ['budget_available'],
  check(draft, ctx) {
    const sketch = sketchOf(draft, ctx);
    if (sketch === undefined || sketch.status !== 'shortfall' || sketch.available === undefined) return [];
    const coverage = sketch.coverage ?? 0;
    // Below half the need BUDGET-ABSURD speaks, unless the author chose to scale the plan down.
    if (coverage < MIN_COVERAGE && !sketch.scaledDown) return [];
    const money = (minor: number) => formatMoney(minor, sketch.currency);
    const bought = `The ${money(buyingMoney(sketch.funded))} that reaches the buying channels buys ${describeBought(sketch)}.`;
    const need = `The plan needs ${money(sketch.need.total)} (${describeLines(sketch.need, sketch.currency)}) but ${money(sketch.available)} is available: ${money(sketch.gap)} short, ${formatRate(coverage, 0)} covered.`;
    const body: FindingBody = {
      severity: 'warning',
      problem: sketch.scaledDown ? `Scaled down to the money. ${need} ${bought} The goals are cut to match.` : `${need} ${bought}`,
      principle: 'Derive the budget from the goal; when the money is short, either the money or the goal has to change, openly.',
      fix: fixFor(sketch.model),
      questionId: 'budget_available',
    };
    return [body];
  },
});

function fixFor(model: BudgetModel): string {
  switch (model) {
    case 'funnel':
      return 'Raise the budget, lower the revenue target to what the money buys, or improve the conversion rate or cost per visit.';
    case 'reach':
      return 'Raise the budget, narrow the audience, or plan a lower reach or frequency.';
    case 'retention':
      return 'Raise the budget, contact fewer customers, or lower the cost per contact.';
  }
}

// ── BUDGET-BASELINE ──────────────────────────────────────────────────────────

const budgetBaseline = defineRule({
  id: 'BUDGET-BASELINE',
  severity: 'warning',
  title: 'A rate a goal wants to improve is budgeted at its baseline',
  questionIds: ['conversion_rate'],
  check(draft, ctx) {
    const sketch = sketchOf(draft, ctx);
    const outlook = sketch?.conversion;
    if (sketch === undefined || outlook === undefined || outlook.assumed < outlook.target) return [];
    const money = (minor: number) => formatMoney(minor, sketch.currency);
    const goal = draft.goals[outlook.goalIndex];
    const which = goal ? goalName(goal, outlook.goalIndex, ctx.labels) : 'the conversion goal';
    const verb = outlook.assumed === outlook.target ? 'equals' : 'exceeds';
    return [
      {
        severity: 'warning',
        problem: `The funnel assumes ${formatRate(outlook.assumed)} conversion, which ${verb} the target of ${which} (${formatRate(outlook.baseline)} → ${formatRate(outlook.target)}). At today's ${formatRate(outlook.baseline)} the target needs ${formatNumber(outlook.atBaseline.visits, 0)} visits and ${money(outlook.atBaseline.workingMedia)} of working media; only if conversion reaches ${formatRate(outlook.target)} does ${money(outlook.atTarget.workingMedia)} do.`,
        principle: 'Budget on the rate you have, not the rate you hope for: the goal to improve it is the upside, not the plan.',
        fix: `Budget at the baseline: answer the conversion rate with ${formatRate(outlook.baseline)}; the sketch shows the target as the upside.`,
        questionId: 'conversion_rate',
      },
    ];
  },
});

// ── BUDGET-GOALS ─────────────────────────────────────────────────────────────

/** Goals and task disagree when they differ by more than this share (the task's rounding stays well inside it). */
const GOAL_TOLERANCE = 0.01;

const budgetGoals = defineRule({
  id: 'BUDGET-GOALS',
  severity: 'warning',
  title: 'The goals and the task the budget is built on agree',
  questionIds: ['goals', 'target_revenue'],
  check(draft, ctx) {
    const sketch = sketchOf(draft, ctx);
    if (sketch === undefined || sketch.scaledDown) return [];
    const money = (minor: number) => formatMoney(minor, sketch.currency);
    const disagreeing = sketch.goals.filter((g) => g.target > 0 && Math.abs(g.planned - g.target) > GOAL_TOLERANCE * g.target);
    if (disagreeing.length === 0) return [];
    const show = (metric: string, value: number) =>
      metric === 'revenue' ? money(value) : metric === 'reach' ? formatRate(value) : formatNumber(value, 0);
    const parts = disagreeing.map((g) => {
      const goal = draft.goals[g.goalIndex];
      const name = goal ? goalName(goal, g.goalIndex, ctx.labels) : `goal ${g.goalIndex + 1}`;
      return `${name} wants ${show(g.metric, g.target)} but the task the budget is built on delivers ${show(g.metric, g.planned)}`;
    });
    return [
      {
        severity: 'warning',
        problem: asSentence(joinNames(parts)),
        principle: 'The budget is derived from the goals: the revenue, orders and reach the plan promises must be what its task buys.',
        fix: 'Make the goal and the budget inputs agree: change the goal, or the target revenue, order value or reach behind the budget.',
        questionId: 'goals',
      },
    ];
  },
});

// ── BUDGET-BUYING ────────────────────────────────────────────────────────────

const budgetBuying = defineRule({
  id: 'BUDGET-BUYING',
  severity: 'warning',
  title: 'The task has channels that buy it',
  questionIds: ['channels'],
  check(draft, ctx) {
    const sketch = sketchOf(draft, ctx);
    if (sketch === undefined) return [];
    const money = (minor: number) => formatMoney(minor, sketch.currency);
    const { traffic, reach, retention } = sketch.need;
    const parts: string[] = [];
    if (traffic && traffic.unplaced > 0) parts.push(`no paid channel buys the ${formatNumber(traffic.visits, 0)} visits (${money(traffic.unplaced)})`);
    if (reach && reach.unplaced > 0) parts.push(`no paid channel buys the ${formatNumber(reach.impressions, 0)} impressions (${money(reach.unplaced)})`);
    if (retention && retention.unplaced > 0) {
      parts.push(`no owned channel reaches customers after their purchase for the ${formatNumber(retention.contacts, 0)} contacts (${money(retention.unplaced)})`);
    }
    if (parts.length === 0) return [];
    const contacts = contactChannels(draft).length === 0 && retention !== undefined;
    return [
      {
        severity: 'warning',
        problem: `${asSentence(joinNames(parts)).slice(0, -1)}: the money is in the budget but nothing can spend it.`,
        principle: 'Each task is bought by the channels that can buy it: paid media buys visits and impressions, CRM and community carry contacts with the base.',
        fix: contacts ? 'Add Email and CRM or a private community to the channels.' : 'Add a paid channel that reaches the audience, such as search ads for people comparing options.',
        questionId: 'channels',
      },
    ];
  },
});

// ── BUDGET-ROCI ──────────────────────────────────────────────────────────────

/** What an order brings, in words: "contributes ¥19.65 (¥399 × 35 % − ¥120 incentive)". */
export function describeOrderValue(profit: ProfitCheck, currency: Currency): string {
  const money = (minor: number) => formatMoney(minor, currency);
  const incentive = profit.incentivePerOrder > 0 ? ` − ${money(profit.incentivePerOrder)} incentive` : '';
  switch (profit.basis) {
    case 'customer-value':
      return `a customer is worth ${money(profit.valuePerOrder)} (the customer value)`;
    case 'contribution':
      return profit.valuePerOrder >= 0
        ? `an order contributes ${money(profit.valuePerOrder)} (${money(profit.averageOrderValue)} × ${formatRate(profit.grossMargin ?? 0)} margin${incentive})`
        : `an order loses ${money(-profit.valuePerOrder)} before any media (${money(profit.averageOrderValue)} × ${formatRate(profit.grossMargin ?? 0)} margin${incentive})`;
    case 'revenue':
      return profit.valuePerOrder >= 0
        ? `an order brings ${money(profit.valuePerOrder)} of revenue (${incentive ? `${money(profit.averageOrderValue)}${incentive}; ` : ''}with no gross margin given this is revenue, not profit)`
        : `the ${money(profit.incentivePerOrder)} incentive is more than the ${money(profit.averageOrderValue)} an order brings`;
  }
}

const budgetRoci = defineRule({
  id: 'BUDGET-ROCI',
  severity: 'warning',
  title: 'An order is worth more than it costs to win',
  questionIds: ['cost_per_visit', 'conversion_rate', 'average_order_value', 'customer_value', 'gross_margin'],
  check(draft, ctx) {
    const sketch = sketchOf(draft, ctx);
    const profit = sketch?.profit;
    if (sketch === undefined || profit === undefined || !profit.exceeds) return [];
    const money = (minor: number) => formatMoney(minor, sketch.currency);
    const cost = profit.task === 'retention' ? 'in contacts' : 'in media';
    return [
      {
        severity: 'warning',
        problem: `Each order costs ${money(profit.mediaCostPerOrder)} ${cost} but ${describeOrderValue(profit, sketch.currency)}.`,
        principle:
          'Spending more to win a customer than the customer brings in profit loses money on every sale (return on customer investment).',
        fix:
          profit.basis === 'contribution' && profit.incentivePerOrder > 0
            ? 'Lower the incentive or the cost per visit, raise the order value, or, if customers buy again, give their value over 12 months as the customer value.'
            : 'Lower the cost per visit, raise the conversion rate or order value, or, if customers buy again, give their value over 12 months as the customer value.',
        questionId: profit.task === 'retention' ? 'cost_per_contact' : 'cost_per_visit',
      },
    ];
  },
});

/** Rules about the objective-and-task budget. */
export const BUDGET_RULES: readonly RuleDefinition[] = [
  budgetInputs,
  budgetAbsurd,
  budgetShortfall,
  budgetBaseline,
  budgetGoals,
  budgetBuying,
  budgetRoci,
];

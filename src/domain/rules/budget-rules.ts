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
import { formatNumber } from '../plan/format.js';
import type { Currency, PlanDraft } from '../plan/plan.js';
import { defineRule, type FindingBody, type RuleContext, type RuleDefinition } from './rule-definition.js';
import { phrase, type Param, type Params, type Phrase } from '../message/phrase.js';
import { all, currencyOf, goalRef, money, num, rate } from './rule-text.js';

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

/** Whether one input value is usable for its kind; money and counts are whole numbers. */
function isValidInput(value: unknown, kind: InputKind): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return false;
  if (kind === 'rate') return value <= 1;
  if (kind === 'money' || kind === 'count') return Number.isInteger(value);
  return true;
}

/** A bad value in the field's own unit. */
function valueParam(value: unknown, kind: InputKind, currency: Currency): Param {
  if (typeof value !== 'number' || !Number.isFinite(value)) return phrase('findings.budget-inputs.not-a-number');
  if (kind === 'rate') return rate(value);
  if (kind === 'money') return money(value, currency);
  return num(value);
}

/** A budget input's name, e.g. "target revenue". */
function fieldName(field: Pick<InputField, 'key'>): Phrase {
  return phrase(`findings.budget-inputs.field.${field.key}`);
}

/** The inputs the plan's task needs; a reach plan with no paid channel needs none (owned channels get production money). */
function fieldsFor(draft: PlanDraft, model: BudgetModel): InputField[] {
  if (model === 'reach' && paidChannels(draft).length === 0) return [];
  return FIELDS[model];
}

/** The fields of the model the plan uses that are missing or out of range. */
function badInputs(draft: PlanDraft, model: BudgetModel): { missing: InputField[]; invalid: Phrase[]; first?: InputField } {
  const inputs: Record<string, unknown> = { ...(draft.budget?.[model] ?? {}) };
  const currency = currencyOf(draft);
  const missing: InputField[] = [];
  const invalid: Phrase[] = [];
  const bad: InputField[] = [];
  for (const field of fieldsFor(draft, model)) {
    const value = inputs[field.key];
    if (value === undefined || value === null) {
      if (!field.optional) {
        missing.push(field);
        bad.push(field);
      }
    } else if (!isValidInput(value, field.kind)) {
      const range = field.kind === 'rate' ? 'invalid-rate' : 'invalid-positive';
      invalid.push(phrase(`findings.budget-inputs.${range}`, { field: fieldName(field), value: valueParam(value, field.kind, currency) }));
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
    if (model === undefined) return [{ severity: 'error', id: 'no-model', params: {}, questionId: 'primary_objective' }];
    const { missing, invalid, first } = badInputs(draft, model);
    if (first === undefined) return [];
    const parts: Phrase[] = [];
    if (missing.length > 0) parts.push(phrase('findings.budget-inputs.lacking', { model: phrase(`findings.budget-inputs.model.${model}`), fields: all(missing.map(fieldName)) }));
    parts.push(...invalid);
    return [
      {
        severity: 'error',
        id: 'bad-inputs',
        params: { parts: all(parts), example: first.example, field: fieldName(first) },
        questionId: first.questionId,
      },
    ];
  },
});

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

// ── BUDGET-ABSURD ────────────────────────────────────────────────────────────

const RATE_QUESTIONS = { conversionRate: 'conversion_rate', reachRate: 'reach_rate', repeatRateUplift: 'repeat_uplift' } as const;

/** The finding for one problem: what is wrong with the numbers, and the typo that usually explains it. */
function absurdFinding(problem: BudgetProblem, draft: PlanDraft): FindingBody {
  const currency = currencyOf(draft);
  switch (problem.code) {
    case 'rate-reads-as-zero':
      return {
        severity: 'error',
        id: 'rate-reads-as-zero',
        params: {
          field: fieldName({ key: problem.field }),
          value: rate(problem.value, 6),
          inOne: num(Math.round(1 / problem.value), 0),
          percent: num(problem.value * 100, 6),
          fraction: rate(problem.value * 100, 4),
          typed: `${formatNumber(problem.value * 10_000, 4)}%`,
          min: rate(MIN_PLAUSIBLE_RATE),
        },
        questionId: RATE_QUESTIONS[problem.field],
      };
    case 'cannot-compute':
      return {
        severity: 'error',
        id: 'cannot-compute',
        params: { task: phrase(`findings.budget-absurd.task.${problem.task}`), detail: cannotComputeDetail(problem.task, draft) },
        questionId: problem.task === 'reach' ? 'reach_rate' : problem.task === 'retention' ? 'retention_base' : 'conversion_rate',
      };
    case 'need-over-ten-times': {
      const ratio = problem.need / Math.max(1, problem.available);
      return {
        severity: 'error',
        id: 'need-over-ten-times',
        params: {
          need: money(problem.need, currency),
          available: money(problem.available, currency),
          ratio: problem.available === 0 ? phrase('findings.budget-absurd.no-money') : phrase('findings.budget-absurd.times', { times: num(ratio, ratio < 100 ? 1 : 0) }),
          typo: likelyTypo(ratio, problem.available, draft),
        },
        questionId: 'budget_available',
      };
    }
    case 'underfunded':
      return {
        severity: 'error',
        id: 'underfunded',
        params: {
          available: money(problem.available, currency),
          coverage: rate(problem.available / problem.need, 0),
          need: money(problem.need, currency),
          min: rate(MIN_COVERAGE, 0),
        },
        questionId: 'budget_available',
        action: 'scale-down',
      };
    case 'orders-over-base':
      return { severity: 'error', id: 'orders-over-base', params: { orders: num(problem.orders, 0), base: num(problem.base, 0) }, questionId: 'retention_base' };
  }
}

/** The computation that overflowed, with the plan's own figures. */
function cannotComputeDetail(task: 'traffic' | 'reach' | 'retention', draft: PlanDraft): Phrase {
  const currency = currencyOf(draft);
  const detail = (name: string, params: Params) => phrase(`findings.budget-absurd.detail.${name}`, params);
  const { funnel, reach, retention } = draft.budget ?? {};
  if (task === 'traffic' && funnel) {
    return detail('traffic', {
      revenue: money(funnel.targetRevenue, currency),
      conversion: rate(funnel.conversionRate, 6),
      order: money(funnel.averageOrderValue, currency),
      visit: money(funnel.costPerVisit, currency),
    });
  }
  if (task === 'reach' && reach) {
    return detail('reach', { people: num(reach.audienceSize, 0), reach: rate(reach.reachRate), frequency: num(reach.frequency), cpm: money(reach.cpm, currency) });
  }
  if (task === 'retention' && retention) return detail('retention', { customers: num(retention.baseCustomers, 0) });
  return detail('result', {});
}

/** A need 10, 100, 1,000… times the money looks like zeros lost or a rate typed as a fraction. */
function likelyTypo(ratio: number, available: number, draft: PlanDraft): Phrase {
  const currency = currencyOf(draft);
  const power = Math.round(Math.log10(ratio));
  const nearPower = power >= 1 && Math.abs(ratio / 10 ** power - 1) <= 0.15;
  const hints: Phrase[] = [];
  if (available > 0 && nearPower) {
    hints.push(phrase('findings.budget-absurd.hint.zero-missing', { meant: money(available * 10 ** power, currency), available: money(available, currency) }));
  }
  const conversion = draft.budget?.funnel?.conversionRate;
  if (typeof conversion === 'number' && conversion < 0.005) {
    hints.push(phrase('findings.budget-absurd.hint.conversion', { conversion: rate(conversion, 4), meant: rate(conversion * 100, 2) }));
  }
  const [first, second] = hints;
  if (first === undefined) return phrase('findings.budget-absurd.typo.unknown');
  return phrase('findings.budget-absurd.typo.likely', { first, second: second ? phrase('findings.budget-absurd.typo.or', { hint: second }) : '' });
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
export function linesPhrase(lines: MoneyLines, currency: Currency): Param {
  const line = (name: string, amount: number) => phrase(`findings.budget-shortfall.line.${name}`, { amount: money(amount, currency) });
  const parts = [line('working', lines.working)];
  if (lines.nonMediaTotal > 0) parts.push(line('non-media', lines.nonMediaTotal));
  if (lines.incentive) parts.push(line('incentive', lines.incentive.amount));
  if (lines.reserve > 0) parts.push(line('reserve', lines.reserve));
  return all(parts);
}

/** What the buying channels' money buys, as a finding's value. */
export function boughtPhrase(sketch: BudgetSketch): Param {
  const { visits, orders, revenue, impressions, reachRate, customers, extraOrders } = sketch.achieves;
  const part = (name: string, params: Params) => phrase(`findings.budget-shortfall.bought.${name}`, params);
  const parts: Phrase[] = [];
  if (visits !== undefined) parts.push(part('visits', { visits: num(visits, 0) }));
  if (impressions !== undefined) parts.push(part('impressions', { impressions: num(impressions, 0), reach: rate(reachRate ?? 0, 0) }));
  if (customers !== undefined) parts.push(part('contacts', { customers: num(customers, 0), orders: num(extraOrders ?? 0, 0) }));
  if (visits !== undefined && orders !== undefined) parts.push(part('orders', { orders: num(orders, 0) }));
  if (revenue !== undefined) parts.push(part('revenue', { revenue: money(revenue, sketch.currency) }));
  return parts.length > 0 ? all(parts) : part('nothing', {});
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
    const currency = sketch.currency;
    return [
      {
        severity: 'warning',
        id: sketch.scaledDown ? 'scaled-down' : 'short',
        params: {
          need: money(sketch.need.total, currency),
          lines: linesPhrase(sketch.need, currency),
          available: money(sketch.available, currency),
          gap: money(sketch.gap ?? 0, currency),
          coverage: rate(coverage, 0),
          buying: money(buyingMoney(sketch.funded), currency),
          bought: boughtPhrase(sketch),
          fix: phrase(`findings.budget-shortfall.fix-${sketch.model}`),
        },
        questionId: 'budget_available',
      },
    ];
  },
});

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
    const currency = sketch.currency;
    const goal = draft.goals[outlook.goalIndex];
    return [
      {
        severity: 'warning',
        id: outlook.assumed === outlook.target ? 'equals-target' : 'exceeds-target',
        params: {
          assumed: rate(outlook.assumed),
          goal: goal ? goalRef(goal, outlook.goalIndex, ctx.labels) : phrase('findings.budget-baseline.the-goal'),
          baseline: rate(outlook.baseline),
          target: rate(outlook.target),
          visits: num(outlook.atBaseline.visits, 0),
          working: money(outlook.atBaseline.workingMedia, currency),
          atTarget: money(outlook.atTarget.workingMedia, currency),
        },
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
    const disagreeing = sketch.goals.filter((g) => g.target > 0 && Math.abs(g.planned - g.target) > GOAL_TOLERANCE * g.target);
    if (disagreeing.length === 0) return [];
    const show = (metric: string, value: number): Param =>
      metric === 'revenue' ? money(value, sketch.currency) : metric === 'reach' ? rate(value) : num(value, 0);
    const parts = disagreeing.map((g) => {
      const goal = draft.goals[g.goalIndex];
      return phrase('findings.budget-goals.goal', {
        goal: goal ? goalRef(goal, g.goalIndex, ctx.labels) : phrase('findings.goal.numbered', { n: g.goalIndex + 1 }),
        target: show(g.metric, g.target),
        planned: show(g.metric, g.planned),
      });
    });
    return [{ severity: 'warning', id: 'disagree', params: { goals: all(parts) }, questionId: 'goals' }];
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
    const currency = sketch.currency;
    const { traffic, reach, retention } = sketch.need;
    const part = (name: string, params: Params) => phrase(`findings.budget-buying.part.${name}`, params);
    const parts: Phrase[] = [];
    if (traffic && traffic.unplaced > 0) parts.push(part('visits', { visits: num(traffic.visits, 0), amount: money(traffic.unplaced, currency) }));
    if (reach && reach.unplaced > 0) parts.push(part('impressions', { impressions: num(reach.impressions, 0), amount: money(reach.unplaced, currency) }));
    if (retention && retention.unplaced > 0) parts.push(part('contacts', { contacts: num(retention.contacts, 0), amount: money(retention.unplaced, currency) }));
    if (parts.length === 0) return [];
    const contacts = contactChannels(draft).length === 0 && retention !== undefined;
    return [{ severity: 'warning', id: contacts ? 'no-contact-channel' : 'no-paid-channel', params: { parts: all(parts) }, questionId: 'channels' }];
  },
});

// ── BUDGET-ROCI ──────────────────────────────────────────────────────────────

/** What an order brings: "contributes ¥19.65 (¥399 × 35 % − ¥120 incentive)". */
export function orderValuePhrase(profit: ProfitCheck, currency: Currency): Phrase {
  const value = (name: string, params: Params = {}) => phrase(`findings.budget-roci.value.${name}`, params);
  const incentive = profit.incentivePerOrder > 0 ? phrase('findings.budget-roci.value.less-incentive', { incentive: money(profit.incentivePerOrder, currency) }) : '';
  const order = money(profit.averageOrderValue, currency);
  switch (profit.basis) {
    case 'customer-value':
      return value('customer', { value: money(profit.valuePerOrder, currency) });
    case 'contribution': {
      const params = { order, margin: rate(profit.grossMargin ?? 0), incentive };
      return profit.valuePerOrder >= 0
        ? value('contributes', { ...params, value: money(profit.valuePerOrder, currency) })
        : value('loses', { ...params, value: money(-profit.valuePerOrder, currency) });
    }
    case 'revenue':
      if (profit.valuePerOrder < 0) return value('incentive-exceeds', { incentive: money(profit.incentivePerOrder, currency), order });
      return profit.incentivePerOrder > 0
        ? value('revenue-less-incentive', { value: money(profit.valuePerOrder, currency), order, incentive })
        : value('revenue', { value: money(profit.valuePerOrder, currency) });
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
    return [
      {
        severity: 'warning',
        id: profit.basis === 'contribution' && profit.incentivePerOrder > 0 ? 'costly-with-incentive' : 'costly',
        params: {
          cost: money(profit.mediaCostPerOrder, sketch.currency),
          spent: phrase(`findings.budget-roci.${profit.task === 'retention' ? 'in-contacts' : 'in-media'}`),
          value: orderValuePhrase(profit, sketch.currency),
        },
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

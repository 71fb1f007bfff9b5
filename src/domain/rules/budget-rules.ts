/**
 * Objective-and-task budget (domain §4): the model's inputs must make sense, the
 * money available should cover what the objective needs, and winning an order
 * should not cost more than the order brings.
 */
import { buildBudgetSketch } from '../budget/budget.js';
import type { BudgetComparison } from '../budget/budget-types.js';
import { formatMoney, formatNumber, formatRate } from '../plan/format.js';
import { budgetModelFor, type Currency, type FunnelInputs, type PlanDraft, type ReachInputs } from '../plan/plan.js';
import { defineRule, type FindingBody, type RuleDefinition } from './rule-definition.js';
import { asSentence, currencyOf, joinNames } from './rule-text.js';

type InputKind = 'money' | 'count' | 'rate' | 'positive';

/** One model input: where it is asked, how it is named, and what makes it valid. */
interface InputField<K extends string> {
  key: K;
  questionId: string;
  name: string;
  kind: InputKind;
  optional?: boolean;
  example: string;
}

const FUNNEL_FIELDS: InputField<keyof FunnelInputs>[] = [
  { key: 'targetRevenue', questionId: 'target_revenue', name: 'target revenue', kind: 'money', example: '1,200,000' },
  { key: 'averageOrderValue', questionId: 'average_order_value', name: 'average order value', kind: 'money', example: '40' },
  { key: 'conversionRate', questionId: 'conversion_rate', name: 'conversion rate', kind: 'rate', example: '2.5%' },
  { key: 'costPerVisit', questionId: 'cost_per_visit', name: 'cost per visit', kind: 'money', example: '0.80' },
  { key: 'customerValue', questionId: 'customer_value', name: 'customer value', kind: 'money', optional: true, example: '300' },
];

const REACH_FIELDS: InputField<keyof ReachInputs>[] = [
  { key: 'audienceSize', questionId: 'audience_size', name: 'audience size', kind: 'count', example: '2,000,000' },
  { key: 'reachRate', questionId: 'reach_rate', name: 'reach rate', kind: 'rate', example: '60%' },
  { key: 'frequency', questionId: 'frequency', name: 'frequency', kind: 'positive', example: '3' },
  { key: 'cpm', questionId: 'cpm', name: 'CPM', kind: 'money', example: '45' },
];

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

/** The fields of the model the plan uses that are missing or out of range. */
function badInputs(draft: PlanDraft): { missing: InputField<string>[]; invalid: string[]; first?: InputField<string> } {
  const model = budgetModelFor(draft.primaryObjective);
  const fields: InputField<string>[] = model === 'funnel' ? FUNNEL_FIELDS : REACH_FIELDS;
  const inputs: Record<string, unknown> = { ...(draft.budget?.[model] ?? {}) };
  const currency = currencyOf(draft);
  const missing: InputField<string>[] = [];
  const invalid: string[] = [];
  const bad: InputField<string>[] = [];
  for (const field of fields) {
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

const budgetInputs = defineRule({
  id: 'BUDGET-INPUTS',
  severity: 'error',
  title: 'The budget inputs make sense',
  questionIds: [...FUNNEL_FIELDS, ...REACH_FIELDS].map((field) => field.questionId),
  check(draft) {
    if (draft.primaryObjective === undefined) {
      return [
        {
          severity: 'error',
          problem: 'The budget cannot be worked out yet: the primary objective decides which figures it needs.',
          principle:
            'The budget is derived from the goal (objective and task): sales goals use the sales funnel, awareness goals the reach model.',
          fix: 'Choose the primary objective first, e.g. "Purchase intention"; the budget questions follow from it.',
          questionId: 'primary_objective',
        },
      ];
    }
    const { missing, invalid, first } = badInputs(draft);
    if (first === undefined) return [];
    const model = budgetModelFor(draft.primaryObjective);
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`the ${model} inputs lack the ${joinNames(missing.map((f) => f.name))}`);
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

/** What the available money buys, as a phrase: "about 900,000 visits and ¥900,000 of revenue". */
function describeAchievable(achievable: BudgetComparison['achievable'], currency: Currency): string {
  const { visits, orders, revenue, impressions, reachRate } = achievable;
  if (visits !== undefined && orders !== undefined && revenue !== undefined) {
    return `${formatNumber(visits, 0)} visits, about ${formatNumber(orders, 0)} orders and ${formatMoney(revenue, currency)} of revenue`;
  }
  if (impressions !== undefined) {
    const reach = reachRate !== undefined ? `, reaching about ${formatRate(reachRate, 0)} of the audience` : '';
    return `${formatNumber(impressions, 0)} impressions${reach}`;
  }
  return 'less than the goal';
}

/**
 * The budget sketch, once the inputs are valid (before that BUDGET-INPUTS speaks).
 * These rules read only the requirement, the comparison and the ROCI, so channels
 * and dates are left out: a malformed channel then cannot break the budget checks.
 */
function sketchOf(draft: PlanDraft) {
  if (badInputs(draft).first !== undefined) return undefined;
  return buildBudgetSketch({ ...draft, channels: [], startDate: undefined, endDate: undefined });
}

const budgetShortfall = defineRule({
  id: 'BUDGET-SHORTFALL',
  severity: 'warning',
  title: 'The money available covers the objective',
  questionIds: ['budget_available'],
  check(draft) {
    const sketch = sketchOf(draft);
    const comparison = sketch?.comparison;
    if (sketch === undefined || comparison === undefined || comparison.status !== 'shortfall') return [];
    const money = (minor: number) => formatMoney(minor, sketch.currency);
    const body: FindingBody = {
      severity: 'warning',
      problem: `The objective needs ${money(comparison.required)} of media but ${money(comparison.available)} is available: ${money(
        -comparison.difference,
      )} short. The available money buys ${describeAchievable(comparison.achievable, sketch.currency)}.`,
      principle: 'Derive the budget from the goal; when the money is short, either the money or the goal has to change, openly.',
      fix:
        sketch.model === 'funnel'
          ? 'Raise the budget, lower the revenue target to what the money buys, or improve the conversion rate or cost per visit.'
          : 'Raise the budget, narrow the audience, or plan a lower reach or frequency.',
      questionId: 'budget_available',
    };
    return [body];
  },
});

const budgetRoci = defineRule({
  id: 'BUDGET-ROCI',
  severity: 'warning',
  title: 'An order is worth more than it costs to win',
  questionIds: ['cost_per_visit', 'conversion_rate', 'average_order_value', 'customer_value'],
  check(draft) {
    const sketch = sketchOf(draft);
    const roci = sketch?.roci;
    if (sketch === undefined || roci === undefined || !roci.exceeds) return [];
    const money = (minor: number) => formatMoney(minor, sketch.currency);
    const basis = roci.valueBasis === 'customer-value' ? 'customer value' : 'average order value';
    return [
      {
        severity: 'warning',
        problem: `Each order costs ${money(roci.costPerOrder)} in media but brings ${money(roci.valuePerOrder)} (the ${basis}).`,
        principle:
          'Spending more to win a customer than the customer brings loses money on every sale (return on customer investment).',
        fix: 'Lower the cost per visit, raise the conversion rate or order value, or, if customers buy again, give their lifetime value as the customer value.',
        questionId: 'cost_per_visit',
      },
    ];
  },
});

/** Rules about the objective-and-task budget. */
export const BUDGET_RULES: readonly RuleDefinition[] = [budgetInputs, budgetShortfall, budgetRoci];

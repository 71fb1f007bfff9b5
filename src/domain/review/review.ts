/**
 * The post-campaign review's arithmetic (domain §6): how much of each goal's
 * planned change happened, spend against plan, the funnel's actual rates against
 * its assumptions, return on spend, and the actuals as suggested answers for the
 * next plan, which is what closes the loop. Money is integer minor units.
 */
import type { BudgetSketch } from '../budget/budget-types.js';
import { formatDate, formatMoney, formatNumber } from '../plan/format.js';
import { METRIC_LABELS, type GoalMetric, type GoalUnit, type Plan } from '../plan/plan.js';
import { channelRates, touchpointResults, type TouchpointActual, type TouchpointResult } from './touchpoint-actuals.js';
import type { CarriedRates } from '../conversation/flow-state.js';

/** What the team reports after the campaign; `goals[].index` is the goal's 0-based position in `plan.goals`. */
export interface ReviewActuals {
  spend: number;
  goals: { index: number; actual: number }[];
  visits?: number;
  orders?: number;
  revenue?: number;
  worked?: string;
  didNotWork?: string;
  /** Actuals per row of the contact plan, where the team has them. */
  touchpoints?: TouchpointActual[];
}

/** A planned figure next to what happened; `actual` is null when it cannot be computed. */
export interface PlannedActual {
  planned: number;
  actual: number | null;
}

/** One goal's outcome. */
export interface GoalResult {
  metric: GoalMetric;
  label: string;
  unit: GoalUnit;
  baseline: number;
  target: number;
  actual: number;
  /** (actual − baseline) / (target − baseline); null when target == baseline. */
  attainment: number | null;
}

/** The review's findings, ready for rendering. */
export interface ReviewSummary {
  goals: GoalResult[];
  spend: { planned: number; actual: number; /** actual − planned */ difference: number; /** actual / planned */ ratio: number | null };
  funnel?: { costPerVisit: PlannedActual; conversion: PlannedActual; aov: PlannedActual };
  /** (revenue − spend) / spend when revenue is known and spend > 0. */
  returnOnSpend: number | null;
  learnings: { worked?: string; didNotWork?: string };
  /** The reported rows of the contact plan and the rates their figures give (absent in reviews stored before). */
  touchpoints?: TouchpointResult[];
}

/** Planned spend: the money the sketch allocated, else the available budget, else 0. */
export function plannedSpend(plan: Plan, sketch: BudgetSketch | undefined): number {
  return sketch?.workingBudget ?? plan.budget.available ?? 0;
}

/** The review's figures from the plan, its budget sketch and the actuals. */
export function summarizeReview(plan: Plan, sketch: BudgetSketch | undefined, actuals: ReviewActuals): ReviewSummary {
  return summarizeAgainst(plan, plannedSpend(plan, sketch), actuals);
}

/** The same figures against a planned spend fixed earlier (the review conversation keeps it from its start). */
export function summarizeAgainst(plan: Plan, planned: number, actuals: ReviewActuals): ReviewSummary {
  const funnel = plan.budget.funnel;
  return {
    goals: goalResults(plan, actuals),
    spend: {
      planned,
      actual: actuals.spend,
      difference: actuals.spend - planned,
      ratio: ratio(actuals.spend, planned),
    },
    ...(funnel
      ? {
          funnel: {
            costPerVisit: { planned: funnel.costPerVisit, actual: wholeRatio(actuals.spend, actuals.visits) },
            conversion: { planned: funnel.conversionRate, actual: ratio(actuals.orders, actuals.visits) },
            aov: { planned: funnel.averageOrderValue, actual: wholeRatio(actuals.revenue, actuals.orders) },
          },
        }
      : {}),
    returnOnSpend: actuals.revenue === undefined ? null : ratio(actuals.revenue - actuals.spend, actuals.spend),
    learnings: {
      ...(actuals.worked !== undefined ? { worked: actuals.worked } : {}),
      ...(actuals.didNotWork !== undefined ? { didNotWork: actuals.didNotWork } : {}),
    },
    ...(actuals.touchpoints && actuals.touchpoints.length > 0 ? { touchpoints: touchpointResults(plan, actuals.touchpoints) } : {}),
  };
}

/** Goals in plan order; a goal without a reported actual is left out rather than guessed. */
function goalResults(plan: Plan, actuals: ReviewActuals): GoalResult[] {
  return plan.goals.flatMap((goal, index): GoalResult[] => {
    const reported = actuals.goals.find((g) => g.index === index);
    if (reported === undefined) return [];
    const planned = goal.target - goal.baseline;
    return [
      {
        metric: goal.metric,
        label: METRIC_LABELS[goal.metric],
        unit: goal.unit,
        baseline: goal.baseline,
        target: goal.target,
        actual: reported.actual,
        attainment: planned === 0 ? null : tidyFloat((reported.actual - goal.baseline) / planned),
      },
    ];
  });
}

/** a / b, or null when either is unknown or b is not positive. */
function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || !(b > 0)) return null;
  return tidyFloat(a / b);
}

/** a / b rounded to a whole number (minor units), or null as for `ratio`. */
function wholeRatio(a: number | undefined, b: number | undefined): number | null {
  const value = ratio(a, b);
  return value === null ? null : Math.round(value);
}

/** Drops binary noise such as 0.7000000000000001 so stored and shown figures read as people expect. */
function tidyFloat(value: number): number {
  return Number(value.toPrecision(12));
}

/** A suggested answer for the next plan and where it came from. */
export interface ReviewSuggestion {
  text: string;
  source: string;
}

/**
 * Suggested answers for the next plan in the channel: conversion_rate, average_order_value and cost_per_visit from the
 * actuals (only those that can be computed and that the planning parsers accept), as text such as "1.5%", "¥950" or
 * "¥2.20", each with a `source` like `the review of "Spring launch" (P-7K3QX), 15 Apr 2027`.
 */
export function suggestionsFromReview(
  summary: ReviewSummary,
  plan: Plan,
  context: { planId: string; reviewedOn: string },
): Record<string, ReviewSuggestion> {
  const funnel = summary.funnel;
  if (!funnel) return {};
  const source = `the review of "${plan.campaign}" (${context.planId}), ${formatDate(context.reviewedOn)}`;
  const currency = plan.budget.currency;
  const suggestions: Record<string, ReviewSuggestion> = {};
  const conversion = funnel.conversion.actual;
  // The planning parsers refuse a zero rate or amount, and a rate above 100 % is a data slip, not a suggestion.
  const conversionText = conversion !== null && conversion > 0 && conversion <= 1 ? percentText(conversion) : undefined;
  if (conversionText !== undefined) suggestions.conversion_rate = { text: conversionText, source };
  if (funnel.aov.actual !== null && funnel.aov.actual > 0) {
    suggestions.average_order_value = { text: formatMoney(funnel.aov.actual, currency), source };
  }
  if (funnel.costPerVisit.actual !== null && funnel.costPerVisit.actual > 0) {
    suggestions.cost_per_visit = { text: formatMoney(funnel.costPerVisit.actual, currency), source };
  }
  return suggestions;
}

/**
 * 0.012 -> "1.2%": four significant figures, and never finer than the billionth the
 * budget maths keeps; undefined when that rounds to zero, which no plan may assume.
 */
function percentText(rate: number): string | undefined {
  const percent = rate * 100;
  const decimals = Math.min(7, Math.max(0, 3 - Math.floor(Math.log10(percent))));
  const text = formatNumber(percent, decimals);
  return text === '0' ? undefined : `${text}%`;
}

/** The per-channel rates the rows of the contact plan gave, as the next plan carries them; nothing when no row gave a rate. */
export function carriedFrom(summary: ReviewSummary, plan: Plan, context: { planId: string; reviewedOn: string }): { carried?: CarriedRates } {
  const channels = channelRates(summary.touchpoints ?? []);
  if (channels.length === 0) return {};
  return { carried: { source: `the review of "${plan.campaign}" (${context.planId}), ${formatDate(context.reviewedOn)}`, channels } };
}

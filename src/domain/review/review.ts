/**
 * The post-campaign review's arithmetic (domain §6): how much of each goal's
 * planned change happened, spend against plan, the funnel's actual rates against
 * its assumptions, return on spend, and the actuals as suggested answers for the
 * next plan, which is what closes the loop. Money is integer minor units.
 */
import type { BudgetSketch } from '../budget/budget-types.js';
import { budgetModelOf } from '../budget/budget.js';
import { isRate } from '../budget/budget-inputs.js';
import { formatDate, formatMoney, formatNumber, rateAsTyped as percentText } from '../plan/format.js';
import { METRIC_LABELS, type GoalMetric, type GoalUnit, type Plan } from '../plan/plan.js';
import { channelRates, touchpointResults, type TouchpointActual, type TouchpointResult } from './touchpoint-actuals.js';
import type { CarriedRates } from '../conversation/flow-state.js';

/** What the team reports after the campaign; `goals[].index` is the goal's 0-based position in `plan.goals`. */
export interface ReviewActuals {
  /** All the money that went out (media, production, fees), the incentive's cost aside. */
  spend: number;
  /** Of the spend, the working media that bought visits or impressions, when known. */
  mediaSpend?: number;
  goals: { index: number; actual: number }[];
  visits?: number;
  orders?: number;
  revenue?: number;
  /** Reach plans: impressions served and the share of the audience reached at least once. */
  impressions?: number;
  reach?: number;
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
  /** Reach plans: impressions, reach, CPM and frequency against the plan. */
  reach?: { impressions: PlannedActual; reachRate: PlannedActual; cpm: PlannedActual; frequency: PlannedActual };
  /** Whether the rates above were worked out from the working media alone or from all the spend. */
  rateSpend?: 'media' | 'all';
  /**
   * (contribution − spend) / spend with the plan's gross margin (contribution = revenue × margin −
   * the incentive's cost), else (revenue − spend) / spend; null without revenue or spend.
   */
  returnOnSpend: number | null;
  /** Which of the two `returnOnSpend` is; absent in reviews stored before it was known (revenue-based). */
  returnBasis?: 'contribution' | 'revenue';
  /** Revenue × margin − incentive cost, when the margin is known and revenue reported. */
  contribution?: number;
  learnings: { worked?: string; didNotWork?: string };
  /** The reported rows of the contact plan and the rates their figures give (absent in reviews stored before). */
  touchpoints?: TouchpointResult[];
}

/**
 * Planned spend: what the sketch funds apart from the incentive (working media,
 * non-media and reserve; the incentive's cost is counted from the orders), else the
 * available budget, else 0.
 */
export function plannedSpend(plan: Plan, sketch: BudgetSketch | undefined): number {
  if (sketch) return sketch.funded.working + sketch.funded.nonMediaTotal + sketch.funded.reserve;
  return plan.budget.available ?? 0;
}

/** The review's figures from the plan, its budget sketch and the actuals. */
export function summarizeReview(plan: Plan, sketch: BudgetSketch | undefined, actuals: ReviewActuals): ReviewSummary {
  return summarizeAgainst(plan, plannedSpend(plan, sketch), actuals);
}

/** The same figures against a planned spend fixed earlier (the review conversation keeps it from its start). */
export function summarizeAgainst(plan: Plan, planned: number, actuals: ReviewActuals): ReviewSummary {
  const funnel = plan.budget.funnel;
  const reach = budgetModelOf(plan) === 'reach' ? plan.budget.reach : undefined;
  const mediaSpend = actuals.mediaSpend ?? actuals.spend;
  const economics = returnOf(plan, actuals);
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
            costPerVisit: { planned: funnel.costPerVisit, actual: wholeRatio(mediaSpend, actuals.visits) },
            conversion: { planned: funnel.conversionRate, actual: ratio(actuals.orders, actuals.visits) },
            aov: { planned: funnel.averageOrderValue, actual: wholeRatio(actuals.revenue, actuals.orders) },
          },
        }
      : {}),
    ...(reach
      ? {
          reach: {
            impressions: { planned: Math.ceil(reach.audienceSize * reach.reachRate * reach.frequency), actual: actuals.impressions ?? null },
            reachRate: { planned: reach.reachRate, actual: actuals.reach ?? null },
            cpm: { planned: reach.cpm, actual: actuals.impressions ? wholeRatio(mediaSpend * 1000, actuals.impressions) : null },
            frequency: {
              planned: reach.frequency,
              actual: actuals.reach ? ratio(actuals.impressions, reach.audienceSize * actuals.reach) : null,
            },
          },
        }
      : {}),
    ...(funnel || reach ? { rateSpend: actuals.mediaSpend !== undefined ? 'media' : 'all' } : {}),
    ...economics,
    learnings: {
      ...(actuals.worked !== undefined ? { worked: actuals.worked } : {}),
      ...(actuals.didNotWork !== undefined ? { didNotWork: actuals.didNotWork } : {}),
    },
    ...(actuals.touchpoints && actuals.touchpoints.length > 0 ? { touchpoints: touchpointResults(plan, actuals.touchpoints) } : {}),
  };
}

/**
 * Return on spend (domain §4, profit): on contribution when the plan knows its gross
 * margin, revenue × margin less the incentive's cost (its value for every order, or for
 * the share of orders the plan expected to redeem); on revenue otherwise, labelled so.
 */
function returnOf(plan: Plan, actuals: ReviewActuals): Pick<ReviewSummary, 'returnOnSpend' | 'returnBasis' | 'contribution'> {
  const margin = plan.budget.grossMargin;
  if (actuals.revenue === undefined) return { returnOnSpend: null, returnBasis: isRate(margin) ? 'contribution' : 'revenue' };
  if (!isRate(margin)) return { returnOnSpend: ratio(actuals.revenue - actuals.spend, actuals.spend), returnBasis: 'revenue' };
  const contribution = Math.round(actuals.revenue * margin) - incentiveCost(plan, actuals.orders);
  return { returnOnSpend: ratio(contribution - actuals.spend, actuals.spend), returnBasis: 'contribution', contribution };
}

/** The incentive's cost for the orders reported: value × redemptions (the plan's share of orders, or every order). */
function incentiveCost(plan: Plan, orders: number | undefined): number {
  const value = plan.incentive?.value;
  if (value === undefined || !(value > 0) || plan.messageType === 'brand' || orders === undefined) return 0;
  const expected = plan.incentive?.expectedRedemptions;
  const funnel = plan.budget.funnel;
  const plannedOrders = funnel ? (funnel.targetRevenue / funnel.averageOrderValue) : undefined;
  const share = expected !== undefined && plannedOrders !== undefined && plannedOrders > 0 ? Math.min(1, expected / plannedOrders) : 1;
  return Math.round(orders * share * value);
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

/** A suggested answer for the next plan and where it came from (the campaign, its plan and when it was reviewed). */
export interface ReviewSuggestion {
  text: string;
  source: { campaign: string; planId: string; reviewedOn?: string };
  /** `actual`: a figure the review measured; `plan`: one the reviewed plan assumed (its gross margin). */
  basis?: 'actual' | 'plan';
}

/**
 * Suggested answers for the next plan in the channel, from the actuals (only those that can be computed and that the
 * planning parsers accept), as text such as "1.5%", "¥950" or "¥2.20", each with its `source`: the campaign, plan and
 * day of the review (said "the review of “Spring launch” (P-7K3QX), 15 Apr 2027"): conversion_rate, average_order_value
 * and cost_per_visit for a funnel plan; cpm, reach_rate and frequency for a reach plan; and the plan's gross_margin,
 * which the review does not measure but the next plan in the channel is likely to share.
 */
export function suggestionsFromReview(
  summary: ReviewSummary,
  plan: Plan,
  context: { planId: string; reviewedOn: string },
): Record<string, ReviewSuggestion> {
  const source = { campaign: plan.campaign, planId: context.planId, reviewedOn: context.reviewedOn };
  const currency = plan.budget.currency;
  const suggestions: Record<string, ReviewSuggestion> = {};
  const rate = (id: string, value: number | null) => {
    // The planning parsers refuse a zero rate or amount, and a rate above 100 % is a data slip, not a suggestion.
    const text = value !== null && value > 0 && value <= 1 ? percentText(value) : undefined;
    if (text !== undefined) suggestions[id] = { text, source };
  };
  const money = (id: string, value: number | null) => {
    if (value !== null && value > 0) suggestions[id] = { text: formatMoney(value, currency), source };
  };
  const funnel = summary.funnel;
  if (funnel) {
    rate('conversion_rate', funnel.conversion.actual);
    money('average_order_value', funnel.aov.actual);
    money('cost_per_visit', funnel.costPerVisit.actual);
  }
  const reach = summary.reach;
  if (reach) {
    money('cpm', reach.cpm.actual);
    rate('reach_rate', reach.reachRate.actual);
    const frequency = reach.frequency.actual;
    // The frequency question takes 1 to 100.
    if (frequency !== null && frequency >= 1 && frequency <= 100) suggestions.frequency = { text: formatNumber(frequency, 1), source };
  }
  const margin = plan.budget.grossMargin;
  const marginText = isRate(margin) ? percentText(margin) : undefined;
  if (marginText !== undefined) suggestions.gross_margin = { text: marginText, source: { campaign: plan.campaign, planId: context.planId }, basis: 'plan' };
  return suggestions;
}

/** The per-channel rates the rows of the contact plan gave, as the next plan carries them; nothing when no row gave a rate. */
export function carriedFrom(summary: ReviewSummary, plan: Plan, context: { planId: string; reviewedOn: string }): { carried?: CarriedRates } {
  const channels = channelRates(summary.touchpoints ?? []);
  if (channels.length === 0) return {};
  return { carried: { source: `the review of "${plan.campaign}" (${context.planId}), ${formatDate(context.reviewedOn)}`, channels } };
}

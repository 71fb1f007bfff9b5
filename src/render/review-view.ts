/**
 * The review summary as the template shows it: every figure pre-formatted.
 * Pure; user text is escaped later by the renderer.
 */
import { formatMoney, formatNumber, formatRate } from '../domain/plan/format.js';
import type { Plan } from '../domain/plan/plan.js';
import type { GoalResult, PlannedActual, ReviewSummary } from '../domain/review/review.js';
import { mention, type Mrkdwn } from './escape.js';

export interface ReviewSummaryView {
  title: string;
  campaign: string;
  goals: { label: string; baseline: string; target: string; actual: string; attainment: string; verdict: string }[];
  hasGoals: boolean;
  spend: { planned: string; actual: string; difference: string; ratio: string };
  funnel: { rows: { label: string; planned: string; actual: string }[] } | null;
  reach: { rows: { label: string; planned: string; actual: string }[] } | null;
  /** How the actual cost per visit and CPM were worked out. */
  rateNote: string | null;
  returnOnSpend: string | null;
  /** What the return on spend is based on, in words. */
  returnBasis: string | null;
  /** The figures the next plan in the channel is offered, e.g. "conversion rate, average order value". */
  carried: string | null;
  worked: string | null;
  didNotWork: string | null;
  footer: { planId: string; reviewer: Mrkdwn };
}

function goalValue(result: Pick<GoalResult, 'unit'>, value: number, plan: Plan): string {
  switch (result.unit) {
    case 'percent':
      return formatRate(value);
    case 'money':
      return formatMoney(value, plan.budget.currency);
    default:
      return formatNumber(value);
  }
}

function verdict(attainment: number | null): string {
  if (attainment === null) return 'no change was planned';
  if (attainment >= 1) return ':white_check_mark: met';
  if (attainment >= 0.7) return ':large_yellow_circle: mostly met';
  if (attainment > 0) return ':large_orange_circle: partly met';
  return ':red_circle: not met';
}

function plannedActual(row: PlannedActual, show: (n: number) => string): { planned: string; actual: string } {
  return { planned: show(row.planned), actual: row.actual === null ? 'unknown' : show(row.actual) };
}

const CARRIED_LABELS: Record<string, string> = {
  conversion_rate: 'conversion rate',
  average_order_value: 'average order value',
  cost_per_visit: 'cost per visit',
  cpm: 'CPM',
  reach_rate: 'reach',
  frequency: 'frequency',
  gross_margin: 'gross margin',
};

/** The review summary's view model; `carried` lists the question ids whose suggestions the next plan gets. */
export function reviewSummaryView(
  plan: Plan,
  summary: ReviewSummary,
  context: { planId: string; reviewerId: string; carried?: readonly string[] },
): ReviewSummaryView {
  const money = (n: number) => formatMoney(n, plan.budget.currency);
  const goals = summary.goals.map((goal) => ({
    label: goal.label,
    baseline: goalValue(goal, goal.baseline, plan),
    target: goalValue(goal, goal.target, plan),
    actual: goalValue(goal, goal.actual, plan),
    attainment: goal.attainment === null ? 'n/a' : formatRate(goal.attainment, 0),
    verdict: verdict(goal.attainment),
  }));
  const difference = summary.spend.difference;
  return {
    title: `Review: ${plan.campaign}`,
    campaign: plan.campaign,
    goals,
    hasGoals: goals.length > 0,
    spend: {
      planned: money(summary.spend.planned),
      actual: money(summary.spend.actual),
      difference: `${difference > 0 ? 'over by ' : difference < 0 ? 'under by ' : 'exactly on plan'}${difference === 0 ? '' : money(Math.abs(difference))}`,
      ratio: summary.spend.ratio === null ? 'n/a' : formatRate(summary.spend.ratio, 0),
    },
    funnel: summary.funnel
      ? {
          rows: [
            { label: 'Cost per visit', ...plannedActual(summary.funnel.costPerVisit, money) },
            { label: 'Conversion', ...plannedActual(summary.funnel.conversion, (n) => formatRate(n)) },
            { label: 'Average order value', ...plannedActual(summary.funnel.aov, money) },
          ],
        }
      : null,
    reach: summary.reach
      ? {
          rows: [
            { label: 'Impressions', ...plannedActual(summary.reach.impressions, (n) => formatNumber(n, 0)) },
            { label: 'Reach', ...plannedActual(summary.reach.reachRate, (n) => formatRate(n)) },
            { label: 'Frequency', ...plannedActual(summary.reach.frequency, (n) => formatNumber(n, 1)) },
            { label: 'CPM', ...plannedActual(summary.reach.cpm, money) },
          ],
        }
      : null,
    rateNote:
      summary.rateSpend === 'all' && (plan.budget.nonMedia ?? []).some((line) => line.amount > 0)
        ? 'The actual rates are worked out from all the spend, production and fees included, because the working media was not given.'
        : null,
    returnOnSpend: summary.returnOnSpend === null ? null : `${formatRate(summary.returnOnSpend, 0)} (${formatNumber(summary.returnOnSpend, 2)}× the spend back on top of it)`,
    returnBasis:
      summary.returnOnSpend === null
        ? null
        : summary.returnBasis === 'contribution'
          ? `on contribution: revenue × the ${formatRate(plan.budget.grossMargin ?? 0)} gross margin${summary.contribution !== undefined ? ` = ${money(summary.contribution)}` : ''}${(plan.incentive?.value ?? 0) > 0 && plan.messageType !== 'brand' ? ", less the incentive's cost" : ''}, minus the spend`
          : 'revenue-based: the plan gave no gross margin, so this is revenue, not profit',
    carried: context.carried && context.carried.length > 0 ? context.carried.map((id) => CARRIED_LABELS[id] ?? id).join(', ') : null,
    worked: summary.learnings.worked ?? null,
    didNotWork: summary.learnings.didNotWork ?? null,
    footer: { planId: context.planId, reviewer: mention(context.reviewerId) },
  };
}

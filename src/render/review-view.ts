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
  returnOnSpend: string | null;
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

/** The review summary's view model. */
export function reviewSummaryView(plan: Plan, summary: ReviewSummary, context: { planId: string; reviewerId: string }): ReviewSummaryView {
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
    returnOnSpend: summary.returnOnSpend === null ? null : `${formatRate(summary.returnOnSpend, 0)} (${formatNumber(summary.returnOnSpend, 2)}× the spend back on top of it)`,
    worked: summary.learnings.worked ?? null,
    didNotWork: summary.learnings.didNotWork ?? null,
    footer: { planId: context.planId, reviewer: mention(context.reviewerId) },
  };
}

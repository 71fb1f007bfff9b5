/**
 * The review summary as the template shows it: every figure pre-formatted.
 * Pure; user text is escaped later by the renderer.
 */
import { formatMoney, formatNumber, formatRate } from '../domain/plan/format.js';
import { kpiInfo } from '../domain/channels/kpis.js';
import { labelOf, type Labels, type Plan } from '../domain/plan/plan.js';
import type { GoalResult, PlannedActual, ReviewSummary } from '../domain/review/review.js';
import { channelRates, type TouchpointResult } from '../domain/review/touchpoint-actuals.js';
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
  /** The channels whose own rates (from the rows' actuals) the next plan starts from, named; null when none. */
  channelRates: string | null;
  worked: string | null;
  didNotWork: string | null;
  /** The reported rows of the contact plan, or null when none was reported. */
  touchpoints: { rows: { number: string; channel: string; stage: string; kpi: string | null; figures: string | null }[] } | null;
  footer: { planId: string; reviewer: Mrkdwn };
}

/** "purchase-decision" as "Purchase decision", when the script's labels are not at hand. */
function stageWords(stage: string): string {
  const words = stage.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** "Clicks: 45,000" in the KPI's unit. */
function kpiActual(result: TouchpointResult, plan: Plan): string | null {
  if (result.kpi === undefined) return null;
  const label = result.kpiMetric ? (kpiInfo(result.kpiMetric)?.label ?? result.kpiMetric) : 'KPI';
  return `${label}: ${goalValue({ unit: result.kpiUnit ?? 'count' }, result.kpi, plan)}`;
}

/** "spend ¥60,000 · 30,000 visits · ¥2 per visit · 1.5 % conversion". */
function figuresOf(result: TouchpointResult, money: (n: number) => string): string | null {
  const parts = [
    result.spend !== undefined ? `spend ${money(result.spend)}` : '',
    result.impressions !== undefined ? `${formatNumber(result.impressions, 0)} impressions` : '',
    result.visits !== undefined ? `${formatNumber(result.visits, 0)} visits` : '',
    result.orders !== undefined ? `${formatNumber(result.orders, 0)} orders` : '',
    result.cpm !== undefined ? `${money(result.cpm)} CPM` : '',
    result.costPerVisit !== undefined ? `${money(result.costPerVisit)} per visit` : '',
    result.conversion !== undefined ? `${formatRate(result.conversion, 1)} conversion` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
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

/** The channels named, "Search ads and E-commerce platform ads"; null when there are none. */
function channelNames(plan: Plan, ids: readonly string[]): string | null {
  const names = ids.map((id) => plan.channels.find((c) => c.id === id)?.name ?? id);
  if (names.length === 0) return null;
  return names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The review summary's view model; `carried` lists the question ids whose suggestions the next plan gets. */
export function reviewSummaryView(
  plan: Plan,
  summary: ReviewSummary,
  context: { planId: string; reviewerId: string; carried?: readonly string[]; labels?: Labels },
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
    channelRates: channelNames(plan, channelRates(summary.touchpoints ?? []).map((rate) => rate.channelId)),
    worked: summary.learnings.worked ?? null,
    didNotWork: summary.learnings.didNotWork ?? null,
    touchpoints:
      summary.touchpoints && summary.touchpoints.length > 0
        ? {
            rows: summary.touchpoints.map((result) => ({
              number: String(result.row),
              channel: plan.channels.find((c) => c.id === result.channelId)?.name ?? result.channelId,
              stage: context.labels ? labelOf(context.labels, 'stage', result.stage) : stageWords(result.stage),
              kpi: kpiActual(result, plan),
              figures: figuresOf(result, money),
            })),
          }
        : null,
    footer: { planId: context.planId, reviewer: mention(context.reviewerId) },
  };
}

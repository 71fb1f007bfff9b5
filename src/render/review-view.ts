/**
 * The review summary as the template shows it: every figure pre-formatted.
 * Pure; user text is escaped later by the renderer.
 */
import type { Params } from '../domain/message/phrase.js';
import { labelOf, type Labels, type Plan } from '../domain/plan/plan.js';
import type { GoalResult, PlannedActual, ReviewSummary } from '../domain/review/review.js';
import { channelRates, type TouchpointResult } from '../domain/review/touchpoint-actuals.js';
import { mention, type Mrkdwn } from './escape.js';
import { kpiName } from './contact-plan-view.js';
import type { Translator } from './i18n/translator.js';
import { listAnd, words } from './view-text.js';

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

/** The review's words in the reader's language. */
function say(t: Translator, key: string, params?: Params): string {
  return words(t, `pages.review.${key}`, params);
}

/** "Clicks: 45,000" in the KPI's unit. */
function kpiActual(result: TouchpointResult, plan: Plan, t: Translator, labels?: Labels): string | null {
  if (result.kpi === undefined) return null;
  const label = result.kpiMetric ? kpiName(result.kpiMetric, t, labels) : say(t, 'kpi');
  return say(t, 'kpi_actual', { kpi: label, value: goalValue({ unit: result.kpiUnit ?? 'count' }, result.kpi, plan, t) });
}

/** "spend ¥60,000 · 30,000 visits · ¥2 per visit · 1.5 % conversion". */
function figuresOf(result: TouchpointResult, money: (n: number) => string, t: Translator): string | null {
  const count = (n: number) => t.format.number(n, 0);
  const parts = [
    result.spend !== undefined ? say(t, 'figures.spend', { money: money(result.spend) }) : '',
    result.impressions !== undefined ? say(t, 'figures.impressions', { n: count(result.impressions) }) : '',
    result.visits !== undefined ? say(t, 'figures.visits', { n: count(result.visits) }) : '',
    result.orders !== undefined ? say(t, 'figures.orders', { n: count(result.orders) }) : '',
    result.cpm !== undefined ? say(t, 'figures.cpm', { money: money(result.cpm) }) : '',
    result.costPerVisit !== undefined ? say(t, 'figures.per_visit', { money: money(result.costPerVisit) }) : '',
    result.conversion !== undefined ? say(t, 'figures.conversion', { rate: t.format.rate(result.conversion, 1) }) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function goalValue(result: Pick<GoalResult, 'unit'>, value: number, plan: Plan, t: Translator): string {
  switch (result.unit) {
    case 'percent':
      return t.format.rate(value);
    case 'money':
      return t.format.money(value, plan.budget.currency);
    default:
      return t.format.number(value);
  }
}

function verdict(attainment: number | null, t: Translator): string {
  if (attainment === null) return say(t, 'verdict.none');
  if (attainment >= 1) return say(t, 'verdict.met');
  if (attainment >= 0.7) return say(t, 'verdict.mostly');
  if (attainment > 0) return say(t, 'verdict.partly');
  return say(t, 'verdict.not_met');
}

function plannedActual(row: PlannedActual, show: (n: number) => string, t: Translator): { planned: string; actual: string } {
  return { planned: show(row.planned), actual: row.actual === null ? say(t, 'unknown') : show(row.actual) };
}

/** The channels named, "Search ads and E-commerce platform ads"; null when there are none. */
function channelNames(plan: Plan, ids: readonly string[], t: Translator): string | null {
  const names = ids.map((id) => plan.channels.find((c) => c.id === id)?.name ?? id);
  return names.length === 0 ? null : listAnd(t, names);
}

/** The review summary's view model in the reader's language; `carried` lists the question ids whose suggestions the next plan gets. */
export function reviewSummaryView(
  plan: Plan,
  summary: ReviewSummary,
  context: { planId: string; reviewerId: string; carried?: readonly string[]; labels?: Labels },
  t: Translator,
): ReviewSummaryView {
  const money = (n: number) => t.format.money(n, plan.budget.currency);
  const rate = (n: number) => t.format.rate(n);
  const labels = context.labels;
  const goals = summary.goals.map((goal) => ({
    label: labels?.metric[goal.metric] ?? goal.label,
    baseline: goalValue(goal, goal.baseline, plan, t),
    target: goalValue(goal, goal.target, plan, t),
    actual: goalValue(goal, goal.actual, plan, t),
    attainment: goal.attainment === null ? say(t, 'not_applicable') : t.format.rate(goal.attainment, 0),
    verdict: verdict(goal.attainment, t),
  }));
  const difference = summary.spend.difference;
  const row = (key: string, value: PlannedActual, show: (n: number) => string) => ({ label: say(t, `rows.${key}`), ...plannedActual(value, show, t) });
  return {
    title: say(t, 'header', { campaign: plan.campaign }),
    campaign: plan.campaign,
    goals,
    hasGoals: goals.length > 0,
    spend: {
      planned: money(summary.spend.planned),
      actual: money(summary.spend.actual),
      difference: difference > 0 ? say(t, 'over_by', { money: money(difference) }) : difference < 0 ? say(t, 'under_by', { money: money(-difference) }) : say(t, 'on_plan'),
      ratio: summary.spend.ratio === null ? say(t, 'not_applicable') : t.format.rate(summary.spend.ratio, 0),
    },
    funnel: summary.funnel
      ? { rows: [row('cost_per_visit', summary.funnel.costPerVisit, money), row('conversion', summary.funnel.conversion, rate), row('aov', summary.funnel.aov, money)] }
      : null,
    reach: summary.reach
      ? {
          rows: [
            row('impressions', summary.reach.impressions, (n) => t.format.number(n, 0)),
            row('reach', summary.reach.reachRate, rate),
            row('frequency', summary.reach.frequency, (n) => t.format.number(n, 1)),
            row('cpm', summary.reach.cpm, money),
          ],
        }
      : null,
    rateNote: summary.rateSpend === 'all' && (plan.budget.nonMedia ?? []).some((line) => line.amount > 0) ? say(t, 'rate_note') : null,
    returnOnSpend:
      summary.returnOnSpend === null ? null : say(t, 'return_value', { rate: t.format.rate(summary.returnOnSpend, 0), times: t.format.number(summary.returnOnSpend, 2) }),
    returnBasis:
      summary.returnOnSpend === null
        ? null
        : summary.returnBasis === 'contribution'
          ? say(t, 'basis_contribution', {
              margin: t.format.rate(plan.budget.grossMargin ?? 0),
              contribution: summary.contribution !== undefined ? say(t, 'basis_contribution_sum', { money: money(summary.contribution) }) : '',
              incentive: (plan.incentive?.value ?? 0) > 0 && plan.messageType !== 'brand' ? say(t, 'basis_incentive') : '',
            })
          : say(t, 'basis_revenue'),
    carried:
      context.carried && context.carried.length > 0
        ? context.carried.map((id) => (t.has(`pages.review.carried_figures.${id}`) ? say(t, `carried_figures.${id}`) : id)).join(words(t, 'pages.list.separator'))
        : null,
    channelRates: channelNames(plan, channelRates(summary.touchpoints ?? []).map((rate) => rate.channelId), t),
    worked: summary.learnings.worked ?? null,
    didNotWork: summary.learnings.didNotWork ?? null,
    touchpoints:
      summary.touchpoints && summary.touchpoints.length > 0
        ? {
            rows: summary.touchpoints.map((result) => ({
              number: String(result.row),
              channel: plan.channels.find((c) => c.id === result.channelId)?.name ?? result.channelId,
              stage: labels ? labelOf(labels, 'stage', result.stage) : stageWords(result.stage),
              kpi: kpiActual(result, plan, t, labels),
              figures: figuresOf(result, money, t),
            })),
          }
        : null,
    footer: { planId: context.planId, reviewer: mention(context.reviewerId) },
  };
}

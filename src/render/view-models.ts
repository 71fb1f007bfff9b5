/**
 * View models: a plan, its findings and its budget sketch turned into the
 * pre-formatted strings the templates show. Pure: no Handlebars, no I/O, no clock.
 * Strings here are plain text; the renderer escapes them for Slack.
 */
import type { BudgetSketch, ChannelAllocation, SchedulePhase } from '../domain/budget/budget-types.js';
import { formatDate, formatMoney, formatNumber, formatRate } from '../domain/plan/format.js';
import {
  LABELS,
  MEDIA_TYPES,
  SEVERITIES,
  type Channel,
  type Currency,
  type Finding,
  type Goal,
  type Plan,
  type Severity,
  type Stage,
} from '../domain/plan/plan.js';
import { mention, type Mrkdwn } from './escape.js';
import { briefLine } from './brief-line.js';
import { contactPlanView, type ContactPlanView } from './contact-plan-view.js';
import { channelStages, journeyStagesFor } from '../domain/channels/stage-fit.js';
import { journeyOf } from '../domain/contact/journey.js';

/** Extra context for the strategy summary. */
export interface StrategySummaryOptions {
  /** Shown in the footer so people can find the plan again (`/imc show <id>`). */
  planId?: string;
  /** Slack user id of the person who ran the plan; shown as a mention. */
  authorId?: string;
  /** When given, its schedule phases are listed under the schedule. */
  sketch?: BudgetSketch;
}

/** One finding as the templates show it. */
export interface FindingItemView {
  rule: string;
  problem: string;
  fix: string;
}

/** Findings of one severity. */
export interface FindingGroupView {
  label: string;
  icon: string;
  items: FindingItemView[];
}

/** The rule findings, grouped errors, warnings, tips (empty groups left out). */
export interface FindingsView {
  hasFindings: boolean;
  /** Any errors: the plan cannot be posted until they are fixed. */
  blocking: boolean;
  /** e.g. "1 error, 2 warnings and 1 tip". */
  summary: string;
  groups: FindingGroupView[];
}

/** A goal as `metric: baseline → target by deadline`, and where it is measured. */
export interface GoalView {
  metric: string;
  baseline: string;
  target: string;
  deadline: string;
  /** "survey", "CRM"; null for goals stored before goals named their source. */
  source: string | null;
}

/** The message plan (seed 003): what every touchpoint carries. */
export interface MessagePlanView {
  insight: string | null;
  /** "Interviews and survey: 12 of 15 said so", or null. */
  evidence: string | null;
  proposition: string | null;
  reasonToBelieve: string | null;
  tone: string | null;
}

/** The incentive's terms. */
export interface IncentiveView {
  offer: string;
  eligibility: string | null;
  duration: string | null;
  redemptions: string;
  stages: string;
}

/** A chosen channel and the role it plays for the audience's stage. */
export interface ChannelView {
  name: string;
  /** The buying stages it reaches, e.g. "Search, Evaluation of alternatives". */
  stages: string;
  fit: string;
}

/** Channels of one media type (owned, paid or earned). */
export interface ChannelGroupView {
  label: string;
  channels: ChannelView[];
}

/** A schedule phase with its dates and paid money. */
export interface PhaseView {
  name: string;
  dates: string;
  amount: string;
}

/** Everything `strategy-summary.hbs` shows. */
export interface StrategySummaryView {
  /** Plain text for the message header (not escaped: headers are plain_text). */
  title: string;
  campaign: string;
  brand: string;
  keyProblem: string;
  problemStatement: string;
  /** Other problems named but not chosen, or null. */
  otherProblems: string | null;
  audience: { description: string; segment: string; stage: string; involvement: string; motivation: string };
  research: string;
  objective: { primary: string; secondary: string | null };
  goals: GoalView[];
  hasGoals: boolean;
  concept: string;
  message: string;
  /** The communication strategy as one sentence (the brief line). */
  brief: string;
  /** "Evaluation of alternatives → Purchase decision". */
  journey: string;
  businessModel: string | null;
  messagePlan: MessagePlanView | null;
  incentive: IncentiveView | null;
  contactPlan: ContactPlanView;
  /** The channels by media type: shown for plans made before contact plans existed. */
  channelGroups: ChannelGroupView[];
  hasChannels: boolean;
  schedule: { start: string; end: string; review: string; duration: string; phases: PhaseView[]; hasPhases: boolean };
  findings: FindingsView;
  footer: { planId: string | null; author: Mrkdwn | null };
}

/** The funnel maths, each figure formatted. */
export interface FunnelView {
  targetRevenue: string;
  conversionRate: string;
  averageOrderValue: string;
  visits: string;
  costPerVisit: string;
  budget: string;
  orders: string;
  costPerOrder: string;
}

/** The reach maths, each figure formatted. */
export interface ReachView {
  audienceSize: string;
  reachRate: string;
  frequency: string;
  impressions: string;
  cpm: string;
  budget: string;
}

/** Cost per order against what an order brings. */
export interface RociView {
  costPerOrder: string;
  value: string;
  basis: string;
  exceeds: boolean;
}

/** The required budget against the money available. */
export interface ComparisonView {
  available: string;
  required: string;
  /** e.g. "Shortfall of ¥50,000". */
  verdict: string;
  isShortfall: boolean;
  /** What the available money buys, e.g. "about 75,000 visits, 750 orders and ¥750,000 of revenue". */
  achievable: string | null;
}

/** One row of the allocation table. */
export interface AllocationView {
  name: string;
  media: string;
  amount: string;
  share: string;
  offStage: boolean;
}

/** Everything `budget-sketch.hbs` shows. */
export interface BudgetSketchView {
  /** Plain text for the message header. */
  title: string;
  /** False when no sketch could be made yet; `missing` says why. */
  ready: boolean;
  missing: string | null;
  model: string;
  funnel: FunnelView | null;
  reach: ReachView | null;
  /** True when neither model had the inputs it needs. */
  noMaths: boolean;
  roci: RociView | null;
  comparison: ComparisonView | null;
  working: { amount: string; basis: string };
  allocations: AllocationView[];
  hasAllocations: boolean;
  reserve: { amount: string; share: string };
  phases: PhaseView[];
  hasPhases: boolean;
}

const SEVERITY_GROUPS: Record<Severity, { label: string; icon: string; one: string; many: string }> = {
  error: { label: 'Must fix before posting', icon: ':x:', one: 'error', many: 'errors' },
  warning: { label: 'Worth another look', icon: ':warning:', one: 'warning', many: 'warnings' },
  tip: { label: 'Tips', icon: ':bulb:', one: 'tip', many: 'tips' },
};

/** Groups findings errors, warnings, tips for `findings.hbs` and the summary. */
export function findingsView(findings: Finding[]): FindingsView {
  const groups = SEVERITIES.map((severity) => ({
    severity,
    items: findings
      .filter((finding) => finding.severity === severity)
      .map(({ rule, problem, fix }) => ({ rule, problem, fix })),
  })).filter((group) => group.items.length > 0);
  return {
    hasFindings: groups.length > 0,
    blocking: groups.some((group) => group.severity === 'error'),
    summary: joinAnd(groups.map(({ severity, items }) => countOf(items.length, SEVERITY_GROUPS[severity]))),
    groups: groups.map(({ severity, items }) => ({
      label: SEVERITY_GROUPS[severity].label,
      icon: SEVERITY_GROUPS[severity].icon,
      items,
    })),
  };
}

/** The strategy summary: problem, audience, objective, concept, one-line strategy, channels, schedule, findings. */
export function strategySummaryView(
  plan: Plan,
  findings: Finding[],
  options: StrategySummaryOptions = {},
): StrategySummaryView {
  const { audience } = plan;
  const currency = plan.budget.currency;
  const phases = (options.sketch?.phases ?? []).map((phase) => phaseView(phase, currency));
  return {
    title: `IMC plan: ${plan.campaign} (${plan.brand})`,
    campaign: plan.campaign,
    brand: plan.brand,
    keyProblem: LABELS.problem[plan.keyProblem],
    problemStatement: plan.problemStatement,
    otherProblems: nullIfEmpty(
      joinAnd(plan.problems.filter((problem) => problem !== plan.keyProblem).map((p) => LABELS.problem[p])),
    ),
    audience: {
      description: audience.description,
      segment: LABELS.segment[audience.segment],
      stage: LABELS.stage[audience.stage],
      involvement: LABELS.involvement[audience.involvement],
      motivation: LABELS.motivation[audience.motivation],
    },
    research: joinAnd(plan.research.map((kind) => LABELS.research[kind])) || 'None recorded yet',
    objective: {
      primary: LABELS.objective[plan.primaryObjective],
      secondary: nullIfEmpty(joinAnd(plan.secondaryObjectives.map((o) => LABELS.objective[o]))),
    },
    goals: plan.goals.map((goal) => goalView(goal, currency)),
    hasGoals: plan.goals.length > 0,
    concept: plan.concept,
    message: messageText(plan),
    brief: briefLine(plan),
    journey: journeyOf(plan).map((stage) => LABELS.stage[stage]).join(' → '),
    businessModel: plan.businessModel ? LABELS.businessModel[plan.businessModel] : null,
    messagePlan: messagePlanView(plan),
    incentive: incentiveView(plan),
    // Plans stored before contact plans lack the field altogether.
    contactPlan: contactPlanView(plan, plan.contactPlan ?? [], { showConcept: false }),
    channelGroups: channelGroups(plan.channels, journeyOf(plan), plan.businessModel),
    hasChannels: plan.channels.length > 0,
    schedule: {
      start: formatDate(plan.startDate),
      end: formatDate(plan.endDate),
      review: formatDate(plan.reviewDate),
      duration: durationText(plan.startDate, plan.endDate),
      phases,
      hasPhases: phases.length > 0,
    },
    findings: findingsView(findings),
    footer: {
      planId: options.planId ?? null,
      author: options.authorId ? mention(options.authorId) : null,
    },
  };
}

/** The budget sketch: the maths spelled out, the comparison, the allocation and the phases. */
export function budgetSketchView(plan: Plan, sketch: BudgetSketch | undefined): BudgetSketchView {
  const title = `Budget sketch: ${plan.campaign}`;
  if (!sketch) return emptyBudgetView(title, plan.budget.currency);
  const money = (minor: number): string => formatMoney(minor, sketch.currency);
  const allocations = sketch.allocations.map((row) => allocationView(row, money));
  const phases = sketch.phases.map((phase) => phaseView(phase, sketch.currency));
  const funnel = sketch.model === 'funnel' && sketch.funnel ? funnelView(sketch, money) : null;
  const reach = sketch.model === 'reach' && sketch.reach ? reachView(sketch, money) : null;
  return {
    title,
    ready: true,
    missing: null,
    model: sketch.model === 'funnel' ? 'Sales funnel (objective and task)' : 'Reach (objective and task)',
    funnel,
    reach,
    noMaths: !funnel && !reach,
    roci: sketch.roci ? rociView(sketch, money) : null,
    comparison: sketch.comparison ? comparisonView(sketch, money) : null,
    working: {
      amount: money(sketch.workingBudget),
      basis: sketch.comparison ? 'the money available' : 'the budget the objective needs',
    },
    allocations,
    hasAllocations: allocations.length > 0,
    reserve: { amount: money(sketch.reserve), share: shareOf(sketch.reserve, sketch.workingBudget) },
    phases,
    hasPhases: phases.length > 0,
  };
}

function emptyBudgetView(title: string, currency: Currency): BudgetSketchView {
  const zero = formatMoney(0, currency);
  return {
    title,
    ready: false,
    missing:
      'There is no budget sketch yet: it needs the funnel inputs (target revenue, order value, conversion, cost per visit) or the reach inputs (audience size, reach, frequency, CPM).',
    model: '',
    funnel: null,
    reach: null,
    noMaths: true,
    roci: null,
    comparison: null,
    working: { amount: zero, basis: '' },
    allocations: [],
    hasAllocations: false,
    reserve: { amount: zero, share: formatRate(0) },
    phases: [],
    hasPhases: false,
  };
}

function funnelView(sketch: BudgetSketch, money: (minor: number) => string): FunnelView | null {
  const funnel = sketch.funnel;
  if (!funnel) return null;
  const { inputs } = funnel;
  return {
    targetRevenue: money(inputs.targetRevenue),
    conversionRate: formatRate(inputs.conversionRate),
    averageOrderValue: money(inputs.averageOrderValue),
    visits: formatNumber(funnel.visits, 0),
    costPerVisit: money(inputs.costPerVisit),
    budget: money(funnel.mediaBudget),
    orders: formatNumber(funnel.orders, 0),
    costPerOrder: money(funnel.costPerOrder),
  };
}

function reachView(sketch: BudgetSketch, money: (minor: number) => string): ReachView | null {
  const reach = sketch.reach;
  if (!reach) return null;
  const { inputs } = reach;
  return {
    audienceSize: formatNumber(inputs.audienceSize, 0),
    reachRate: formatRate(inputs.reachRate),
    frequency: formatNumber(inputs.frequency),
    impressions: formatNumber(reach.impressions, 0),
    cpm: money(inputs.cpm),
    budget: money(reach.mediaBudget),
  };
}

function rociView(sketch: BudgetSketch, money: (minor: number) => string): RociView | null {
  const roci = sketch.roci;
  if (!roci) return null;
  return {
    costPerOrder: money(roci.costPerOrder),
    value: money(roci.valuePerOrder),
    basis: roci.valueBasis === 'customer-value' ? 'customer value' : 'average order value',
    exceeds: roci.exceeds,
  };
}

function comparisonView(sketch: BudgetSketch, money: (minor: number) => string): ComparisonView | null {
  const comparison = sketch.comparison;
  if (!comparison) return null;
  const gap = money(Math.abs(comparison.difference));
  const verdicts = { shortfall: `Shortfall of ${gap}`, surplus: `Surplus of ${gap}`, exact: 'Exactly enough' };
  const { visits, orders, revenue, impressions, reachRate } = comparison.achievable;
  const bought = [
    visits !== undefined ? `${formatNumber(visits, 0)} visits` : '',
    orders !== undefined ? `${formatNumber(orders, 0)} orders` : '',
    revenue !== undefined ? `${money(revenue)} of revenue` : '',
    impressions !== undefined ? `${formatNumber(impressions, 0)} impressions` : '',
    reachRate !== undefined ? `${formatRate(reachRate)} of the audience at the planned frequency` : '',
  ].filter(Boolean);
  return {
    available: money(comparison.available),
    required: money(comparison.required),
    verdict: verdicts[comparison.status],
    isShortfall: comparison.status === 'shortfall',
    achievable: bought.length > 0 ? `about ${joinAnd(bought)}` : null,
  };
}

function allocationView(row: ChannelAllocation, money: (minor: number) => string): AllocationView {
  return {
    name: row.name,
    media: LABELS.media[row.media],
    amount: money(row.amount),
    share: formatRate(row.share, 1),
    offStage: row.stageFit === 'off-stage',
  };
}

function phaseView(phase: SchedulePhase, currency: Currency): PhaseView {
  return {
    name: phase.name,
    dates: `${formatDate(phase.start)} – ${formatDate(phase.end)}`,
    amount: formatMoney(phase.amount, currency),
  };
}

function goalView(goal: Goal, currency: Currency): GoalView {
  const value = (n: number): string => {
    if (goal.unit === 'percent') return formatRate(n);
    if (goal.unit === 'money') return formatMoney(n, currency);
    return formatNumber(n);
  };
  return {
    metric: LABELS.metric[goal.metric],
    baseline: value(goal.baseline),
    target: value(goal.target),
    deadline: formatDate(goal.deadline),
    source: goal.source ? LABELS.dataSource[goal.source] : null,
  };
}

function messagePlanView(plan: Plan): MessagePlanView | null {
  const message = plan.message;
  if (!message) return null;
  const methods = message.insightMethods.map((method) => LABELS.researchMethod[method]);
  const how = joinAnd(methods);
  const evidence = message.evidence ? (how ? `${how} — ${message.evidence}` : message.evidence) : how || null;
  return {
    insight: message.insight ?? null,
    evidence,
    proposition: message.proposition ?? null,
    reasonToBelieve: message.reasonToBelieve ?? null,
    tone: message.tone ?? null,
  };
}

function incentiveView(plan: Plan): IncentiveView | null {
  const incentive = plan.incentive;
  if (!incentive || (plan.messageType !== 'incentive' && plan.messageType !== 'both')) return null;
  const currency = plan.budget.currency;
  const mechanic = incentive.mechanic ? LABELS.mechanic[incentive.mechanic] : 'Offer';
  const worth =
    incentive.value !== undefined
      ? `, costing ${formatMoney(incentive.value, currency)} per redemption`
      : incentive.rate !== undefined
        ? ` of ${formatRate(incentive.rate, 0)} off the order`
        : '';
  return {
    offer: `${mechanic}${worth}`,
    eligibility: incentive.eligibility ?? null,
    duration: incentive.duration ?? null,
    redemptions: incentive.expectedRedemptions !== undefined ? formatNumber(incentive.expectedRedemptions, 0) : 'every order (none given)',
    stages: joinAnd(incentive.stages.map((stage) => LABELS.stage[stage])) || 'not placed yet',
  };
}

function messageText(plan: Plan): string {
  const type = LABELS.messageType[plan.messageType];
  if (plan.callToAction === undefined) return type;
  return `${type}, ${plan.callToAction ? 'with' : 'without'} a call to action`;
}

function channelGroups(channels: Channel[], journey: readonly Stage[], model: Plan['businessModel']): ChannelGroupView[] {
  return MEDIA_TYPES.map((media) => ({
    label: LABELS.media[media],
    channels: channels
      .filter((channel) => channel.media === media)
      .map((channel) => ({
        name: channel.name,
        stages: joinAnd(channelStages(channel, model).map((s) => LABELS.stage[s])),
        fit: journeyStagesFor(channel, journey, model).length > 0 ? "reaches the audience's journey" : 'off-stage',
      })),
  })).filter((group) => group.channels.length > 0);
}

const DAY_MS = 86_400_000;

function durationText(start: string, end: string): string {
  const days = Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS) + 1;
  if (!Number.isFinite(days) || days < 1) return '';
  if (days % 7 === 0) return countOf(days / 7, { one: 'week', many: 'weeks' });
  return countOf(days, { one: 'day', many: 'days' });
}

function countOf(n: number, noun: { one: string; many: string }): string {
  return `${formatNumber(n, 0)} ${n === 1 ? noun.one : noun.many}`;
}

function shareOf(part: number, whole: number): string {
  return formatRate(whole > 0 ? part / whole : 0, 1);
}

/** ["a", "b", "c"] -> "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function nullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}

/**
 * The strategy summary's view model: a plan and its findings turned into the
 * pre-formatted strings `strategy-summary.hbs` shows, choices named with the
 * script's labels. Pure: no Handlebars, no I/O, no clock; the renderer escapes it.
 */
import { proposeTone, toneParts } from '../domain/contact/message-plan.js';
import type { BudgetSketch } from '../domain/budget/budget-types.js';
import {
  labelOf,
  MEDIA_TYPES,
  type Channel,
  type Currency,
  type Goal,
  type Labels,
  type Plan,
  type Stage,
} from '../domain/plan/plan.js';
import { channelStages, journeyStagesFor } from '../domain/channels/stage-fit.js';
import { journeyOf } from '../domain/contact/journey.js';
import { mention, type Mrkdwn } from './escape.js';
import type { FindingsView } from './findings-view.js';
import { briefLine } from './brief-line.js';
import { contactPlanView, type ContactPlanView } from './contact-plan-view.js';
import type { Translator } from './i18n/translator.js';
import { listAnd, nullIfEmpty, phaseViewIn, words, type PhaseView } from './view-text.js';

/** Extra context for the strategy summary. */
export interface StrategySummaryOptions {
  /** Shown in the footer so people can find the plan again (`/imc show <id>`). */
  planId?: string;
  /** Slack user id of the person who ran the plan; shown as a mention. */
  authorId?: string;
  /** When given, its schedule phases are listed under the schedule. */
  sketch?: BudgetSketch;
}


/** A goal as `metric: baseline → target by deadline`, and where it is measured. */
export interface GoalView {
  metric: string;
  baseline: string;
  target: string;
  deadline: string;
  /** "survey", "CRM"; null for goals stored before goals named their source. */
  source: string | null;
  /** Set when a scaled-down plan cut the target to what the money buys. */
  note: string | null;
}

/** The message plan (seed 003): what every touchpoint carries. */
export interface MessagePlanView {
  insight: string | null;
  /** "Interviews — 12 of 15 said so", or null. */
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
  schedule: { start: string; end: string; dates: string; review: string; duration: string; phases: PhaseView[]; hasPhases: boolean };
  findings: FindingsView;
  footer: { planId: string | null; author: Mrkdwn | null };
}


/**
 * The strategy summary: the brief, problem, audience and journey, objective and goals, the message and incentive plan, the contact plan, schedule, findings.
 * `labels` are the reader's (the presenter's); `t` gives the page's words and formats its figures.
 */
export function strategySummaryView(
  plan: Plan,
  /** The findings already in the reader's words (`findingsView`). */
  findings: FindingsView,
  labels: Labels,
  t: Translator,
  options: StrategySummaryOptions = {},
): StrategySummaryView {
  const label = (vocabulary: keyof Labels, id: string) => labelOf(labels, vocabulary, id);
  const joinAnd = (items: readonly string[]) => listAnd(t, items);
  const { audience } = plan;
  const currency = plan.budget.currency;
  const phases = (options.sketch?.phases ?? []).map((phase) => phaseViewIn(t, phase, currency));
  const start = t.format.date(plan.startDate);
  const end = t.format.date(plan.endDate);
  return {
    title: words(t, 'pages.summary.title', { campaign: plan.campaign, brand: plan.brand }),
    campaign: plan.campaign,
    brand: plan.brand,
    keyProblem: label('problem', plan.keyProblem),
    problemStatement: plan.problemStatement,
    otherProblems: nullIfEmpty(
      joinAnd(plan.problems.filter((problem) => problem !== plan.keyProblem).map((p) => label('problem', p))),
    ),
    audience: {
      description: audience.description,
      segment: label('segment', audience.segment),
      stage: label('stage', audience.stage),
      involvement: label('involvement', audience.involvement),
      motivation: label('motivation', audience.motivation),
    },
    research: joinAnd(plan.research.map((kind) => label('research', kind))) || words(t, 'pages.summary.research_none'),
    objective: {
      primary: label('objective', plan.primaryObjective),
      secondary: nullIfEmpty(joinAnd(plan.secondaryObjectives.map((o) => label('objective', o)))),
    },
    goals: plan.goals.map((goal) => goalView(goal, currency, labels, t)),
    hasGoals: plan.goals.length > 0,
    concept: plan.concept,
    message: messageText(plan, labels, t),
    brief: briefLine(plan, labels, t),
    journey: journeyOf(plan).map((stage) => label('stage', stage)).join(' → '),
    businessModel: plan.businessModel ? label('businessModel', plan.businessModel) : null,
    messagePlan: messagePlanView(plan, t),
    incentive: incentiveView(plan, labels, t),
    // Plans stored before contact plans lack the field altogether.
    contactPlan: contactPlanView(plan, plan.contactPlan ?? [], labels, t, { showConcept: false }),
    channelGroups: channelGroups(plan.channels, journeyOf(plan), plan.businessModel, labels, t),
    hasChannels: plan.channels.length > 0,
    schedule: {
      start,
      end,
      dates: words(t, 'pages.phase_dates', { start, end }),
      review: t.format.date(plan.reviewDate),
      duration: durationText(plan.startDate, plan.endDate, t),
      phases,
      hasPhases: phases.length > 0,
    },
    findings,
    footer: {
      planId: options.planId ?? null,
      author: options.authorId ? mention(options.authorId) : null,
    },
  };
}


function goalView(goal: Goal, currency: Currency, labels: Labels, t: Translator): GoalView {
  const value = (n: number): string => {
    if (goal.unit === 'percent') return t.format.rate(n);
    if (goal.unit === 'money') return t.format.money(n, currency);
    return t.format.number(n);
  };
  return {
    metric: labelOf(labels, 'metric', goal.metric),
    baseline: value(goal.baseline),
    target: value(goal.target),
    deadline: t.format.date(goal.deadline),
    source: goal.source ? words(t, `pages.source.${goal.source}`) : null,
    note: goal.scaledFrom !== undefined ? words(t, 'pages.summary.goal_scaled', { from: value(goal.scaledFrom) }) : null,
  };
}

function messagePlanView(plan: Plan, t: Translator): MessagePlanView | null {
  const message = plan.message;
  if (!message) return null;
  const how = listAnd(t, (message.insightMethods ?? []).map((method) => words(t, `pages.method.${method}`)));
  const evidence = message.evidence ? (how ? `${how} — ${message.evidence}` : message.evidence) : how || null;
  return {
    insight: message.insight ?? null,
    evidence,
    proposition: message.proposition ?? null,
    reasonToBelieve: message.reasonToBelieve ?? null,
    tone: toneIn(t, message.tone, plan.audience),
  };
}

/** The plan's tone: the proposed one (the plan keeps its English words) in the reader's words, one the team wrote as written. */
export function toneIn(t: Translator, tone: string | undefined, audience: Plan['audience'] | undefined): string | null {
  if (tone === undefined) return null;
  if (tone !== proposeTone(audience)) return tone;
  return t.format.list(toneParts(audience).map((part) => words(t, `pages.tone.${part}`)), 'semicolons');
}

function incentiveView(plan: Plan, labels: Labels, t: Translator): IncentiveView | null {
  const incentive = plan.incentive;
  if (!incentive || (plan.messageType !== 'incentive' && plan.messageType !== 'both')) return null;
  const currency = plan.budget.currency;
  const mechanic = words(t, incentive.mechanic ? `pages.mechanic.${incentive.mechanic}` : 'pages.summary.offer');
  const offer =
    incentive.value !== undefined
      ? words(t, 'pages.summary.offer_costing', { mechanic, value: t.format.money(incentive.value, currency) })
      : incentive.rate !== undefined
        ? words(t, 'pages.summary.offer_off', { mechanic, rate: t.format.rate(incentive.rate, 0) })
        : mechanic;
  return {
    offer,
    eligibility: incentive.eligibility ?? null,
    duration: incentive.duration ?? null,
    redemptions: incentive.expectedRedemptions !== undefined ? t.format.number(incentive.expectedRedemptions, 0) : words(t, 'pages.summary.every_order'),
    stages: listAnd(t, (incentive.stages ?? []).map((stage) => labelOf(labels, 'stage', stage))) || words(t, 'pages.summary.not_placed'),
  };
}

function messageText(plan: Plan, labels: Labels, t: Translator): string {
  const type = labelOf(labels, 'messageType', plan.messageType);
  if (plan.callToAction === undefined) return type;
  return words(t, plan.callToAction ? 'pages.summary.with_cta' : 'pages.summary.without_cta', { type });
}

function channelGroups(channels: Channel[], journey: readonly Stage[], model: Plan['businessModel'], labels: Labels, t: Translator): ChannelGroupView[] {
  return MEDIA_TYPES.map((media) => ({
    label: labelOf(labels, 'media', media),
    channels: channels
      .filter((channel) => channel.media === media)
      .map((channel) => ({
        name: channel.name,
        stages: listAnd(t, channelStages(channel, model).map((s) => labelOf(labels, 'stage', s))),
        fit: words(t, journeyStagesFor(channel, journey, model).length > 0 ? 'pages.summary.fits' : 'pages.summary.off_stage'),
      })),
  })).filter((group) => group.channels.length > 0);
}

const DAY_MS = 86_400_000;

function durationText(start: string, end: string, t: Translator): string {
  const days = Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS) + 1;
  if (!Number.isFinite(days) || days < 1) return '';
  if (days % 7 === 0) return words(t, 'pages.summary.weeks', { count: days / 7 });
  return words(t, 'pages.summary.days', { count: days });
}


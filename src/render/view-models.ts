/**
 * View models: a plan, its findings and its budget sketch turned into the
 * pre-formatted strings the templates show. Pure: no Handlebars, no I/O, no clock.
 * Strings here are plain text; the renderer escapes them for Slack.
 */
import type { BudgetSketch } from '../domain/budget/budget-types.js';
import { phaseView, type PhaseView } from './budget-sketch-view.js';
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

/** A goal as `metric: baseline → target by deadline`. */
export interface GoalView {
  metric: string;
  baseline: string;
  target: string;
  deadline: string;
  /** Set when a scaled-down plan cut the target to what the money buys. */
  note: string | null;
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

export type { PhaseView } from './budget-sketch-view.js';

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
  /** The pieces of "Achieve … with … through … and …". */
  strategy: { objective: string; audience: string; stage: string; concept: string; message: string; channels: string };
  channelGroups: ChannelGroupView[];
  hasChannels: boolean;
  schedule: { start: string; end: string; review: string; duration: string; phases: PhaseView[]; hasPhases: boolean };
  findings: FindingsView;
  footer: { planId: string | null; author: Mrkdwn | null };
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
    strategy: {
      objective: LABELS.objective[plan.primaryObjective].toLowerCase(),
      audience: audience.description,
      stage: LABELS.stage[audience.stage].toLowerCase(),
      concept: plan.concept,
      message: LABELS.messageType[plan.messageType].toLowerCase(),
      channels: channelList(plan.channels),
    },
    channelGroups: channelGroups(plan.channels, audience.stage),
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
    note: goal.scaledFrom !== undefined ? `scaled down from ${value(goal.scaledFrom)} to what the money buys` : null,
  };
}

function messageText(plan: Plan): string {
  const type = LABELS.messageType[plan.messageType];
  if (plan.callToAction === undefined) return type;
  return `${type}, ${plan.callToAction ? 'with' : 'without'} a call to action`;
}

function channelGroups(channels: Channel[], stage: Stage): ChannelGroupView[] {
  return MEDIA_TYPES.map((media) => ({
    label: LABELS.media[media],
    channels: channels
      .filter((channel) => channel.media === media)
      .map((channel) => ({
        name: channel.name,
        stages: joinAnd(channel.stages.map((s) => LABELS.stage[s])),
        fit: channel.stages.includes(stage) ? "reaches the audience's stage" : 'off-stage',
      })),
  })).filter((group) => group.channels.length > 0);
}

const CHANNELS_IN_ONE_LINE = 5;

/** Channel names for the one-line strategy; a long list is shortened so the line stays one line. */
function channelList(channels: Channel[]): string {
  if (channels.length === 0) return 'no channels chosen yet';
  const names = channels.map((channel) => channel.name);
  if (names.length <= CHANNELS_IN_ONE_LINE) return joinAnd(names);
  const shown = names.slice(0, CHANNELS_IN_ONE_LINE - 1);
  return joinAnd([...shown, `${names.length - shown.length} more`]);
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

/** ["a", "b", "c"] -> "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function nullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}

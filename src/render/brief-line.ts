/**
 * The communication strategy as a brief a CMO signs (domain §8, seed 000): "Achieve
 * ⟨objective⟩ among ⟨audience⟩ by ⟨proposition grounded in the insight⟩, carried by
 * ⟨content⟩ through ⟨traffic⟩". Written from the answers, readable on its own, and
 * never mangled by long answers: each part is shortened on its own terms (`shortenPhrase`).
 * Plain text; the renderer escapes it.
 */
import { metricMeasuresObjective } from '../domain/channels/stage-fit.js';
import { journeyOf } from '../domain/contact/journey.js';
import { formatMoney, formatNumber, formatRate } from '../domain/plan/format.js';
import { labelOf, MECHANIC_LABELS, MEDIA_TYPES, type Channel, type Goal, type Labels, type Plan, type Stage } from '../domain/plan/plan.js';
import { asClause, shortenPhrase, tidyPhrase } from './shorten.js';

/** How long each part may grow, in characters; the whole line stays a few lines long. */
const LIMITS = { audience: 90, proposition: 100, insight: 110, concept: 90, channel: 40 } as const;
type Limits = Record<keyof typeof LIMITS, number>;
/** The longest the whole line may be; past it, the free-text parts are shortened further, by these factors in turn. */
const MAX_LINE = 700;
const TIGHTER = [1, 0.8, 0.6, 0.45] as const;

/** The free-text parts tightened by `factor`; channel names keep theirs (a cut name in a list reads as a typo). */
function scaled(factor: number): Limits {
  const limits = Object.fromEntries(Object.entries(LIMITS).map(([part, limit]) => [part, Math.round(limit * factor)])) as Limits;
  return { ...limits, channel: LIMITS.channel };
}
/** Up to this many channels are named one by one; beyond, they are counted by media type. */
const NAMED_CHANNELS = 4;

/** Stage names as a sentence says them. */
const STAGE_WORDS: Record<Stage, string> = {
  'need-recognition': 'need recognition',
  'information-search': 'search',
  evaluation: 'evaluation',
  'purchase-decision': 'purchase',
  'post-purchase': 'repeat purchase',
};

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function goalValue(goal: Goal, value: number, plan: Plan): string {
  if (goal.unit === 'percent') return formatRate(value, 1);
  if (goal.unit === 'money') return formatMoney(value, plan.budget.currency);
  return formatNumber(value, 1);
}

/** "purchase intention (conversion 1 % → 2 %)": the objective and the goal that measures it, when there is one. */
function objectivePart(plan: Plan, labels: Labels): string {
  const objective = labelOf(labels, 'objective', plan.primaryObjective).toLowerCase();
  const goal = plan.goals.find((g) => metricMeasuresObjective(g.metric, plan.primaryObjective));
  if (!goal) return objective;
  return `${objective} (${labelOf(labels, 'metric', goal.metric).toLowerCase()} ${goalValue(goal, goal.baseline, plan)} → ${goalValue(goal, goal.target, plan)})`;
}

/** "office workers aged 25–35 … (from evaluation to purchase)": the stages in brackets, so a shortened description never runs into a comma. */
function audiencePart(plan: Plan, limits: Limits): string {
  const who = asClause(shortenPhrase(plan.audience.description, limits.audience));
  const journey = journeyOf(plan);
  const first = journey[0];
  const last = journey.at(-1);
  if (first === undefined || last === undefined) return who;
  const stages = first === last ? `at ${STAGE_WORDS[first]}` : `from ${STAGE_WORDS[first]} to ${STAGE_WORDS[last]}`;
  return `${who} (${stages})`;
}

/** "promising “…” — grounded in the insight that … —": dashes, so a shortened insight never runs into a comma. */
function propositionPart(plan: Plan, limits: Limits): string {
  const proposition = plan.message?.proposition ?? plan.concept;
  const promise = `promising “${shortenPhrase(proposition, limits.proposition)}”`;
  const insight = plan.message?.insight;
  if (typeof insight !== 'string' || tidyPhrase(insight) === '') return promise;
  return `${promise} — grounded in the insight that ${asClause(shortenPhrase(insight, limits.insight))} —`;
}

/** "“concept” as a brand message with a call to action" (the concept is named only when the proposition did not already). */
function contentPart(plan: Plan, labels: Labels, limits: Limits): string {
  const kind = labelOf(labels, 'messageType', plan.messageType).toLowerCase();
  const offer = plan.incentive?.mechanic ? ` (${MECHANIC_LABELS[plan.incentive.mechanic].toLowerCase()}${plan.incentive.value !== undefined ? ` worth ${formatMoney(plan.incentive.value, plan.budget.currency)}` : ''})` : '';
  const cta = plan.messageType === 'brand' && plan.callToAction === true ? ' with a call to action' : '';
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  const carried = `${article} ${kind}${offer}${cta}`;
  if (plan.message?.proposition === undefined) return carried;
  return `“${shortenPhrase(plan.concept, limits.concept)}” as ${carried}`;
}

/** A channel's name without its bracketed examples: "Short-video ads (Douyin, …)" is "Short-video ads". */
function shortName(channel: Channel, limits: Limits): string {
  return shortenPhrase(channel.name.replace(/\s*\([^)]*\)/g, ''), limits.channel);
}

/** "Website and WeChat (owned), Search ads (paid)…", or, for a long list, counts by media type led by the first of each. */
function trafficPart(plan: Plan, labels: Labels, limits: Limits): string {
  const channels = plan.channels;
  if (channels.length === 0) return 'channels still to be chosen';
  const groups = MEDIA_TYPES.map((media) => ({ media, channels: channels.filter((c) => c.media === media) })).filter((g) => g.channels.length > 0);
  if (channels.length <= NAMED_CHANNELS) {
    return joinAnd(groups.map((g) => `${joinAnd(g.channels.map((c) => shortName(c, limits)))} (${labelOf(labels, 'media', g.media).toLowerCase()})`));
  }
  const counts = joinAnd(groups.map((g) => `${g.channels.length} ${labelOf(labels, 'media', g.media).toLowerCase()}`));
  const leads = groups.map((g) => shortName(g.channels[0] as Channel, limits));
  return `${counts} channels, led by ${joinAnd(leads)}`;
}

/** The brief in one sentence, choices named with the script's labels; at most MAX_LINE characters whenever tighter parts can make it so. */
export function briefLine(plan: Plan, labels: Labels): string {
  let line = '';
  for (const factor of TIGHTER) {
    const limits = scaled(factor);
    const proposition = propositionPart(plan, limits);
    const joint = proposition.endsWith('—') ? ' ' : ', ';
    line = `Achieve ${objectivePart(plan, labels)} among ${audiencePart(plan, limits)} by ${proposition}${joint}carried by ${contentPart(plan, labels, limits)} through ${trafficPart(plan, labels, limits)}.`;
    if (line.length <= MAX_LINE) return line;
  }
  return line;
}

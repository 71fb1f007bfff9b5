/**
 * The communication strategy as a brief a CMO signs (domain §8, seed 000): "Achieve
 * ⟨objective⟩ among ⟨audience⟩ by ⟨proposition grounded in the insight⟩, carried by
 * ⟨content⟩ through ⟨traffic⟩". Written from the answers, readable on its own, and
 * never mangled by long answers: each part is shortened on its own terms (`shortenPhrase`).
 * Plain text; the renderer escapes it.
 */
import { metricMeasuresObjective } from '../domain/channels/stage-fit.js';
import { journeyOf } from '../domain/contact/journey.js';
import type { Params } from '../domain/message/phrase.js';
import { labelOf, MEDIA_TYPES, type Channel, type Goal, type Labels, type Plan, type Stage } from '../domain/plan/plan.js';
import type { Translator } from './i18n/translator.js';
import { asClause, shortenPhrase, tidyPhrase } from './shorten.js';
import { listAnd, words } from './view-text.js';

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

/** The parts of the brief in the reader's language: plain text, the renderer escapes it. */
function brief(t: Translator, part: string, params?: Params): string {
  return words(t, `pages.brief.${part}`, params);
}

function goalValue(goal: Goal, value: number, plan: Plan, t: Translator): string {
  if (goal.unit === 'percent') return t.format.rate(value, 1);
  if (goal.unit === 'money') return t.format.money(value, plan.budget.currency);
  return t.format.number(value, 1);
}

/** "purchase intention (conversion 1 % → 2 %)": the objective and the goal that measures it, when there is one. */
function objectivePart(plan: Plan, labels: Labels, t: Translator): string {
  const objective = labelOf(labels, 'objective', plan.primaryObjective).toLowerCase();
  const goal = plan.goals.find((g) => metricMeasuresObjective(g.metric, plan.primaryObjective));
  if (!goal) return objective;
  return brief(t, 'objective', { objective, metric: labelOf(labels, 'metric', goal.metric).toLowerCase(), from: goalValue(goal, goal.baseline, plan, t), to: goalValue(goal, goal.target, plan, t) });
}

/** "office workers aged 25–35 … (from evaluation to purchase)": the stages in brackets, so a shortened description never runs into a comma. */
function audiencePart(plan: Plan, limits: Limits, t: Translator): string {
  const who = asClause(shortenPhrase(plan.audience.description, limits.audience));
  const journey = journeyOf(plan);
  const first = journey[0];
  const last = journey.at(-1);
  if (first === undefined || last === undefined) return who;
  const stage = (id: Stage) => brief(t, `stage.${id}`);
  const stages = first === last ? brief(t, 'at_stage', { stage: stage(first) }) : brief(t, 'from_stage', { first: stage(first), last: stage(last) });
  return brief(t, 'audience', { who, stages });
}

/** "promising “…” — grounded in the insight that … —": dashes, so a shortened insight never runs into a comma. */
function propositionPart(plan: Plan, limits: Limits, t: Translator): { text: string; insight: boolean } {
  const proposition = plan.message?.proposition ?? plan.concept;
  const promise = brief(t, 'promise', { promise: shortenPhrase(proposition, limits.proposition) });
  const insight = plan.message?.insight;
  if (typeof insight !== 'string' || tidyPhrase(insight) === '') return { text: promise, insight: false };
  return { text: brief(t, 'grounded', { promise, insight: asClause(shortenPhrase(insight, limits.insight)) }), insight: true };
}

/** "“concept” as a brand message with a call to action" (the concept is named only when the proposition did not already). */
function contentPart(plan: Plan, labels: Labels, limits: Limits, t: Translator): string {
  const kind = labelOf(labels, 'messageType', plan.messageType).toLowerCase();
  const mechanic = plan.incentive?.mechanic ? words(t, `pages.mechanic.${plan.incentive.mechanic}`).toLowerCase() : undefined;
  const value = plan.incentive?.value;
  const offer = mechanic === undefined ? '' : value !== undefined ? brief(t, 'offer_worth', { mechanic, value: t.format.money(value, plan.budget.currency) }) : brief(t, 'offer', { mechanic });
  const cta = plan.messageType === 'brand' && plan.callToAction === true ? brief(t, 'cta') : '';
  const carried = brief(t, /^[aeiou]/.test(kind) ? 'carried_an' : 'carried_a', { kind, offer, cta });
  if (plan.message?.proposition === undefined) return carried;
  return brief(t, 'concept', { concept: shortenPhrase(plan.concept, limits.concept), carried });
}

/** A channel's name without its bracketed examples: "Short-video ads (Douyin, …)" is "Short-video ads". */
function shortName(channel: Channel, limits: Limits): string {
  return shortenPhrase(channel.name.replace(/\s*\([^)]*\)/g, '').replace(/\s*（[^）]*）/g, ''), limits.channel);
}

/** "Website and WeChat (owned), Search ads (paid)…", or, for a long list, counts by media type led by the first of each. */
function trafficPart(plan: Plan, labels: Labels, limits: Limits, t: Translator): string {
  const channels = plan.channels;
  if (channels.length === 0) return brief(t, 'no_channels');
  const groups = MEDIA_TYPES.map((media) => ({ media, channels: channels.filter((c) => c.media === media) })).filter((g) => g.channels.length > 0);
  const media = (g: (typeof groups)[number]) => labelOf(labels, 'media', g.media).toLowerCase();
  if (channels.length <= NAMED_CHANNELS) {
    return listAnd(t, groups.map((g) => brief(t, 'media_group', { names: listAnd(t, g.channels.map((c) => shortName(c, limits))), media: media(g) })));
  }
  const counts = listAnd(t, groups.map((g) => brief(t, 'media_count', { count: g.channels.length, media: media(g) })));
  const leads = groups.map((g) => shortName(g.channels[0] as Channel, limits));
  return brief(t, 'led_by', { counts, leads: listAnd(t, leads) });
}

/**
 * The brief in one sentence, choices named with the reader's labels, in the word order of
 * the reader's language (English leads with the objective, Chinese with the audience and
 * ends on it); at most MAX_LINE characters whenever tighter parts can make it so.
 */
export function briefLine(plan: Plan, labels: Labels, t: Translator): string {
  let line = '';
  for (const factor of TIGHTER) {
    const limits = scaled(factor);
    const proposition = propositionPart(plan, limits, t);
    // After an insight in dashes, English needs no comma before "carried by".
    line = brief(t, proposition.insight ? 'line_insight' : 'line', {
      objective: objectivePart(plan, labels, t),
      audience: audiencePart(plan, limits, t),
      proposition: proposition.text,
      content: contentPart(plan, labels, limits, t),
      traffic: trafficPart(plan, labels, limits, t),
    });
    if (line.length <= MAX_LINE) return line;
  }
  return line;
}

/**
 * The audience (domain §2): who, which behaviour segment (Schultz), which buying
 * stage, and how they decide (Rossiter–Percy involvement and motivation).
 */
import { journeyOf } from '../contact/journey.js';
import { MOTIVATIONS, SEGMENTS, STAGES, type Involvement, type Objective, type PlanDraft, type Segment, type Stage } from '../plan/plan.js';
import { phrase } from '../message/phrase.js';
import { countWords } from './message-rules.js';
import { defineRule, type FindingBody, type RuleDefinition } from './rule-definition.js';
import { all, isBlank, term } from './rule-text.js';

const audienceDefined = defineRule({
  id: 'AUDIENCE-DEFINED',
  severity: 'error',
  title: 'The audience is defined',
  questionIds: ['audience_description', 'audience_segment', 'audience_stage'],
  check(draft) {
    const audience = draft.audience;
    const missing: { part: string; questionId: string }[] = [];
    if (isBlank(audience?.description)) missing.push({ part: 'description', questionId: 'audience_description' });
    // An unknown id (from an old or hand-edited plan) is as good as no answer.
    if (!SEGMENTS.includes(audience?.segment as Segment)) {
      missing.push({ part: 'segment', questionId: 'audience_segment' });
    }
    if (!STAGES.includes(audience?.stage as Stage)) missing.push({ part: 'stage', questionId: 'audience_stage' });
    const first = missing[0];
    if (first === undefined) return [];
    const parts = missing.map((m) => phrase(`findings.audience-defined.part.${m.part}`));
    return [{ severity: 'error', id: 'incomplete', params: { missing: all(parts, 'or') }, questionId: first.questionId }];
  },
});

/** Goal metrics that show a plan keeps and grows the customers it has. */
const KEEPING_METRICS: readonly string[] = ['retention', 'repeat-rate', 'loyalty', 'churn', 'nps'];

/**
 * For each segment, whether the plan departs from its strategy (Schultz): the tip speaks
 * only then, so a plan that follows the advice hears nothing, and it never suggests what
 * a warning would then reject (an offer where the journey does not reach the purchase).
 */
const SEGMENT_ADVICE: Record<Segment, { departs(draft: PlanDraft): boolean }> = {
  loyal: {
    departs: (draft) =>
      !journeyOf(draft).includes('post-purchase') &&
      !draft.goals.some((goal) => KEEPING_METRICS.includes(goal?.metric)) &&
      !draft.channels.some((channel) => channel?.id === 'owned-referral'),
  },
  'competitor-loyal': {
    departs: (draft) => draft.messageType === 'incentive' || isBlank(draft.message?.reasonToBelieve),
  },
  switcher: {
    departs: (draft) => journeyOf(draft).includes('purchase-decision') && draft.messageType === 'brand',
  },
  'new-to-category': {
    departs: (draft) => draft.primaryObjective !== 'category-demand' && !draft.secondaryObjectives.includes('category-demand'),
  },
};

const segmentStrategy = defineRule({
  id: 'SEGMENT-STRATEGY',
  severity: 'tip',
  title: 'The strategy suits the behaviour segment',
  questionIds: ['audience_segment', 'main_competitor', 'proposition'],
  check(draft) {
    const segment = draft.audience?.segment;
    if (segment === undefined || !Object.hasOwn(SEGMENT_ADVICE, segment)) return [];
    if (segment === 'competitor-loyal') return switchFrom(draft);
    if (!SEGMENT_ADVICE[segment].departs(draft)) return [];
    return [{ severity: 'tip', id: segment, params: {}, questionId: 'audience_segment' }];
  },
});

/**
 * A reason to switch is a reason to switch from someone: the tip asks which rival when the
 * plan does not say, and otherwise speaks only when the plan gives no proof of what it does
 * better (no reason to believe, or an offer alone), naming the rival.
 */
function switchFrom(draft: PlanDraft): FindingBody[] {
  const advice = SEGMENT_ADVICE['competitor-loyal'];
  const competitor = draft.audience?.competitor;
  if (isBlank(competitor)) {
    return [{ severity: 'tip', id: 'competitor-unnamed', params: {}, questionId: 'main_competitor' }];
  }
  if (!advice.departs(draft)) return [];
  return [{ severity: 'tip', id: 'competitor-named', params: { rival: (competitor as string).trim() }, questionId: 'proposition' }];
}

/** Segment, stage and objective combinations that contradict each other, with why. */
const CONTRADICTIONS: readonly { segment: Segment; stage?: Stage; objective?: Objective; why: string }[] = [
  { segment: 'loyal', stage: 'need-recognition', why: 'loyal-need' },
  { segment: 'loyal', objective: 'category-demand', why: 'loyal-category' },
  { segment: 'loyal', objective: 'brand-awareness', why: 'loyal-awareness' },
  { segment: 'new-to-category', stage: 'post-purchase', why: 'new-post-purchase' },
  { segment: 'new-to-category', stage: 'purchase-decision', objective: 'brand-attitude', why: 'new-ready-to-buy' },
];

const segmentStageObjective = defineRule({
  id: 'SEGMENT-STAGE-OBJECTIVE',
  severity: 'warning',
  title: 'Segment, stage and objective agree',
  questionIds: ['audience_segment', 'audience_stage', 'primary_objective'],
  check(draft, ctx) {
    const { segment, stage } = draft.audience ?? {};
    const objective = draft.primaryObjective;
    if (segment === undefined) return [];
    const clashes = CONTRADICTIONS.filter(
      (c) => c.segment === segment && (c.stage === undefined || c.stage === stage) && (c.objective === undefined || c.objective === objective),
    );
    const first = clashes[0];
    if (first === undefined) return [];
    const params = {
      segment: term('segment', segment, true),
      stage: stage !== undefined ? phrase('findings.segment-stage-objective.at-stage', { stage: term('stage', stage, true) }) : '',
      objective: objective !== undefined ? phrase('findings.segment-stage-objective.with-objective', { objective: term('objective', objective, true) }) : '',
      // A segment meets at most two contradictions: one about its stage, one about its objective.
      why: phrase(`findings.segment-stage-objective.why.${first.why}`),
      also: clashes[1] ? phrase('findings.segment-stage-objective.also', { why: phrase(`findings.segment-stage-objective.why.${clashes[1].why}`) }) : '',
    };
    const aboutObjective = first.objective !== undefined && first.stage === undefined;
    return [
      {
        severity: 'warning',
        id: aboutObjective ? 'objective-clash' : 'stage-clash',
        params,
        questionId: first.stage !== undefined ? 'audience_stage' : 'primary_objective',
      },
    ];
  },
});

/** Descriptions that name no one in particular; other languages add theirs. */
const EVERYONE = /^(?:everyone|everybody|anyone|anybody|all|all people|all consumers|all customers|all ages|people|consumers|customers|the (?:general )?public|general public|(?:the )?mass market|the masses|所有人|大众|全民|所有消费者)(?:\s+(?:in|of|across)\s+.{1,40})?$/u;

const audienceEveryone = defineRule({
  id: 'AUDIENCE-EVERYONE',
  severity: 'warning',
  title: 'The audience is someone in particular',
  questionIds: ['audience_description'],
  check(draft, ctx) {
    const description = typeof draft.audience?.description === 'string' ? draft.audience.description : '';
    const plain = description.toLowerCase().replace(/[.!。！]+$/u, '').replace(/\s+/g, ' ').trim();
    if (plain === '' || !EVERYONE.test(plain)) return [];
    return [{ severity: 'warning', id: 'everyone', params: { description: description.trim() }, questionId: 'audience_description' }];
  },
});

const INVOLVEMENT_ADVICE: Record<Involvement, { departs(draft: PlanDraft): boolean }> = {
  high: {
    departs: (draft) => isBlank(draft.message?.reasonToBelieve) && isBlank(draft.message?.evidence),
  },
  low: {
    departs: (draft) => benefitCount(draft.message?.proposition) > 2 || countWords(draft.concept ?? '') > 15,
  },
};

/** How many benefits a promise lists: "fresh, cheap and local" is three. */
function benefitCount(text: string | undefined): number {
  if (typeof text !== 'string' || text.trim() === '') return 0;
  return text.split(/\s*(?:,|;|、|，|\band\b|\bplus\b)\s*/u).filter((part) => part.trim() !== '').length;
}

const appealFit = defineRule({
  id: 'APPEAL-FIT',
  severity: 'tip',
  title: 'The appeal suits involvement and motivation',
  questionIds: ['involvement', 'motivation', 'proposition'],
  check(draft, ctx) {
    const involvement = draft.audience?.involvement;
    if (involvement === undefined || !Object.hasOwn(INVOLVEMENT_ADVICE, involvement)) return [];
    const advice = INVOLVEMENT_ADVICE[involvement];
    if (!advice.departs(draft)) return [];
    const motivation = draft.audience?.motivation;
    const known = motivation !== undefined && MOTIVATIONS.includes(motivation);
    return [
      {
        severity: 'tip',
        id: involvement,
        params: { motivation: known ? phrase(`findings.appeal-fit.motivation.${motivation}`) : '' },
        questionId: 'proposition',
      },
    ];
  },
});

/** Rules about the audience and how to talk to it. */
export const AUDIENCE_RULES: readonly RuleDefinition[] = [audienceDefined, audienceEveryone, segmentStageObjective, segmentStrategy, appealFit];

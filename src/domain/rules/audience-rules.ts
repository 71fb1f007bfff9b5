/**
 * The audience (domain §2): who, which behaviour segment (Schultz), which buying
 * stage, and how they decide (Rossiter–Percy involvement and motivation).
 */
import { journeyOf } from '../contact/journey.js';
import { SEGMENTS, STAGES, type Involvement, type Motivation, type Objective, type PlanDraft, type Segment, type Stage } from '../plan/plan.js';
import { countWords } from './message-rules.js';
import { defineRule, type FindingBody, type RuleDefinition } from './rule-definition.js';
import { isBlank, joinNames, labelOf } from './rule-text.js';

const audienceDefined = defineRule({
  id: 'AUDIENCE-DEFINED',
  severity: 'error',
  title: 'The audience is defined',
  questionIds: ['audience_description', 'audience_segment', 'audience_stage'],
  check(draft, ctx) {
    const audience = draft.audience;
    const missing: { part: string; questionId: string }[] = [];
    if (isBlank(audience?.description)) missing.push({ part: 'description', questionId: 'audience_description' });
    // An unknown id (from an old or hand-edited plan) is as good as no answer.
    if (!SEGMENTS.includes(audience?.segment as Segment)) {
      missing.push({ part: 'behaviour segment', questionId: 'audience_segment' });
    }
    if (!STAGES.includes(audience?.stage as Stage)) missing.push({ part: 'buying stage', questionId: 'audience_stage' });
    const first = missing[0];
    if (first === undefined) return [];
    return [
      {
        severity: 'error',
        problem: `The audience has no ${joinNames(
          missing.map((m) => m.part),
          'or',
        )} yet.`,
        principle:
          'IMC moves one audience one step along its buying journey, so you must know who they are, how they buy and where they are now.',
        fix: 'Describe the people, e.g. "office workers 25–35 in Shanghai who drink coffee daily", then choose their segment and buying stage.',
        questionId: first.questionId,
      },
    ];
  },
});

/** Goal metrics that show a plan keeps and grows the customers it has. */
const KEEPING_METRICS: readonly string[] = ['retention', 'repeat-rate', 'loyalty', 'churn', 'nps'];

/**
 * For each segment, whether the plan departs from its strategy (Schultz): the tip speaks
 * only then, so a plan that follows the advice hears nothing, and it never suggests what
 * a warning would then reject (an offer where the journey does not reach the purchase).
 */
const SEGMENT_ADVICE: Record<Segment, { departs(draft: PlanDraft): boolean; problem: string; principle: string; fix: string }> = {
  loyal: {
    departs: (draft) =>
      !journeyOf(draft).includes('post-purchase') &&
      !draft.goals.some((goal) => KEEPING_METRICS.includes(goal?.metric)) &&
      !draft.channels.some((channel) => channel?.id === 'owned-referral'),
    problem: 'Your audience is loyal to your brand, but the plan neither follows them after the purchase nor sets a goal for keeping them.',
    principle: 'Loyal customers are the cheapest sales you have: keep them and grow what they buy.',
    fix: 'Reward and retain: add the post-purchase stage to the journey (`change journey`) with member perks or points, a referral offer, and a repeat-rate or retention goal.',
  },
  'competitor-loyal': {
    departs: (draft) => draft.messageType === 'incentive' || isBlank(draft.message?.reasonToBelieve),
    problem: 'Your audience is loyal to a competitor, but the plan gives them no proof of what you do better.',
    principle: 'People loyal to a rival will not move for a small deal; they need a difference that matters to them.',
    fix: 'Differentiate and give a reason to switch: say what you do better than their brand and why it is true (`change proposition`: "… because …"), and make trying you easy.',
  },
  switcher: {
    departs: (draft) => journeyOf(draft).includes('purchase-decision') && draft.messageType === 'brand',
    problem: 'Your audience switches on deal or at random and the journey reaches the purchase, but the plan offers no incentive there.',
    principle: 'Switchers buy on deal or at random, so a well-timed offer at the moment of purchase moves them more than image building.',
    fix: 'Add an incentive at the purchase decision (a trial price, a coupon, a bundle: `change message type` to both), then give them a reason to stay after the first purchase.',
  },
  'new-to-category': {
    departs: (draft) => draft.primaryObjective !== 'category-demand' && !draft.secondaryObjectives.includes('category-demand'),
    problem: 'Your audience is new to the category, but the plan does not aim at category demand.',
    principle: 'People new to the category are not choosing a brand yet; they first need to want the category at all.',
    fix: 'Sell the category first: make category demand an objective (primary or secondary) and show the need it meets and how easy it is to start, with your brand as the natural first choice.',
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
    const advice = SEGMENT_ADVICE[segment];
    if (!advice.departs(draft)) return [];
    return [{ severity: 'tip', problem: advice.problem, principle: advice.principle, fix: advice.fix, questionId: 'audience_segment' }];
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
    return [
      {
        severity: 'tip',
        problem: 'Your audience is loyal to a competitor, and the plan does not say which.',
        principle: advice.principle,
        fix: `${advice.fix} Name the brand they buy now ("change main competitor"), so everyone knows what to be better than.`,
        questionId: 'main_competitor',
      },
    ];
  }
  if (!advice.departs(draft)) return [];
  const rival = (competitor as string).trim();
  return [
    {
      severity: 'tip',
      problem: `Your audience is loyal to ${rival}, but the plan gives them no proof of what you do better.`,
      principle: advice.principle,
      fix: `Differentiate from ${rival} and give a reason to switch: show what you do better than ${rival} and why it is true (\`change proposition\`: "… because …"), and make trying you easy.`,
      questionId: 'proposition',
    },
  ];
}

/** Segment, stage and objective combinations that contradict each other, with why. */
const CONTRADICTIONS: readonly { segment: Segment; stage?: Stage; objective?: Objective; why: string }[] = [
  { segment: 'loyal', stage: 'need-recognition', why: 'loyal customers already buy from you, so they are past recognising the need' },
  { segment: 'loyal', objective: 'category-demand', why: 'loyal customers already buy the category, so there is no category demand to create' },
  { segment: 'loyal', objective: 'brand-awareness', why: 'loyal customers know the brand already, so awareness is not what they lack' },
  { segment: 'new-to-category', stage: 'post-purchase', why: 'people new to the category have not bought it, so they cannot be after a purchase' },
  { segment: 'new-to-category', stage: 'purchase-decision', objective: 'brand-attitude', why: 'people new to the category who are ready to buy need a reason to start, not a better opinion of one brand' },
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
    const said = [
      `the audience is ${labelOf(ctx.labels, 'segment', segment).toLowerCase()}`,
      ...(stage !== undefined ? [`at ${labelOf(ctx.labels, 'stage', stage).toLowerCase()}`] : []),
      ...(objective !== undefined ? [`with a ${labelOf(ctx.labels, 'objective', objective).toLowerCase()} objective`] : []),
    ].join(' ');
    return [
      {
        severity: 'warning',
        problem: `${said.charAt(0).toUpperCase()}${said.slice(1)}, but ${joinNames(clashes.map((c) => c.why))}.`,
        principle: 'The behaviour segment, the stage the audience is at and the objective describe the same people; when they disagree, one of them is wrong and the plan aims at nobody.',
        fix:
          first.objective !== undefined && first.stage === undefined
            ? `Aim for what this segment still needs (for loyal customers: brand attitude or repeat purchase), or choose the segment that matches the objective.`
            : 'Check the segment and the stage: choose the stage these people are really at, or the segment that is really at this stage.',
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
    return [
      {
        severity: 'warning',
        problem: `The audience is “${description.trim()}”: that is everyone, so no one in particular.`,
        principle: 'One audience, described well, lets one concept speak to them everywhere; a message for everyone moves no one, and the budget spreads too thin to reach anybody often enough.',
        fix: 'Name the people who matter most: who they are, where they live, what they buy today, e.g. "office workers aged 25–35 in Shanghai who drink coffee daily".',
        questionId: 'audience_description',
      },
    ];
  },
});

const INVOLVEMENT_ADVICE: Record<Involvement, { departs(draft: PlanDraft): boolean; problem: string; principle: string; fix: string }> = {
  high: {
    departs: (draft) => isBlank(draft.message?.reasonToBelieve) && isBlank(draft.message?.evidence),
    problem: 'This is a high-involvement purchase, but the plan gives no reason to believe the promise.',
    principle: 'A risky purchase is thought through, so the audience must believe the claims, not just like the ad.',
    fix: 'Give believable proof: facts, comparisons, tests, reviews or guarantees (`change proposition`: "… because …"); emotion alone will not carry it.',
  },
  low: {
    departs: (draft) => benefitCount(draft.message?.proposition) > 2 || countWords(draft.concept ?? '') > 15,
    problem: 'This is a low-involvement purchase, but the promise lists several benefits.',
    principle: 'A low-risk purchase gets little thought, so one clear benefit remembered beats a full argument.',
    fix: 'Keep one or two benefits, said plainly and repeated in every channel.',
  },
};

/** How many benefits a promise lists: "fresh, cheap and local" is three. */
function benefitCount(text: string | undefined): number {
  if (typeof text !== 'string' || text.trim() === '') return 0;
  return text.split(/\s*(?:,|;|、|，|\band\b|\bplus\b)\s*/u).filter((part) => part.trim() !== '').length;
}

const MOTIVATION_ADVICE: Record<Motivation, string> = {
  informational: 'Show the problem your product removes or avoids, and how.',
  transformational: 'Make the feeling authentic and let the audience see themselves in it; the brand should own that feeling.',
};

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
    const known = motivation !== undefined && Object.hasOwn(MOTIVATION_ADVICE, motivation);
    return [
      {
        severity: 'tip',
        problem: advice.problem,
        principle: advice.principle,
        fix: known ? `${advice.fix} ${MOTIVATION_ADVICE[motivation]}` : advice.fix,
        questionId: 'proposition',
      },
    ];
  },
});

/** Rules about the audience and how to talk to it. */
export const AUDIENCE_RULES: readonly RuleDefinition[] = [audienceDefined, audienceEveryone, segmentStageObjective, segmentStrategy, appealFit];

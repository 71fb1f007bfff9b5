/**
 * The audience (domain §2): who, which behaviour segment (Schultz), which buying
 * stage, and how they decide (Rossiter–Percy involvement and motivation).
 */
import { SEGMENTS, STAGES, type Involvement, type Motivation, type Segment, type Stage } from '../plan/plan.js';
import { defineRule, type FindingBody, type RuleDefinition } from './rule-definition.js';
import { isBlank, joinNames, labelOf } from './rule-text.js';

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

const SEGMENT_ADVICE: Record<Segment, { principle: string; fix: string }> = {
  loyal: {
    principle: 'Loyal customers are the cheapest sales you have: keep them and grow what they buy.',
    fix: 'Reward and retain: thank them, give members early access or points, and ask them to refer a friend.',
  },
  'competitor-loyal': {
    principle: 'People loyal to a rival will not move for a small deal; they need a difference that matters to them.',
    fix: 'Differentiate and give a reason to switch: show what you do better than their brand, with proof, and make trying you easy.',
  },
  switcher: {
    principle: 'Switchers buy on deal or at random, so a well-timed offer moves them more than image building.',
    fix: 'Use incentives (a trial price, a coupon, a bundle) and then give them a reason to stay after the first purchase.',
  },
  'new-to-category': {
    principle: 'People new to the category are not choosing a brand yet; they first need to want the category at all.',
    fix: 'Sell the category first: show the need it meets and how easy it is to start, with your brand as the natural first choice.',
  },
};

const segmentStrategy = defineRule({
  id: 'SEGMENT-STRATEGY',
  severity: 'tip',
  title: 'The strategy suits the behaviour segment',
  questionIds: ['audience_segment', 'main_competitor'],
  check(draft, ctx) {
    const segment = draft.audience?.segment;
    if (segment === undefined || !Object.hasOwn(SEGMENT_ADVICE, segment)) return [];
    if (segment === 'competitor-loyal') return [switchFrom(draft.audience?.competitor)];
    return [
      {
        severity: 'tip',
        problem: `Your audience is: ${labelOf(ctx.labels, 'segment', segment).toLowerCase()}.`,
        ...SEGMENT_ADVICE[segment],
        questionId: 'audience_segment',
      },
    ];
  },
});

/** A reason to switch is a reason to switch from someone: the advice names the rival, or asks for it. */
function switchFrom(competitor: string | undefined): FindingBody {
  const { principle } = SEGMENT_ADVICE['competitor-loyal'];
  if (isBlank(competitor)) {
    return {
      severity: 'tip',
      problem: 'Your audience is loyal to a competitor, and the plan does not say which.',
      principle,
      fix: `${SEGMENT_ADVICE['competitor-loyal'].fix} Name the brand they buy now ("change main competitor"), so everyone knows what to be better than.`,
      questionId: 'main_competitor',
    };
  }
  const rival = (competitor as string).trim();
  return {
    severity: 'tip',
    problem: `Your audience is loyal to a competitor: ${rival}.`,
    principle,
    fix: `Differentiate from ${rival} and give a reason to switch: show what you do better than ${rival}, with proof, and make trying you easy.`,
    questionId: 'audience_segment',
  };
}

const INVOLVEMENT_ADVICE: Record<Involvement, { principle: string; fix: string }> = {
  high: {
    principle: 'A risky purchase is thought through, so the audience must believe the claims, not just like the ad.',
    fix: 'Give believable proof: facts, comparisons, tests, reviews or guarantees; emotion alone will not carry it.',
  },
  low: {
    principle: 'A low-risk purchase gets little thought, so one clear benefit remembered beats a full argument.',
    fix: 'Say one or two benefits plainly and repeat them in every channel.',
  },
};

const MOTIVATION_ADVICE: Record<Motivation, string> = {
  informational: 'Show the problem your product removes or avoids, and how.',
  transformational: 'Make the feeling authentic and let the audience see themselves in it; the brand should own that feeling.',
};

const appealFit = defineRule({
  id: 'APPEAL-FIT',
  severity: 'tip',
  title: 'The appeal suits involvement and motivation',
  questionIds: ['involvement', 'motivation'],
  check(draft) {
    const involvement = draft.audience?.involvement;
    if (involvement === undefined || !Object.hasOwn(INVOLVEMENT_ADVICE, involvement)) return [];
    const motivation = draft.audience?.motivation;
    const known = motivation !== undefined && Object.hasOwn(MOTIVATION_ADVICE, motivation);
    const advice = INVOLVEMENT_ADVICE[involvement];
    return [
      {
        severity: 'tip',
        problem: known
          ? `This is a ${involvement}-involvement, ${motivation} purchase for your audience.`
          : `This is a ${involvement}-involvement purchase for your audience.`,
        principle: advice.principle,
        fix: known ? `${advice.fix} ${MOTIVATION_ADVICE[motivation]}` : advice.fix,
        questionId: known ? 'motivation' : 'involvement',
      },
    ];
  },
});

/** Rules about the audience and how to talk to it. */
export const AUDIENCE_RULES: readonly RuleDefinition[] = [audienceDefined, segmentStrategy, appealFit];

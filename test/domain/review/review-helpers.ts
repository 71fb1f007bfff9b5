/** Plans and a driver shared by the review tests. */
import { loadReviewScript } from '../../../src/app/load-script.js';
import { buildBudgetSketch } from '../../../src/domain/budget/budget.js';
import { interpretReply } from '../../../src/domain/conversation/interpret-reply.js';
import { PlanSchema, type Plan } from '../../../src/domain/plan/plan.js';
import { startReview, stepReview, type ReviewEffect, type ReviewStepResult } from '../../../src/domain/review/review-flow.js';
import type { ReviewActuals } from '../../../src/domain/review/review.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { inEnglish, type InEnglish } from '../../support/english-effects.js';

/** The review's questions as the bot ships them (prompts/review.yml). */
export const REVIEW_SCRIPT = loadReviewScript();

/** 14 May 2027, 10:00 in Shanghai: the sample plan's review date. */
export const REVIEW_NOW = new Date('2027-05-14T02:00:00Z');
export const TZ = 'Asia/Shanghai';

/**
 * The sample coffee launch (funnel model, ¥0.80 a visit, 2.5 % conversion, ¥40 AOV)
 * sized to the ¥250,000 available: ¥250,000 of revenue needs 250,000 visits, ¥200,000
 * of working media and a 25 % reserve of ¥50,000. Three goals: awareness 10 % -> 40 %,
 * orders 500 -> 1,500, trust score 3.5 -> 4.
 */
export function funnelPlan(): Plan {
  const draft = sampleDraft();
  return PlanSchema.parse({
    ...draft,
    // The review's own questions; the rows of a contact plan add one (see touchpoint-actuals.test.ts).
    contactPlan: [],
    campaign: 'Spring launch',
    goals: [
      { metric: 'awareness', unit: 'percent', baseline: 0.1, target: 0.4, direction: 'increase', deadline: '2027-04-30' },
      { metric: 'orders', unit: 'count', baseline: 500, target: 1500, direction: 'increase', deadline: '2027-04-30' },
      { metric: 'trust', unit: 'score', baseline: 3.5, target: 4, direction: 'increase', deadline: '2027-04-30' },
    ],
    budget: { ...draft.budget, available: 25_000_000, reserveRate: 0.25, funnel: { ...draft.budget!.funnel!, targetRevenue: 25_000_000 } },
  });
}

/** A brand-attitude plan: reach model, one goal, no funnel questions. 2,000,000 × 50 % × 4 = 4,000,000 impressions at $10 CPM = $40,000 + a 25 % reserve = the $50,000 available. */
export function reachPlan(): Plan {
  const draft = sampleDraft();
  return PlanSchema.parse({
    ...draft,
    contactPlan: [],
    primaryObjective: 'brand-attitude',
    goals: [{ metric: 'reputation', unit: 'score', baseline: 60, target: 70, direction: 'increase', deadline: '2027-04-30' }],
    budget: {
      currency: 'USD',
      available: 5_000_000,
      reach: { audienceSize: 2_000_000, reachRate: 0.5, frequency: 4, cpm: 1_000 },
      reserveRate: 0.25,
    },
  });
}

/** Starts a review of `plan` with its own budget sketch. */
export function begin(plan: Plan = funnelPlan()): ReviewStepResult {
  return startReview(REVIEW_SCRIPT, plan, buildBudgetSketch(plan), { now: REVIEW_NOW, timeZone: TZ });
}

/** Sends one reply (read as `interpretReply` reads it) to the review of `plan`. */
export function reply(plan: Plan, result: ReviewStepResult, text: string): ReviewStepResult {
  return stepReview(REVIEW_SCRIPT, plan, result.state, interpretReply(text), REVIEW_NOW);
}

/** The id of the question the effects ask or re-ask, if any. */
export function asked(result: ReviewStepResult): string | undefined {
  const found = result.effects.find((e) => e.type === 'ask' || e.type === 'reask');
  return found && 'question' in found ? found.question?.id : undefined;
}

/** The effect of a type, or a failure naming what was there. */
export function effectOf<T extends ReviewEffect['type']>(result: ReviewStepResult, type: T): InEnglish<Extract<ReviewEffect, { type: T }>> {
  const found = result.effects.find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} effect in ${JSON.stringify(result.effects.map((e) => e.type))}`);
  return inEnglish(found as Extract<ReviewEffect, { type: T }>);
}

/** A whole review of `funnelPlan()`: question id and reply, in the order asked. */
export const FULL_REVIEW: [string, string][] = [
  ['actual_spend', '¥180,000'],
  ['goal_1', '31%'],
  ['goal_2', '1,200'],
  ['goal_3', '3.9'],
  ['actual_visits', '90,000'],
  ['actual_orders', '1,080'],
  ['actual_revenue', '1,134,000'],
  ['worked', 'KOL reviews on Xiaohongshu drove most first orders.'],
  ['did_not_work', 'skip'],
];

/** The actuals `FULL_REVIEW` gives (money in fen, goal indexes 0-based). */
export const FULL_ACTUALS: ReviewActuals = {
  spend: 18_000_000,
  goals: [
    { index: 0, actual: 0.31 },
    { index: 1, actual: 1200 },
    { index: 2, actual: 3.9 },
  ],
  visits: 90_000,
  orders: 1_080,
  revenue: 113_400_000,
  worked: 'KOL reviews on Xiaohongshu drove most first orders.',
};

/** The summary of `FULL_ACTUALS`, worked out by hand. */
export const HAND_CALCULATED = {
  // Awareness: (31 % − 10 %) / (40 % − 10 %) = 21 / 30 = 0.7.
  // Orders: (1,200 − 500) / (1,500 − 500) = 700 / 1,000 = 0.7.
  // Trust: (3.9 − 3.5) / (4 − 3.5) = 0.4 / 0.5 = 0.8.
  goals: [
    { metric: 'awareness', actual: 0.31, attainment: 0.7 },
    { metric: 'orders', actual: 1200, attainment: 0.7 },
    { metric: 'trust', actual: 3.9, attainment: 0.8 },
  ],
  // ¥180,000 against the ¥250,000 allocated: ¥70,000 under, 180 / 250 = 72 % of plan.
  spend: { planned: 25_000_000, actual: 18_000_000, difference: -7_000_000, ratio: 0.72 },
  funnel: {
    // ¥180,000 / 90,000 visits = ¥2 (200 fen), against ¥0.80 planned.
    costPerVisit: { planned: 80, actual: 200 },
    // 1,080 / 90,000 = 1.2 %, against 2.5 %.
    conversion: { planned: 0.025, actual: 0.012 },
    // ¥1,134,000 / 1,080 = ¥1,050, against ¥40.
    aov: { planned: 4_000, actual: 105_000 },
  },
  // (1,134,000 − 180,000) / 180,000 = 954,000 / 180,000 = 5.3, on revenue: the plan gives no gross margin.
  returnOnSpend: 5.3,
  returnBasis: 'revenue',
};

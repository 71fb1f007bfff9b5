import { describe, it, expect } from 'vitest';
import { buildBudgetSketch } from '../../../src/domain/budget/budget.js';
import { plannedSpend } from '../../../src/domain/review/review.js';
import { ReviewStateSchema, reviewQuestions, startReview, stepReview, type ReviewStepResult } from '../../../src/domain/review/review-flow.js';
import { suggestionsFromReview } from '../../../src/domain/review/review.js';
import { FULL_ACTUALS, FULL_REVIEW, HAND_CALCULATED, REVIEW_NOW, REVIEW_SCRIPT, TZ, asked, begin, effectOf, funnelPlan, reachPlan, reply } from './review-helpers.js';
import { en, shown } from '../../support/words.js';
import { inEnglish } from '../../support/english-effects.js';
import { suggestionSource, type Suggestion } from '../../../src/domain/conversation/flow-state.js';

const plan = funnelPlan();

/** Replies in order, checking each is asked when expected. */
function answerAll(result: ReviewStepResult, replies: [string, string][]): ReviewStepResult {
  let current = result;
  for (const [id, text] of replies) {
    expect(asked(current)).toBe(id);
    current = reply(plan, current, text);
  }
  return current;
}

describe('a whole review', () => {
  it('asks every question in order and finishes with figures that match the hand calculation', () => {
    const done = answerAll(begin(plan), FULL_REVIEW);
    const finished = effectOf(done, 'finished');
    expect(done.state.status).toBe('finished');
    expect(finished.reviewedOn).toBe('2027-05-14');
    expect(finished.summary).toMatchObject(HAND_CALCULATED);
    expect(finished.summary.learnings).toEqual({ worked: 'KOL reviews on Xiaohongshu drove most first orders.' });
    expect(finished.actuals).toEqual(FULL_ACTUALS);
  });

  it("gives suggestions for the next plan that the planning questions' own parsers read back", () => {
    const { summary, reviewedOn } = effectOf(answerAll(begin(plan), FULL_REVIEW), 'finished');
    const suggestions = suggestionsFromReview(summary, plan, { planId: 'P-7K3QX', reviewedOn });
    const source = { campaign: 'Spring launch', planId: 'P-7K3QX', reviewedOn: '2027-05-14' };
    expect(suggestions).toEqual({
      conversion_rate: { text: '1.2%', source },
      average_order_value: { text: '¥1,050', source },
      cost_per_visit: { text: '¥2', source },
    });
    // Where it came from is said in the reader's words.
    const from = suggestionSource(suggestions.conversion_rate as Suggestion);
    expect(shown('en', from)).toBe('the review of "Spring launch" (P-7K3QX), 14 May 2027');
    expect(shown('zh-CN', from)).toBe('“Spring launch”（P-7K3QX）2027年5月14日 的复盘');
  });

  it('names each goal with its starting value, target and deadline, and numbers the questions', () => {
    const questions = reviewQuestions(REVIEW_SCRIPT, plan, 25_000_000);
    expect(questions.map((q) => q.id)).toEqual([
      'actual_spend',
      'goal_1',
      'goal_2',
      'goal_3',
      'actual_visits',
      'actual_orders',
      'actual_revenue',
      'worked',
      'did_not_work',
    ]);
    expect(questions[0]?.text).toContain('¥250,000');
    expect(questions[1]?.text).toBe('Goal 1 was Awareness: 10 % → 40 % by 30 Apr 2027. What is the actual figure now?');
    expect(questions[2]?.text).toContain('500 → 1,500');
    const first = begin(plan);
    expect(effectOf(first, 'ask')).toMatchObject({ question: { id: 'actual_spend' }, position: { number: 1, total: 9 } });
  });

  it('asks a reach-model plan for its impressions and reach instead of the funnel, and carries CPM, reach and frequency on', () => {
    const reach = reachPlan();
    let result = begin(reach);
    const ids: string[] = [];
    for (const text of ['$48,000', '66', '3,600,000', '45%', 'skip', 'skip']) {
      ids.push(asked(result) ?? '');
      result = reply(reach, result, text);
    }
    expect(ids).toEqual(['actual_spend', 'goal_1', 'actual_impressions', 'actual_reach', 'worked', 'did_not_work']);
    const { summary } = effectOf(result, 'finished');
    expect(summary.funnel).toBeUndefined();
    expect(summary.returnOnSpend).toBeNull();
    // Reputation 60 -> 70, actual 66: 6 / 10 = 0.6. Spend $48,000 of the $50,000 planned.
    expect(summary.goals[0]?.attainment).toBe(0.6);
    expect(summary.spend).toEqual({ planned: 5_000_000, actual: 4_800_000, difference: -200_000, ratio: 0.96 });
    // $48,000 ÷ 3,600,000 × 1,000 = $13.33 CPM (planned $10); 3,600,000 ÷ (2,000,000 × 45 %) = 4 a head (planned 4).
    expect(summary.reach).toEqual({
      impressions: { planned: 4_000_000, actual: 3_600_000 },
      reachRate: { planned: 0.5, actual: 0.45 },
      cpm: { planned: 1_000, actual: 1_333 },
      frequency: { planned: 4, actual: 4 },
    });
    const source = { campaign: 'Spring cold brew launch 2027', planId: 'P-1', reviewedOn: '2027-05-14' };
    expect(suggestionsFromReview(summary, reach, { planId: 'P-1', reviewedOn: '2027-05-14' })).toEqual({
      cpm: { text: '$13.33', source },
      reach_rate: { text: '45%', source },
      frequency: { text: '4', source },
    });
  });

  it('asks no impressions of a reach plan with no paid channel: nothing bought them', () => {
    const reach = { ...reachPlan(), channels: reachPlan().channels.filter((c) => c.media !== 'paid') };
    expect(reviewQuestions(REVIEW_SCRIPT, reach, 0).map((q) => q.id)).toEqual(['actual_spend', 'goal_1', 'worked', 'did_not_work']);
  });
});

describe('answers that cannot be read', () => {
  it.each([
    ['actual_spend', 'about a lot', /couldn't read/],
    ['actual_spend', '-5000', /negative/],
    ['actual_spend', '$180,000', /another currency/],
    ['goal_1', '150%', /more than 100 %/],
    ['goal_1', 'high', /Try `2%`/],
    ['goal_2', '1,200.5', /whole number/],
    ['goal_2', '-3', /at least 0/],
    ['goal_3', '<!channel>', /couldn't read/],
  ])('re-asks %s after %j with an example, keeping what was typed', (id, text, error) => {
    let result = begin(plan);
    result = answerAll(result, FULL_REVIEW.slice(0, FULL_REVIEW.findIndex(([q]) => q === id)));
    const before = result.state;
    const after = reply(plan, result, text);
    const reask = effectOf(after, 'reask');
    expect(reask.question.id).toBe(id);
    expect(reask.error).toMatch(error);
    expect(reask.error).toMatch(/e\.g\.|Try|For example/);
    expect(after.state.version).toBe(before.version);
    expect({ ...after.state.rejected, error: en(after.state.rejected?.error ?? '') }).toEqual({ questionId: id, text, error: reask.error });
    // The next good answer moves on and forgets the rejected attempt.
    const fixed = reply(plan, after, FULL_REVIEW.find(([q]) => q === id)?.[1] ?? '');
    expect(fixed.state.rejected).toBeUndefined();
    expect(asked(fixed)).not.toBe(id);
  });

  it('accepts zero where zero is a real outcome', () => {
    const result = answerAll(begin(plan), [
      ['actual_spend', '0'],
      ['goal_1', '0%'],
      ['goal_2', '0'],
      ['goal_3', '3.5'],
      ['actual_visits', '0'],
      ['actual_orders', '0'],
      ['actual_revenue', '0'],
      ['worked', 'skip'],
      ['did_not_work', 'Nothing ran: the launch was postponed.'],
    ]);
    const { summary } = effectOf(result, 'finished');
    // Awareness fell from 10 % to 0 %: −10 / 30; orders 500 -> 0: −500 / 1,000; trust stayed at 3.5.
    const [awareness, orders, trust] = summary.goals.map((g) => g.attainment ?? Number.NaN);
    expect(awareness).toBeCloseTo(-1 / 3, 9);
    expect([orders, trust]).toEqual([-0.5, 0]);
    expect(summary.funnel).toMatchObject({ costPerVisit: { actual: null }, conversion: { actual: null }, aov: { actual: null } });
    expect(summary.returnOnSpend).toBeNull();
    expect(suggestionsFromReview(summary, plan, { planId: 'P-1', reviewedOn: '2027-05-14' })).toEqual({});
  });

  it('refuses an empty or enormous learning with a way forward', () => {
    let result = answerAll(begin(plan), FULL_REVIEW.slice(0, 7));
    result = reply(plan, result, 'x'.repeat(5000));
    expect(effectOf(result, 'reask').error).toMatch(/keep|too long/);
    result = reply(plan, result, 'ok\u0007');
    expect(effectOf(result, 'reask').error).toMatch(/control characters/);
  });
});

describe('navigation and controls', () => {
  it('goes back to the previous question and shows the answer given', () => {
    let result = answerAll(begin(plan), FULL_REVIEW.slice(0, 2));
    result = reply(plan, result, 'back');
    expect(effectOf(result, 'ask')).toMatchObject({ question: { id: 'goal_1' }, current: '31 %' });
    result = reply(plan, result, '35%');
    expect(asked(result)).toBe('goal_2');
    expect(result.state.answers.goal_1?.value).toBe(0.35);
  });

  it('has nothing to go back to at the first question', () => {
    const result = reply(plan, begin(plan), 'back');
    expect(effectOf(result, 'info').message).toMatch(/first question/);
  });

  it('skips optional questions only', () => {
    let result = reply(plan, begin(plan), 'skip');
    expect(effectOf(result, 'info').message).toMatch(/can't be skipped.*e\.g\. ¥250,000/);
    expect(asked(result)).toBe('actual_spend');
    result = answerAll(result, FULL_REVIEW.slice(0, 4));
    result = reply(plan, result, 'skip');
    expect(asked(result)).toBe('actual_orders');
    expect(result.state.answers.actual_visits).toEqual({ skipped: true });
  });

  it('keeps an answer when a revisited question is skipped', () => {
    let result = answerAll(begin(plan), FULL_REVIEW.slice(0, 1));
    result = reply(plan, result, 'back');
    result = reply(plan, result, 'skip');
    expect(effectOf(result, 'ask')).toMatchObject({ question: { id: 'goal_1' }, note: 'Kept your answer to "Actual spend".' });
  });

  it('jumps to a question with "change <question>" and then carries on where answers are missing', () => {
    let result = answerAll(begin(plan), FULL_REVIEW.slice(0, 3));
    result = reply(plan, result, 'change actual spend');
    expect(effectOf(result, 'ask')).toMatchObject({ question: { id: 'actual_spend' }, current: '¥180,000' });
    result = reply(plan, result, '¥175,000');
    expect(asked(result)).toBe('goal_3');
    expect(effectOf(reply(plan, result, 'change the weather'), 'info').message).toMatch(/You can change: Actual spend/);
  });

  it('reads "change ..." as the answer to a free-text question when it names no question', () => {
    let result = answerAll(begin(plan), FULL_REVIEW.slice(0, 7));
    result = reply(plan, result, 'Change of packaging colour got noticed');
    expect(result.state.answers.worked?.value).toBe('Change of packaging colour got noticed');
  });

  it('lists the answers so far', () => {
    const result = reply(plan, answerAll(begin(plan), FULL_REVIEW.slice(0, 2)), 'status');
    expect(effectOf(result, 'status')).toMatchObject({
      answered: [
        { questionId: 'actual_spend', label: 'Actual spend', value: '¥180,000' },
        { questionId: 'goal_1', label: 'Goal 1: Awareness', value: '31 %' },
      ],
      remaining: 7,
      current: { id: 'goal_2' },
    });
  });

  it('explains the current question and the words that work', () => {
    const help = effectOf(reply(plan, begin(plan), 'help'), 'help');
    expect(help.question?.id).toBe('actual_spend');
    expect(help.controls.map((c) => c.word)).toEqual(['back', 'skip', 'status', 'change', 'help', 'cancel']);
  });

  it('cancels, and then only says so', () => {
    const cancelled = reply(plan, begin(plan), 'cancel');
    expect(cancelled.effects).toEqual([{ type: 'cancelled' }]);
    expect(cancelled.state.status).toBe('cancelled');
    expect(effectOf(reply(plan, cancelled, '¥1'), 'info').message).toMatch(/cancelled/);
  });

  it('says a finished review is finished', () => {
    const done = answerAll(begin(plan), FULL_REVIEW);
    expect(reply(plan, done, 'back').effects.map((e) => inEnglish(e))).toEqual([{ type: 'info', message: 'This review is already finished.' }]);
  });

  it('turns planning-only inputs away politely', () => {
    const result = stepReview(REVIEW_SCRIPT, plan, begin(plan).state, { type: 'accept-warnings' }, REVIEW_NOW);
    expect(effectOf(result, 'info').message).toMatch(/type your answer/);
  });
});

describe('a stored review', () => {
  it('resumes from JSON exactly where it was', () => {
    const halfway = answerAll(begin(plan), FULL_REVIEW.slice(0, 5));
    const stored = ReviewStateSchema.parse(JSON.parse(JSON.stringify(halfway.state)));
    const resumed = answerAll({ state: stored, effects: halfway.effects }, FULL_REVIEW.slice(5));
    const straight = answerAll(halfway, FULL_REVIEW.slice(5));
    expect(resumed).toEqual(straight);
    expect(ReviewStateSchema.parse(JSON.parse(JSON.stringify(resumed.state)))).toEqual(resumed.state);
  });

  it('rejects a malformed stored state', () => {
    expect(ReviewStateSchema.safeParse({ ...begin(plan).state, status: 'done' }).success).toBe(false);
    expect(ReviewStateSchema.safeParse({ ...begin(plan).state, plannedSpend: 1.5 }).success).toBe(false);
  });

  it('keeps the planned spend fixed at the start, and falls back to UTC for an unknown zone', () => {
    const result = startReview(REVIEW_SCRIPT, plan, undefined, { now: REVIEW_NOW, timeZone: 'Nowhere/Special' });
    expect(result.state).toMatchObject({ plannedSpend: 25_000_000, timeZone: 'UTC', startedAt: REVIEW_NOW.toISOString() });
    expect(begin(plan).state).toMatchObject({ plannedSpend: plannedSpend(plan, buildBudgetSketch(plan)), timeZone: TZ });
  });
});

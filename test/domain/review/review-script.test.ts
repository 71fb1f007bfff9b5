import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadReviewScript } from '../../../src/app/load-script.js';
import { ScriptError } from '../../../src/domain/conversation/script.js';
import { reviewQuestions } from '../../../src/domain/review/review-flow.js';
import { REVIEW_MAP, validateReviewScript } from '../../../src/domain/review/review-script.js';
import { REVIEW_SCRIPT, funnelPlan, reachPlan } from './review-helpers.js';

type RawQuestion = Record<string, unknown>;
const rawReview = (): { questions: RawQuestion[] } => parse(readFileSync('prompts/review.yml', 'utf8'));
const byId = (questions: RawQuestion[], id: string): RawQuestion => {
  const found = questions.find((q) => q.id === id);
  if (!found) throw new Error(id);
  return found;
};

/** validateReviewScript on the real review.yml after `edit`; the error message. */
function brokenBy(edit: (questions: RawQuestion[]) => void): string {
  const raw = rawReview();
  edit(raw.questions);
  try {
    validateReviewScript(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    return (error as Error).message;
  }
  throw new Error('the broken review script was accepted');
}

describe('the real review script', () => {
  it('asks one question per goal in its unit, and the funnel questions only of funnel plans', () => {
    const questions = reviewQuestions(REVIEW_SCRIPT, funnelPlan(), 25_000_000);
    expect(questions.map((q) => [q.id, q.kind])).toEqual([
      ['actual_spend', 'money'],
      ['goal_1', 'percentage'],
      ['goal_2', 'number'],
      ['goal_3', 'number'],
      ['actual_visits', 'number'],
      ['actual_orders', 'number'],
      ['actual_revenue', 'money'],
      ['worked', 'text'],
      ['did_not_work', 'text'],
    ]);
    expect(questions.map((q) => q.integer ?? false).slice(1, 4)).toEqual([false, true, false]);
    // A reach plan that bought paid media is asked its impressions and reach instead.
    expect(reviewQuestions(REVIEW_SCRIPT, reachPlan(), 5_000_000).map((q) => q.id)).toEqual(['actual_spend', 'goal_1', 'actual_impressions', 'actual_reach', 'worked', 'did_not_work']);
  });

  it('asks for the working media apart when the plan had non-media lines, and a retention plan its orders and revenue', () => {
    const withLines = { ...funnelPlan(), budget: { ...funnelPlan().budget, nonMedia: [{ kind: 'content' as const, amount: 2_000_000 }] } };
    expect(reviewQuestions(REVIEW_SCRIPT, withLines, 25_000_000).map((q) => q.id).slice(0, 2)).toEqual(['actual_spend', 'actual_media_spend']);
    const retention = {
      ...funnelPlan(),
      audience: { ...funnelPlan().audience, stage: 'post-purchase' as const },
      budget: { ...funnelPlan().budget, funnel: undefined, retention: { baseCustomers: 3000, repeatRateUplift: 0.1, costPerContact: 50 } },
    };
    expect(reviewQuestions(REVIEW_SCRIPT, retention, 0).map((q) => q.id)).toEqual(['actual_spend', 'goal_1', 'goal_2', 'goal_3', 'actual_orders', 'actual_revenue', 'worked', 'did_not_work']);
  });

  it('fills the placeholders from the plan, in its currency', () => {
    const questions = reviewQuestions(REVIEW_SCRIPT, funnelPlan(), 25_000_000);
    const [spend, goal] = questions;
    const revenue = questions.find((q) => q.id === 'actual_revenue');
    expect(spend).toMatchObject({ text: "How much did the campaign actually spend, in CNY: media, production and fees, not counting an incentive's cost? The plan allocated ¥250,000.", example: '¥250,000' });
    expect(goal).toMatchObject({ label: 'Goal 1: Awareness', aliases: ['goal 1', 'Awareness'], example: '40 %' });
    expect(revenue?.example).toBe('¥1,000,000');
    const [usd] = reviewQuestions(REVIEW_SCRIPT, reachPlan(), 0);
    expect(usd).toMatchObject({ text: expect.stringContaining("in USD: media, production and fees, not counting an incentive's cost? The plan allocated $0."), example: '$200,000' });
  });

  it('has every question the review map reads, and nothing left as a placeholder', () => {
    for (const row of REVIEW_MAP) expect(REVIEW_SCRIPT.questions.some((q) => q.id === row.question), row.question).toBe(true);
    for (const question of reviewQuestions(REVIEW_SCRIPT, funnelPlan(), 1)) expect(JSON.stringify(question), question.id).not.toMatch(/\{[a-z_]+(:\d+)?\}/);
  });

  it('follows an edit of review.yml', () => {
    const raw = rawReview();
    byId(raw.questions, 'worked').text = 'What should the next campaign repeat?';
    const questions = reviewQuestions(validateReviewScript(raw), funnelPlan(), 1);
    expect(questions.find((q) => q.id === 'worked')?.text).toBe('What should the next campaign repeat?');
  });
});

describe('validateReviewScript refuses a broken review script, naming the question', () => {
  it('an unknown placeholder (fixture: bad-review), naming the file too', () => {
    try {
      loadReviewScript(join(import.meta.dirname, '../../fixtures/scripts/bad-review'));
      throw new Error('loaded');
    } catch (error) {
      expect((error as Error).message).toMatch(/bad-review\/review\.yml: question "actual_spend": unknown placeholder \{budget\}; use \{currency\}, \{planned_spend\}/);
    }
  });

  it('a goal placeholder outside a for_each question', () => {
    expect(brokenBy((q) => (byId(q, 'worked').text = 'What worked for {metric}?'))).toMatch(/question "worked": unknown placeholder \{metric\}/);
  });

  it('a question the review needs, removed or made optional', () => {
    expect(brokenBy((q) => q.splice(0, 1))).toMatch(/question "actual_spend": is missing: every review needs its answer/);
    expect(brokenBy((q) => (byId(q, 'actual_spend').optional = true))).toMatch(/question "actual_spend": cannot be optional/);
    expect(brokenBy((q) => delete byId(q, 'goal').for_each)).toMatch(/question "goal": kind: the question has no kind; use one of single/);
  });

  it('a mapped question of the wrong kind', () => {
    expect(brokenBy((q) => (byId(q, 'actual_visits').kind = 'text'))).toMatch(/question "actual_visits": must be of kind number/);
  });

  it('a for_each question with a kind, or over something else than goals', () => {
    expect(brokenBy((q) => (byId(q, 'goal').kind = 'percentage'))).toMatch(/question "goal": a `for_each: goal` question .* has no `kind`/);
    expect(brokenBy((q) => (byId(q, 'goal').for_each = 'channel'))).toMatch(/question "goal": `for_each` can only be "goal"/);
  });

  it('a budget_model condition with a model that does not exist', () => {
    expect(brokenBy((q) => (byId(q, 'actual_visits').when = { question: 'budget_model', in: ['sales'] }))).toMatch(
      /question "actual_visits": `when` lists "sales", not a value of budget_model \(funnel, reach, retention\)/,
    );
  });

  it('an id the goal questions take', () => {
    expect(brokenBy((q) => (byId(q, 'worked').id = 'goal_2'))).toMatch(/question "goal_2": the id is taken by the questions of "goal"/);
  });

  it('an example its own question cannot read, also once filled in', () => {
    expect(brokenBy((q) => (byId(q, 'actual_orders').example = 'about a thousand'))).toMatch(/question "actual_orders": the example "about a thousand" is not an answer/);
    expect(brokenBy((q) => (byId(q, 'goal').example = '{metric}'))).toMatch(/question "goal_1": the example "Awareness" is not an answer/);
  });
});

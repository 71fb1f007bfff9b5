import { describe, it, expect } from 'vitest';
import { startFlow } from '../../../src/domain/conversation/flow.js';
import { FUNNEL_REPLIES, NOW, TZ, askedId, effect, script, send, start, walk } from './flow-helpers.js';

describe('back', () => {
  it('returns to the previous question showing its answer, then continues where it was', () => {
    const atProblems = walk(start(), FUNNEL_REPLIES, 'problems');
    const back = send(atProblems, 'back');
    expect(effect(back, 'ask')).toMatchObject({ question: { id: 'brand' }, current: 'Moonleaf Tea' });
    expect(back.state.version).toBe(atProblems.state.version + 1);
    const again = send(back, 'Moonleaf Tea Co.');
    expect(askedId(again)).toBe('problems');
    expect(again.state.answers.brand?.value).toBe('Moonleaf Tea Co.');
  });

  it('goes back several steps through the history', () => {
    const atStatement = walk(start(), FUNNEL_REPLIES, 'problem_statement');
    const twice = send(send(atStatement, 'back'), 'back');
    expect(askedId(twice)).toBe('problems');
    expect(effect(twice, 'ask').current).toBe('Brand, Communication');
  });

  it('says so at the first question and changes nothing', () => {
    const first = start();
    const back = send(first, 'back');
    expect(back.state).toEqual(first.state);
    expect(effect(back, 'info').message).toMatch(/first question/);
  });

  it('goes from the review to the last question asked', () => {
    const review = walk(start(), { ...FUNNEL_REPLIES, budget_available: '150000' });
    expect(askedId(send(review, 'back'))).toBe('phasing');
  });
});

describe('skip', () => {
  it('skips an optional question and shows it as skipped', () => {
    const atResearch = walk(start(), FUNNEL_REPLIES, 'research');
    const skipped = send(atResearch, 'skip');
    expect(askedId(skipped)).toBe('insight');
    expect(skipped.state.answers.research).toEqual({ skipped: true });
    const status = effect(send(skipped, 'status'), 'status');
    expect(status.answered.find((line) => line.questionId === 'research')?.value).toBe('skipped');
  });

  it('refuses to skip a required question and asks it again, changing nothing', () => {
    const atConcept = walk(start(), FUNNEL_REPLIES, 'concept');
    const refused = send(atConcept, 'skip');
    expect(refused.state).toEqual(atConcept.state);
    expect(refused.effects.map((e) => e.type)).toEqual(['info', 'ask']);
    expect(effect(refused, 'info').message).toMatch(/can't be skipped/);
    expect(askedId(refused)).toBe('concept');
  });

  it('keeps the current answer when skipping a required question revisited with back', () => {
    const atProblems = walk(start(), FUNNEL_REPLIES, 'problems');
    const kept = send(send(atProblems, 'back'), 'skip');
    expect(askedId(kept)).toBe('problems');
    expect(kept.state.answers.brand?.value).toBe('Moonleaf Tea');
  });

  it('has nothing to skip at the review', () => {
    const review = walk(start(), { ...FUNNEL_REPLIES, budget_available: '100000' });
    const skipped = send(review, 'skip');
    expect(skipped.state).toEqual(review.state);
    expect(effect(skipped, 'info').message).toMatch(/no question to skip/);
  });
});

describe('change', () => {
  it('jumps to a question by words and then continues with the next unanswered one', () => {
    const atConcept = walk(start(), FUNNEL_REPLIES, 'concept');
    const changing = send(atConcept, 'change the brand');
    expect(effect(changing, 'ask')).toMatchObject({ question: { id: 'brand' }, current: 'Moonleaf Tea' });
    expect(askedId(send(changing, 'Moonleaf'))).toBe('concept');
  });

  it('returns to the review after the change when everything is answered', () => {
    const review = walk(start(), { ...FUNNEL_REPLIES, budget_available: '100000' });
    const changing = send(review, 'change budget');
    expect(effect(changing, 'ask')).toMatchObject({ question: { id: 'budget_available' }, current: '¥100,000' });
    // The plan needs ¥280,000 (its ¥20 coupon × 2,000 redemptions included), so ¥300,000 covers it.
    const fixed = send(changing, '300k');
    expect(effect(fixed, 'finished').plan.budget.available).toBe(30_000_000);
  });

  it('knows labels, aliases and ids', () => {
    const atConcept = walk(start(), FUNNEL_REPLIES, 'concept');
    const targets: [string, string][] = [['goals', 'goals'], ['the audience', 'audience_description'], ['key_problem', 'key_problem'], ['KPIs', 'goals'], ['buying stage', 'audience_stage']];
    for (const [words, id] of targets) {
      expect(askedId(send(atConcept, { type: 'change', target: words }))).toBe(id);
    }
  });

  it('explains a question that does not apply to this plan', () => {
    const atConcept = walk(start(), FUNNEL_REPLIES, 'concept');
    const refused = send(atConcept, 'change cpm');
    expect(refused.state).toEqual(atConcept.state);
    expect(effect(refused, 'info').message).toMatch(/"CPM" does not apply.*Primary objective is Brand awareness or Brand attitude/);
  });

  it('lists what can be changed when the target is unknown or ambiguous', () => {
    const atGoals = walk(start(), FUNNEL_REPLIES, 'goals');
    expect(effect(send(atGoals, 'change zebra'), 'info').message).toMatch(/don't know a question called "zebra".*You can change: Campaign name/);
    expect(effect(send(atGoals, 'change date'), 'info').message).toMatch(/could mean Start date, End date, or Review date/);
    expect(effect(send(atGoals, 'change'), 'info').message).toMatch(/Which question/);
  });

  it('treats "Change ..." typed at a free-text question as the answer when it names no question', () => {
    const atStatement = walk(start(), FUNNEL_REPLIES, 'problem_statement');
    const answered = send(atStatement, 'Change how office workers see bottled tea');
    expect(answered.state.answers.problem_statement?.value).toBe('Change how office workers see bottled tea');
    expect(askedId(answered)).toBe('audience_description');
  });

  it('asks the key problem again when a new problem list leaves it out', () => {
    const atConcept = walk(start(), FUNNEL_REPLIES, 'concept');
    const changed = send(send(atConcept, 'change problems'), 'brand, sales');
    expect(askedId(changed)).toBe('key_problem');
    expect(effect(changed, 'ask').note).toMatch(/key problem \(Communication\) is no longer in the list/);
    expect(changed.state.answers.key_problem).toBeUndefined();
  });
});

describe('status, help and cancel', () => {
  it('lists the answers so far, formatted, and how many questions remain', () => {
    const atCost = walk(start(), { ...FUNNEL_REPLIES, conversion_rate: '2' }, 'cost_per_visit');
    const status = effect(send(atCost, 'status'), 'status');
    const value = (id: string) => status.answered.find((line) => line.questionId === id)?.value;
    expect(value('target_revenue')).toBe('¥1,000,000');
    expect(value('conversion_rate')).toBe('2 %');
    expect(value('audience_stage')).toBe('Evaluation of alternatives');
    expect(value('goals')).toBe('Conversion: 1 % → 2 % by 15 Jun 2026 (analytics)');
    expect(status.answered.find((line) => line.questionId === 'campaign')?.label).toBe('Campaign name');
    // Cost per visit, customer value, gross margin, non-media costs, budget available, the three dates and the phasing.
    expect(status.remaining).toBe(9);
    expect(status.current?.id).toBe('cost_per_visit');
  });

  it('does not count status or help as accepted input', () => {
    const atGoals = walk(start(), FUNNEL_REPLIES, 'goals');
    expect(send(atGoals, 'status').state).toEqual(atGoals.state);
    expect(send(atGoals, 'help').state).toEqual(atGoals.state);
  });

  it('explains the current question and the control words', () => {
    const help = effect(send(walk(start(), FUNNEL_REPLIES, 'goals'), 'help'), 'help');
    expect(help.question?.help).toMatch(/baseline/);
    expect(help.controls.map((c) => c.word)).toEqual(expect.arrayContaining(['back', 'skip', 'status', 'change', 'cancel', 'accept']));
  });

  it('cancels, and then only says the plan is cancelled', () => {
    const cancelled = send(walk(start(), FUNNEL_REPLIES, 'goals'), 'cancel');
    expect(cancelled.effects).toEqual([{ type: 'cancelled' }]);
    expect(cancelled.state.status).toBe('cancelled');
    const after = send(cancelled, 'awareness 10% -> 20% by 2026-06-01');
    expect(after.state).toEqual(cancelled.state);
    expect(effect(after, 'info').message).toMatch(/cancelled/);
  });
});

describe('suggestions', () => {
  const suggestions = { cost_per_visit: { text: '2.5', source: 'the review of Winter tea 2025' } };

  it('offers the suggested answer with the question, and uses it on request', () => {
    let result = startFlow(script, { now: NOW, timeZone: TZ, suggestions });
    result = walk(result, FUNNEL_REPLIES, 'cost_per_visit');
    expect(effect(result, 'ask').suggestion).toEqual(suggestions.cost_per_visit);
    result = send(result, { type: 'use-suggestion' });
    expect(result.state.answers.cost_per_visit).toMatchObject({ value: 250, raw: '2.5' });
    expect(effect(result, 'ask').note).toMatch(/Used the suggestion from the review of Winter tea 2025/);
  });

  it('says when there is no suggestion', () => {
    const result = send(start(), 'use suggestion');
    expect(effect(result, 'info').message).toMatch(/no suggested answer/);
  });

  it('re-asks when a stored suggestion no longer parses', () => {
    let result = startFlow(script, { now: NOW, timeZone: TZ, suggestions: { brand: { text: '', source: 'last plan' } } });
    result = send(send(result, 'Tea time'), { type: 'use-suggestion' });
    expect(effect(result, 'reask').question.id).toBe('brand');
  });
});

import { describe, it, expect } from 'vitest';
import { assembleDraft, interpretReply, stepFlow } from '../../../src/domain/conversation/flow.js';
import { FUNNEL_REPLIES, NOW, askedId, effect, script, send, start, walk } from './flow-helpers.js';
import { en } from '../../support/words.js';
import type { Phrase } from '../../../src/domain/message/phrase.js';

describe('a reply that cannot be read', () => {
  it('re-asks the same question with an example, keeps what was typed, and changes nothing else', () => {
    const atBudget = walk(start(), FUNNEL_REPLIES, 'budget_available');
    const bad = send(atBudget, 'lots of money');
    const reask = effect(bad, 'reask');
    expect(reask.question.id).toBe('budget_available');
    expect(reask.error).toMatch(/lots of money/);
    expect(reask.error).toMatch(/200,000|200k/);
    expect(reask.attempt).toBe('lots of money');
    const { rejected, ...rest } = bad.state;
    expect(rest).toEqual(atBudget.state);
    expect({ ...rejected, error: en(rejected?.error as Phrase) }).toEqual({ questionId: 'budget_available', text: 'lots of money', error: reask.error });
    // The next good answer clears the rejected attempt.
    const good = send(bad, '300k');
    expect(good.state.rejected).toBeUndefined();
    expect(good.state.answers.budget_available?.value).toBe(30_000_000);
  });

  it('survives hostile replies at every kind of question', () => {
    const hostile = ['', '   ', '\u0000\u0007', 'x'.repeat(100_000), '\uD800', '💥'.repeat(50), '<script>alert(1)</script>', '-1', 'NaN', '1e400', '{"__proto__":1}'];
    let result = start();
    for (let id = askedId(result); id !== undefined; id = askedId(result)) {
      for (const text of hostile) {
        const next = stepFlow(script, result.state, { type: 'text', text }, NOW);
        expect(['reask', 'ask', 'findings', 'finished'], `${id} <- ${JSON.stringify(text.slice(0, 20))}`).toContain(next.effects[0]?.type);
      }
      result = send(result, { type: 'text', text: FUNNEL_REPLIES[id] ?? '' });
    }
    expect(effect(result, 'finished').plan.campaign).toBe('Spring tea launch 2026');
  });

  it('says how an ambiguous rate was read', () => {
    const read = walk(start(), { ...FUNNEL_REPLIES, conversion_rate: '2' }, 'cost_per_visit');
    expect(read.state.answers.conversion_rate).toMatchObject({ value: 0.02, raw: '2' });
    expect(effect(read, 'ask').note).toMatch(/2 %/);
  });

  it('reads money in the currency chosen earlier', () => {
    const yen = walk(start(), { ...FUNNEL_REPLIES, currency: 'JPY' }, 'start_date');
    expect(yen.state.answers.budget_available?.value).toBe(300_000);
    expect(yen.state.answers.target_revenue?.value).toBe(1_000_000);
  });
});

describe('checks across answers', () => {
  it('adds a key problem that was not among the problems, and says so', () => {
    const read = walk(start(), { ...FUNNEL_REPLIES, key_problem: 'sales' }, 'problem_statement');
    expect(read.state.answers.problems?.value).toEqual(['brand', 'communication', 'sales']);
    expect(effect(read, 'ask').note).toMatch(/Sales was not among your problems, so I added it/);
  });

  it('re-asks an end date that is not after the start', () => {
    const atEnd = walk(start(), FUNNEL_REPLIES, 'end_date');
    for (const text of ['2026-03-20', '2026-04-01']) {
      const reask = effect(send(atEnd, text), 'reask');
      expect(reask.question.id).toBe('end_date');
      expect(reask.error).toMatch(/end after it starts \(1 Apr 2026\).*for example 2026-05-01/);
    }
  });

  it('re-asks a review date that is not after the end', () => {
    const atReview = walk(start(), FUNNEL_REPLIES, 'review_date');
    expect(effect(send(atReview, '2026-05-31'), 'reask').error).toMatch(/review has to come after the campaign ends \(31 May 2026\)/);
  });
});

describe('buttons and menus', () => {
  it('accepts the ids of the current question', () => {
    const atStage = walk(start(), FUNNEL_REPLIES, 'audience_stage');
    const chosen = send(atStage, { type: 'choose', questionId: 'audience_stage', values: ['purchase-decision'] });
    expect(chosen.state.answers.audience_stage?.value).toBe('purchase-decision');
    expect(askedId(chosen)).toBe('involvement');
  });

  it('accepts several ids for a multi question, without duplicates', () => {
    const atChannels = walk(start(), FUNNEL_REPLIES, 'channels');
    const chosen = send(atChannels, { type: 'choose', questionId: 'channels', values: ['owned-wechat', 'paid-kol', 'owned-wechat'] });
    expect(chosen.state.answers.channels?.value).toEqual(['owned-wechat', 'paid-kol']);
  });

  it('ignores buttons of an earlier question', () => {
    const atConcept = walk(start(), FUNNEL_REPLIES, 'concept');
    const stale = send(atConcept, { type: 'choose', questionId: 'audience_stage', values: ['evaluation'] });
    expect(stale.state).toEqual(atConcept.state);
    expect(effect(stale, 'info').message).toMatch(/earlier question/);
  });

  it('re-asks on forged or empty values', () => {
    const atStage = walk(start(), FUNNEL_REPLIES, 'audience_stage');
    for (const values of [['shopping'], [], ['evaluation', 'post-purchase'], ['__proto__']]) {
      const result = send(atStage, { type: 'choose', questionId: 'audience_stage', values });
      expect(effect(result, 'reask').question.id).toBe('audience_stage');
      expect(result.state.answers.audience_stage).toBeUndefined();
    }
  });

  it('reads yes/no buttons and a date picker value', () => {
    const atCta = walk(start(), { ...FUNNEL_REPLIES, message_type: 'brand' }, 'call_to_action');
    expect(send(atCta, { type: 'choose', questionId: 'call_to_action', values: ['no'] }).state.answers.call_to_action?.value).toBe(false);
    const atStart = walk(start(), FUNNEL_REPLIES, 'start_date');
    expect(send(atStart, { type: 'choose', questionId: 'start_date', values: ['2026-04-02'] }).state.answers.start_date?.value).toBe('2026-04-02');
  });
});

describe('interpretReply', () => {
  it('reads the control words, whatever the case, emphasis or trailing full stop', () => {
    expect(interpretReply('back')).toEqual({ type: 'back' });
    expect(interpretReply('  *Skip*  ')).toEqual({ type: 'skip' });
    expect(interpretReply('STATUS')).toEqual({ type: 'status' });
    expect(interpretReply('help!')).toEqual({ type: 'help' });
    expect(interpretReply('?')).toEqual({ type: 'help' });
    expect(interpretReply('Cancel.')).toEqual({ type: 'cancel' });
    expect(interpretReply('accept')).toEqual({ type: 'accept-warnings' });
    expect(interpretReply('use suggestion')).toEqual({ type: 'use-suggestion' });
    expect(interpretReply('<@U123> back')).toEqual({ type: 'back' });
  });

  it('reads change with its target, keeping the whole reply', () => {
    expect(interpretReply('change the concept')).toEqual({ type: 'change', target: 'the concept', raw: 'change the concept' });
    expect(interpretReply('Edit budget')).toMatchObject({ type: 'change', target: 'budget' });
    expect(interpretReply('change')).toMatchObject({ type: 'change', target: '' });
  });

  it('leaves everything else as an answer', () => {
    for (const text of ['Back to school sale', 'skip the queue', 'help people relax', '2', '', 'changes everything', 'cancellation policy']) {
      expect(interpretReply(text)).toEqual({ type: 'text', text });
    }
  });
});

describe('assembleDraft', () => {
  it('builds an empty draft from no answers', () => {
    const draft = assembleDraft({}, script);
    expect(draft).toMatchObject({ problems: [], goals: [], channels: [], budget: { currency: 'CNY', reserveRate: 0.1 } });
    expect(draft.audience).toBeUndefined();
  });

  it('leaves out answers whose question does not apply, and unknown channel ids', () => {
    const answers = {
      primary_objective: { value: 'brand-awareness' },
      target_revenue: { value: 100 },
      average_order_value: { value: 10 },
      conversion_rate: { value: 0.1 },
      cost_per_visit: { value: 1 },
      message_type: { value: 'incentive' },
      call_to_action: { value: true },
      channels: { value: ['paid-tv', 'paid-teleportation'] },
      secondary_objectives: { value: ['brand-awareness', 'brand-attitude'] },
      audience_stage: { value: 'evaluation' },
    };
    const draft = assembleDraft(answers, script);
    expect(draft.budget?.funnel).toBeUndefined();
    expect(draft.callToAction).toBeUndefined();
    expect(draft.channels.map((c) => c.id)).toEqual(['paid-tv']);
    expect(draft.secondaryObjectives).toEqual(['brand-attitude']);
    expect(draft.audience).toEqual({ description: '', stage: 'evaluation' });
  });

  it('uses reach inputs only when all are answered, and a given catalogue', () => {
    const answers = {
      primary_objective: { value: 'brand-awareness' },
      audience_size: { value: 1000 },
      reach_rate: { value: 0.5 },
      frequency: { value: 3 },
      cpm: { value: 4000 },
      channels: { value: ['custom'] },
    };
    // The reach questions are asked only with a paid channel among the channels.
    const custom = [{ id: 'paid-search-ads', name: 'Custom', media: 'paid' as const, stages: ['evaluation' as const] }];
    answers.channels = { value: ['paid-search-ads'] };
    const draft = assembleDraft(answers, script, custom);
    expect(draft.budget?.reach).toEqual({ audienceSize: 1000, reachRate: 0.5, frequency: 3, cpm: 4000 });
    expect(draft.channels).toEqual(custom);
    expect(assembleDraft({ ...answers, cpm: { skipped: true } as never }, script).budget?.reach).toBeUndefined();
    expect(assembleDraft({ ...answers, channels: { value: ['owned-website'] } }, script).budget?.reach).toBeUndefined();
  });
});

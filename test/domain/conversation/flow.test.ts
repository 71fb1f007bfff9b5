import { describe, it, expect } from 'vitest';
import { FlowStateSchema, startFlow, stepFlow, calendarDate, type StepResult } from '../../../src/domain/conversation/flow.js';
import { PlanSchema } from '../../../src/domain/plan/plan.js';
import { FUNNEL_REPLIES, NOW, TZ, askedId, effect, script, send, start, walk } from './flow-helpers.js';
import { problemOf } from '../../support/finding-words.js';

const REACH_REPLIES = { ...FUNNEL_REPLIES, primary_objective: 'brand attitude', goals: 'trust 20% -> 35% by 2026-06-15' };

/** The question ids a walk asks, in order. */
function askedIds(replies: Record<string, string>, first: StepResult = start()): string[] {
  const ids: string[] = [];
  let result = first;
  for (let id = askedId(result); id !== undefined; id = askedId(result)) {
    ids.push(id);
    const text = replies[id];
    if (text === undefined) throw new Error(`no reply for ${id}`);
    result = send(result, { type: 'text', text });
    if (result.effects.some((e) => e.type === 'reask')) throw new Error(`${id} was not accepted: ${text}`);
  }
  return ids;
}

describe('a full conversation', () => {
  it('walks every question to a finished, valid plan', () => {
    const result = walk(start());
    const finished = effect(result, 'finished');
    expect(() => PlanSchema.parse(finished.plan)).not.toThrow();
    expect(finished.plan).toMatchObject({
      campaign: 'Spring tea launch 2026',
      brand: 'Moonleaf Tea',
      keyProblem: 'communication',
      audience: { segment: 'competitor-loyal', stage: 'evaluation', involvement: 'low', motivation: 'transformational' },
      primaryObjective: 'purchase-intention',
      messageType: 'both',
      budget: {
        currency: 'CNY',
        available: 30_000_000,
        funnel: { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200, customerValue: 300_000 },
      },
      startDate: '2026-04-01',
      endDate: '2026-05-31',
      reviewDate: '2026-06-15',
    });
    expect(finished.plan.channels.map((c) => c.id)).toEqual(['owned-website', 'paid-search-ads', 'earned-reviews']);
    expect(finished.plan.channels[0]).toMatchObject({ name: 'Website', media: 'owned' });
    // Only tips were found, so nothing waited for the team.
    expect(finished.findings.every((f) => f.severity === 'tip')).toBe(true);
    expect(result.state.status).toBe('finished');
  });

  it('counts every accepted answer in the version', () => {
    const result = walk(start());
    expect(result.state.version).toBe(Object.keys(result.state.answers).length);
  });

  it('asks the first question, numbered, in the first part of the conversation, when it starts', () => {
    const result = start();
    expect(result.effects).toEqual([
      expect.objectContaining({
        type: 'ask',
        question: expect.objectContaining({ id: 'campaign' }),
        position: { number: 1, total: expect.any(Number), section: { label: 'Problem', number: 1, total: 8 } },
      }),
    ]);
    expect(result.state).toMatchObject({ status: 'asking', current: 'campaign', version: 0, timeZone: TZ });
  });

  it('skips the campaign question when the command named it', () => {
    const result = start({ campaign: '  Double Eleven push ' });
    expect(askedId(result)).toBe('brand');
    expect(result.state.answers.campaign?.value).toBe('Double Eleven push');
  });

  it('still asks for the campaign name when the command gave an unusable one', () => {
    expect(askedId(start({ campaign: 'x'.repeat(500) }))).toBe('campaign');
    expect(askedId(start({ campaign: '   ' }))).toBe('campaign');
  });

  it('falls back to UTC for a time zone it does not know, rather than crashing later', () => {
    expect(start({ timeZone: 'Mars/Olympus' }).state.timeZone).toBe('UTC');
  });

  it('is finished: further input only gets a pointer to a new plan', () => {
    const done = walk(start());
    const after = send(done, 'change budget');
    expect(after.state).toEqual(done.state);
    expect(effect(after, 'info').message).toMatch(/already finished.*\/imc plan/);
  });
});

describe('conditional questions', () => {
  it('asks the funnel inputs for a purchase-intention objective, and no reach inputs', () => {
    const ids = askedIds(FUNNEL_REPLIES);
    expect(ids).toEqual(expect.arrayContaining(['target_revenue', 'average_order_value', 'conversion_rate', 'cost_per_visit', 'customer_value']));
    expect(ids).not.toContain('audience_size');
    expect(ids).not.toContain('cpm');
  });

  it('asks the reach inputs for a brand-attitude objective, and no funnel inputs', () => {
    const ids = askedIds(REACH_REPLIES);
    expect(ids).toEqual(expect.arrayContaining(['audience_size', 'reach_rate', 'frequency', 'cpm']));
    expect(ids).not.toContain('target_revenue');
    const done = walk(start(), REACH_REPLIES);
    const plan = done.effects.find((e) => e.type === 'finished' || e.type === 'findings');
    expect(plan).toBeDefined();
  });

  it('asks about a call to action only for a brand message', () => {
    expect(askedIds(FUNNEL_REPLIES)).not.toContain('call_to_action');
    expect(askedIds({ ...FUNNEL_REPLIES, message_type: 'brand message' })).toContain('call_to_action');
  });

  it('ignores answers that no longer apply but keeps them, so switching back restores them', () => {
    const atReview = walk(start(), { ...FUNNEL_REPLIES, budget_available: '150000' });
    // Switch to a reach objective: the reach inputs are asked, the funnel answers stay stored.
    let result = send(atReview, 'change objective');
    expect(askedId(result)).toBe('primary_objective');
    result = send(result, 'brand attitude');
    expect(askedId(result)).toBe('audience_size');
    result = walk(result, REACH_REPLIES);
    expect(result.state.answers.target_revenue?.value).toBe(100_000_000);
    const reviewed = result.effects.find((e) => e.type === 'findings' || e.type === 'finished');
    expect(reviewed).toBeDefined();
    // Back to the funnel: nothing is asked again, the stored funnel answers count again.
    result = send(send(result, 'change objective'), 'purchase intention');
    expect(askedId(result)).toBeUndefined();
    expect(effect(result, 'findings').findings.map((f) => f.rule)).toContain('BUDGET-SHORTFALL');
  });
});

describe('checking the answers', () => {
  it('blocks on errors, jumps to the question named by a finding, and finishes once fixed', () => {
    let result = walk(start(), { ...FUNNEL_REPLIES, channels: 'TV, Website' });
    const findings = effect(result, 'findings');
    expect(findings.blocking).toBe(false);
    result = walk(start(), { ...FUNNEL_REPLIES, channels: 'TV' });
    const blocking = effect(result, 'findings');
    expect(blocking.blocking).toBe(true);
    expect(result.state.status).toBe('checking');
    const error = blocking.findings.find((f) => f.severity === 'error');
    expect(error).toMatchObject({ rule: 'CHANNEL-STAGE-FIT', questionId: 'channels' });
    // Errors cannot be accepted.
    const refused = send(result, 'accept');
    expect(refused.state).toEqual(result.state);
    expect(effect(refused, 'info').message).toMatch(/errors cannot be accepted/);
    // A stray reply at the review explains the way on.
    expect(effect(send(result, 'looks good'), 'info').message).toMatch(/change <question>/);
    result = send(result, { type: 'change', target: error?.questionId ?? '' });
    expect(effect(result, 'ask').current).toBe('TV');
    result = send(result, 'Website, Search ads, Reviews and word of mouth');
    expect(effect(result, 'finished').plan.channels).toHaveLength(3);
  });

  it('shows warnings and finishes when the team accepts them', () => {
    let result = walk(start(), { ...FUNNEL_REPLIES, budget_available: '150000' });
    const findings = effect(result, 'findings');
    expect(findings.blocking).toBe(false);
    expect(findings.findings.find((f) => f.severity === 'warning')?.rule).toBe('BUDGET-SHORTFALL');
    const version = result.state.version;
    result = send(result, 'accept');
    const finished = effect(result, 'finished');
    expect(finished.plan.budget.available).toBe(15_000_000);
    expect(finished.findings.map((f) => f.rule)).toContain('BUDGET-SHORTFALL');
    expect(result.state).toMatchObject({ status: 'finished', acceptedWarnings: ['BUDGET-SHORTFALL'], version: version + 1 });
  });

  it('refuses to accept before the questions are done', () => {
    const result = walk(start(), FUNNEL_REPLIES, 'concept');
    expect(effect(send(result, 'accept'), 'info').message).toMatch(/nothing to accept yet/);
  });

  it('judges "today" in the team time zone', () => {
    expect(calendarDate(new Date('2026-03-01T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(calendarDate(new Date('2026-03-01T17:00:00Z'), 'America/New_York')).toBe('2026-03-01');
  });

  it('reports a script that lacks plan questions as a blocking finding instead of crashing', () => {
    const noBrand = { ...script, questions: script.questions.filter((q) => q.id !== 'brand') };
    let result = startFlow(noBrand, { now: NOW, timeZone: TZ });
    for (let id = askedId(result); id !== undefined; id = askedId(result)) {
      result = stepFlow(noBrand, result.state, { type: 'text', text: FUNNEL_REPLIES[id] ?? '' }, NOW);
    }
    const findings = effect(result, 'findings');
    expect(findings.blocking).toBe(true);
    expect(problemOf(findings.findings.find((f) => f.rule === 'PLAN-COMPLETE'))).toMatch(/missing: brand/);
    expect(result.state.status).toBe('checking');
  });
});

describe('resuming from stored state', () => {
  it('continues from a JSON round trip to the same result', () => {
    const midway = walk(start(), FUNNEL_REPLIES, 'channels');
    const stored = JSON.parse(JSON.stringify(midway.state)) as unknown;
    const resumed = walk({ state: FlowStateSchema.parse(stored), effects: midway.effects });
    const direct = walk(midway);
    expect(resumed.effects).toEqual(direct.effects);
    expect(resumed.state).toEqual(direct.state);
  });

  it('picks up at the next question when the stored one has left the script', () => {
    const midway = walk(start(), FUNNEL_REPLIES, 'concept');
    const resumed = send({ ...midway, state: { ...midway.state, current: 'tagline' } }, 'anything');
    expect(askedId(resumed)).toBe('concept');
    expect(resumed.state.answers.concept).toBeUndefined();
  });

  it('resumes a plan stored before the checking status was renamed (it was "reviewing")', () => {
    const checking = walk(start(), { ...FUNNEL_REPLIES, channels: 'TV, Website' });
    expect(effect(checking, 'findings').blocking).toBe(false);
    const stored = JSON.parse(JSON.stringify({ ...checking.state, status: 'reviewing' })) as unknown;
    expect(FlowStateSchema.parse(stored).status).toBe('checking');
    // Straight from disk, without the schema: "accept" still posts the plan, and "status" still answers.
    const accepted = stepFlow(script, stored as never, { type: 'accept-warnings' }, NOW);
    expect(effect(accepted, 'finished').plan.campaign).toBe('Spring tea launch 2026');
    expect(accepted.state.status).toBe('finished');
    expect(effect(send({ state: stored as never, effects: [] }, 'Moonleaf'), 'info').message).toMatch(/waiting for you/);
  });

  it('rejects a malformed stored state', () => {
    const state = start().state;
    for (const broken of [null, {}, { ...state, version: -1 }, { ...state, status: 'paused' }, { ...state, answers: { x: { value: {} } } }, { ...state, history: 'campaign' }]) {
      expect(FlowStateSchema.safeParse(broken).success).toBe(false);
    }
    expect(FlowStateSchema.safeParse(JSON.parse(JSON.stringify(walk(start()).state))).success).toBe(true);
  });
});

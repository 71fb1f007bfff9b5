import { describe, expect, it } from 'vitest';
import { ContactPlanAnswerSchema } from '../../../src/domain/contact/contact-plan.js';
import { assembleDraft, type StepResult } from '../../../src/domain/conversation/flow.js';
import { FUNNEL_REPLIES, askedId, effect, script, send, start, walk } from './flow-helpers.js';

/** The conversation at the contact plan, with its proposed table. */
function atContactPlan(replies = FUNNEL_REPLIES): StepResult {
  return walk(start(), replies, 'contact_plan');
}

function tableOf(result: StepResult) {
  const ask = effect(result, 'ask');
  if (!ask.table) throw new Error('no table on the question');
  return ask.table;
}

function storedRows(result: StepResult) {
  return ContactPlanAnswerSchema.parse(result.state.answers.contact_plan?.value).rows;
}

describe('the contact plan in the conversation', () => {
  it('proposes the table after the channels, from the proposed journey, and never asks the proposed questions', () => {
    const at = atContactPlan();
    const table = tableOf(at);
    expect(table.draft.journey).toEqual(['evaluation', 'purchase-decision']);
    expect(table.rows.map((row) => [row.stage, row.channelId])).toEqual([
      ['evaluation', 'paid-search-ads'],
      ['evaluation', 'earned-reviews'],
      ['purchase-decision', 'owned-website'],
    ]);
    expect(Object.keys(at.state.answers)).not.toContain('journey');
    expect(Object.keys(at.state.answers)).not.toContain('business_model');
    expect(Object.keys(at.state.answers)).not.toContain('tone');
  });

  it('takes `accept` (or the button, or `use`) as the answer and goes on to the budget', () => {
    for (const input of ['accept', { type: 'accept-warnings' as const }, 'use', 'looks good']) {
      const accepted = send(atContactPlan(), input);
      expect(askedId(accepted)).toBe('currency');
      expect(storedRows(accepted)).toHaveLength(3);
    }
  });

  it('re-asks with the way to answer when the reply is neither accept nor a row change', () => {
    const reask = effect(send(atContactPlan(), 'hmm, not sure'), 'reask');
    expect(reask.error).toMatch(/`accept`.*`change row 3`/);
  });

  it('changes a row in two steps, keeps the table open and marks the fields as the author\'s', () => {
    const opened = send(atContactPlan(), 'change row 2');
    expect(effect(opened, 'ask').table?.editing).toEqual({ adding: false, position: 2 });
    expect(opened.state.editingRow).toEqual({ id: 'evaluation/earned-reviews' });
    const changed = send(opened, 'timing: launch; message: Real reviews of a calm cup in a busy day');
    const ask = effect(changed, 'ask');
    expect(ask.question.id).toBe('contact_plan');
    expect(ask.note).toMatch(/Row 2 is changed/);
    expect(ask.table?.rows[1]).toMatchObject({ timing: { kind: 'phase', phase: 'launch' }, message: 'Real reviews of a calm cup in a busy day', authored: ['timing', 'message'] });
    expect(changed.state.editingRow).toBeUndefined();
    const accepted = send(changed, 'accept');
    expect(storedRows(accepted)[1]).toMatchObject({ authored: ['timing', 'message'] });
  });

  it('changes a row in one reply, adding a channel the plan had not chosen', () => {
    const changed = send(atContactPlan(), 'change row 2: channel Xiaohongshu brand account');
    expect(effect(changed, 'ask').note).toMatch(/^Row 2 is changed\. Xiaohongshu brand account was not among your channels, so I added it\./);
    expect(changed.state.answers.channels?.value).toContain('owned-xiaohongshu');
    // The changed row is the new channel's touchpoint: the proposal adds no second one.
    expect(tableOf(changed).rows.filter((row) => row.channelId === 'owned-xiaohongshu')).toHaveLength(1);
  });

  it('adds and removes rows, and refuses rows that do not exist', () => {
    const added = send(atContactPlan(), 'add row: stage post-purchase; channel Email and CRM');
    expect(tableOf(added).rows.at(-1)).toMatchObject({ id: 'added-1', stage: 'post-purchase', channelId: 'owned-email-crm', kpi: { metric: 'repeat-rate', source: 'crm' } });
    expect(tableOf(added).rows.filter((row) => row.channelId === 'owned-email-crm')).toHaveLength(1);
    const removed = send(added, 'remove row 1');
    expect(tableOf(removed).rows.map((row) => row.channelId)).toEqual(['earned-reviews', 'owned-website', 'owned-email-crm']);
    const none = send(removed, 'change row 9');
    expect(effect(none, 'info').message).toBe('There is no row 9: the contact plan has rows 1 to 3.');
    expect(none.state).toEqual(removed.state);
  });

  it('asks for the stage and channel of a row added without them', () => {
    const adding = send(atContactPlan(), 'add row');
    expect(effect(adding, 'ask').table?.editing).toEqual({ adding: true });
    const refused = send(adding, 'timing: launch');
    expect(effect(refused, 'ask').error).toMatch(/needs its stage and its channel/);
    expect(refused.state.editingRow).toEqual({ id: 'added-1', added: true });
    expect(tableOf(send(refused, 'stage: purchase decision; channel: Point of sale')).rows.map((row) => row.channelId)).toContain('owned-point-of-sale');
  });

  it('keeps the row open after a reply it cannot read, and `back` returns to the table unchanged', () => {
    const opened = send(atContactPlan(), 'change row 1');
    const bad = send(opened, 'channel: carrier pigeons');
    expect(effect(bad, 'ask').error).toMatch(/The channel/);
    expect(bad.state.editingRow).toEqual({ id: 'evaluation/paid-search-ads' });
    const back = send(bad, 'back');
    expect(back.state.editingRow).toBeUndefined();
    expect(effect(back, 'ask').question.id).toBe('contact_plan');
    expect(tableOf(back).rows).toEqual(tableOf(atContactPlan()).rows);
  });

  it('redoes untouched rows when an earlier answer changes, and keeps the author\'s', () => {
    const edited = send(send(atContactPlan(), 'change row 2: message: Reviews say it: calm cup, busy day'), 'accept');
    const finished = walk(edited);
    // A posted plan re-opened for changes waits at its check.
    const reopened = { ...finished, state: { ...finished.state, status: 'checking' as const } };
    const concept = send(send(reopened, 'change concept'), 'A quiet cup in a loud day');
    const draft = assembleDraft(concept.state.answers, script);
    expect(draft.contactPlan[0]?.message).toMatch(/^A quiet cup in a loud day — /);
    expect(draft.contactPlan[1]?.message).toBe('Reviews say it: calm cup, busy day');
  });

  it('changes a row at the review and checks the plan again', () => {
    const finished = walk(atContactPlan());
    const atReview = finished.effects.some((e) => e.type === 'finished') ? finished : send(finished, 'accept');
    expect(atReview.state.status === 'finished' || atReview.state.status === 'checking').toBe(true);
    const reviewing = { ...atReview, state: { ...atReview.state, status: 'checking' as const } };
    const changed = send(reviewing, 'change row 3: cta: no; incentive: no');
    expect(changed.effects.map((e) => e.type)).toContain('findings');
    const findings = effect(changed, 'findings').findings.map((f) => f.rule);
    expect(findings).toContain('JOURNEY-COVERAGE');
  });

  it('lets the author set a proposed answer by hand, offering the proposal', () => {
    const at = atContactPlan();
    const asked = effect(send(at, 'change journey'), 'ask');
    expect(asked.proposal).toBe('Evaluation of alternatives, Purchase decision');
    const longer = send(send(at, 'change journey'), 'evaluation, purchase decision, post-purchase');
    expect(askedId(longer)).toBe('contact_plan');
    expect(tableOf(longer).draft.journey).toEqual(['evaluation', 'purchase-decision', 'post-purchase']);
    const kept = send(send(at, 'change business model'), 'use');
    expect(kept.state.answers.business_model?.value).toBe('b2c');
  });

  it('lists the proposed answers in the status, and counts only the questions still to ask', () => {
    const status = effect(send(atContactPlan(), 'status'), 'status');
    const line = (id: string) => status.answered.find((l) => l.questionId === id)?.value;
    expect(line('journey')).toBe('Evaluation of alternatives, Purchase decision (proposed; `change journey` to set it)');
    expect(line('business_model')).toMatch(/^B2C \(consumers\) \(proposed/);
    expect(line('tone')).toMatch(/^warm and sensory/);
    expect(status.section).toEqual({ label: 'Contacts', number: 6, total: 8 });
  });

  it('refuses an offer it cannot name, and reads one it can', () => {
    const atOffer = walk(start(), FUNNEL_REPLIES, 'incentive_offer');
    expect(effect(send(atOffer, 'something nice'), 'reask').error).toMatch(/discount, coupon/);
    expect(askedId(send(atOffer, '¥20 coupon'))).toBe('incentive_terms');
  });
});

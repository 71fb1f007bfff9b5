import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, messageText, OUTSIDER, startHarness, type Harness } from '../support/bot-harness.js';
import { completePlan, say, startPlan } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A posted plan by Alice; returns its id and the draft message's ts. */
async function postedPlan(): Promise<{ planId: string; draftTs: string }> {
  const planId = await startPlan(h, ALICE, CHANNEL);
  await completePlan(h, planId);
  const draftTs = (await h.record(planId)).versions[0]?.messageTs;
  if (!draftTs) throw new Error('no draft posted');
  return { planId, draftTs };
}

async function react(userId: string, ts: string, reaction = 'white_check_mark', add = true, eventId?: string) {
  const input = { userId, channelId: CHANNEL, messageTs: ts, reaction, ...(eventId ? { eventId } : {}) };
  const response = add ? await h.driver.reactionAdded(input) : await h.driver.reactionRemoved(input);
  expect(response.status).toBe(200);
  await h.settle();
  return response;
}

const draftText = (ts: string) => messageText(h.fake.messages(CHANNEL).find((m) => m.ts === ts));

describe('approval by reaction', () => {
  it('says on the draft how to approve and ask for changes', async () => {
    h = await startHarness();
    const { draftTs } = await postedPlan();
    expect(draftText(draftTs)).toContain(':white_check_mark:');
    expect(draftText(draftTs)).toContain(':x:');
    expect(draftText(draftTs)).toMatch(/0 of 2|2 approvals/);
  });

  it('approves with two teammates, updates the draft and tells the author; the author does not count', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    await react(ALICE, draftTs);
    expect((await h.record(planId)).status).toBe('draft');
    await react(BOB, draftTs);
    expect((await h.record(planId)).status).toBe('draft');
    await react(CAROL, draftTs);
    const record = await h.record(planId);
    expect(record.status).toBe('approved');
    expect(record.approval?.approvers).toEqual([BOB, CAROL]);
    expect(draftText(draftTs)).toContain('Approved');
    expect(draftText(draftTs)).toContain(`<@${BOB}>`);
    const thread = h.fake.messages(CHANNEL, { threadTs: record.threadTs });
    // the approval note, followed by the offer to save the plan as a canvas
    expect(thread.slice(-2).map((m) => messageText(m)).join('\n')).toContain(`<@${ALICE}> your plan`);
    expect(record.reminders?.map((r) => r.kind)).toEqual(['review', 'nudge']);
  });

  it('returns to draft when an approval is removed, and says so', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    await react(BOB, draftTs);
    await react(CAROL, draftTs);
    expect((await h.record(planId)).status).toBe('approved');
    await react(CAROL, draftTs, 'white_check_mark', false);
    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    expect(record.reminders?.every((r) => r.status === 'cancelled')).toBe(true);
    expect(draftText(draftTs)).toMatch(/Draft/);
    expect(messageText(h.fake.messages(CHANNEL, { threadTs: record.threadTs }).at(-1))).toContain('draft again');
  });

  it('holds the plan in "changes requested" while a change request stands', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    await react(BOB, draftTs);
    await react(CAROL, draftTs, 'x');
    await react(OUTSIDER, draftTs);
    expect((await h.record(planId)).status).toBe('changes-requested');
    await react(CAROL, draftTs, 'x', false);
    expect((await h.record(planId)).status).toBe('draft');
    await react(CAROL, draftTs);
    expect((await h.record(planId)).status).toBe('approved');
  });

  it('ignores reactions on other messages and from people outside the channel', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    const record = await h.record(planId);
    await react(BOB, record.threadTs!);
    await react(CAROL, record.versions[0]!.budgetTs!);
    await react(OUTSIDER, draftTs);
    await react(BOB, draftTs, 'tada');
    expect((await h.record(planId)).status).toBe('draft');
    expect((await h.record(planId)).approval).toBeUndefined();
  });

  it('ends in the same state when every reaction event is delivered twice', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    const first = await react(BOB, draftTs, 'white_check_mark', true, 'EvB1');
    await h.driver.event((first.sent as { event: Record<string, unknown> }).event, { eventId: 'EvB1', retryNum: 1, retryReason: 'timeout' });
    await h.settle();
    expect((await h.record(planId)).status).toBe('draft');
    const second = await react(CAROL, draftTs, 'white_check_mark', true, 'EvC1');
    await h.driver.event((second.sent as { event: Record<string, unknown> }).event, { eventId: 'EvC1', retryNum: 1, retryReason: 'timeout' });
    await h.settle();
    const record = await h.record(planId);
    expect(record.status).toBe('approved');
    expect(record.approval?.approvers).toEqual([BOB, CAROL]);
    const approvedNotes = h.fake.messages(CHANNEL, { threadTs: record.threadTs }).filter((m) => m.text.includes('Plan approved'));
    expect(approvedNotes).toHaveLength(1);
  });

  it('catches reactions made while the bot was down when it starts again', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    await h.stopBot();
    h.fake.addReaction(CHANNEL, draftTs, 'white_check_mark', BOB);
    h.fake.addReaction(CHANNEL, draftTs, 'white_check_mark', CAROL);
    await h.restart();
    await h.settle();
    expect((await h.record(planId)).status).toBe('approved');
  });

  it('honours the channel settings of /imc config: one approval, and the author may approve', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    const set = await h.driver.slashCommand({ userId: BOB, channelId: CHANNEL, text: 'config approvals 1' });
    expect(set.body).toContain('approvals needed: 1');
    await h.driver.slashCommand({ userId: BOB, channelId: CHANNEL, text: 'config author-can-approve yes' });
    await react(ALICE, draftTs);
    expect((await h.record(planId)).status).toBe('approved');
  });

  it('re-opens a posted plan with `change`, posts a new version as a new draft, and starts approvals over', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan();
    await react(BOB, draftTs);
    await react(CAROL, draftTs);
    expect((await h.record(planId)).status).toBe('approved');
    await say(h, planId, 'change concept');
    expect((await h.record(planId)).status).toBe('planning');
    await say(h, planId, 'Cold brew for clear afternoons.');
    await completePlan(h, planId);
    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    expect(record.versions).toHaveLength(2);
    expect(record.versions[0]?.plan.concept).toBe('Cold brew that tastes like a mountain morning.');
    expect(record.versions[1]?.plan.concept).toBe('Cold brew for clear afternoons.');
    expect(record.approval).toBeUndefined();
    expect(draftText(draftTs)).toContain('replaced by version 2');
    // reactions on the old draft no longer count
    await react(BOB, draftTs, 'white_check_mark', false);
    await react(BOB, draftTs);
    expect((await h.record(planId)).status).toBe('draft');
  });
});

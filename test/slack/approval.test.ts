import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, OUTSIDER, startHarness, type Harness } from '../support/bot-harness.js';
import { completePlan, say } from '../support/plan-conversation.js';
import { draftText as shownOnDraft, postedPlan, react as reactAs, threadTexts } from '../support/approved-plan.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const react = (userId: string, ts: string, reaction = 'white_check_mark', add = true, eventId?: string) => reactAs(h, userId, ts, reaction, add, eventId);
const draftText = (ts: string) => shownOnDraft(h, ts);
/** What each person was told privately (ephemeral notes and direct messages), oldest first. */
const notesTo = (userId: string) => [
  ...h.fake.ephemerals.filter((e) => e.user === userId && e.via === 'chat.postEphemeral').map((e) => e.text),
  ...(h.fake.channel(`D${userId}`) ? h.fake.messages(`D${userId}`).map((m) => m.text) : []),
];

describe('approval by reaction', () => {
  it('says on the draft how to approve and ask for changes, by reaction or button', async () => {
    h = await startHarness();
    const { draftTs } = await postedPlan(h);
    expect(draftText(draftTs)).toContain(':white_check_mark:');
    expect(draftText(draftTs)).toContain(':x:');
    expect(draftText(draftTs)).toContain('0 of 2');
    expect(draftText(draftTs)).toContain('*Approve*');
  });

  it('approves with two teammates, updates the draft and tells the author, naming plan and version; the author does not count', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(ALICE, draftTs);
    expect((await h.record(planId)).status).toBe('draft');
    await react(BOB, draftTs);
    expect((await h.record(planId)).status).toBe('draft');
    await react(CAROL, draftTs);
    const record = await h.record(planId);
    expect(record.status).toBe('approved');
    expect(record.approval?.approvers).toEqual([BOB, CAROL]);
    expect(draftText(draftTs)).toContain(`Approved: 2 of 2, approved by <@${BOB}>, <@${CAROL}>`);
    expect((await threadTexts(h, planId)).at(-1)).toContain(`<@${ALICE}> your plan *Spring cold brew launch* (v1) is approved by <@${BOB}>, <@${CAROL}>`);
    expect(record.reminders?.map((r) => r.kind)).toEqual(['review', 'nudge']);
  });

  it('returns to draft when an approval is removed, says who took it back, and keeps the reminders for a re-approval', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(BOB, draftTs);
    await react(CAROL, draftTs);
    expect((await h.record(planId)).status).toBe('approved');
    await react(CAROL, draftTs, 'white_check_mark', false);
    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    expect(record.reminders?.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(draftText(draftTs)).toMatch(/Draft/);
    expect((await threadTexts(h, planId)).at(-1)).toContain(
      `:arrow_backward: <@${CAROL}> took back their approval of *Spring cold brew launch* (v1): 1 of 2 approvals, so it is a draft again.`,
    );
  });

  it('announces a change request as who asked for changes to which plan and version, and its withdrawal', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(BOB, draftTs);
    await react(CAROL, draftTs, 'x');
    expect((await threadTexts(h, planId)).at(-1)).toContain(`:x: <@${CAROL}> asked for changes to *Spring cold brew launch* (v1). <@${ALICE}>`);
    const fallback = h.fake.callsTo('chat.postMessage').at(-1)?.args.text;
    expect(fallback).toBe('Changes requested to Spring cold brew launch (v1)');
    await react(OUTSIDER, draftTs);
    expect((await h.record(planId)).status).toBe('changes-requested');
    await react(CAROL, draftTs, 'x', false);
    expect((await h.record(planId)).status).toBe('draft');
    expect((await threadTexts(h, planId)).at(-1)).toContain(`<@${CAROL}> took back the change request on *Spring cold brew launch* (v1): it is a draft again, with 1 of 2 approvals`);
    await react(CAROL, draftTs);
    expect((await h.record(planId)).status).toBe('approved');
  });

  it('says an approved plan is no longer approved when someone asks for changes, and never posts "withdrawn"', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(BOB, draftTs);
    await react(CAROL, draftTs);
    await react(BOB, draftTs, 'x');
    const texts = await threadTexts(h, planId);
    expect(texts.at(-1)).toContain(`<@${BOB}> asked for changes to *Spring cold brew launch* (v1): it is no longer approved`);
    expect(texts.join('\n')).not.toMatch(/withdrawn/i);
  });

  it('ignores reactions on other messages, other emoji and the bot', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const record = await h.record(planId);
    await react(BOB, record.threadTs!);
    await react(CAROL, record.versions[0]!.budgetTs!);
    await react(BOB, draftTs, 'tada');
    await react('U0BOT', draftTs);
    expect((await h.record(planId)).status).toBe('draft');
    expect((await h.record(planId)).approval).toBeUndefined();
    expect(h.fake.ephemerals).toEqual([]);
  });

  it("tells the author once per draft, only to them, that their own approval does not count", async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(ALICE, draftTs);
    await react(ALICE, draftTs, 'white_check_mark', false);
    await react(ALICE, draftTs);
    await react(ALICE, draftTs, 'x'); // the author may ask for changes: that counts, and needs no note
    expect(notesTo(ALICE)).toEqual([
      ':information_source: Your :white_check_mark: on *Spring cold brew launch* (v1) does not count: you wrote *Spring cold brew launch* (v1), and in this channel a plan needs 2 approvals from people other than its author.',
    ]);
    expect(h.fake.ephemerals.every((e) => e.user === ALICE)).toBe(true);
    expect((await h.record(planId)).status).toBe('changes-requested');
    expect(notesTo(BOB)).toEqual([]);
  });

  it('tells someone outside the channel once, by direct message, that their reaction does not count', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(OUTSIDER, draftTs);
    await react(OUTSIDER, draftTs, 'x');
    await h.restart();
    await react(OUTSIDER, draftTs, 'white_check_mark', false);
    await react(OUTSIDER, draftTs);
    expect(notesTo(OUTSIDER)).toHaveLength(1);
    expect(notesTo(OUTSIDER)[0]).toContain('does not count: only members of the channel count');
    expect((await h.record(planId)).status).toBe('draft');
  });

  it('tells the author again about a new version: once per person per draft', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(ALICE, draftTs);
    await say(h, planId, 'change concept');
    await say(h, planId, 'Cold brew for clear afternoons.');
    await completePlan(h, planId);
    const v2 = (await h.record(planId)).versions[1]?.messageTs as string;
    await react(ALICE, v2);
    expect(notesTo(ALICE)).toHaveLength(2);
    expect(notesTo(ALICE)[1]).toContain('(v2) does not count');
  });

  it('ends in the same state, with one notice, when every reaction event is delivered twice', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
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
    expect((await threadTexts(h, planId)).filter((text) => text.includes('is approved by'))).toHaveLength(1);
  });

  it('catches reactions made while the bot was down when it starts again', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await h.stopBot();
    h.fake.addReaction(CHANNEL, draftTs, 'white_check_mark', BOB);
    h.fake.addReaction(CHANNEL, draftTs, 'white_check_mark', CAROL);
    await h.restart();
    await h.settle();
    expect((await h.record(planId)).status).toBe('approved');
  });

  it('re-opens a posted plan with `change`, posts a new version as a new draft, and starts approvals over', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
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

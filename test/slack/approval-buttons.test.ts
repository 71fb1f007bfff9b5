/**
 * The draft's Approve and Request changes buttons, beside the reactions (easier on
 * mobile): a click counts exactly like the reaction, under the same people rules and
 * the same derivation, a second click takes it back, and the draft shows who approved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, OUTSIDER, startHarness, type Harness } from '../support/bot-harness.js';
import { clickDraft, draftText, postedPlan, react, threadTexts } from '../support/approved-plan.js';
import { completePlan, elementsOf, say } from '../support/plan-conversation.js';
import { resendAction } from '../support/resend-action.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('the Approve and Request changes buttons', () => {
  it('approve like reactions do, with a reply to each clicker, and the draft shows who approved', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    expect(await clickDraft(h, draftTs, 'Approve', BOB)).toBe('You approved *Spring cold brew launch* (v1) (1 of 2 approvals). Click *Approve* again to take it back.');
    expect(draftText(h, draftTs)).toContain(`Approvals 1 of 2, approved by <@${BOB}>`);
    await clickDraft(h, draftTs, 'Approve', CAROL);
    const record = await h.record(planId);
    expect(record.status).toBe('approved');
    expect(record.approval?.approvers).toEqual([BOB, CAROL]);
    expect(draftText(h, draftTs)).toContain(`Approved: 2 of 2, approved by <@${BOB}>, <@${CAROL}>`);
    expect((await threadTexts(h, planId)).at(-1)).toContain('*Spring cold brew launch* (v1) is approved by');
    expect(record.reminders?.map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('take the approval back with a second click', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await clickDraft(h, draftTs, 'Approve', BOB);
    await clickDraft(h, draftTs, 'Approve', CAROL);
    expect(await clickDraft(h, draftTs, 'Approve', CAROL)).toBe('You took back your approval of *Spring cold brew launch* (v1) (1 of 2 approvals).');
    expect((await h.record(planId)).status).toBe('draft');
    expect((await threadTexts(h, planId)).at(-1)).toContain(`<@${CAROL}> took back their approval of *Spring cold brew launch* (v1)`);
  });

  it('ask for changes, and take the request back, like the :x: reaction', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(h, BOB, draftTs);
    expect(await clickDraft(h, draftTs, 'Request changes', CAROL)).toContain('You asked for changes to *Spring cold brew launch* (v1)');
    expect((await h.record(planId)).status).toBe('changes-requested');
    expect((await threadTexts(h, planId)).at(-1)).toContain(`:x: <@${CAROL}> asked for changes to *Spring cold brew launch* (v1)`);
    expect(draftText(h, draftTs)).toContain(`Changes requested by <@${CAROL}>`);
    await clickDraft(h, draftTs, 'Request changes', CAROL);
    expect((await h.record(planId)).status).toBe('draft');
    // One vote per person: asking for changes replaces that person's approval by button.
    await clickDraft(h, draftTs, 'Approve', CAROL);
    await clickDraft(h, draftTs, 'Request changes', CAROL);
    expect((await h.record(planId)).approval).toMatchObject({ state: 'changes-requested', approvers: [BOB], changeRequesters: [CAROL] });
  });

  it("follow the same people rules: the author's approval and an outsider's click do not count, and they are told why", async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    expect(await clickDraft(h, draftTs, 'Approve', ALICE)).toContain('Your click on *Approve* does not count: you wrote *Spring cold brew launch* (v1)');
    expect(await clickDraft(h, draftTs, 'Approve', OUTSIDER)).toContain('does not count: only members of the channel count');
    await clickDraft(h, draftTs, 'Approve', BOB);
    expect((await h.record(planId)).approval?.approvers).toEqual([BOB]);
    expect((await h.record(planId)).status).toBe('draft');
    // The author may still ask for changes to their own plan.
    await clickDraft(h, draftTs, 'Request changes', ALICE);
    expect((await h.record(planId)).status).toBe('changes-requested');
  });

  it('count a person who reacted and clicked once, and say when their reaction still counts after the click is taken back', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(h, BOB, draftTs);
    await clickDraft(h, draftTs, 'Approve', BOB);
    expect((await h.record(planId)).approval?.approvers).toEqual([BOB]);
    expect(await clickDraft(h, draftTs, 'Approve', BOB)).toContain('your :white_check_mark: reaction on *Spring cold brew launch* (v1) still counts');
    expect((await h.record(planId)).approval?.approvers).toEqual([BOB]);
    await clickDraft(h, draftTs, 'Approve', CAROL);
    expect((await h.record(planId)).status).toBe('approved');
    // Derived from scratch: a restart, which derives every draft again, changes nothing.
    await h.restart();
    await h.settle();
    expect((await h.record(planId)).approval?.approvers).toEqual([BOB, CAROL]);
  });

  it('treat a repeated delivery of one click as one click', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const draft = h.fake.messages(CHANNEL).find((m) => m.ts === draftTs);
    const button = elementsOf(draft).find((e) => e.text?.text === 'Approve')!;
    const first = await h.driver.blockAction({ userId: BOB, channelId: CHANNEL, messageTs: draftTs, actionId: button.action_id, blockId: button.block_id, value: button.value });
    await h.settle();
    expect(await resendAction(h, first.sent)).toBe(200);
    await h.settle();
    expect((await h.record(planId)).approval?.votes).toEqual([{ userId: BOB, vote: 'approve' }]);
  });

  it('on a replaced draft change nothing, and say which version to vote on', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const oldDraft = h.fake.messages(CHANNEL).find((m) => m.ts === draftTs);
    const oldApprove = elementsOf(oldDraft).find((e) => e.text?.text === 'Approve')!;
    await say(h, planId, 'change concept');
    await say(h, planId, 'Cold brew for clear afternoons.');
    await completePlan(h, planId);
    expect(elementsOf(h.fake.messages(CHANNEL).find((m) => m.ts === draftTs))).toEqual([]);
    const before = h.fake.responses.length;
    await h.driver.blockAction({ userId: BOB, channelId: CHANNEL, messageTs: draftTs, actionId: oldApprove.action_id, blockId: oldApprove.block_id, value: oldApprove.value });
    await h.settle();
    await h.fake.waitFor(() => h.fake.responses.length > before);
    expect(String(h.fake.responses.at(-1)?.body.text)).toContain('version 2 replaced it');
    expect((await h.record(planId)).approval).toBeUndefined();
  });
});

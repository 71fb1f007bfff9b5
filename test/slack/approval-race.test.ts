/**
 * Reactions that arrive while Slack is slow to answer `reactions.get`: a slower, older
 * reading of the draft's reactions must never overwrite a newer one. The fake Slack
 * answers the first reading late, with what the draft held when it was asked, so the
 * second reading (taken later, answered at once) would otherwise land first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BOB, CAROL, CHANNEL, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { draftText, postedPlan, react, threadTexts } from '../support/approved-plan.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reaction event, without waiting for the bot to finish with it. */
async function reactNow(userId: string, ts: string, add = true): Promise<void> {
  const input = { userId, channelId: CHANNEL, messageTs: ts, reaction: 'white_check_mark' };
  const response = add ? await h.driver.reactionAdded(input) : await h.driver.reactionRemoved(input);
  expect(response.status).toBe(200);
}

describe('approval under racing reactions', () => {
  it('two approvals 100 ms apart, the first reading answered 700 ms late: approved once, never withdrawn', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    h.fake.failNext('reactions.get', { respondAfterMs: 700 });
    await reactNow(BOB, draftTs);
    await pause(100);
    await reactNow(CAROL, draftTs);
    await h.settle();
    const record = await h.record(planId);
    expect(record.status).toBe('approved');
    expect(record.approval?.approvers).toEqual([BOB, CAROL]);
    const texts = await threadTexts(h, planId);
    expect(texts.filter((t) => t.includes('is approved by'))).toHaveLength(1);
    expect(texts.join('\n')).not.toMatch(/took back|draft again|withdrawn/);
    expect(draftText(h, draftTs)).toContain('Approved: 2 of 2');
  });

  it('a slow reading of a removed approval cannot undo the approval given back after it', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await react(h, BOB, draftTs);
    await react(h, CAROL, draftTs);
    h.fake.failNext('reactions.get', { respondAfterMs: 600 });
    await reactNow(CAROL, draftTs, false);
    await pause(50);
    await reactNow(CAROL, draftTs);
    await h.settle();
    expect((await h.record(planId)).status).toBe('approved');
    expect(draftText(h, draftTs)).toContain('Approved: 2 of 2');
  });

  it('a burst of reactions while a reading is slow is served by one fresh reading after it', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const before = h.fake.callsTo('reactions.get').length;
    h.fake.failNext('reactions.get', { respondAfterMs: 500 });
    await reactNow(BOB, draftTs);
    await pause(50);
    for (const [userId, add] of [[CAROL, true], [CAROL, false], [CAROL, true]] as const) await reactNow(userId, draftTs, add);
    await h.settle();
    expect(h.fake.callsTo('reactions.get').length - before).toBe(2);
    expect((await h.record(planId)).approval?.approvers).toEqual([BOB, CAROL]);
  });

  it('reads the reactions again a moment later when Slack fails to answer, instead of dropping the reaction', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    h.fake.failNext('reactions.get', { status: 500 });
    await reactNow(BOB, draftTs);
    await h.settle();
    expect((await h.record(planId)).approval).toBeUndefined();
    await waitUntil(async () => (await h.record(planId)).approval?.approvers.includes(BOB) === true, 'the reading to be retried', 5_000);
    await h.settle();
    expect(draftText(h, draftTs)).toContain(`approved by <@${BOB}>`);
  });
});

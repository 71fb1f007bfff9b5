/**
 * Forged, unsigned and stale requests for events and block actions (commands are
 * covered in test/slack): each gets a 401, and neither the store nor Slack changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ForgeOptions } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOB, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { answerCurrent, completePlan, elementsOf, latestThreadMessage, startPlan } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const FORGERIES: [string, ForgeOptions][] = [
  ['forged', { badSignature: true }],
  ['unsigned', { unsigned: true }],
  ['stale', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
];

/** Everything the bot could have changed: every stored plan and every Slack call and response. */
async function snapshot(): Promise<string> {
  return JSON.stringify({ plans: await h.plans(), calls: h.fake.calls.length, responses: h.fake.responses.length });
}

describe('requests not signed by Slack', () => {
  it.each(FORGERIES)('%s: a thread reply, button click and reaction get 401 and change nothing', async (_name, forge) => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    while ((await h.record(planId)).flow.current !== 'audience_stage') await answerCurrent(h, planId);
    const record = await h.record(planId);
    const question = await latestThreadMessage(h, planId);
    const button = elementsOf(question).find((e) => e.text?.text.includes('Evaluation'));
    if (!question || !button) throw new Error('no Evaluation button');
    const before = await snapshot();

    const statuses = [
      (await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: record.threadTs, text: 'evaluation', ...forge })).status,
      (await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: record.threadTs, text: 'cancel', ...forge })).status,
      (
        await h.driver.blockAction({
          userId: ALICE,
          channelId: CHANNEL,
          messageTs: question.ts,
          threadTs: record.threadTs,
          actionId: button.action_id,
          blockId: button.block_id,
          value: button.value,
          ...forge,
        })
      ).status,
      (await h.driver.reactionAdded({ userId: BOB, channelId: CHANNEL, messageTs: record.threadTs as string, reaction: 'white_check_mark', ...forge })).status,
    ];
    await h.settle();
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(await snapshot()).toEqual(before);
  });

  it('a forged approval of a posted draft is not counted', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await completePlan(h, planId);
    const draftTs = (await h.record(planId)).versions.at(-1)?.messageTs as string;
    const before = await snapshot();
    const response = await h.driver.reactionAdded({ userId: BOB, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark', badSignature: true });
    await h.settle();
    expect(response.status).toBe(401);
    expect(await snapshot()).toEqual(before);
    expect((await h.record(planId)).status).toBe('draft');
  });
});

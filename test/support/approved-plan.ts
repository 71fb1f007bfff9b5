/** A plan taken through posting and two approvals, for the closed-loop tests. */
import { expect } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, type Harness } from './bot-harness.js';
import { completePlan, startPlan, TYPED_ANSWERS } from './plan-conversation.js';

export async function approvedPlan(h: Harness, answers: Record<string, string> = TYPED_ANSWERS, name?: string): Promise<string> {
  const planId = await startPlan(h, ALICE, CHANNEL, name);
  await completePlan(h, planId, answers);
  const draftTs = (await h.record(planId)).versions.at(-1)?.messageTs as string;
  for (const userId of [BOB, CAROL]) {
    await h.driver.reactionAdded({ userId, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark' });
    await h.settle();
  }
  expect((await h.record(planId)).status).toBe('approved');
  return planId;
}

/** The reminder messages the bot posted in the channel. */
export function reminderPosts(h: Harness) {
  return h.fake.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.args).includes('imc_review_reminder'));
}

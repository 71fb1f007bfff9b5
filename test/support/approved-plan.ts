/** Plans taken through posting (and approval), for the approval and closed-loop tests. */
import { expect } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, messageText, type Harness } from './bot-harness.js';
import { completePlan, elementsOf, startPlan, TYPED_ANSWERS } from './plan-conversation.js';

/** A plan by `authorId` (Alice unless told), answered and posted as a draft; returns its id and the draft message's ts. */
export async function postedPlan(h: Harness, name?: string, authorId = ALICE): Promise<{ planId: string; draftTs: string }> {
  const planId = await startPlan(h, authorId, CHANNEL, name);
  await completePlan(h, planId);
  const draftTs = (await h.record(planId)).versions.at(-1)?.messageTs;
  if (!draftTs) throw new Error('no draft posted');
  return { planId, draftTs };
}

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

/** Adds (or with `add: false` removes) a reaction on a message of the planning channel, through a signed event, and waits until the bot is done. */
export async function react(h: Harness, userId: string, ts: string, reaction = 'white_check_mark', add = true, eventId?: string) {
  const input = { userId, channelId: CHANNEL, messageTs: ts, reaction, ...(eventId ? { eventId } : {}) };
  const response = add ? await h.driver.reactionAdded(input) : await h.driver.reactionRemoved(input);
  expect(response.status).toBe(200);
  await h.settle();
  return response;
}

/** Everything the draft message shows now. */
export function draftText(h: Harness, ts: string): string {
  return messageText(h.fake.messages(CHANNEL).find((m) => m.ts === ts));
}

/** The texts the bot posted in the plan's thread, oldest first. */
export async function threadTexts(h: Harness, planId: string): Promise<string[]> {
  const record = await h.record(planId);
  return h.fake.messages(CHANNEL, { threadTs: record.threadTs }).filter((m) => m.bot_id).map((m) => messageText(m));
}

/** Clicks a button of the draft message (by its label) as `userId`; returns the ephemeral reply the clicker saw. */
export async function clickDraft(h: Harness, draftTs: string, label: string, userId: string): Promise<string> {
  const draft = h.fake.messages(CHANNEL).find((m) => m.ts === draftTs);
  const button = elementsOf(draft).find((e) => e.text?.text === label);
  if (!button) throw new Error(`the draft has no "${label}" button`);
  const before = h.fake.responses.length;
  const response = await h.driver.blockAction({ userId, channelId: CHANNEL, messageTs: draftTs, actionId: button.action_id, blockId: button.block_id, value: button.value });
  expect(response.status).toBe(200);
  await h.settle();
  await h.fake.waitFor(() => h.fake.responses.length > before || undefined, { description: `the reply to ${label}`, timeoutMs: 2_000 }).catch(() => undefined);
  return h.fake.responses.slice(before).map((r) => String(r.body.text ?? '')).join('\n');
}

/** The reminder messages the bot posted in the channel. */
export function reminderPosts(h: Harness) {
  return h.fake.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.args).includes('imc_review_reminder'));
}

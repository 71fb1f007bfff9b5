/**
 * Slack redelivers an event when it did not see the 200 in time, and a flaky network
 * can repeat an action. A whole plan (typed answers, a button, two approvals and the
 * review) where every event and every action arrives twice must end exactly like the
 * same plan where each arrives once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REVIEW_ANSWERS } from '../fixtures/typed-answers.js';
import type { PlanRecord } from '../../src/app/plan-record.js';
import type { DriverResponse, SlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOB, CAROL, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { resendAction } from '../support/resend-action.js';
import { answerCurrent, clickButton, completePlan, elementsOf, say, startPlan } from '../support/plan-conversation.js';

let harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  harnesses = [];
});



/** Makes the harness's driver deliver every event (same event_id, X-Slack-Retry-Num: 1) and every action twice. */
function deliverTwice(h: Harness): void {
  const once: SlackDriver = h.driver;
  const again = async <R extends DriverResponse>(first: R): Promise<R> => {
    const envelope = first.sent as { event: Record<string, unknown>; event_id: string };
    const retry = await once.event(envelope.event, { eventId: envelope.event_id, retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    return first;
  };
  h.driver = {
    ...once,
    message: async (input) => again(await once.message(input)),
    reactionAdded: async (input) => again(await once.reactionAdded(input)),
    reactionRemoved: async (input) => again(await once.reactionRemoved(input)),
    blockAction: async (input) => {
      const first = await once.blockAction(input);
      expect(await resendAction(h, first.sent)).toBe(200);
      return first;
    },
  };
}

/** The plan from start to reviewed: typed answers, one button, two approvals, the review. */
async function wholePlan(h: Harness): Promise<string> {
  const planId = await startPlan(h, ALICE, CHANNEL);
  while ((await h.record(planId)).flow.current !== 'audience_stage') await answerCurrent(h, planId);
  await clickButton(h, planId, 'Evaluation');
  await say(h, planId, 'status');
  await completePlan(h, planId);
  const draftTs = (await h.record(planId)).versions.at(-1)?.messageTs as string;
  for (const userId of [BOB, CAROL]) {
    await h.driver.reactionAdded({ userId, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark' });
    await h.settle();
  }
  h.clock.current = new Date('2027-04-15T02:00:00Z');
  await h.bot.tick();
  await h.settle();
  const reminder = h.fake.messages(CHANNEL).filter((m) => elementsOf(m).some((e) => e.text?.text === 'Start the review')).at(-1);
  const start = elementsOf(reminder).find((e) => e.text?.text === 'Start the review');
  if (!reminder || !start) throw new Error('no review reminder with a start button');
  await h.driver.blockAction({ userId: BOB, channelId: CHANNEL, messageTs: reminder.ts, actionId: start.action_id, blockId: start.block_id, value: start.value });
  await h.settle();
  for (let step = 0; step < 20 && (await h.record(planId)).status === 'reviewing'; step += 1) {
    const current = (await h.record(planId)).review?.state.current ?? '';
    const answer = REVIEW_ANSWERS[current];
    if (answer === undefined) throw new Error(`no review answer for ${current}`);
    await say(h, planId, answer, BOB);
  }
  await h.settle();
  return planId;
}

/** What a person would notice: answers, statuses, approvals, the review, and every message the bot sent. */
function observable(h: Harness, record: PlanRecord) {
  // Two workspaces give messages different ts, so links to them differ: compare them as links.
  const strip = (text: string) => text.split(record.id).join('P-ID').replace(/\/archives\/\w+\/p\d+/g, '/archives/LINK');
  const calls = (method: string) => h.fake.callsTo(method).map((call) => strip(String(call.args.text ?? '')));
  return {
    answers: Object.fromEntries(Object.entries(record.flow.answers).map(([id, a]) => [id, { value: a.value, skipped: a.skipped, raw: a.raw }])),
    flowStatus: record.flow.status,
    status: record.status,
    versions: record.versions.length,
    approvers: record.approval?.approvers,
    approvalState: record.approval?.state,
    review: record.review?.summary,
    reviewAnswers: record.review?.state.answers,
    posted: calls('chat.postMessage'),
    updated: calls('chat.update'),
    ephemeral: calls('chat.postEphemeral'),
    responses: h.fake.responses.map((r) => strip(String(r.body.text ?? ''))),
  };
}

describe('every event and action delivered twice', () => {
  it('ends in the same state, with the same messages, as each delivered once', async () => {
    const [single, double] = await Promise.all([startHarness(), startHarness()]);
    if (!single || !double) throw new Error('no harness');
    harnesses = [single, double];
    deliverTwice(double);
    const [onceId, twiceId] = await Promise.all([wholePlan(single), wholePlan(double)]);
    const once = observable(single, await single.record(onceId));
    const twice = observable(double, await double.record(twiceId));
    expect(once.status).toBe('reviewed');
    expect(once.approvers).toEqual([BOB, CAROL]);
    expect(once.posted.length).toBeGreaterThan(40);
    expect(twice).toEqual(once);
  });
});

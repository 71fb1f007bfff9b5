/**
 * The bot's Web API calls on the poster thread (IMC_SLACK_CALLS=thread, the default),
 * off the event loop that acknowledges Slack: the conversation is the same, a thread
 * that dies mid-post loses nothing and posts nothing twice (the outbox looks for the
 * post that may have gone through, then the main thread makes the calls), nothing
 * logged carries a token, and IMC_SLACK_CALLS=main makes the calls as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOT_TOKEN, CHANNEL, messageText, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { answerCurrent, latestThreadMessage, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function drained(planId: string): Promise<void> {
  await waitUntil(async () => (await h.record(planId)).outbox.length === 0, 'the outbox to drain', 8_000);
  await h.settle();
}

describe('the poster thread', () => {
  it("makes the outbox's Slack calls on a thread of its own, and the conversation is the same", async () => {
    h = await startHarness();
    expect(h.bot.posterThread).toBeDefined();
    const planId = await startPlan(h, ALICE, CHANNEL);
    expect(h.bot.posterThread?.thread?.threadId).toBeGreaterThan(0);
    await answerCurrent(h, planId); // brand
    await drained(planId);
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Problems');
    expect((await h.record(planId)).flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    expect(h.bot.posterThread?.usable).toBe(true);
  });

  it('a thread that dies while Slack takes a post: the post is found, not made twice; the main thread carries on; no token in the logs', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    // Slack takes the next question's post and never answers; the thread dies meanwhile.
    h.fake.failNext('chat.postMessage', { accepted: 'hang' });
    const postsBefore = h.fake.callsTo('chat.postMessage').length;
    await answerCurrent(h, planId); // brand
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').length > postsBefore, { description: 'the hanging post' });
    await h.bot.posterThread?.thread?.terminate();
    await drained(planId);
    const threadTs = (await h.record(planId)).threadTs;
    const problems = h.fake.messages(CHANNEL, threadTs ? { threadTs } : {}).filter((m) => messageText(m).includes('*Problems*'));
    expect(problems).toHaveLength(1);
    // Looked for rather than posted again.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(postsBefore + 1);
    expect(h.fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
    expect((await h.record(planId)).questionTs).toBe(problems[0]?.ts);
    expect(h.bot.posterThread?.usable).toBe(false);
    expect(h.logs.some((line) => line.includes('the Slack call thread stopped'))).toBe(true);
    // The conversation goes on, its calls now on the main thread.
    await answerCurrent(h, planId); // problems
    await drained(planId);
    const record = await h.record(planId);
    expect(record.flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    expect(record.flow.answers.problems).toBeDefined();
    expect(messageText(await latestThreadMessage(h, planId))).not.toContain('*Problems*');
    expect(h.logs.join('\n')).not.toContain(BOT_TOKEN);
  });

  it('a thread that dies between calls: the next calls are made on the main thread, nothing queued is lost', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await h.settle();
    await h.bot.posterThread?.thread?.terminate();
    await answerCurrent(h, planId); // brand
    await drained(planId);
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Problems');
    expect((await h.record(planId)).flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
  });

  it('IMC_SLACK_CALLS=main makes the calls on the main thread, as before', async () => {
    h = await startHarness({ env: { IMC_SLACK_CALLS: 'main' } });
    expect(h.bot.posterThread).toBeUndefined();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await answerCurrent(h, planId);
    await drained(planId);
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Problems');
  });
});

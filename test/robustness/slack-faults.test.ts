/**
 * Slack's Web API misbehaving while a plan is answered: rate limits with Retry-After,
 * server errors, the bot removed from the channel, an archived channel, and calls
 * that hang past the client's timeout. The bot never crashes, the answers stay, the
 * user is told where Slack gives a way to tell them, and the conversation goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, CHANNEL, messageText, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { answerCurrent, completePlan, latestThreadMessage, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Waits until the plan owes Slack nothing more. */
async function drained(planId: string, timeoutMs = 8_000): Promise<void> {
  await waitUntil(async () => (await h.record(planId)).outbox.length === 0, 'the outbox to drain', timeoutMs);
  await h.settle();
}

/** The bot still serves requests: the health check and a fresh command. */
async function stillServing(): Promise<void> {
  expect((await fetch(`http://127.0.0.1:${h.port}/healthz`)).status).toBe(200);
  expect((await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'list' })).status).toBe(200);
}

describe('Slack API faults while answering', () => {
  it('waits out a 429 with Retry-After, then posts the next question', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await answerCurrent(h, planId); // brand
    await drained(planId);
    const posts = h.fake.callsTo('chat.postMessage');
    const limited = posts.findIndex((call) => call.response?.status === 429);
    const retried = posts[limited + 1];
    expect(limited).toBeGreaterThanOrEqual(0);
    expect(retried?.response?.status).toBe(200);
    // Honoured, not hammered: the next try came after the second Slack asked for.
    expect((retried?.time ?? 0) - (posts[limited]?.time ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect((await h.record(planId)).flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Problems');
  });

  it('retries after two server errors and loses no message', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { status: 500 }, 2);
    h.fake.failNext('chat.update', { status: 500 });
    await answerCurrent(h, planId);
    await drained(planId);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.response?.status === 500)).toHaveLength(2);
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Problems');
    await answerCurrent(h, planId); // the conversation goes on
    expect((await h.record(planId)).flow.answers.problems).toBeDefined();
  });

  it.each([
    ['not_in_channel', '/invite'],
    ['is_archived', 'archived'],
  ])('%s mid-conversation: the user is told, the answers stay, and the next answer works again', async (error, told) => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { error });
    await answerCurrent(h, planId);
    await h.settle();
    await h.fake.waitFor(() => h.fake.responses.some((r) => String(r.body.text ?? '').includes(told)), { description: `the user told about ${error}` });
    const record = await h.record(planId);
    expect(record.flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    expect(record.status).toBe('planning');
    await answerCurrent(h, planId); // problems: Slack works again
    await drained(planId);
    expect((await h.record(planId)).flow.answers.problems).toBeDefined();
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Key problem');
    await stillServing();
  });

  it('a call that hangs past the client timeout is retried, not lost', async () => {
    h = await startHarness(); // the harness gives Slack calls 2 s
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { delayMs: 3_000 });
    await answerCurrent(h, planId);
    await drained(planId, 10_000);
    const problemsQuestions = h.fake.messages(CHANNEL, { threadTs: (await h.record(planId)).threadTs }).filter((m) => messageText(m).includes('*Problems*'));
    // At least once: the hung call may still land after the retry (Slack would do the same).
    expect(problemsQuestions.length).toBeGreaterThanOrEqual(1);
    expect((await h.record(planId)).flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    await answerCurrent(h, planId);
    expect((await h.record(planId)).flow.answers.problems).toBeDefined();
    await stillServing();
  });

  it('an answer that arrives before Slack has answered the first question\'s post still marks that question answered', async () => {
    h = await startHarness();
    // The kickoff goes through; Slack shows the first question at once but answers its post late.
    h.fake.failNext('chat.postMessage', { delayMs: 0 });
    h.fake.failNext('chat.postMessage', { respondAfterMs: 800 });
    expect((await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Early answer' })).status).toBe(200);
    const kickoff = (await h.fake.waitFor(() => h.fake.messages(CHANNEL)[0], { description: 'the kickoff' })) as NonNullable<ReturnType<typeof h.fake.lastMessage>>;
    const question = (await h.fake.waitFor(() => h.fake.messages(CHANNEL, { threadTs: kickoff.ts })[0], { description: 'the first question' })) as typeof kickoff;
    expect(messageText(question)).toContain('brand');
    // Alice answers while the bot still waits for Slack's answer to that post.
    expect((await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: kickoff.ts, text: TYPED_ANSWERS.brand ?? '' })).status).toBe(200);
    await h.settle();
    const [planId] = (await h.plans()).map((plan) => plan.id);
    await drained(planId ?? '');
    const updated = h.fake.messages(CHANNEL, { threadTs: kickoff.ts }).find((m) => m.ts === question.ts);
    expect(messageText(updated)).toContain(':white_check_mark:');
    expect(messageText(updated)).toContain(TYPED_ANSWERS.brand);
    expect(messageText(await latestThreadMessage(h, planId ?? ''))).toContain('Problems');
  });

  it('a failing response_url and a failing draft post leave the plan intact and posted later', async () => {
    h = await startHarness();
    h.fake.failNext('response_url', { status: 500 }, 5);
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 }, 2);
    await completePlan(h, planId);
    await drained(planId);
    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    expect(record.versions[0]?.messageTs).toBeDefined();
    expect(record.flow.answers.review_date?.raw).toBe(TYPED_ANSWERS.review_date);
    await stillServing();
  });
});

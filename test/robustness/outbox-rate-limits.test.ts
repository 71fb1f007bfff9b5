/**
 * The outbox under Slack's rate limits and uncertain failures: a 429 holds every
 * message for that channel for as long as its Retry-After says (and only that
 * channel), the author is told once when messages are held back for more than a
 * minute, and a post that Slack took although the bot never heard back is not posted
 * again. Outbox timers are manual here: minutes of Retry-After take no time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CHANNEL, messageText, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { ManualTimers } from '../support/manual-timers.js';
import { answerCurrent, startPlan } from '../support/plan-conversation.js';

const OTHER = 'C0OTHER';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Question messages the bot posted in the plan's thread. */
async function questionsIn(planId: string): Promise<string[]> {
  const record = await h.record(planId);
  return h.fake
    .messages(record.channelId, { threadTs: record.threadTs })
    .filter((m) => m.bot_id)
    .map((m) => messageText(m));
}

/** Lets the outbox run what it can now (its timers do not move on their own). */
async function settle(): Promise<void> {
  await h.settle();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await h.settle();
}

/** What the author saw about held-back messages (through the command's response URL or ephemerally). */
function heldNotices(): string[] {
  return h.fake.ephemerals.filter((e) => e.user === ALICE && e.text.includes('holding back my messages')).map((e) => e.text);
}

describe('the outbox and Slack rate limits', () => {
  it("holds every message for a rate-limited channel for Retry-After, while other channels' messages go on", async () => {
    const timers = new ManualTimers();
    h = await startHarness({ bot: { outboxTimers: timers } });
    const limited = await startPlan(h, ALICE, CHANNEL, 'Limited');
    const neighbour = await startPlan(h, BOB, CHANNEL, 'Same channel');
    const elsewhere = await startPlan(h, BOB, OTHER, 'Other channel');
    const before = { limited: (await questionsIn(limited)).length, neighbour: (await questionsIn(neighbour)).length, elsewhere: (await questionsIn(elsewhere)).length };

    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await answerCurrent(h, limited);
    await settle();
    expect(h.fake.callsTo('chat.postMessage').at(-1)?.response?.status).toBe(429);
    await answerCurrent(h, neighbour, undefined, BOB);
    await answerCurrent(h, elsewhere, undefined, BOB);
    await settle();
    expect((await questionsIn(elsewhere)).length).toBeGreaterThan(before.elsewhere);
    expect((await questionsIn(limited)).length).toBe(before.limited);
    expect((await questionsIn(neighbour)).length).toBe(before.neighbour);
    const callsDuringHold = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL).length;

    timers.advance(29_000);
    await settle();
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL)).toHaveLength(callsDuringHold);
    timers.advance(1_000);
    await settle();
    await waitUntil(async () => (await h.record(limited)).outbox.length === 0 && (await h.record(neighbour)).outbox.length === 0, 'both plans to catch up');
    expect((await questionsIn(limited)).length).toBeGreaterThan(before.limited);
    expect((await questionsIn(neighbour)).length).toBeGreaterThan(before.neighbour);
    // Held for 30 s: not long enough to bother the author.
    expect(heldNotices()).toEqual([]);
  });

  it('tells the author once when their messages are held back for more than a minute', async () => {
    const timers = new ManualTimers();
    h = await startHarness({ bot: { outboxTimers: timers } });
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 45 });
    await answerCurrent(h, planId);
    await settle();
    expect(heldNotices()).toEqual([]);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 45 });
    timers.advance(45_000);
    await settle();
    // 90 s since the first refusal: told once, with when to expect the message.
    await h.fake.waitFor(() => heldNotices().length === 1, { description: 'the author told about held-back messages' });
    expect(heldNotices()[0]).toContain('the next one will come in about a minute');
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 45 });
    timers.advance(45_000);
    await settle();
    timers.advance(45_000);
    await settle();
    await waitUntil(async () => (await h.record(planId)).outbox.length === 0, 'the outbox to drain');
    expect(heldNotices()).toHaveLength(1);
    expect(messageText((await h.fake.messages(CHANNEL, { threadTs: (await h.record(planId)).threadTs })).at(-1))).toContain('Problems');
  });

  it('tells the author in the channel, only to them, after a restart (when no command response is at hand)', async () => {
    const timers = new ManualTimers();
    h = await startHarness({ bot: { outboxTimers: timers } });
    const planId = await startPlan(h, ALICE, CHANNEL);
    await h.restart({ outboxTimers: timers });
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
    await answerCurrent(h, planId);
    await settle();
    await h.fake.waitFor(() => h.fake.ephemerals.some((e) => e.user === ALICE && e.text.includes('about 2 minutes')), { description: 'an ephemeral note' });
    expect(heldNotices()).toHaveLength(1);
    expect(h.fake.ephemerals.find((e) => e.text.includes('holding back'))?.via).toBe('chat.postEphemeral');
  });

  it('does not post again a message that Slack took although the answer never came back', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { accepted: 'drop' });
    await answerCurrent(h, planId);
    await waitUntil(async () => (await h.record(planId)).outbox.length === 0, 'the outbox to drain');
    const problems = (await questionsIn(planId)).filter((text) => text.includes('*Problems*'));
    expect(problems).toHaveLength(1);
    expect(h.fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
    // The bot knows the question's ts it never heard back, so answering it still works.
    const record = await h.record(planId);
    expect(h.fake.messages(CHANNEL, { threadTs: record.threadTs }).some((m) => m.ts === record.questionTs)).toBe(true);
    await answerCurrent(h, planId);
    expect((await h.record(planId)).flow.answers.problems).toBeDefined();
  });
});

/**
 * The disk fills up under a running bot (the journal's file layer says "no space"
 * and writes short, as a full disk does). Nothing that was not saved is
 * acknowledged: the person is told to send it again, Slack's redelivery is not
 * applied on top, and once there is space again the bot goes on without a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { fullDiskJournal, type FullDiskJournal } from '../support/full-disk-journal.js';
import { answerCurrent, latestThreadMessage, elementsOf, startPlan } from '../support/plan-conversation.js';
import { TYPED_ANSWERS } from '../fixtures/typed-answers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(socketMode = false): Promise<{ h: Harness; disk: FullDiskJournal }> {
  const disk = fullDiskJournal();
  h = await startHarness({ socketMode, bot: { journalFiles: disk } });
  return { h, disk };
}

describe.each([false, true])('a full disk (Socket Mode: %s)', (socketMode) => {
  it('a thread reply that could not be saved is not acknowledged, its author is told, and the redelivery is not applied', async () => {
    const { h, disk } = await harness(socketMode);
    const planId = await startPlan(h, ALICE, CHANNEL);
    const before = await h.record(planId);
    const asked = before.flow.current as string;
    disk.free = 0;
    const typed = await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: before.threadTs, text: TYPED_ANSWERS[asked] as string });
    expect(typed.status).toBe(socketMode ? 504 : 500);
    const told = h.fake.ephemerals.find((e) => e.user === ALICE && e.thread_ts === before.threadTs);
    expect(told?.text).toMatch(/couldn't save that.*not\* taken.*send it again/s);
    expect((await h.record(planId)).flow).toEqual(before.flow);

    // Space comes back. Slack redelivers the same event; the author, as told, types it again.
    disk.free = Number.POSITIVE_INFINITY;
    const envelope = typed.sent as { event: Record<string, unknown>; event_id: string };
    const redelivered = await h.driver.event(envelope.event, { eventId: envelope.event_id, retryNum: 1, retryReason: socketMode ? 'timeout' : 'http_error' });
    expect(redelivered.status).toBe(200);
    await h.settle();
    expect((await h.record(planId)).flow.answers[asked]).toBeUndefined();
    await answerCurrent(h, planId);
    const after = await h.record(planId);
    expect(after.flow.answers[asked]?.raw).toBe(TYPED_ANSWERS[asked]);
    expect(after.flow.answers[after.flow.current as string]).toBeUndefined();
    // And the next answers are saved as usual, without a restart.
    const next = await answerCurrent(h, planId);
    expect((await h.record(planId)).flow.answers[next]).toBeDefined();
  });
});

describe('a full disk (HTTP)', () => {
  it('a click that could not be saved gets a 500, the clicker is told, and nothing changes', async () => {
    const { h, disk } = await harness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    while ((await h.record(planId)).flow.current !== 'audience_stage') await answerCurrent(h, planId);
    const before = await h.record(planId);
    const question = await latestThreadMessage(h, planId);
    const button = elementsOf(question).find((e) => e.text?.text.includes('Evaluation'));
    if (!question || !button) throw new Error('no Evaluation button');
    disk.free = 0;
    const click = await h.driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: question.ts, threadTs: before.threadTs, actionId: button.action_id, blockId: button.block_id, value: button.value });
    expect(click.status).toBe(500);
    expect(h.fake.responses.at(-1)?.body.text).toMatch(/couldn't save that.*click again/s);
    expect((await h.record(planId)).flow).toEqual(before.flow);
    disk.free = Number.POSITIVE_INFINITY;
    const again = await h.driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: question.ts, threadTs: before.threadTs, actionId: button.action_id, blockId: button.block_id, value: button.value });
    expect(again.status).toBe(200);
    expect((await h.record(planId)).flow.answers.audience_stage?.value).toBe('evaluation');
  });

  it('/imc plan that could not be saved says so, and no plan turns up later, in /imc list or after a restart', async () => {
    const { h, disk } = await harness();
    disk.free = 0;
    const response = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Full disk launch' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).text).toMatch(/couldn't save that.*Nothing was changed/);
    disk.free = Number.POSITIVE_INFINITY;
    await h.settle();
    const list = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'list' });
    expect(JSON.parse(list.body).text).toContain('No plans in this channel yet');
    expect(h.fake.messages(CHANNEL)).toEqual([]);
    await h.restart();
    expect(await h.bot.store.list()).toEqual([]);
    // With space again, the same command works.
    expect(await startPlan(h, ALICE, CHANNEL, 'Full disk launch')).toMatch(/^P-/);
  });
});

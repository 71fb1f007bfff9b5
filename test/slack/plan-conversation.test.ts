import { afterEach, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../src/app/plan-record.js';
import { openFileStore } from '../../src/store/file/open-file-store.js';
import { ALICE, BOB, CHANNEL, DM, messageText, startHarness, type Harness } from '../support/bot-harness.js';
import { answerCurrent, completePlan, say, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('/imc plan end to end through the Bolt HTTP receiver', () => {
  it('runs a whole conversation from the command to the posted summary and budget sketch', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    const kickoff = h.fake.messages(CHANNEL).find((m) => m.text.includes(planId));
    expect(messageText(kickoff)).toContain(`<@${ALICE}> started an IMC plan`);

    const asked = await completePlan(h, planId);
    expect(asked).toContain('target_revenue');
    expect(asked).not.toContain('audience_size');

    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    expect(record.versions).toHaveLength(1);
    const topLevel = h.fake.messages(CHANNEL).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    const draft = topLevel.find((m) => m.ts === record.versions[0]?.messageTs);
    const budget = topLevel.find((m) => m.ts === record.versions[0]?.budgetTs);
    expect(messageText(draft)).toContain('Draft');
    expect(messageText(draft)).toContain('Moonleaf Tea');
    expect(messageText(draft)).toContain('Cold brew that tastes like a mountain morning.');
    expect(messageText(budget)).toContain('100,000');
    expect(messageText(budget)).toContain('¥200,000');
  });

  it('re-asks a bad answer with an example and keeps every earlier answer', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    while ((await h.record(planId)).flow.current !== 'target_revenue') await answerCurrent(h, planId);
    const before = await h.record(planId);
    await say(h, planId, 'lots of money');
    const after = await h.record(planId);
    expect(after.flow.current).toBe('target_revenue');
    expect(after.flow.answers).toEqual(before.flow.answers);
    const thread = h.fake.messages(CHANNEL, { threadTs: after.threadTs });
    const reask = messageText(thread[thread.length - 1]);
    expect(reask).toMatch(/lots of money/);
    expect(reask).toMatch(/¥|200k|e\.g\./);
  });

  it('goes back to the previous question with `back` and keeps its answer visible', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await answerCurrent(h, planId); // brand
    const second = (await h.record(planId)).flow.current;
    await say(h, planId, 'back');
    const record = await h.record(planId);
    expect(record.flow.current).toBe('brand');
    expect(second).not.toBe('brand');
    const thread = h.fake.messages(CHANNEL, { threadTs: record.threadTs });
    expect(messageText(thread[thread.length - 1])).toContain('Moonleaf Tea');
  });

  it("ignores other people's replies in the thread: they are discussion", async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    const before = await h.record(planId);
    await say(h, planId, 'I think the brand should be Oolong Co', BOB);
    const after = await h.record(planId);
    expect(after.flow.answers).toEqual(before.flow.answers);
    expect(after.flow.current).toBe(before.flow.current);
  });

  it('continues the conversation after a restart on the same data directory', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    for (let i = 0; i < 6; i += 1) await answerCurrent(h, planId);
    const before = await h.record(planId);
    await h.restart();
    const resumed = await h.record(planId);
    expect(resumed.flow).toEqual(before.flow);
    await completePlan(h, planId);
    expect((await h.record(planId)).status).toBe('draft');
  });

  it('resumes a plan stored while its answers were being checked, under the status name used before ("reviewing")', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    // Search ads alone reach the audience's stage but leave owned and earned media out: a warning, so the plan waits.
    const answers = { ...TYPED_ANSWERS, channels: 'paid-search-ads' };
    for (let step = 0; step < 60 && (await h.record(planId)).flow.status === 'asking'; step += 1) await answerCurrent(h, planId, answers);
    expect((await h.record(planId)).flow.status).toBe('checking');
    await h.stopBot();
    const store = await openFileStore<PlanRecord>(h.dataDir);
    const stored = await store.get(planId);
    if (!stored) throw new Error('the plan is not on disk');
    await store.save({ ...stored, flow: { ...stored.flow, status: 'reviewing' as never } });
    await store.close();
    await h.restart();
    expect((await h.record(planId)).flow.status).toBe('reviewing');
    await say(h, planId, 'accept');
    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    expect(record.flow.status).toBe('finished');
    expect(record.versions[0]?.findings.map((f) => f.rule)).toContain('MEDIA-MIX');
  });

  it("runs a plan in the bot's direct messages too", async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, DM, 'Quiet plan');
    await completePlan(h, planId);
    const record = await h.record(planId);
    expect(record.channelId).toBe(DM);
    expect(record.status).toBe('draft');
    expect(h.fake.messages(DM).some((m) => m.ts === record.versions[0]?.messageTs)).toBe(true);
  });

  it('runs two plans in one channel at once without mixing their answers', async () => {
    h = await startHarness();
    const first = await startPlan(h, ALICE, CHANNEL, 'First');
    const second = await startPlan(h, BOB, CHANNEL, 'Second');
    await say(h, first, 'Brand One');
    await say(h, second, 'Brand Two');
    expect((await h.record(first)).flow.answers.brand?.value).toBe('Brand One');
    expect((await h.record(second)).flow.answers.brand?.value).toBe('Brand Two');
    await Promise.all([completePlan(h, first, { ...TYPED_ANSWERS, brand: 'Brand One' }), completePlan(h, second, { ...TYPED_ANSWERS, brand: 'Brand Two' })]);
    expect((await h.record(first)).versions[0]?.plan.brand).toBe('Brand One');
    expect((await h.record(second)).versions[0]?.plan.brand).toBe('Brand Two');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../src/app/plan-record.js';
import { openFileStore } from '../../src/store/file/open-file-store.js';
import { ALICE, BOB, CHANNEL, DM, messageText, startHarness, type Harness } from '../support/bot-harness.js';
import { answerCurrent, clickButton, completePlan, latestThreadMessage, say, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

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
    // The revenue target comes from the goal "revenue ¥0 -> ¥1,000,000": it is not asked again.
    expect(asked).not.toContain('target_revenue');
    expect(asked).not.toContain('audience_size');
    expect(asked.indexOf('non_media')).toBeLessThan(asked.indexOf('budget_available'));
    expect(asked.at(-1)).toBe('phasing');

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
    // ¥200,000 of working media + ¥30,000 of content and PR + the ¥20,000 reserve: the ¥250,000 available, exactly.
    expect(messageText(budget)).toContain('Exactly enough');
    // The need was shown when the money available was asked (the question message is marked answered since).
    const asking = h.fake.callsTo('chat.postMessage').map((call) => JSON.stringify(call.args.blocks)).find((blocks) => blocks.includes('*Budget available*'));
    expect(asking).toContain('The plan needs ¥250,000: ¥200,000 of working media for 100,000 visits, ¥30,000 of non-media and a ¥20,000 reserve.');
  });

  it('offers a plan the money covers less than half of as a scaled-down plan, by button, and posts it with its goals cut and labelled', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    // ¥100,000 against the ¥250,000 the plan needs: 40 %.
    const answers = { ...TYPED_ANSWERS, budget_available: '¥100,000' };
    while ((await h.record(planId)).flow.status !== 'checking') await answerCurrent(h, planId, answers);
    const findings = messageText(await latestThreadMessage(h, planId));
    expect(findings).toContain('`BUDGET-ABSURD` ¥100,000 covers 40 % of the ¥250,000 the plan needs');
    expect(findings).toContain('Or type `scale down` to post a plan cut to the money available.');
    await clickButton(h, planId, 'Post it scaled down to the money');
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Scaled down to the money.');
    await say(h, planId, 'accept');
    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    // ¥100,000 − ¥30,000 of content and PR: W × 1.1 ≤ ¥70,000 → 31,818 visits → ¥318,180 of revenue.
    expect(record.versions[0]?.plan.goals.find((g) => g.metric === 'revenue')).toMatchObject({ target: 31_818_000, scaledFrom: 100_000_000 });
    const draft = h.fake.messages(CHANNEL).find((m) => m.ts === record.versions[0]?.messageTs);
    expect(messageText(draft)).toContain('Revenue: ¥0 → ¥318,180 by 31 Mar 2027 _(scaled down from ¥1,000,000 to what the money buys)_');
  });

  it('changes a row of a posted plan from its thread and posts the new version', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await completePlan(h, planId);
    expect((await h.record(planId)).versions[0]?.plan.contactPlan[0]).toMatchObject({ channelId: 'paid-search-ads', timing: { kind: 'always' } });
    // Someone else's "change row" is discussion; the author's re-opens the plan at that row.
    await say(h, planId, 'change row 1', BOB);
    expect((await h.record(planId)).status).toBe('draft');
    await say(h, planId, 'change row 1');
    const editing = await h.record(planId);
    expect(editing.status).toBe('planning');
    expect(editing.flow.editingRow).toEqual({ id: 'evaluation/paid-search-ads' });
    const question = h.fake.messages(CHANNEL, { threadTs: editing.threadTs }).filter((m) => m.bot_id).at(-1);
    expect(messageText(question)).toContain('Changing row 1 of the contact plan: Search ads at evaluation of alternatives.');
    await say(h, planId, 'timing: launch; kpi: conversion (platform)');
    const posted = await h.record(planId);
    expect(posted.versions).toHaveLength(2);
    expect(posted.versions[1]?.plan.contactPlan[0]).toMatchObject({ timing: { kind: 'phase', phase: 'launch' }, kpi: { metric: 'conversion', source: 'platform' } });
    expect(posted.status).toBe('draft');
  });

  it('re-asks a bad answer with an example and keeps every earlier answer', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    while ((await h.record(planId)).flow.current !== 'average_order_value') await answerCurrent(h, planId);
    const before = await h.record(planId);
    await say(h, planId, 'lots of money');
    const after = await h.record(planId);
    expect(after.flow.current).toBe('average_order_value');
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

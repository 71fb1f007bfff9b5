/**
 * Plans stored before the contact plan (no journey, business model, message or incentive
 * plan, contact plan, goal sources; conversations without the new answers) still load,
 * render, get approved and reviewed, and an edit asks the new questions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../src/app/plan-record.js';
import { checkBlockLimits } from '../../src/render/block-limits.js';
import { openFileStore } from '../../src/store/file/open-file-store.js';
import { ALICE, BOB, CAROL, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { completePlan, say, startPlan } from '../support/plan-conversation.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NEW_ANSWERS = ['insight', 'proposition', 'contact_plan', 'journey', 'business_model', 'tone', 'incentive_offer', 'incentive_terms', 'incentive_redemptions'];

/** What the record looked like when the bot that wrote it knew nothing of contact plans. */
function asStoredBefore(record: PlanRecord): PlanRecord {
  const versions = record.versions.map((version) => {
    const { journey: _j, contactPlan: _c, message: _m, incentive: _i, businessModel: _b, ...plan } = version.plan;
    return { ...version, plan: { ...plan, goals: plan.goals.map(({ source: _s, ...goal }) => goal) } as typeof version.plan };
  });
  const answers = Object.fromEntries(Object.entries(record.flow.answers).filter(([id]) => !NEW_ANSWERS.includes(id)));
  const { editingRow: _e, contactDraft: _d, carried: _k, ...flow } = record.flow;
  return { ...record, versions, flow: { ...flow, answers } };
}

describe('a plan stored before contact plans', () => {
  it('loads, shows, is approved and reviewed, and an edit asks the new questions', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await completePlan(h, planId);
    await h.stopBot();
    const store = await openFileStore<PlanRecord>(h.dataDir);
    const current = await store.get(planId);
    await store.save(asStoredBefore(current!));
    await store.close();
    await h.restart();

    const old = await h.record(planId);
    expect(old.versions[0]?.plan.contactPlan).toBeUndefined();
    const shown = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `show ${planId}` });
    const body = JSON.parse(shown.body) as { text: string; blocks: unknown[] };
    expect(checkBlockLimits(body)).toEqual([]);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('*The brief*');
    expect(text).toContain('(at evaluation) by promising “Cold brew that tastes like a mountain morning”');
    expect(text).toContain('*Channels*');
    expect(text).not.toMatch(/undefined|NaN/);

    // Approval updates the stored draft; the review asks no touchpoint question.
    const draftTs = (await h.record(planId)).versions[0]?.messageTs as string;
    await h.driver.reactionAdded({ userId: BOB, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark' });
    await h.driver.reactionAdded({ userId: CAROL, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark' });
    await h.settle();
    expect((await h.record(planId)).status).toBe('approved');
    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${planId}` });
    await h.settle();
    const reviewing = await h.record(planId);
    expect(reviewing.status).toBe('reviewing');
    await say(h, planId, 'cancel');

    // Editing re-opens it: the conversation asks the contact plan, which the old plan never had.
    await say(h, planId, 'change concept');
    await say(h, planId, 'Cold brew as calm as a mountain morning.');
    expect((await h.record(planId)).flow.current).toBe('insight');
    await say(h, planId, 'skip');
    expect((await h.record(planId)).flow.current).toBe('proposition');
    await say(h, planId, 'A calm afternoon in a cup, because it is steeped for 12 hours');
    expect((await h.record(planId)).flow.current).toBe('contact_plan');
    await say(h, planId, 'accept');
    await say(h, planId, 'accept');
    const edited = await h.record(planId);
    expect(edited.versions).toHaveLength(2);
    expect(edited.versions[1]?.plan.contactPlan.length).toBeGreaterThan(0);
    expect(edited.versions[1]?.plan.journey).toEqual(['evaluation', 'purchase-decision']);
  });
});

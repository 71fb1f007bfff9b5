import { en } from '../support/words.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, messageText, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { approvedPlan } from '../support/approved-plan.js';
import { completePlan, elementsOf, say } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Clicks "Save as canvas" in the plan's thread as `userId`; returns the ephemeral reply. */
async function saveAsCanvas(planId: string, userId = BOB): Promise<string> {
  const record = await h.record(planId);
  const offer = h.fake.messages(CHANNEL, { threadTs: record.threadTs }).filter((m) => elementsOf(m).some((e) => e.text?.text === 'Save as canvas')).at(-1);
  const button = elementsOf(offer).find((e) => e.text?.text === 'Save as canvas');
  if (!offer || !button) throw new Error('no Save as canvas offer in the thread');
  const before = h.fake.responses.length;
  await h.driver.blockAction({ userId, channelId: CHANNEL, messageTs: offer.ts, threadTs: record.threadTs, actionId: button.action_id, blockId: button.block_id, value: button.value });
  await h.settle();
  await waitUntil(() => h.fake.responses.length > before, 'the ephemeral reply');
  return String(h.fake.responses.at(-1)?.body.text ?? '');
}

/** Changes the concept, posts the new version and has Bob and Carol approve it. */
async function approveNewConcept(planId: string, concept: string): Promise<void> {
  await say(h, planId, 'change concept');
  await say(h, planId, concept);
  await completePlan(h, planId);
  const draftTs = (await h.record(planId)).versions.at(-1)?.messageTs as string;
  for (const userId of [BOB, CAROL]) {
    await h.driver.reactionAdded({ userId, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark' });
    await h.settle();
  }
}

describe('the approved plan as a canvas', () => {
  it('offers "Save as canvas" once approved, creates the channel canvas with the budget as a table, and updates it when a new version is approved', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    expect(await saveAsCanvas(planId)).toContain('Saving version 1');
    const canvas = [...h.fake.canvases.values()][0];
    expect(canvas).toMatchObject({ kind: 'channel', channelId: CHANNEL, title: 'IMC plan: Spring cold brew launch (v1)' });
    expect(canvas?.markdown).toContain('# Spring cold brew launch');
    expect(canvas?.markdown).toContain(`by ![](@${BOB}), ![](@${CAROL})`);
    expect(canvas?.markdown).toContain('| Line | Media | Amount | Share |');
    expect(canvas?.markdown).toContain('| Search ads | Paid |');
    expect(canvas?.markdown).toMatch(/\| Total \|  \| ¥[\d,]+ \| 100 % \|/);
    expect(canvas?.markdown).toContain('### Paid spend by phase');
    // The contact plan the author accepted in the thread, row by row as the draft numbers them.
    expect(canvas?.markdown).toContain('## Contact plan\n\n| Row | Stage | Channel | Format | When | Message | KPI |');
    expect(canvas?.markdown).toMatch(/\| 1 \| [A-Z][^|]+ \| [^|]+ \|/);
    expect(canvas?.markdown).not.toContain('not written yet');
    const thread = h.fake.messages(CHANNEL, { threadTs: (await h.record(planId)).threadTs }).map((m) => messageText(m));
    expect(thread.some((text) => text.includes("Saved version 1 of *Spring cold brew launch* as the channel's canvas"))).toBe(true);
    expect(await saveAsCanvas(planId)).toContain('already saved as a canvas');
    expect(h.fake.canvases.size).toBe(1);

    // a new version, approved again: the same canvas shows it, and no new offer is needed
    await approveNewConcept(planId, 'Cold brew for clear afternoons.');
    expect((await h.record(planId)).status).toBe('approved');
    await h.settle();
    expect(h.fake.canvases.size).toBe(1);
    expect(h.fake.canvases.get(canvas!.id)).toMatchObject({ edits: 1 });
    expect(h.fake.canvases.get(canvas!.id)?.markdown).toContain('version 2');
    expect(h.fake.canvases.get(canvas!.id)?.markdown).toContain('Cold brew for clear afternoons.');
    expect((await h.record(planId)).canvas).toMatchObject({ id: canvas!.id, version: 2 });
  });

  it("tabs a second plan's canvas beside the channel canvas, recreates one that was deleted, and refuses a plan that is not approved", async () => {
    h = await startHarness();
    const first = await approvedPlan(h);
    await saveAsCanvas(first);
    const second = await approvedPlan(h, undefined, 'Summer follow-up');
    await saveAsCanvas(second, ALICE);
    const kinds = [...h.fake.canvases.values()].map((canvas) => canvas.kind).sort();
    expect(kinds).toEqual(['channel', 'standalone']);
    expect((await h.record(second)).canvas?.kind).toBe('standalone');

    // someone deletes the second canvas; the next approved version creates it again
    const record = await h.record(second);
    expect(h.fake.deleteCanvas(record.canvas!.id)).toBe(true);
    await approveNewConcept(second, 'Long summer evenings, cold brew in hand.');
    const recreated = (await h.record(second)).canvas;
    expect(recreated?.id).not.toBe(record.canvas?.id);
    expect(h.fake.canvases.get(recreated!.id)?.markdown).toContain('Long summer evenings');

    // a draft cannot be saved
    await say(h, second, 'change concept');
    expect(en(await h.bot.canvases.save(second, ALICE, h.fake.teamId))).toContain('is not approved (it is being written), so there is nothing to save as a canvas yet.');
  });
});

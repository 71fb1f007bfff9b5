import { afterEach, describe, expect, it } from 'vitest';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { ALICE, CHANNEL, messageText, startHarness, type Harness } from '../support/bot-harness.js';
import { completePlan, startPlan } from '../support/plan-conversation.js';
import { darkPixels, decodePng } from '../support/png.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Json = Record<string, unknown>;
const charts = (blocks: Json[] | undefined) => (blocks ?? []).filter((block) => block.type === 'data_visualization') as (Json & { title: string; chart: Json })[];

async function postedPlan(): Promise<string> {
  const planId = await startPlan(h, ALICE, CHANNEL);
  await completePlan(h, planId);
  await h.settle();
  return planId;
}

function budgetMessageOf(planTs: string | undefined) {
  return h.fake.messages(CHANNEL).find((m) => m.ts === planTs);
}

/** Waits until the file Slack processed asynchronously has been shared in the channel. */
async function sharedFile() {
  return h.fake.waitFor(() => h.fake.messages(CHANNEL).find((m) => m.files?.length) ?? h.fake.channel(CHANNEL)?.messages.find((m) => m.files?.length), { description: 'the chart PNG to be shared' });
}

describe('the budget chart', () => {
  it("adds Slack's native chart to the budget sketch: allocation by channel and spend by phase, adding up to the sketch", async () => {
    h = await startHarness();
    const planId = await postedPlan();
    const version = (await h.record(planId)).versions.at(-1);
    const budget = budgetMessageOf(version?.budgetTs);
    const [allocation, phases] = charts(budget?.blocks);
    expect(allocation?.title).toMatch(/^Allocation of ¥[\d,]+ by channel$/);
    expect(phases?.title).toBe('Paid spend by phase');
    const series = (allocation?.chart.series as { name: string; data: { label: string; value: number }[] }[])[0];
    const sketch = buildBudgetSketch(version!.plan);
    expect(series?.data.map((point) => point.label)).toContain('Search ads');
    expect(series?.data.reduce((sum, point) => sum + point.value, 0)).toBeCloseTo((sketch?.total ?? 0) / 100, 2);
    // the text sketch stays, for screen readers and notifications
    expect(budget?.text).toContain('Budget sketch');
    expect(messageText(budget)).toContain('Search ads');
    // no image was needed
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('shares a PNG of the same chart where Slack refuses the chart block, and never points a block at the file before Slack has processed it', async () => {
    h = await startHarness({ fake: { unsupportedBlocks: ['data_visualization'], fileProcessingMs: 80 } });
    const planId = await postedPlan();
    const version = (await h.record(planId)).versions.at(-1);
    const budget = budgetMessageOf(version?.budgetTs);
    expect(charts(budget?.blocks)).toEqual([]);
    expect(messageText(budget)).toContain('Search ads');
    const shared = await sharedFile();
    expect(shared?.text).toContain('Budget: Spring cold brew launch (v1)');
    expect(shared?.thread_ts).toBeUndefined();
    const file = h.fake.files.get(String(shared?.files?.[0]?.id));
    expect(file?.filename).toBe(`budget-${planId}-v1.png`);
    expect(file?.altText).toContain('Budget: Spring cold brew launch (v1)');
    const image = decodePng(file?.bytes ?? Buffer.alloc(0));
    expect(image.width).toBe(1760);
    expect(image.height).toBeGreaterThan(600);
    expect(image.height).toBeLessThan(2000);
    expect(darkPixels(image, { x: 0, y: 0, width: image.width, height: image.height })).toBeGreaterThan(5_000);
    // no message or update ever carried an image block with the file (it would fail with invalid_blocks)
    const referencing = h.fake.calls.filter((call) => call.method.startsWith('chat.') && JSON.stringify(call.args).includes(String(file?.id)));
    expect(referencing).toEqual([]);
    expect(h.fake.calls.some((call) => call.response?.body.error === 'invalid_blocks' && call.method === 'chat.postMessage')).toBe(false);
  });

  it('follows IMC_BUDGET_CHART: image shares only the PNG, off shows no chart', async () => {
    h = await startHarness({ env: { IMC_BUDGET_CHART: 'image' } });
    const planId = await postedPlan();
    expect(charts(budgetMessageOf((await h.record(planId)).versions.at(-1)?.budgetTs)?.blocks)).toEqual([]);
    expect((await sharedFile())?.files).toHaveLength(1);
    await h.close();

    h = await startHarness({ env: { IMC_BUDGET_CHART: 'off' } });
    const quiet = await postedPlan();
    expect(charts(budgetMessageOf((await h.record(quiet)).versions.at(-1)?.budgetTs)?.blocks)).toEqual([]);
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    expect((await h.record(quiet)).outbox).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildBudgetSketch } from '../../../src/domain/budget/budget.js';
import type { Channel, PlanDraft } from '../../../src/domain/plan/plan.js';
import { PlanDraftSchema } from '../../../src/domain/plan/plan.js';

const channels: Channel[] = [
  { id: 'paid-search-ads', name: 'Search ads', media: 'paid', stages: ['information-search', 'purchase-decision'] },
  { id: 'paid-dsp', name: 'Programmatic display', media: 'paid', stages: ['need-recognition'] },
  { id: 'owned-wechat', name: 'WeChat official account', media: 'owned', stages: ['post-purchase'] },
  { id: 'earned-reviews', name: 'Reviews and word of mouth', media: 'earned', stages: ['evaluation'] },
];

/** A funnel plan shaped the way the conversation stores it. */
function funnelDraft(overrides: Partial<PlanDraft['budget']> = {}, draft: Record<string, unknown> = {}): PlanDraft {
  return PlanDraftSchema.parse({
    primaryObjective: 'purchase-intention',
    audience: { description: 'Office workers comparing coffee machines', stage: 'purchase-decision' },
    channels,
    budget: {
      currency: 'CNY',
      funnel: { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 },
      ...overrides,
    },
    startDate: '2026-06-01',
    endDate: '2026-06-30',
    ...draft,
  });
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('buildBudgetSketch', () => {
  it('sketches the worked case end to end', () => {
    const sketch = buildBudgetSketch(funnelDraft());
    expect(sketch).toBeDefined();
    if (!sketch) return;
    expect(sketch).toMatchObject({ currency: 'CNY', model: 'funnel', required: 20_000_000, workingBudget: 20_000_000, reserve: 2_000_000 });
    expect(sketch.funnel).toMatchObject({ visits: 100_000, orders: 1000 });
    expect(sketch.roci).toMatchObject({ costPerOrder: 20_000, exceeds: false });
    expect(sketch.comparison).toBeUndefined();
    expect(sketch.reach).toBeUndefined();
    expect(sketch.reserve + sum(sketch.allocations.map((a) => a.amount))).toBe(sketch.workingBudget);
    expect(sketch.allocations.find((a) => a.media === 'earned')?.amount).toBe(0);
    const paid = sum(sketch.allocations.filter((a) => a.media === 'paid').map((a) => a.amount));
    expect(sum(sketch.phases.map((p) => p.amount))).toBe(paid);
    expect(sketch.phases.map((p) => p.id)).toEqual(['warm-up', 'launch', 'sustain']);
    expect(sketch.phases[0]?.start).toBe('2026-06-01');
    expect(sketch.phases[2]?.end).toBe('2026-06-30');
  });

  it('allocates the available money when given and compares it', () => {
    const sketch = buildBudgetSketch(funnelDraft({ available: 15_000_001 }));
    expect(sketch?.workingBudget).toBe(15_000_001);
    expect(sketch?.comparison).toMatchObject({ status: 'shortfall', difference: -4_999_999, achievable: { visits: 75_000 } });
    expect(sketch && sketch.reserve + sum(sketch.allocations.map((a) => a.amount))).toBe(15_000_001);
  });

  it('handles a team with no money at all', () => {
    const sketch = buildBudgetSketch(funnelDraft({ available: 0 }));
    expect(sketch).toMatchObject({ workingBudget: 0, reserve: 0, comparison: { status: 'shortfall' } });
    expect(sketch?.allocations.every((a) => a.amount === 0 && a.share === 0)).toBe(true);
  });

  it('uses the reach model for awareness objectives', () => {
    const draft = funnelDraft(
      { funnel: undefined, reach: { audienceSize: 1_000_000, reachRate: 0.6, frequency: 3, cpm: 3000 }, reserveRate: 0.2 },
      { primaryObjective: 'brand-awareness' },
    );
    const sketch = buildBudgetSketch(draft);
    expect(sketch).toMatchObject({ model: 'reach', required: 5_400_000, reserve: 1_080_000, reach: { impressions: 1_800_000 } });
    expect(sketch?.funnel).toBeUndefined();
    expect(sketch?.roci).toBeUndefined();
  });

  it('keeps the whole working budget in reserve when only earned media is chosen', () => {
    const sketch = buildBudgetSketch(funnelDraft({}, { channels: [channels[3]] }));
    expect(sketch).toMatchObject({ reserve: 20_000_000, allocations: [{ channelId: 'earned-reviews', amount: 0 }] });
    expect(sketch?.phases.map((p) => p.amount)).toEqual([0, 0, 0]);
  });

  it('gives no phases without dates or with reversed dates, but still sketches', () => {
    expect(buildBudgetSketch(funnelDraft({}, { startDate: undefined }))?.phases).toEqual([]);
    expect(buildBudgetSketch(funnelDraft({}, { startDate: '2026-07-01', endDate: '2026-06-01' }))?.phases).toEqual([]);
  });

  it('uses the funnel inputs for category demand too', () => {
    expect(buildBudgetSketch(funnelDraft({}, { primaryObjective: 'category-demand' }))?.model).toBe('funnel');
  });

  it.each<[string, PlanDraft]>([
    ['no budget', { ...funnelDraft(), budget: undefined }],
    ['no funnel inputs', funnelDraft({ funnel: undefined })],
    ['reach inputs only for a funnel objective', funnelDraft({ funnel: undefined, reach: { audienceSize: 1, reachRate: 1, frequency: 1, cpm: 1 } })],
    ['funnel inputs only for an awareness objective', funnelDraft({}, { primaryObjective: 'brand-awareness' })],
    ['a conversion rate typed as 2', funnelDraft({ funnel: { targetRevenue: 1000, averageOrderValue: 100, conversionRate: 2, costPerVisit: 1 } })],
    ['a zero cost per visit', funnelDraft({ funnel: { targetRevenue: 1000, averageOrderValue: 100, conversionRate: 0.02, costPerVisit: 0 } })],
    ['a negative available budget', funnelDraft({ available: -100 })],
    ['an unknown currency', { ...funnelDraft(), budget: { ...funnelDraft().budget!, currency: 'XYZ' as 'CNY' } }],
    ['a budget too large to count exactly', funnelDraft({ funnel: { targetRevenue: Number.MAX_SAFE_INTEGER, averageOrderValue: 1, conversionRate: 0.000001, costPerVisit: 1000 } })],
    ['more impressions than can be counted exactly', funnelDraft({ funnel: undefined, reach: { audienceSize: Number.MAX_SAFE_INTEGER, reachRate: 1, frequency: 1000, cpm: 1 } }, { primaryObjective: 'brand-awareness' })],
  ])('gives no sketch for %s', (_label, draft) => {
    expect(buildBudgetSketch(draft)).toBeUndefined();
  });

  it('copes with a hand-built draft that skipped schema defaults', () => {
    const raw = { budget: { currency: 'USD', reach: { audienceSize: 1000, reachRate: 0.5, frequency: 2, cpm: 500 } } } as unknown as PlanDraft;
    expect(buildBudgetSketch(raw)).toMatchObject({ model: 'reach', required: 500, reserve: 500, allocations: [], phases: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { analyseBudget, buildBudgetSketch, budgetModelOf } from '../../../src/domain/budget/budget.js';
import type { BudgetSketch, MoneyLines } from '../../../src/domain/budget/budget-types.js';
import type { Channel, PlanDraft } from '../../../src/domain/plan/plan.js';
import { PlanDraftSchema } from '../../../src/domain/plan/plan.js';

export const SEARCH: Channel = { id: 'paid-search-ads', name: 'Search ads', media: 'paid', stages: ['information-search', 'evaluation', 'purchase-decision'] };
const ECOMMERCE: Channel = { id: 'paid-ecommerce-ads', name: 'E-commerce ads', media: 'paid', stages: ['evaluation', 'purchase-decision'] };
const DSP: Channel = { id: 'paid-dsp', name: 'Programmatic display', media: 'paid', stages: ['need-recognition'] };
const SOCIAL: Channel = { id: 'paid-social-ads', name: 'Social ads', media: 'paid', stages: ['need-recognition', 'information-search'] };
const WEBSITE: Channel = { id: 'owned-website', name: 'Website', media: 'owned', stages: ['information-search', 'evaluation', 'purchase-decision'] };
const CRM: Channel = { id: 'owned-email-crm', name: 'Email and CRM', media: 'owned', stages: ['purchase-decision', 'post-purchase'] };
const REVIEWS: Channel = { id: 'earned-reviews', name: 'Reviews and word of mouth', media: 'earned', stages: ['information-search', 'evaluation'] };

/** Seed 004's worked case as a plan: ¥1,000,000 at 1 % × ¥1,000 and ¥2 a visit, bought on search ads. */
function workedCase(budget: Record<string, unknown> = {}, draft: Record<string, unknown> = {}): PlanDraft {
  return PlanDraftSchema.parse({
    primaryObjective: 'purchase-intention',
    audience: { description: 'Office workers comparing coffee machines', stage: 'purchase-decision' },
    channels: [WEBSITE, SEARCH, REVIEWS],
    budget: {
      currency: 'CNY',
      funnel: { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 },
      ...budget,
    },
    startDate: '2027-01-05',
    endDate: '2027-03-31',
    ...draft,
  });
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const taskLines = (lines: MoneyLines) => [...(lines.traffic?.lines ?? []), ...(lines.reach?.lines ?? []), ...(lines.retention?.lines ?? [])];

/** Every line of the total adds up to it, and the sketch's total is the money available or the need. */
function expectCloses(sketch: BudgetSketch): void {
  for (const lines of [sketch.need, sketch.funded]) {
    const unplaced = (lines.traffic?.unplaced ?? 0) + (lines.reach?.unplaced ?? 0) + (lines.retention?.unplaced ?? 0);
    expect(sum(taskLines(lines).map((l) => l.amount)) + unplaced).toBe(lines.working);
    expect(lines.working + lines.nonMediaTotal + (lines.incentive?.amount ?? 0) + lines.reserve).toBe(lines.total);
    expect(sum(lines.nonMedia.map((l) => l.amount))).toBe(lines.nonMediaTotal);
  }
  expect(sketch.funded.total + sketch.unallocated).toBe(sketch.available ?? sketch.need.total);
}

function sketchOf(draft: PlanDraft): BudgetSketch {
  const sketch = buildBudgetSketch(draft);
  if (!sketch) throw new Error('expected a sketch');
  expectCloses(sketch);
  return sketch;
}

describe('the worked case (seed 004)', () => {
  it('needs 100,000 visits and ¥200,000 of working media, all of it on search ads; with the 10 % reserve, ¥220,000', () => {
    const sketch = sketchOf(workedCase());
    expect(sketch.model).toBe('funnel');
    expect(sketch.need.traffic).toMatchObject({ visits: 100_000, orders: 1000, workingMedia: 20_000_000, unplaced: 0 });
    expect(sketch.need.traffic?.lines).toEqual([
      expect.objectContaining({ channelId: 'paid-search-ads', units: 100_000, unitCost: 200, costSource: 'plan', amount: 20_000_000 }),
    ]);
    expect(sketch.need).toMatchObject({ working: 20_000_000, nonMediaTotal: 0, reserve: 2_000_000, total: 22_000_000 });
    expect(sketch.status).toBe('unknown');
    expect(sketch.achieves).toEqual({ visits: 100_000, orders: 1000, revenue: 100_000_000 });
  });

  it('with ¥250,000 available and ¥20,000 of content: search ads gets its ¥200,000, the rest is content ¥20,000, reserve ¥20,000 and ¥10,000 unallocated', () => {
    const sketch = sketchOf(workedCase({ available: 25_000_000, nonMedia: [{ kind: 'content', amount: 2_000_000 }] }));
    expect(sketch.status).toBe('enough');
    expect(sketch.funded.traffic?.lines[0]?.amount).toBe(20_000_000);
    expect(sketch.funded).toMatchObject({ working: 20_000_000, nonMediaTotal: 2_000_000, reserve: 2_000_000, total: 24_000_000 });
    expect(sketch.unallocated).toBe(1_000_000);
    expect(sketch.total).toBe(25_000_000);
    // What the money achieves comes from the ¥200,000 on search ads: the target, not ¥1,250,000.
    expect(sketch.achieves.revenue).toBe(100_000_000);
  });

  it('owned and earned channels get no media money: they are not among the buying lines', () => {
    const sketch = sketchOf(workedCase({ available: 25_000_000 }));
    expect(taskLines(sketch.funded).map((l) => l.channelId)).toEqual(['paid-search-ads']);
  });

  it('with exactly the need available there is nothing unallocated', () => {
    const sketch = sketchOf(workedCase({ available: 22_000_000 }));
    expect(sketch).toMatchObject({ status: 'exact', unallocated: 0, gap: 0, coverage: 1 });
  });
});

describe('when the money is short', () => {
  it('funds the most whole visits that fit: ¥150,000 with ¥20,000 of content buys 59,090 visits (¥118,180 + ¥11,818 reserve), ¥2 unallocated', () => {
    // W × 1.1 + ¥20,000 ≤ ¥150,000 -> W ≤ ¥118,181.81 -> 59,090 visits at ¥2. One more visit costs ¥2.20 with its reserve.
    const sketch = sketchOf(workedCase({ available: 15_000_000, nonMedia: [{ kind: 'content', amount: 2_000_000 }] }));
    expect(sketch.status).toBe('shortfall');
    expect(sketch.gap).toBe(9_000_000);
    expect(sketch.coverage).toBeCloseTo(0.625, 9);
    expect(sketch.funded.traffic).toMatchObject({ visits: 59_090, workingMedia: 11_818_000 });
    expect(sketch.funded).toMatchObject({ nonMediaTotal: 2_000_000, reserve: 1_181_800, total: 14_999_800 });
    expect(sketch.unallocated).toBe(200);
    // 59,090 visits × 1 % = 590.9 orders × ¥1,000 = ¥590,900.
    expect(sketch.achieves).toEqual({ visits: 59_090, orders: 590.9, revenue: 59_090_000 });
    // The need is still shown in full next to what is funded.
    expect(sketch.need.total).toBe(24_000_000);
  });

  it('pays the non-media lines first and shares the money between them when even they do not fit', () => {
    const sketch = sketchOf(workedCase({ available: 3_000_000, nonMedia: [{ kind: 'production', amount: 3_000_000 }, { kind: 'pr', amount: 1_000_000 }] }));
    expect(sketch.funded.traffic?.visits).toBe(0);
    expect(sketch.funded.nonMedia.map((l) => l.amount)).toEqual([2_250_000, 750_000]);
    expect(sketch.unallocated).toBe(0);
    expect(sketch.achieves).toMatchObject({ visits: 0, revenue: 0 });
  });

  it('handles a team with no money at all', () => {
    const sketch = sketchOf(workedCase({ available: 0 }));
    expect(sketch).toMatchObject({ status: 'shortfall', unallocated: 0, coverage: 0, total: 0 });
    expect(sketch.achieves.visits).toBe(0);
  });
});

describe('the buying channels and their own costs', () => {
  it('splits the visits by stage fit and prices each channel at its own cost per visit', () => {
    // Weights 6 (on stage), 6, 2 (off stage) of 100,000 visits: 42,857, 42,857 and 14,286 (largest remainder).
    // Search 42,857 × ¥2 = ¥85,714; e-commerce 42,857 × ¥1.50 = ¥64,285.50; display 14,286 × ¥2 = ¥28,572. Sum ¥178,571.50.
    const draft = workedCase(
      { channelCosts: [{ channelId: 'paid-ecommerce-ads', costPerVisit: 150 }] },
      { channels: [SEARCH, ECOMMERCE, DSP, WEBSITE] },
    );
    const sketch = sketchOf(draft);
    expect(sketch.need.traffic?.lines.map((l) => [l.channelId, l.units, l.unitCost, l.costSource, l.amount, l.stageFit])).toEqual([
      ['paid-search-ads', 42_857, 200, 'plan', 8_571_400, 'reaches-stage'],
      ['paid-ecommerce-ads', 42_857, 150, 'channel', 6_428_550, 'reaches-stage'],
      ['paid-dsp', 14_286, 200, 'plan', 2_857_200, 'off-stage'],
    ]);
    expect(sketch.need.working).toBe(17_857_150);
  });

  it('judges stage fit against the journey when the plan has one', () => {
    const sketch = sketchOf(workedCase({}, { channels: [SEARCH, DSP], journey: ['need-recognition', 'purchase-decision'] }));
    expect(sketch.need.traffic?.lines.map((l) => l.stageFit)).toEqual(['reaches-stage', 'reaches-stage']);
    expect(sketch.need.traffic?.lines.map((l) => l.units)).toEqual([50_000, 50_000]);
  });

  it('keeps the money for visits no paid channel can buy as unplaced, and counts nothing bought from it', () => {
    const sketch = sketchOf(workedCase({ available: 30_000_000 }, { channels: [WEBSITE, REVIEWS] }));
    expect(sketch.need.traffic).toMatchObject({ lines: [], unplaced: 20_000_000, workingMedia: 20_000_000 });
    expect(sketch.achieves).toMatchObject({ visits: 0, orders: 0, revenue: 0 });
    expect(sketch.planned.visits).toBe(100_000);
  });
});

describe('the other tasks', () => {
  it('reach: 1,000,000 × 60 % × 3 = 1,800,000 impressions at ¥30 CPM = ¥54,000, on the paid channel only', () => {
    const draft = workedCase(
      { funnel: undefined, reach: { audienceSize: 1_000_000, reachRate: 0.6, frequency: 3, cpm: 3000 }, reserveRate: 0.2 },
      { primaryObjective: 'brand-awareness', audience: { description: 'x', stage: 'need-recognition' }, channels: [SOCIAL, CRM] },
    );
    const sketch = sketchOf(draft);
    expect(sketch.model).toBe('reach');
    expect(sketch.need.reach?.lines.map((l) => [l.channelId, l.units, l.amount])).toEqual([['paid-social-ads', 1_800_000, 5_400_000]]);
    expect(sketch.need).toMatchObject({ working: 5_400_000, reserve: 1_080_000, total: 6_480_000 });
    expect(sketch.profit).toBeUndefined();
  });

  it('reach with no paid channel: no media money and no impressions, only the non-media lines', () => {
    const draft = workedCase(
      { funnel: undefined, reach: { audienceSize: 1_000_000, reachRate: 0.6, frequency: 3, cpm: 3000 }, nonMedia: [{ kind: 'content', amount: 800_000 }] },
      { primaryObjective: 'brand-awareness', channels: [CRM, REVIEWS] },
    );
    const sketch = sketchOf(draft);
    expect(sketch.need.reach).toBeUndefined();
    expect(sketch.need).toMatchObject({ working: 0, reserve: 0, nonMediaTotal: 800_000, total: 800_000 });
  });

  it('retention: 3,000 customers × 3 contacts at ¥0.50 = ¥4,500 on CRM; 10 % uplift = 300 extra orders × ¥120 = ¥36,000', () => {
    const draft = workedCase(
      { funnel: undefined, retention: { baseCustomers: 3000, repeatRateUplift: 0.1, costPerContact: 50, averageOrderValue: 12_000 } },
      { audience: { description: 'Last year’s buyers', stage: 'post-purchase' }, channels: [CRM, REVIEWS] },
    );
    const sketch = sketchOf(draft);
    expect(sketch.model).toBe('retention');
    expect(sketch.need.retention).toMatchObject({ customers: 3000, contactsPerCustomer: 3, contacts: 9000, extraOrders: 300, workingMedia: 450_000 });
    expect(sketch.need.retention?.lines.map((l) => [l.channelId, l.units, l.amount])).toEqual([['owned-email-crm', 9000, 450_000]]);
    expect(sketch.planned).toMatchObject({ customers: 3000, extraOrders: 300, orders: 300, revenue: 3_600_000 });
    // Cost per extra order ¥15 against ¥120 of revenue.
    expect(sketch.profit).toMatchObject({ task: 'retention', mediaCostPerOrder: 1500, basis: 'revenue', exceeds: false });
  });

  it('picks the model from the objective and the stage', () => {
    expect(budgetModelOf(workedCase())).toBe('funnel');
    expect(budgetModelOf(workedCase({}, { primaryObjective: 'category-demand' }))).toBe('funnel');
    expect(budgetModelOf(workedCase({}, { primaryObjective: 'brand-attitude' }))).toBe('reach');
    expect(budgetModelOf(workedCase({ funnel: undefined }, { audience: { description: 'x', stage: 'post-purchase' } }))).toBe('retention');
    // A stored post-purchase plan that only has funnel inputs keeps its funnel.
    expect(budgetModelOf(workedCase({}, { audience: { description: 'x', stage: 'post-purchase' } }))).toBe('funnel');
    expect(budgetModelOf(workedCase({}, { primaryObjective: undefined }))).toBeUndefined();
  });
});

describe('the incentive, non-media and reserve lines', () => {
  it('costs the incentive for every order unless the plan estimates redemptions: ¥120 × 1,000 orders = ¥120,000', () => {
    const draft = workedCase({}, { messageType: 'both', incentive: { mechanic: 'discount', value: 12_000, stages: [] } });
    expect(sketchOf(draft).need.incentive).toEqual({ value: 12_000, redemptions: 1000, estimated: false, amount: 12_000_000 });
    const estimated = workedCase({}, { messageType: 'both', incentive: { value: 12_000, expectedRedemptions: 400, stages: [] } });
    expect(sketchOf(estimated).need.incentive).toEqual({ value: 12_000, redemptions: 400, estimated: true, amount: 4_800_000 });
  });

  it('costs no incentive for a brand message, whatever the incentive answers say', () => {
    expect(sketchOf(workedCase({}, { messageType: 'brand', incentive: { value: 12_000, stages: [] } })).need.incentive).toBeUndefined();
  });

  it('keeps the reserve to the working money at the plan’s rate, clamped to 0–100 %', () => {
    expect(sketchOf(workedCase({ reserveRate: 0.25 })).need.reserve).toBe(5_000_000);
    expect(sketchOf(workedCase({ reserveRate: 3 })).need.reserve).toBe(20_000_000);
    expect(sketchOf(workedCase({ reserveRate: -1 })).need.reserve).toBe(0);
  });
});

describe('no sketch', () => {
  it.each<[string, PlanDraft]>([
    ['no budget', { ...workedCase(), budget: undefined }],
    ['no funnel inputs', workedCase({ funnel: undefined })],
    ['reach inputs only for a funnel objective', workedCase({ funnel: undefined, reach: { audienceSize: 1, reachRate: 1, frequency: 1, cpm: 1 } })],
    ['funnel inputs only for an awareness objective with paid media', workedCase({}, { primaryObjective: 'brand-awareness' })],
    ['a conversion rate typed as 2', workedCase({ funnel: { targetRevenue: 1000, averageOrderValue: 100, conversionRate: 2, costPerVisit: 1 } })],
    ['a zero cost per visit', workedCase({ funnel: { targetRevenue: 1000, averageOrderValue: 100, conversionRate: 0.02, costPerVisit: 0 } })],
    ['a negative available budget', workedCase({ available: -100 })],
    ['an unknown currency', { ...workedCase(), budget: { ...workedCase().budget!, currency: 'XYZ' as 'CNY' } }],
  ])('for %s', (_label, draft) => {
    expect(buildBudgetSketch(draft)).toBeUndefined();
  });

  it('names the problem when the figures are too large to count, instead of asking for inputs that were given', () => {
    const huge = workedCase({ funnel: { targetRevenue: Number.MAX_SAFE_INTEGER, averageOrderValue: 1, conversionRate: 0.000001, costPerVisit: 1000 } });
    expect(analyseBudget(huge).model).toBe('funnel');
    expect(analyseBudget(huge).sketch).toBeUndefined();
    expect(analyseBudget(huge).problems).toContainEqual({ code: 'cannot-compute', task: 'traffic' });
    const impressions = workedCase(
      { funnel: undefined, reach: { audienceSize: Number.MAX_SAFE_INTEGER, reachRate: 1, frequency: 1000, cpm: 1 } },
      { primaryObjective: 'brand-awareness', channels: [SOCIAL] },
    );
    expect(analyseBudget(impressions).problems).toContainEqual({ code: 'cannot-compute', task: 'reach' });
  });

  it('copes with a hand-built draft that skipped schema defaults', () => {
    const raw = {
      primaryObjective: 'brand-awareness',
      channels: [SOCIAL],
      budget: { currency: 'USD', reach: { audienceSize: 1000, reachRate: 0.5, frequency: 2, cpm: 500 } },
    } as unknown as PlanDraft;
    // 1,000 impressions at $5 CPM = $5; the reserve defaults to 10 %: 50 cents.
    expect(buildBudgetSketch(raw)).toMatchObject({ model: 'reach', need: { working: 500, reserve: 50, total: 550 }, phases: [] });
  });
});

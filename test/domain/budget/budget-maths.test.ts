import { describe, expect, it } from 'vitest';
import {
  compareBudget,
  funnelMaths,
  isValidFunnelInputs,
  isValidReachInputs,
  reachMaths,
  rociCheck,
} from '../../../src/domain/budget/budget.js';
import type { FunnelInputs } from '../../../src/domain/plan/plan.js';

// Seed 004's worked case, in fen: ¥2 a visit, 1 % conversion, ¥1,000 AOV, ¥1,000,000 target.
const worked: FunnelInputs = { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 };

describe('funnelMaths', () => {
  it('gives exactly the worked case: 100,000 visits, 1,000 orders, ¥200,000', () => {
    const maths = funnelMaths(worked);
    expect(maths.visits).toBe(100_000);
    expect(maths.orders).toBe(1000);
    expect(maths.mediaBudget).toBe(20_000_000);
    expect(maths.costPerOrder).toBe(20_000);
  });

  it('rounds visits up to whole visits when the target does not divide evenly', () => {
    // 1,000,000 / (0.07 × 1,000) = 14,285.71… so 14,286 visits; 14,286 × ¥2 = ¥28,572.
    const maths = funnelMaths({ ...worked, conversionRate: 0.07 });
    expect(maths.visits).toBe(14_286);
    expect(maths.orders).toBeCloseTo(1000.02, 9);
    expect(maths.mediaBudget).toBe(2_857_200);
    // ¥28,572 / 1,000.02 orders = ¥28.5714… -> 2,857 fen.
    expect(maths.costPerOrder).toBe(2857);
  });

  it.each([
    // conversion, AOV, target, visits by hand; plain floating point gets one visit too many on each
    [0.029, 4463, 129_427, 1000],
    [0.03, 12_345, 37_035, 100],
    [0.013, 4999, 6_498_700, 100_000],
    [0.3, 1999, 59_970, 100],
    [0.023, 100, 230, 100],
    [0.15, 1999, 29_985_000, 100_000],
  ])('does not buy a phantom visit from float noise (conversion %d, AOV %d, target %d)', (rate, aov, target, visits) => {
    const maths = funnelMaths({ targetRevenue: target, averageOrderValue: aov, conversionRate: rate, costPerVisit: 50 });
    expect(maths.visits).toBe(visits);
    expect(maths.mediaBudget).toBe(visits * 50);
  });

  it('keeps exact multiples exact at 7 % and 2.9 %', () => {
    // 7,000,000 / (0.07 × 10,000) = 10,000 exactly; 2,900,000 / (0.029 × 100,000) = 1,000 exactly.
    expect(funnelMaths({ targetRevenue: 7_000_000, averageOrderValue: 10_000, conversionRate: 0.07, costPerVisit: 1 }).visits).toBe(10_000);
    expect(funnelMaths({ targetRevenue: 2_900_000, averageOrderValue: 100_000, conversionRate: 0.029, costPerVisit: 1 }).visits).toBe(1000);
  });

  it('needs one visit when a single order covers the target at 100 % conversion', () => {
    const maths = funnelMaths({ targetRevenue: 1, averageOrderValue: 100, conversionRate: 1, costPerVisit: 300 });
    expect(maths).toMatchObject({ visits: 1, orders: 1, mediaBudget: 300, costPerOrder: 300 });
  });
});

describe('reachMaths', () => {
  it('works out impressions and CPM budget by hand', () => {
    // 1,000,000 × 60 % × 3 = 1,800,000 impressions; 1,800 × ¥30 CPM = ¥54,000.
    const maths = reachMaths({ audienceSize: 1_000_000, reachRate: 0.6, frequency: 3, cpm: 3000 });
    expect(maths.impressions).toBe(1_800_000);
    expect(maths.mediaBudget).toBe(5_400_000);
  });

  it('rounds impressions and money up', () => {
    // 333 × 0.5 × 1 = 166.5 -> 167 impressions; 167 / 1000 × 1,001 = 167.167 -> 168.
    const maths = reachMaths({ audienceSize: 333, reachRate: 0.5, frequency: 1, cpm: 1001 });
    expect(maths.impressions).toBe(167);
    expect(maths.mediaBudget).toBe(168);
  });

  it('does not round float noise up to an extra impression', () => {
    // 1,000,000 × 10 % × 1.1 is 110,000.00000000001 in floating point.
    expect(reachMaths({ audienceSize: 1_000_000, reachRate: 0.1, frequency: 1.1, cpm: 1000 }).impressions).toBe(110_000);
    expect(reachMaths({ audienceSize: 1_000_000, reachRate: 0.029, frequency: 1.1, cpm: 1000 }).impressions).toBe(31_900);
  });
});

describe('compareBudget', () => {
  const funnel = funnelMaths(worked);

  it('shows a shortfall and what the smaller budget still buys', () => {
    const comparison = compareBudget(20_000_000, 15_000_000, funnel);
    expect(comparison).toMatchObject({ difference: -5_000_000, status: 'shortfall' });
    // ¥150,000 / ¥2 = 75,000 visits -> 750 orders -> ¥750,000.
    expect(comparison.achievable).toEqual({ visits: 75_000, orders: 750, revenue: 75_000_000 });
  });

  it('shows a surplus and an exact match', () => {
    expect(compareBudget(20_000_000, 20_000_001, funnel)).toMatchObject({ difference: 1, status: 'surplus' });
    const exact = compareBudget(20_000_000, 20_000_000, funnel);
    expect(exact.status).toBe('exact');
    expect(exact.achievable).toEqual({ visits: 100_000, orders: 1000, revenue: 100_000_000 });
  });

  it('buys whole visits only', () => {
    // 399 fen at 200 fen a visit is one visit, 0.01 orders, ¥10 of revenue.
    expect(compareBudget(20_000_000, 399, funnel).achievable).toEqual({ visits: 1, orders: 0.01, revenue: 1000 });
  });

  it('reports reach the money buys at the planned frequency, capped at the whole audience', () => {
    const reach = reachMaths({ audienceSize: 1_000_000, reachRate: 0.6, frequency: 3, cpm: 3000 });
    // ¥27,000 buys 900,000 impressions; at 3 each that is 300,000 people, 30 %.
    expect(compareBudget(reach.mediaBudget, 2_700_000, reach).achievable).toEqual({ impressions: 900_000, reachRate: 0.3 });
    // Ten times the money would reach 300 %: capped to everyone.
    expect(compareBudget(reach.mediaBudget, 90_000_000, reach).achievable.reachRate).toBe(1);
  });

  it('treats zero or negative money as buying nothing', () => {
    expect(compareBudget(20_000_000, 0, funnel).achievable).toEqual({ visits: 0, orders: 0, revenue: 0 });
    expect(compareBudget(20_000_000, -500, funnel)).toMatchObject({ status: 'shortfall', achievable: { visits: 0 } });
  });
});

describe('rociCheck', () => {
  it('passes when an order costs less than it is worth', () => {
    expect(rociCheck(funnelMaths(worked))).toEqual({
      costPerOrder: 20_000,
      valuePerOrder: 100_000,
      valueBasis: 'average-order-value',
      exceeds: false,
    });
  });

  it('flags an order that costs more than the average order value', () => {
    // ¥20 a visit at 1 %: ¥2,000 per order against a ¥1,000 order.
    const roci = rociCheck(funnelMaths({ ...worked, costPerVisit: 2000 }));
    expect(roci).toMatchObject({ costPerOrder: 200_000, exceeds: true });
  });

  it('judges against the customer value when given, both ways', () => {
    const dear = { ...worked, costPerVisit: 2000 };
    expect(rociCheck(funnelMaths({ ...dear, customerValue: 500_000 }))).toMatchObject({
      valuePerOrder: 500_000,
      valueBasis: 'customer-value',
      exceeds: false,
    });
    expect(rociCheck(funnelMaths({ ...worked, customerValue: 10_000 })).exceeds).toBe(true);
  });
});

describe('input validation', () => {
  it('accepts sound inputs', () => {
    expect(isValidFunnelInputs(worked)).toBe(true);
    expect(isValidReachInputs({ audienceSize: 10, reachRate: 1, frequency: 0.5, cpm: 1 })).toBe(true);
  });

  it.each([
    ['zero target', { ...worked, targetRevenue: 0 }],
    ['negative AOV', { ...worked, averageOrderValue: -1 }],
    ['fractional cost per visit', { ...worked, costPerVisit: 1.5 }],
    ['conversion of 2 (meant 2 %)', { ...worked, conversionRate: 2 }],
    ['zero conversion', { ...worked, conversionRate: 0 }],
    ['NaN conversion', { ...worked, conversionRate: Number.NaN }],
    ['vanishing conversion', { ...worked, conversionRate: 1e-12 }],
    ['zero customer value', { ...worked, customerValue: 0 }],
    ['infinite target', { ...worked, targetRevenue: Number.POSITIVE_INFINITY }],
  ])('rejects funnel inputs with %s', (_label, inputs) => {
    expect(isValidFunnelInputs(inputs)).toBe(false);
  });

  it('rejects broken reach inputs', () => {
    const good = { audienceSize: 10, reachRate: 0.5, frequency: 2, cpm: 1 };
    expect(isValidReachInputs(undefined)).toBe(false);
    expect(isValidReachInputs({ ...good, reachRate: 1.5 })).toBe(false);
    expect(isValidReachInputs({ ...good, frequency: 0 })).toBe(false);
    expect(isValidReachInputs({ ...good, frequency: Number.POSITIVE_INFINITY })).toBe(false);
    expect(isValidReachInputs({ ...good, audienceSize: 0 })).toBe(false);
    expect(isValidReachInputs({ ...good, cpm: -3 })).toBe(false);
  });
});

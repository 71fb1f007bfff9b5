import { describe, expect, it } from 'vitest';
import { isValidFunnelInputs, isValidReachInputs, isValidRetentionInputs } from '../../../src/domain/budget/budget.js';
import { impressionsNeeded, priceOf, visitsNeeded } from '../../../src/domain/budget/budget-tasks.js';
import type { FunnelInputs } from '../../../src/domain/plan/plan.js';

// Seed 004's worked case, in fen: ¥2 a visit, 1 % conversion, ¥1,000 AOV, ¥1,000,000 target.
const worked: FunnelInputs = { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 };

describe('visits the revenue target needs', () => {
  it('gives exactly the worked case: ¥1,000,000 ÷ (1 % × ¥1,000) = 100,000 visits, × ¥2 = ¥200,000', () => {
    expect(visitsNeeded(worked)).toBe(100_000);
    expect(Number(priceOf(100_000, 200, 'visit'))).toBe(20_000_000);
  });

  it('rounds visits up to whole visits when the target does not divide evenly', () => {
    // 1,000,000 / (0.07 × 1,000) = 14,285.71… so 14,286 visits; 14,286 × ¥2 = ¥28,572.
    expect(visitsNeeded({ ...worked, conversionRate: 0.07 })).toBe(14_286);
  });

  it('at the Double 11 baseline: ¥5,000,000 ÷ (2.1 % × ¥399) = 596,730 visits; at the 4 % target 313,284', () => {
    const double11 = { targetRevenue: 500_000_000, averageOrderValue: 39_900, conversionRate: 0.021, costPerVisit: 120 };
    expect(visitsNeeded(double11)).toBe(596_730);
    expect(visitsNeeded({ ...double11, conversionRate: 0.04 })).toBe(313_284);
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
    expect(visitsNeeded({ targetRevenue: target, averageOrderValue: aov, conversionRate: rate, costPerVisit: 50 })).toBe(visits);
  });

  it('keeps exact multiples exact at 7 % and 2.9 %', () => {
    // 7,000,000 / (0.07 × 10,000) = 10,000 exactly; 2,900,000 / (0.029 × 100,000) = 1,000 exactly.
    expect(visitsNeeded({ targetRevenue: 7_000_000, averageOrderValue: 10_000, conversionRate: 0.07, costPerVisit: 1 })).toBe(10_000);
    expect(visitsNeeded({ targetRevenue: 2_900_000, averageOrderValue: 100_000, conversionRate: 0.029, costPerVisit: 1 })).toBe(1000);
  });

  it('needs one visit when a single order covers the target at 100 % conversion', () => {
    expect(visitsNeeded({ targetRevenue: 1, averageOrderValue: 100, conversionRate: 1, costPerVisit: 300 })).toBe(1);
  });
});

describe('impressions the reach goal needs', () => {
  it('works out impressions and their price by hand', () => {
    // 1,000,000 × 60 % × 3 = 1,800,000 impressions; 1,800 × ¥30 CPM = ¥54,000.
    expect(impressionsNeeded({ audienceSize: 1_000_000, reachRate: 0.6, frequency: 3, cpm: 3000 })).toBe(1_800_000);
    expect(Number(priceOf(1_800_000, 3000, 'thousand-impressions'))).toBe(5_400_000);
  });

  it('rounds impressions and money up', () => {
    // 333 × 0.5 × 1 = 166.5 -> 167 impressions; 167 / 1000 × 1,001 = 167.167 -> 168.
    expect(impressionsNeeded({ audienceSize: 333, reachRate: 0.5, frequency: 1, cpm: 1001 })).toBe(167);
    expect(Number(priceOf(167, 1001, 'thousand-impressions'))).toBe(168);
  });

  it('does not round float noise up to an extra impression', () => {
    // 1,000,000 × 10 % × 1.1 is 110,000.00000000001 in floating point.
    expect(impressionsNeeded({ audienceSize: 1_000_000, reachRate: 0.1, frequency: 1.1, cpm: 1000 })).toBe(110_000);
    expect(impressionsNeeded({ audienceSize: 1_000_000, reachRate: 0.029, frequency: 1.1, cpm: 1000 })).toBe(31_900);
  });
});

describe('input validation', () => {
  it('accepts sound inputs', () => {
    expect(isValidFunnelInputs(worked)).toBe(true);
    expect(isValidReachInputs({ audienceSize: 10, reachRate: 1, frequency: 0.5, cpm: 1 })).toBe(true);
    expect(isValidRetentionInputs({ baseCustomers: 3000, repeatRateUplift: 0.1, costPerContact: 50 })).toBe(true);
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

  it('rejects broken retention inputs: an uplift over 100 % would promise more orders than customers', () => {
    const good = { baseCustomers: 3000, repeatRateUplift: 0.1, costPerContact: 50 };
    expect(isValidRetentionInputs({ ...good, repeatRateUplift: 1.5 })).toBe(false);
    expect(isValidRetentionInputs({ ...good, baseCustomers: 0 })).toBe(false);
    expect(isValidRetentionInputs({ ...good, costPerContact: -1 })).toBe(false);
    expect(isValidRetentionInputs({ ...good, costPerContact: 0 })).toBe(false);
    expect(isValidRetentionInputs({ ...good, contactsPerCustomer: 0 })).toBe(false);
  });
});

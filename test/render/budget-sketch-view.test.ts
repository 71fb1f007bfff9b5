import { describe, expect, it } from 'vitest';
import type { BudgetSketch } from '../../src/domain/budget/budget-types.js';
import { PlanSchema, type Plan } from '../../src/domain/plan/plan.js';
import { budgetSketchView } from '../../src/render/budget-sketch-view.js';
import { sampleDraft } from '../fixtures/plans.js';

function samplePlan(): Plan {
  return PlanSchema.parse(sampleDraft());
}

/** Seed 004's worked case: ¥2 a visit, 1 % conversion, ¥1,000 AOV, ¥1,000,000 target. */
function workedCaseSketch(): BudgetSketch {
  return {
    currency: 'CNY',
    model: 'funnel',
    funnel: {
      inputs: { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 },
      visits: 100_000,
      orders: 1_000,
      mediaBudget: 20_000_000,
      costPerOrder: 20_000,
    },
    required: 20_000_000,
    comparison: {
      available: 15_000_000,
      required: 20_000_000,
      difference: -5_000_000,
      status: 'shortfall',
      achievable: { visits: 75_000, orders: 750, revenue: 75_000_000 },
    },
    roci: { costPerOrder: 20_000, valuePerOrder: 100_000, valueBasis: 'average-order-value', exceeds: false },
    workingBudget: 15_000_000,
    reserve: 1_500_000,
    allocations: [
      { channelId: 'paid-search-ads', name: 'Search ads', media: 'paid', stageFit: 'reaches-stage', amount: 13_500_000, share: 0.9 },
      { channelId: 'earned-reviews', name: 'Reviews', media: 'earned', stageFit: 'off-stage', amount: 0, share: 0 },
    ],
    phases: [{ id: 'launch', name: 'Launch', start: '2027-03-01', end: '2027-04-30', amount: 13_500_000 }],
  };
}

describe('budgetSketchView', () => {
  it('spells out the worked funnel case', () => {
    const view = budgetSketchView(samplePlan(), workedCaseSketch());
    expect(view.funnel).toMatchObject({
      targetRevenue: '¥1,000,000',
      conversionRate: '1 %',
      averageOrderValue: '¥1,000',
      visits: '100,000',
      costPerVisit: '¥2',
      budget: '¥200,000',
      orders: '1,000',
      costPerOrder: '¥200',
    });
    expect(view.reach).toBeNull();
  });

  it('names the shortfall and what the available money buys', () => {
    const view = budgetSketchView(samplePlan(), workedCaseSketch());
    expect(view.comparison).toEqual({
      available: '¥150,000',
      required: '¥200,000',
      verdict: 'Shortfall of ¥50,000',
      isShortfall: true,
      achievable: 'about 75,000 visits, 750 orders and ¥750,000 of revenue',
    });
  });

  it('lists allocations with shares, marks off-stage channels and adds the reserve', () => {
    const view = budgetSketchView(samplePlan(), workedCaseSketch());
    expect(view.allocations[0]).toEqual({ name: 'Search ads', media: 'Paid', amount: '¥135,000', share: '90 %', offStage: false });
    expect(view.allocations[1]?.offStage).toBe(true);
    expect(view.reserve).toEqual({ amount: '¥15,000', share: '10 %' });
    expect(view.phases).toEqual([{ name: 'Launch', dates: '1 Mar 2027 – 30 Apr 2027', amount: '¥135,000' }]);
  });

  it('spells out the reach maths', () => {
    const sketch: BudgetSketch = {
      ...workedCaseSketch(),
      model: 'reach',
      funnel: undefined,
      roci: undefined,
      reach: { inputs: { audienceSize: 2_000_000, reachRate: 0.4, frequency: 3, cpm: 5_000 }, impressions: 2_400_000, mediaBudget: 12_000_000 },
    };
    const view = budgetSketchView(samplePlan(), sketch);
    expect(view.reach).toEqual({
      audienceSize: '2,000,000',
      reachRate: '40 %',
      frequency: '3',
      impressions: '2,400,000',
      cpm: '¥50',
      budget: '¥120,000',
    });
    expect(view.funnel).toBeNull();
  });

  it('explains what is missing when there is no sketch', () => {
    const view = budgetSketchView(samplePlan(), undefined);
    expect(view.ready).toBe(false);
    expect(view.missing).toMatch(/funnel inputs/);
  });
});


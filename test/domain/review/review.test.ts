import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildBudgetSketch } from '../../../src/domain/budget/budget.js';
import { parseMoney, parseRate } from '../../../src/domain/parse/index.js';
import { CURRENCIES, PlanSchema, type Plan } from '../../../src/domain/plan/plan.js';
import { plannedSpend, suggestionsFromReview, summarizeReview } from '../../../src/domain/review/review.js';
import { FULL_ACTUALS, HAND_CALCULATED, funnelPlan, reachPlan } from './review-helpers.js';

const plan = funnelPlan();
const sketch = buildBudgetSketch(plan);

/** The full review's figures without its learnings. */
const { worked: _worked, ...ACTUALS } = FULL_ACTUALS;

function withGoals(goals: Plan['goals']): Plan {
  return PlanSchema.parse({ ...plan, goals });
}

describe('summarizeReview', () => {
  it('matches the hand calculation', () => {
    const summary = summarizeReview(plan, sketch, ACTUALS);
    expect(summary).toMatchObject(HAND_CALCULATED);
    expect(summary.goals[0]).toEqual({ metric: 'awareness', label: 'Awareness', unit: 'percent', baseline: 0.1, target: 0.4, actual: 0.31, attainment: 0.7 });
    expect(summary.learnings).toEqual({});
  });

  it('has no attainment for a goal whose target equals its starting value', () => {
    const flat = withGoals([{ metric: 'trust', unit: 'score', baseline: 4, target: 4, direction: 'increase', deadline: '2027-04-30' }]);
    expect(summarizeReview(flat, sketch, { spend: 1, goals: [{ index: 0, actual: 4.2 }] }).goals[0]?.attainment).toBeNull();
  });

  it('measures a goal meant to go down the same way: the share of the planned fall achieved', () => {
    // Cost-type goal 1,000 -> 600, actually 700: (700 − 1,000) / (600 − 1,000) = 0.75.
    const down = withGoals([{ metric: 'orders', unit: 'count', baseline: 1000, target: 600, direction: 'decrease', deadline: '2027-04-30' }]);
    expect(summarizeReview(down, sketch, { spend: 1, goals: [{ index: 0, actual: 700 }] }).goals[0]?.attainment).toBe(0.75);
  });

  it('reports overshooting and going backwards as they are', () => {
    const summary = summarizeReview(plan, sketch, { ...ACTUALS, goals: [{ index: 0, actual: 0.55 }, { index: 1, actual: 400 }] });
    // (0.55 − 0.10) / 0.30 = 1.5; (400 − 500) / 1,000 = −0.1.
    expect(summary.goals.map((g) => g.attainment)).toEqual([1.5, -0.1]);
  });

  it('leaves out goals without a reported actual, and ignores actuals for goals the plan does not have', () => {
    const summary = summarizeReview(plan, sketch, { spend: 0, goals: [{ index: 2, actual: 4 }, { index: 7, actual: 1 }, { index: -1, actual: 1 }] });
    expect(summary.goals.map((g) => g.metric)).toEqual(['trust']);
  });

  it('leaves actual funnel figures and return on spend empty when a divisor is zero or unknown', () => {
    const summary = summarizeReview(plan, sketch, { spend: 0, goals: [], visits: 0, orders: 0, revenue: 500 });
    expect(summary.funnel).toEqual({
      costPerVisit: { planned: 80, actual: null },
      conversion: { planned: 0.025, actual: null },
      aov: { planned: 4_000, actual: null },
    });
    expect(summary.returnOnSpend).toBeNull();
    expect(summarizeReview(plan, sketch, { spend: 100, goals: [] }).returnOnSpend).toBeNull();
  });

  it('shows a loss as a negative return on spend', () => {
    // (¥90,000 − ¥180,000) / ¥180,000 = −0.5.
    expect(summarizeReview(plan, sketch, { ...ACTUALS, revenue: 9_000_000 }).returnOnSpend).toBe(-0.5);
  });

  it('has no funnel section for a reach-model plan', () => {
    const reach = reachPlan();
    expect(summarizeReview(reach, buildBudgetSketch(reach), { spend: 100, goals: [], revenue: 500 }).funnel).toBeUndefined();
  });

  it('keeps the learnings', () => {
    const summary = summarizeReview(plan, sketch, { ...ACTUALS, worked: 'KOLs', didNotWork: 'Outdoor' });
    expect(summary.learnings).toEqual({ worked: 'KOLs', didNotWork: 'Outdoor' });
  });
});

describe('plannedSpend', () => {
  it('is what the sketch funds apart from the incentive (working media, non-media, reserve), else the available budget, else zero', () => {
    // The plan is sized to its money: ¥200,000 of working media + the ¥50,000 reserve.
    expect(plannedSpend(plan, sketch)).toBe(25_000_000);
    // With ¥100 off each of the 6,250 orders the incentive's ¥625,000 is left out: it is counted from the orders.
    const offer = PlanSchema.parse({ ...plan, messageType: 'both', incentive: { value: 10_000, stages: [] }, budget: { ...plan.budget, available: undefined } });
    const offerSketch = buildBudgetSketch(offer);
    expect(offerSketch?.need.incentive?.amount).toBe(62_500_000);
    expect(plannedSpend(offer, offerSketch)).toBe(25_000_000);
    expect(plannedSpend(plan, undefined)).toBe(25_000_000);
    const noMoney = PlanSchema.parse({ ...plan, budget: { currency: 'CNY', reserveRate: 0.1 } });
    expect(plannedSpend(noMoney, undefined)).toBe(0);
    expect(summarizeReview(noMoney, undefined, { spend: 100, goals: [] }).spend).toEqual({ planned: 0, actual: 100, difference: 100, ratio: null });
  });
});

/** Where the suggestions came from: the review of Spring launch on 15 April 2027. */
const REVIEWED = { campaign: 'Spring launch', planId: 'P-7K3QX', reviewedOn: '2027-04-15' };

describe('suggestionsFromReview', () => {
  const context = { planId: 'P-7K3QX', reviewedOn: '2027-04-15' };

  it('writes the actuals as answers the planning questions accept, with where they came from', () => {
    const summary = summarizeReview(plan, sketch, { ...ACTUALS, spend: 19_800_000, revenue: 102_600_000 });
    // ¥198,000 / 90,000 = ¥2.20; ¥1,026,000 / 1,080 = ¥950.
    expect(suggestionsFromReview(summary, plan, context)).toEqual({
      conversion_rate: { text: '1.2%', source: REVIEWED },
      average_order_value: { text: '¥950', source: REVIEWED },
      cost_per_visit: { text: '¥2.20', source: REVIEWED },
    });
  });

  it('suggests only what can be computed', () => {
    const summary = summarizeReview(plan, sketch, { spend: 18_000_000, goals: [], visits: 90_000 });
    expect(Object.keys(suggestionsFromReview(summary, plan, context))).toEqual(['cost_per_visit']);
  });

  it('does not suggest a conversion rate above 100 % (more orders than visits is a data slip)', () => {
    const summary = summarizeReview(plan, sketch, { spend: 1_000, goals: [], visits: 10, orders: 20, revenue: 2_000 });
    expect(suggestionsFromReview(summary, plan, context).conversion_rate).toBeUndefined();
  });

  it('round-trips through the planning parsers for any actuals in any currency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.integer({ min: 1, max: 10 ** 12 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        (currency, spend, visits, orderCount, revenue) => {
          const orders = Math.min(orderCount, visits);
          const inCurrency = PlanSchema.parse({ ...plan, budget: { ...plan.budget, currency } });
          const summary = summarizeReview(inCurrency, undefined, { spend, goals: [], visits, orders, revenue });
          const suggestions = suggestionsFromReview(summary, inCurrency, context);
          const funnel = summary.funnel;
          if (suggestions.cost_per_visit) {
            expect(parseMoney(suggestions.cost_per_visit.text, currency)).toMatchObject({ ok: true, value: funnel?.costPerVisit.actual });
          }
          if (suggestions.average_order_value) {
            expect(parseMoney(suggestions.average_order_value.text, currency)).toMatchObject({ ok: true, value: funnel?.aov.actual });
          }
          if (suggestions.conversion_rate) {
            const rate = parseRate(suggestions.conversion_rate.text);
            expect(rate.ok).toBe(true);
            // Four significant figures, and no finer than a billionth.
            const actual = funnel?.conversion.actual ?? 0;
            if (rate.ok) expect(Math.abs(rate.value - actual)).toBeLessThanOrEqual(Math.max(actual * 5e-4, 5e-10) * (1 + 1e-9));
          }
        },
      ),
    );
  });

  it('keeps four significant figures of small and uneven rates', () => {
    const rate = (visits: number, orders: number) =>
      suggestionsFromReview(summarizeReview(plan, sketch, { spend: 1_000_000, goals: [], visits, orders }), plan, context).conversion_rate?.text;
    expect(rate(3, 1)).toBe('33.33%');
    expect(rate(1, 1)).toBe('100%');
    expect(rate(2_000_001, 1)).toBe('0.00005%');
    expect(rate(3_000_000, 1)).toBe('0.0000333%');
    // One order in three billion visits is below the billionth the budget maths keeps.
    expect(rate(3_000_000_000, 1)).toBeUndefined();
  });

  it('reads back exactly where the figures are round', () => {
    const summary = summarizeReview(plan, sketch, ACTUALS);
    const s = suggestionsFromReview(summary, plan, context);
    expect(parseRate(s.conversion_rate?.text ?? '')).toEqual({ ok: true, value: 0.012 });
    expect(parseMoney(s.average_order_value?.text ?? '', 'CNY')).toEqual({ ok: true, value: 105_000 });
    expect(parseMoney(s.cost_per_visit?.text ?? '', 'CNY')).toEqual({ ok: true, value: 200 });
  });
});

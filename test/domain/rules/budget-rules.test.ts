import { describe, expect, it } from 'vitest';
import type { FunnelInputs, PlanDraft, ReachInputs } from '../../../src/domain/plan/plan.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

/** The sample plan with some funnel inputs changed. */
function withFunnel(change: Partial<Record<keyof FunnelInputs, unknown>>): PlanDraft {
  const draft = sampleDraft();
  const budget = draft.budget!;
  return { ...draft, budget: { ...budget, funnel: { ...budget.funnel!, ...change } as FunnelInputs } };
}

/** An awareness plan on the reach model: 2,000,000 people, 60 % reach, 3 times, ¥45 CPM = ¥162,000. */
function reachPlan(change: Partial<Record<keyof ReachInputs, unknown>> = {}, available = 20_000_000): PlanDraft {
  const draft = sampleDraft();
  const reach = { audienceSize: 2_000_000, reachRate: 0.6, frequency: 3, cpm: 4_500, ...change } as ReachInputs;
  return {
    ...draft,
    primaryObjective: 'brand-awareness',
    budget: { currency: 'CNY', available, reach, reserveRate: 0.1 },
  };
}

describe('BUDGET-INPUTS', () => {
  it('passes for complete funnel inputs', () => {
    expect(findingsOf('BUDGET-INPUTS', sampleDraft())).toEqual([]);
  });

  it('passes for complete reach inputs on an awareness plan', () => {
    expect(findingsOf('BUDGET-INPUTS', reachPlan())).toEqual([]);
  });

  it('names the funnel inputs that are missing', () => {
    const draft = sampleDraft();
    const finding = onlyFinding('BUDGET-INPUTS', { ...draft, budget: { currency: 'CNY', reserveRate: 0.1 } });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toBe(
      'The funnel inputs lack the target revenue, average order value, conversion rate and cost per visit.',
    );
    expect(finding.questionId).toBe('target_revenue');
  });

  it('rejects a conversion rate of zero or above 100 %', () => {
    const zero = onlyFinding('BUDGET-INPUTS', withFunnel({ conversionRate: 0 }));
    expect(zero.problem).toContain('The conversion rate is 0 % but must be between 0 and 100 %');
    expect(zero.questionId).toBe('conversion_rate');
    expect(zero.fix).toContain('2.5%');
    expect(onlyFinding('BUDGET-INPUTS', withFunnel({ conversionRate: 2 })).problem).toContain('200 %');
  });

  it('rejects negative money and junk values, naming each', () => {
    const finding = onlyFinding('BUDGET-INPUTS', withFunnel({ costPerVisit: -80, averageOrderValue: Number.NaN }));
    expect(finding.problem).toContain('The average order value is not a number');
    expect(finding.problem).toContain('the cost per visit is -¥0.80 but must be above zero');
    expect(finding.questionId).toBe('average_order_value');
  });

  it('checks the optional customer value only when given', () => {
    expect(findingsOf('BUDGET-INPUTS', withFunnel({ customerValue: undefined }))).toEqual([]);
    expect(onlyFinding('BUDGET-INPUTS', withFunnel({ customerValue: 0 })).questionId).toBe('customer_value');
  });

  it('checks the reach inputs for awareness objectives', () => {
    const finding = onlyFinding('BUDGET-INPUTS', reachPlan({ frequency: -1, reachRate: 1.2 }));
    expect(finding.problem).toContain('The reach rate is 120 %');
    expect(finding.problem).toContain('the frequency is -1 but must be above zero');
    expect(finding.questionId).toBe('reach_rate');
  });

  it('asks for the objective first when it is missing', () => {
    const finding = onlyFinding('BUDGET-INPUTS', { ...sampleDraft(), primaryObjective: undefined });
    expect(finding.questionId).toBe('primary_objective');
  });
});

describe('BUDGET-SHORTFALL', () => {
  it('passes when the money available covers the requirement', () => {
    expect(findingsOf('BUDGET-SHORTFALL', sampleDraft())).toEqual([]);
  });

  it('passes when no available budget was given', () => {
    const draft = sampleDraft();
    expect(findingsOf('BUDGET-SHORTFALL', { ...draft, budget: { ...draft.budget!, available: undefined } })).toEqual([]);
  });

  it('shows the gap and what the funnel money buys', () => {
    const draft = sampleDraft();
    const finding = onlyFinding('BUDGET-SHORTFALL', { ...draft, budget: { ...draft.budget!, available: 50_000_000 } });
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('needs ¥960,000 of media but ¥500,000 is available: ¥460,000 short');
    expect(finding.problem).toContain('625,000 visits');
    expect(finding.problem).toContain('¥625,000 of revenue');
    expect(finding.questionId).toBe('budget_available');
  });

  it('shows the gap and the reach the money buys on the reach model', () => {
    const finding = onlyFinding('BUDGET-SHORTFALL', reachPlan({}, 10_000_000));
    expect(finding.problem).toContain('needs ¥162,000 of media but ¥100,000 is available: ¥62,000 short');
    expect(finding.problem).toContain('2,222,222 impressions');
    expect(finding.problem).toContain('37 % of the audience');
  });

  it('stays quiet while the inputs are invalid', () => {
    const draft = withFunnel({ conversionRate: 0 });
    expect(findingsOf('BUDGET-SHORTFALL', { ...draft, budget: { ...draft.budget!, available: 1 } })).toEqual([]);
  });
});

describe('BUDGET-ROCI', () => {
  it('passes when an order is worth more than it costs', () => {
    expect(findingsOf('BUDGET-ROCI', sampleDraft())).toEqual([]);
  });

  it('compares the cost per order with the order value when no customer value is given', () => {
    const finding = onlyFinding('BUDGET-ROCI', withFunnel({ customerValue: undefined, averageOrderValue: 3_000 }));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toBe('Each order costs ¥32 in media but brings ¥30 (the average order value).');
    expect(finding.questionId).toBe('cost_per_visit');
  });

  it('compares with the customer value when given', () => {
    const finding = onlyFinding('BUDGET-ROCI', withFunnel({ customerValue: 2_000 }));
    expect(finding.problem).toContain('brings ¥20 (the customer value)');
  });

  it('does not apply to the reach model', () => {
    expect(findingsOf('BUDGET-ROCI', reachPlan())).toEqual([]);
  });
});

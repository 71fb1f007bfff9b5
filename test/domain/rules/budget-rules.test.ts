import { describe, expect, it } from 'vitest';
import type { Channel, FunnelInputs, PlanDraft, ReachInputs } from '../../../src/domain/plan/plan.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

/** The sample plan with some funnel inputs changed. */
function withFunnel(change: Partial<Record<keyof FunnelInputs, unknown>>, budget: Partial<NonNullable<PlanDraft['budget']>> = {}): PlanDraft {
  const draft = sampleDraft();
  const base = draft.budget!;
  return { ...draft, budget: { ...base, ...budget, funnel: { ...base.funnel!, ...change } as FunnelInputs } };
}

/** The sample plan with other money available. */
function withAvailable(available: number | undefined): PlanDraft {
  const draft = sampleDraft();
  return { ...draft, budget: { ...draft.budget!, available } };
}

/** An awareness plan on the reach model: 2,000,000 people, 60 % reach, 3 times, ¥45 CPM = ¥162,000 (¥178,200 with the reserve). */
function reachPlan(change: Partial<Record<keyof ReachInputs, unknown>> = {}, available = 20_000_000): PlanDraft {
  const draft = sampleDraft();
  const reach = { audienceSize: 2_000_000, reachRate: 0.6, frequency: 3, cpm: 4_500, ...change } as ReachInputs;
  return {
    ...draft,
    primaryObjective: 'brand-awareness',
    goals: [{ metric: 'awareness', unit: 'percent', baseline: 0.08, target: 0.2, direction: 'increase', deadline: '2027-04-30' }],
    budget: { currency: 'CNY', available, reach, reserveRate: 0.1 },
  };
}

const CRM: Channel = { id: 'owned-email-crm', name: 'Email and CRM', media: 'owned', stages: ['purchase-decision', 'post-purchase'] };

/** A post-purchase plan on the retention task: 3,000 customers, +20 % repeat rate, ¥0.50 a contact. */
function retentionPlan(retention: Record<string, unknown> = {}): PlanDraft {
  const draft = sampleDraft();
  return {
    ...draft,
    audience: { ...draft.audience!, stage: 'post-purchase', segment: 'loyal' },
    channels: [CRM],
    goals: [{ metric: 'orders', unit: 'count', baseline: 0, target: 600, direction: 'increase', deadline: '2027-04-30' }],
    budget: { currency: 'CNY', available: 1_000_000, retention: { baseCustomers: 3000, repeatRateUplift: 0.2, costPerContact: 50, averageOrderValue: 4_000, ...retention }, reserveRate: 0.1 },
  } as PlanDraft;
}

describe('BUDGET-INPUTS', () => {
  it('passes for complete funnel, reach and retention inputs', () => {
    expect(findingsOf('BUDGET-INPUTS', sampleDraft())).toEqual([]);
    expect(findingsOf('BUDGET-INPUTS', reachPlan())).toEqual([]);
    expect(findingsOf('BUDGET-INPUTS', retentionPlan())).toEqual([]);
  });

  it('names the funnel inputs that are missing', () => {
    const draft = sampleDraft();
    const finding = onlyFinding('BUDGET-INPUTS', { ...draft, budget: { currency: 'CNY', reserveRate: 0.1 } });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toBe('The funnel inputs lack the target revenue, average order value, conversion rate, and cost per visit.');
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

  it('asks no reach inputs of a plan with no paid channel: owned channels get production money, not media', () => {
    const ownedOnly = { ...reachPlan(), channels: sampleDraft().channels.filter((c) => c.media !== 'paid') };
    expect(findingsOf('BUDGET-INPUTS', { ...ownedOnly, budget: { currency: 'CNY', reserveRate: 0.1 } })).toEqual([]);
  });

  it('checks the retention inputs of a post-purchase plan: the base, the uplift and the cost per contact', () => {
    const finding = onlyFinding('BUDGET-INPUTS', retentionPlan({ repeatRateUplift: 1.5, costPerContact: undefined }));
    expect(finding.problem).toBe('The retention inputs lack the cost per contact and the uplift in repeat rate is 150 % but must be between 0 and 100 %.');
    expect(finding.questionId).toBe('repeat_uplift');
  });

  it('asks for the objective first when it is missing', () => {
    expect(onlyFinding('BUDGET-INPUTS', { ...sampleDraft(), primaryObjective: undefined }).questionId).toBe('primary_objective');
  });
});

describe('BUDGET-ABSURD', () => {
  it('passes a sound plan', () => {
    expect(findingsOf('BUDGET-ABSURD', sampleDraft())).toEqual([]);
  });

  it('refuses a conversion rate that reads as 0 %: 0.0001 % is one order in 1,000,000 visits', () => {
    const finding = onlyFinding('BUDGET-ABSURD', withFunnel({ conversionRate: 0.000001 }));
    expect(finding.severity).toBe('error');
    expect(finding.problem).toBe('The conversion rate reads as 0 %: 0.0001 % is one in 1,000,000, which no plan can budget on.');
    expect(finding.fix).toContain('type it as `0.01%`');
    expect(finding.questionId).toBe('conversion_rate');
  });

  it('accepts a low but plausible rate of 0.01 %', () => {
    // ¥1,200,000 ÷ (0.01 % × ¥40) = 300,000,000 visits: absurdly expensive, but the need-against-money check says so.
    const findings = findingsOf('BUDGET-ABSURD', withFunnel({ conversionRate: 0.0001 }));
    expect(findings.map((f) => f.problem).join(' ')).not.toContain('reads as 0 %');
  });

  it('names the numbers when the need is more than ten times the money: ¥1,056,000 against ¥100,000 is 10.6 times', () => {
    const finding = onlyFinding('BUDGET-ABSURD', withAvailable(10_000_000));
    expect(finding.problem).toBe(
      'The plan needs ¥1,056,000 but ¥100,000 is available: 10.6 times the money. Likely typo: is a zero missing from the money available (¥1,000,000 rather than ¥100,000)?',
    );
    expect(finding.questionId).toBe('budget_available');
    expect(finding.action).toBeUndefined();
  });

  it('suspects a conversion rate typed as a fraction when that explains the need', () => {
    // 0.025 % instead of 2.5 %: 100 times the visits, ¥96,000,000 of media plus the reserve.
    const finding = onlyFinding('BUDGET-ABSURD', withFunnel({ conversionRate: 0.00025 }));
    expect(finding.problem).toContain('is the conversion rate of 0.025 % meant as 2.5 %?');
  });

  it('is an error below half the need, with the scaled-down plan as the way out: ¥500,000 covers 47 % of ¥1,056,000', () => {
    const finding = onlyFinding('BUDGET-ABSURD', withAvailable(50_000_000));
    expect(finding.problem).toBe('¥500,000 covers 47 % of the ¥1,056,000 the plan needs: below 50 % the goals promise what the money cannot buy.');
    expect(finding.fix).toContain('scale down');
    expect(finding.action).toBe('scale-down');
  });

  it('lets a plan the author scaled down pass, as a warning that says so', () => {
    const draft = withAvailable(50_000_000);
    const scaled = { ...draft, budget: { ...draft.budget!, scaledDown: true } };
    expect(findingsOf('BUDGET-ABSURD', scaled)).toEqual([]);
    expect(onlyFinding('BUDGET-SHORTFALL', scaled).problem).toMatch(/^Scaled down to the money\./);
  });

  it('does not let a scaled-down choice hide a need over ten times the money', () => {
    const draft = withAvailable(5_000_000);
    expect(onlyFinding('BUDGET-ABSURD', { ...draft, budget: { ...draft.budget!, scaledDown: true } }).problem).toContain('21.1 times the money');
  });

  it('names the funnel that cannot be computed instead of asking for inputs that were given', () => {
    const findings = findingsOf('BUDGET-ABSURD', withFunnel({ targetRevenue: Number.MAX_SAFE_INTEGER, conversionRate: 0.0001, averageOrderValue: 1 }));
    expect(findings.map((f) => f.problem)).toEqual([
      'The funnel cannot be computed: ¥90,071,992,547,409.91 ÷ (0.01 % × ¥0.01) visits at ¥0.80 each is more than can be counted exactly.',
    ]);
    expect(findingsOf('BUDGET-INPUTS', withFunnel({ targetRevenue: Number.MAX_SAFE_INTEGER, conversionRate: 0.0001, averageOrderValue: 1 }))).toEqual([]);
  });

  it('refuses a post-purchase funnel that promises more orders than the base has customers', () => {
    // ¥80,000 at ¥0.30 a visit and 6 %: 266,667 visits, 16,000 orders, from 3,000 customers.
    const draft = retentionPlan();
    const both = { ...draft, budget: { ...draft.budget!, funnel: { targetRevenue: 64_000_000, averageOrderValue: 4_000, conversionRate: 0.06, costPerVisit: 30 } } };
    const finding = findingsOf('BUDGET-ABSURD', both).find((f) => f.questionId === 'retention_base');
    expect(finding?.problem).toBe(
      'The funnel promises about 16,000 orders from a base of 3,000 customers: a post-purchase plan sells to its base, so its extra orders cannot exceed it.',
    );
  });

  it('stays quiet while the inputs are invalid (BUDGET-INPUTS speaks)', () => {
    expect(findingsOf('BUDGET-ABSURD', withFunnel({ conversionRate: 0 }, { available: 1 }))).toEqual([]);
  });
});

describe('BUDGET-SHORTFALL', () => {
  it('passes when the money available covers the need, or none is given', () => {
    expect(findingsOf('BUDGET-SHORTFALL', sampleDraft())).toEqual([]);
    expect(findingsOf('BUDGET-SHORTFALL', withAvailable(undefined))).toEqual([]);
  });

  it('shows the need line by line, the gap, and what the buying channels’ money buys', () => {
    // W × 1.1 ≤ ¥800,000 -> W ≤ ¥727,272.72 -> 909,090 visits at ¥0.80 = ¥727,272 + ¥72,727.20 reserve; × 2.5 % = 22,727 orders.
    const finding = onlyFinding('BUDGET-SHORTFALL', withAvailable(80_000_000));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('The plan needs ¥1,056,000 (¥960,000 of working media and a ¥96,000 reserve) but ¥800,000 is available: ¥256,000 short, 76 % covered.');
    expect(finding.problem).toContain('The ¥727,272 that reaches the buying channels buys 909,090 visits, about 22,727 orders, and ¥909,090 of revenue.');
    expect(finding.questionId).toBe('budget_available');
  });

  it('shows the reach the money buys on the reach model', () => {
    // ¥162,000 + ¥16,200 reserve needed; ¥100,000 leaves W ≤ ¥90,909.09. The sample's three paid channels each round their
    // impressions' price up: 673,401 + 673,400 + 673,400 = 2,020,201 impressions cost ¥30,303.05 + ¥30,303 + ¥30,303 = ¥90,909.05
    // (one more impression tips a line over); 2,020,201 ÷ (2,000,000 × 3) = 34 % reached.
    const finding = onlyFinding('BUDGET-SHORTFALL', reachPlan({}, 10_000_000));
    expect(finding.problem).toContain('The plan needs ¥178,200 (¥162,000 of working media and a ¥16,200 reserve) but ¥100,000 is available: ¥78,200 short, 56 % covered.');
    expect(finding.problem).toContain('The ¥90,909.05 that reaches the buying channels buys 2,020,201 impressions (34 % of the audience at the planned frequency)');
  });
});

describe('BUDGET-BASELINE', () => {
  it('passes when the funnel is budgeted at the goal’s baseline', () => {
    expect(findingsOf('BUDGET-BASELINE', sampleDraft())).toEqual([]);
  });

  it('warns when the conversion assumed equals the goal’s target, with the need at the baseline', () => {
    // At the 2.5 % baseline: 1,200,000 visits, ¥960,000; at the 3.5 % target: 857,143 visits, ¥685,714.40.
    const finding = onlyFinding('BUDGET-BASELINE', withFunnel({ conversionRate: 0.035 }));
    expect(finding.problem).toBe(
      "The funnel assumes 3.5 % conversion, which equals the target of goal 1 (Conversion) (2.5 % → 3.5 %). At today's 2.5 % the target needs 1,200,000 visits and ¥960,000 of working media; only if conversion reaches 3.5 % does ¥685,714.40 do.",
    );
    expect(finding.fix).toContain('answer the conversion rate with 2.5 %');
  });

  it('warns when it exceeds the target, and not when it sits between baseline and target', () => {
    expect(onlyFinding('BUDGET-BASELINE', withFunnel({ conversionRate: 0.05 })).problem).toContain('which exceeds the target');
    expect(findingsOf('BUDGET-BASELINE', withFunnel({ conversionRate: 0.03 }))).toEqual([]);
  });
});

describe('BUDGET-GOALS', () => {
  it('passes when the revenue goal is the funnel’s target', () => {
    expect(findingsOf('BUDGET-GOALS', sampleDraft())).toEqual([]);
  });

  it('warns when the funnel budgets other revenue than the revenue goal, or other orders than the orders goal', () => {
    const draft = withFunnel({ targetRevenue: 100_000_000 });
    const orders = { metric: 'orders', unit: 'count', baseline: 0, target: 40_000, direction: 'increase', deadline: '2027-04-30' } as const;
    const finding = onlyFinding('BUDGET-GOALS', { ...draft, goals: [...draft.goals, orders] });
    // ¥1,000,000 ÷ ¥40 = 25,000 orders.
    expect(finding.problem).toBe(
      'Goal 2 (Revenue) wants ¥1,200,000 but the task the budget is built on delivers ¥1,000,000 and goal 4 (Orders) wants 40,000 but the task the budget is built on delivers 25,000.',
    );
  });
});

describe('BUDGET-BUYING', () => {
  it('warns when no paid channel can buy the visits the funnel needs', () => {
    const draft = sampleDraft();
    const finding = onlyFinding('BUDGET-BUYING', { ...draft, channels: draft.channels.filter((c) => c.media !== 'paid') });
    expect(finding.problem).toBe('No paid channel buys the 1,200,000 visits (¥960,000): the money is in the budget but nothing can spend it.');
  });

  it('warns when no owned channel reaches customers after their purchase for the retention contacts', () => {
    const finding = onlyFinding('BUDGET-BUYING', { ...retentionPlan(), channels: [] });
    expect(finding.problem).toContain('no owned channel reaches customers after their purchase for the 9,000 contacts (¥4,500)'.replace(/^n/, 'N'));
    expect(finding.fix).toContain('Email and CRM');
  });
});

describe('BUDGET-ROCI', () => {
  it('passes when an order is worth more than it costs', () => {
    expect(findingsOf('BUDGET-ROCI', sampleDraft())).toEqual([]);
  });

  it('compares the cost per order with the order value, labelled as revenue, when no margin or customer value is given', () => {
    const finding = onlyFinding('BUDGET-ROCI', withFunnel({ customerValue: undefined, averageOrderValue: 3_000 }));
    expect(finding.problem).toBe(
      'Each order costs ¥32 in media but an order brings ¥30 of revenue (with no gross margin given this is revenue, not profit).',
    );
    expect(finding.questionId).toBe('cost_per_visit');
  });

  it('compares with the customer value when given', () => {
    expect(onlyFinding('BUDGET-ROCI', withFunnel({ customerValue: 2_000 })).problem).toContain('a customer is worth ¥20 (the customer value)');
  });

  it('judges on contribution when the gross margin is known: ¥40 × 60 % = ¥24 against ¥32 of media', () => {
    const finding = onlyFinding('BUDGET-ROCI', withFunnel({ customerValue: undefined }, { grossMargin: 0.6 }));
    expect(finding.problem).toBe('Each order costs ¥32 in media but an order contributes ¥24 (¥40 × 60 % margin).');
  });

  it('does not apply to the reach model', () => {
    expect(findingsOf('BUDGET-ROCI', reachPlan())).toEqual([]);
  });
});

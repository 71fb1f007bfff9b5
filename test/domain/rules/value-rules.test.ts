import { describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/domain/plan/plan.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

function withFunnel(change: { customerValue?: number; averageOrderValue?: number }, grossMargin?: number): PlanDraft {
  const draft = sampleDraft();
  return { ...draft, budget: { ...draft.budget!, ...(grossMargin !== undefined ? { grossMargin } : {}), funnel: { ...draft.budget!.funnel!, ...change } } };
}

describe('CUSTOMER-VALUE', () => {
  it('passes when a customer is worth more than an order, and when no value is given', () => {
    expect(findingsOf('CUSTOMER-VALUE', sampleDraft())).toEqual([]);
    expect(findingsOf('CUSTOMER-VALUE', withFunnel({ customerValue: undefined }))).toEqual([]);
    expect(findingsOf('CUSTOMER-VALUE', withFunnel({ customerValue: 4_000 }))).toEqual([]);
  });

  it('warns about a customer value below the average order value', () => {
    const finding = onlyFinding('CUSTOMER-VALUE', withFunnel({ customerValue: 3_000 }));
    expect(finding.problem).toBe('The customer value (¥30) is below the average order value of ¥40.');
    expect(finding.questionId).toBe('customer_value');
  });

  it('compares a margin-based value with the first order’s contribution when the margin is known', () => {
    expect(findingsOf('CUSTOMER-VALUE', withFunnel({ customerValue: 3_000 }, 0.5))).toEqual([]);
    expect(onlyFinding('CUSTOMER-VALUE', withFunnel({ customerValue: 1_500 }, 0.5)).problem).toBe(
      'The customer value (¥15) is below the ¥20 their first order contributes (¥40 at a 50 % margin).',
    );
  });
});

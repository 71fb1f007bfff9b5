/**
 * What a customer is worth (Schultz: customers as assets): the value the plan gives a
 * customer cannot be below what their first order brings.
 */
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { currencyOf, money, rate } from './rule-text.js';

const customerValue = defineRule({
  id: 'CUSTOMER-VALUE',
  severity: 'warning',
  title: 'A customer is worth at least their first order',
  questionIds: ['customer_value', 'average_order_value'],
  check(draft) {
    const funnel = draft.budget?.funnel;
    const value = funnel?.customerValue;
    const order = funnel?.averageOrderValue;
    if (typeof value !== 'number' || typeof order !== 'number' || !(order > 0) || !(value > 0)) return [];
    const margin = draft.budget?.grossMargin;
    const byMargin = typeof margin === 'number' && margin > 0 && margin <= 1;
    const floor = byMargin ? Math.round(order * margin) : order;
    if (value >= floor) return [];
    const currency = currencyOf(draft);
    return [
      {
        severity: 'warning',
        id: byMargin ? 'below-contribution' : 'below-order',
        params: { value: money(value, currency), floor: money(floor, currency), order: money(order, currency), ...(byMargin ? { margin: rate(margin, 0) } : {}) },
        questionId: 'customer_value',
      },
    ];
  },
});

/** Rules about what customers are worth. */
export const VALUE_RULES: readonly RuleDefinition[] = [customerValue];

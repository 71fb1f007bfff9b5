/**
 * What a customer is worth (Schultz: customers as assets): the value the plan gives a
 * customer cannot be below what their first order brings.
 */
import { formatMoney, formatRate } from '../plan/format.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { currencyOf } from './rule-text.js';

const customerValue = defineRule({
  id: 'CUSTOMER-VALUE',
  severity: 'warning',
  title: 'A customer is worth at least their first order',
  questionIds: ['customer_value', 'average_order_value'],
  check(draft, ctx) {
    const funnel = draft.budget?.funnel;
    const value = funnel?.customerValue;
    const order = funnel?.averageOrderValue;
    if (typeof value !== 'number' || typeof order !== 'number' || !(order > 0) || !(value > 0)) return [];
    const margin = draft.budget?.grossMargin;
    const byMargin = typeof margin === 'number' && margin > 0 && margin <= 1;
    const floor = byMargin ? Math.round(order * margin) : order;
    if (value >= floor) return [];
    const money = (minor: number) => formatMoney(minor, currencyOf(draft));
    const firstOrder = byMargin
      ? `the ${money(floor)} their first order contributes (${money(order)} at a ${formatRate(margin, 0)} margin)`
      : `the average order value of ${money(order)}`;
    return [
      {
        severity: 'warning',
        problem: `The customer value (${money(value)}) is below ${firstOrder}.`,
        principle:
          'A customer is worth at least their first order; a lower figure makes every order look unprofitable and misleads the budget check (return on customer investment).',
        fix: 'Give what a customer brings over the time you count (orders × order value, or their contribution when you use the margin), or skip the question if you do not know it.',
        questionId: 'customer_value',
      },
    ];
  },
});

/** Rules about what customers are worth. */
export const VALUE_RULES: readonly RuleDefinition[] = [customerValue];

import { describe, expect, it } from 'vitest';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { PlanDraftSchema, type PlanDraft } from '../../src/domain/plan/plan.js';
import { budgetSketchView, sketchContextOf } from '../../src/render/budget-sketch-view.js';
import { createRenderer } from '../../src/render/renderer.js';
import { translator } from '../support/words.js';

const EN = translator('en');

const renderer = createRenderer();
const CRM = { id: 'owned-email-crm', name: 'Email and CRM', media: 'owned', stages: ['purchase-decision', 'post-purchase'] } as const;
const SEARCH = { id: 'paid-search-ads', name: 'Search ads', media: 'paid', stages: ['purchase-decision'] } as const;

function render(draft: PlanDraft): string {
  return renderer.render('budget-sketch', budgetSketchView(buildBudgetSketch(draft), sketchContextOf(draft, 'Budget sketch'), EN), EN);
}

function funnel(budget: Record<string, unknown>, extra: Record<string, unknown> = {}): PlanDraft {
  return PlanDraftSchema.parse({
    primaryObjective: 'purchase-intention',
    audience: { description: 'x', stage: 'purchase-decision' },
    channels: [SEARCH],
    budget: { currency: 'CNY', funnel: { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 }, ...budget },
    ...extra,
  });
}

describe('the budget sketch as the team reads it', () => {
  it('spells out a retention task: 3,000 × 3 contacts at ¥0.50 = ¥4,500; 300 extra orders, never more than the base', () => {
    const text = render(
      PlanDraftSchema.parse({
        primaryObjective: 'purchase-intention',
        audience: { description: 'Last year’s buyers', stage: 'post-purchase' },
        channels: [CRM],
        budget: { currency: 'CNY', retention: { baseCustomers: 3000, repeatRateUplift: 0.1, costPerContact: 50, averageOrderValue: 12_000 } },
      }),
    );
    expect(text).toContain('Contacts = customers × contacts each = 3,000 × 3 = *9,000 contacts* at ¥0.50 = *¥4,500*');
    expect(text).toContain('Extra orders = customers × uplift in repeat rate = 3,000 × 10 % = *300* (never more than the base)');
    expect(text).toContain('Revenue = 300 × ¥120 = ¥36,000 of revenue');
    expect(text).toContain('• Contacts · Email and CRM: ¥4,500 _(9,000 contacts at ¥0.50)_');
  });

  it('shows the incentive as its own line and says an order that costs more in incentive than it contributes loses money', () => {
    // ¥1,000 × 10 % margin − ¥120 incentive = −¥20 per order before any media.
    const text = render(funnel({ grossMargin: 0.1 }, { messageType: 'incentive', incentive: { value: 12_000, stages: [] } }));
    expect(text).toContain('• Incentive: ¥120,000 _(¥120 × 1,000 redemptions: every order redeems)_');
    expect(text).toContain(':warning: Each order costs ¥200 in media and an order loses ¥20 before any media (¥1,000 × 10 % margin − ¥120 incentive).');
  });

  it('labels a scaled-down plan and shows each line funded of needed', () => {
    const text = render(funnel({ available: 8_000_000, scaledDown: true }));
    expect(text).toContain(':scissors: *Scaled down to the money available:* the goals are cut to what the money buys.');
    // ¥80,000 funds W × 1.1 ≤ ¥80,000: 36,363 visits, ¥72,726 + ¥7,272.60 reserve.
    expect(text).toContain('• Working media · Search ads: ¥72,726 of ¥200,000 needed _(buys 36,363 of the 100,000 visits needed)_');
    expect(text).toContain('*Total funded: ¥80,000 of ¥220,000 needed*');
  });

  it('says a channel uses its own cost, and lists the spend by the chosen pattern', () => {
    const text = render(
      funnel({ channelCosts: [{ channelId: 'paid-search-ads', costPerVisit: 150 }], pattern: 'always-on' }, { startDate: '2027-01-01', endDate: '2027-02-28' }),
    );
    expect(text).toContain('• Search ads (Paid): 100,000 visits × ¥1.50 (its own cost) = ¥150,000');
    expect(text).toContain('*Spend by phase:* Always on (the same daily spend throughout)');
    // 31 and 28 days of ¥150,000 over 59: ¥78,813.56 and ¥71,186.44.
    expect(text).toContain('• *Jan 2027*, 1 Jan 2027 – 31 Jan 2027: ¥78,813.56');
    expect(text).toContain('• *Feb 2027*, 1 Feb 2027 – 28 Feb 2027: ¥71,186.44');
  });

  it('explains an empty sketch', () => {
    expect(render(funnel({ funnel: undefined }))).toMatch(/^There is no budget sketch yet: it needs the inputs of the plan's task/);
  });
});

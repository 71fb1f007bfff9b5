import { describe, expect, it } from 'vitest';
import { assembleDraft } from '../../../src/domain/conversation/flow.js';
import { PlanSchema, type Plan } from '../../../src/domain/plan/plan.js';
import { carriedFrom, summarizeReview } from '../../../src/domain/review/review.js';
import { reviewQuestions } from '../../../src/domain/review/review-flow.js';
import { reviewActuals } from '../../../src/domain/review/review-script.js';
import { channelRates, parseTouchpointActuals, touchpointResults } from '../../../src/domain/review/touchpoint-actuals.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { FUNNEL_REPLIES, script, start, walk } from '../conversation/flow-helpers.js';
import { funnelPlan, REVIEW_SCRIPT } from './review-helpers.js';
import { en, zh } from '../../support/words.js';

/** The sample plan with its proposed contact plan: rows 1–6 at evaluation, 7 (Search ads) and 8 (e-commerce ads) at the purchase. */
function planWithRows(): Plan {
  return PlanSchema.parse(sampleDraft());
}

describe('the review follows the contact plan', () => {
  it('asks one optional question for the rows\' actuals, only when the plan has a contact plan', () => {
    const ids = (plan: Plan) => reviewQuestions(REVIEW_SCRIPT, plan, 1_000_000).map((q) => q.id);
    expect(ids(planWithRows())).toContain('touchpoint_actuals');
    expect(ids(funnelPlan())).not.toContain('touchpoint_actuals');
    const question = reviewQuestions(REVIEW_SCRIPT, planWithRows(), 1_000_000).find((q) => q.id === 'touchpoint_actuals');
    expect(question?.optional).toBe(true);
    expect(question?.text).toContain('7 Search ads (conversion)');
  });

  it('reads one line per row: the KPI in its unit, then spend, visits, impressions and orders', () => {
    const parsed = parseTouchpointActuals('row 7: 3.1%, spend ¥80,000, visits 100,000, orders 3,100\n5: 4.6\nrow 4, 12%, impressions 2m, spend ¥24,000', planWithRows());
    expect(parsed).toEqual({
      ok: true,
      value: [
        { row: 7, kpi: 0.031, spend: 8_000_000, visits: 100_000, orders: 3_100 },
        { row: 5, kpi: 4.6 },
        { row: 4, kpi: 0.12, impressions: 2_000_000, spend: 2_400_000 },
      ],
    });
  });

  it('reads the same lines written in Chinese: 第7行, 花费, 访问, 曝光, 订单, Chinese commas and counters', () => {
    expect(parseTouchpointActuals('第7行：3.1%，花费8万元，访问10万，订单3100单\n5、4.6；第4行 12%；曝光200万；花费￥2.4万', planWithRows())).toEqual({
      ok: true,
      value: [
        { row: 7, kpi: 0.031, spend: 8_000_000, visits: 100_000, orders: 3_100 },
        { row: 5, kpi: 4.6 },
        { row: 4, kpi: 0.12, impressions: 2_000_000, spend: 2_400_000 },
      ],
    });
    expect(parseTouchpointActuals('第1行：5.2%互动', planWithRows())).toEqual({ ok: true, value: [{ row: 1, kpi: 0.052 }] });
    const missing = parseTouchpointActuals('第12行：5%', planWithRows());
    expect(!missing.ok && en(missing.error)).toMatch(/rows 1 to 8/);
    expect(!missing.ok && zh(missing.error)).toContain('共第 1 至 8 行');
    const unread = parseTouchpointActuals('第7行：花费很多', planWithRows());
    expect(!unread.ok && en(unread.error)).toMatch(/couldn't read `花费很多`/);
    expect(!unread.ok && zh(unread.error)).toContain('无法读取 `花费很多`');
  });

  it('refuses a row the plan lacks, a line without figures, and a figure it cannot read', () => {
    for (const [text, reason] of [
      ['row 12: 5%', /rows 1 to 8/],
      ['row 2:', /no figure/],
      ['row 7: spend lots', /couldn't read `spend lots`/],
      ['row 7: 2%, 3%', /as its KPI/],
    ] as const) {
      const parsed = parseTouchpointActuals(text, planWithRows());
      expect(parsed.ok, text).toBe(false);
      expect(!parsed.ok && en(parsed.error), text).toMatch(reason);
    }
  });

  it('reports each row with the rates its figures give, and each channel\'s rates for the next plan', () => {
    const plan = planWithRows();
    const results = touchpointResults(plan, [
      { row: 8, spend: 3_000_000, visits: 20_000, orders: 400 },
      { row: 7, kpi: 0.031, spend: 8_000_000, visits: 100_000, orders: 3_100 },
    ]);
    expect(results.map((r) => [r.row, r.channelId, r.costPerVisit, r.conversion])).toEqual([
      [7, 'paid-search-ads', 80, 0.031],
      [8, 'paid-ecommerce-ads', 150, 0.02],
    ]);
    expect(channelRates(results)).toEqual([
      { channelId: 'paid-search-ads', costPerVisit: 80, conversion: 0.031, kpi: { metric: 'conversion', actual: 0.031 } },
      { channelId: 'paid-ecommerce-ads', costPerVisit: 150, conversion: 0.02 },
    ]);
    expect(channelRates(touchpointResults(plan, [{ row: 1, kpi: 0.05 }]))).toEqual([{ channelId: 'owned-wechat', kpi: { metric: 'engagement', actual: 0.05 } }]);
  });

  it('puts the rows in the summary and carries the channels\' rates, with where they came from', () => {
    const plan = planWithRows();
    const actuals = reviewActuals(plan.goals, { actual_spend: { value: 90_000_000 }, touchpoint_actuals: { value: 'row 7: 3.1%, spend ¥80,000, visits 100,000, orders 3,100' } }, plan);
    expect(actuals.touchpoints).toEqual([{ row: 7, kpi: 0.031, spend: 8_000_000, visits: 100_000, orders: 3_100 }]);
    const summary = summarizeReview(plan, undefined, actuals);
    expect(summary.touchpoints?.[0]).toMatchObject({ row: 7, costPerVisit: 80 });
    expect(carriedFrom(summary, plan, { planId: 'P-1', reviewedOn: '2027-05-14' })).toEqual({
      carried: { source: 'the review of "Spring cold brew launch 2027" (P-1), 14 May 2027', channels: [{ channelId: 'paid-search-ads', costPerVisit: 80, conversion: 0.031, kpi: { metric: 'conversion', actual: 0.031 } }] },
    });
    expect(carriedFrom(summarizeReview(plan, undefined, { spend: 0, goals: [] }), plan, { planId: 'P-1', reviewedOn: '2027-05-14' })).toEqual({});
  });

  it('starts the next plan from the carried rates: the paid channels chosen again take their cost per visit', () => {
    const carried = { source: 'the review', channels: [{ channelId: 'paid-search-ads', costPerVisit: 180 }, { channelId: 'owned-website', costPerVisit: 50 }] };
    const at = walk(start({ carried }), FUNNEL_REPLIES, 'start_date');
    const draft = assembleDraft(at.state.answers, script, script.catalogue, at.state.carried);
    expect(draft.budget?.channelCosts).toEqual([{ channelId: 'paid-search-ads', costPerVisit: 180 }]);
    expect(assembleDraft(at.state.answers, script).budget?.channelCosts).toBeUndefined();
  });
});

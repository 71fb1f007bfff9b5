import { describe, expect, it } from 'vitest';
import { PlanSchema, type Plan } from '../../src/domain/plan/plan.js';
import { strategySummaryView } from '../../src/render/strategy-summary-view.js';
import { SAMPLE_LABELS, sampleDraft } from '../fixtures/plans.js';

function samplePlan(): Plan {
  return PlanSchema.parse(sampleDraft());
}

describe('strategySummaryView', () => {
  it('formats goals by unit as baseline, target and deadline', () => {
    const view = strategySummaryView(samplePlan(), [], SAMPLE_LABELS);
    expect(view.goals).toEqual([
      { metric: 'Conversion', baseline: '2.5 %', target: '3.5 %', deadline: '30 Apr 2027', note: null },
      { metric: 'Revenue', baseline: '¥0', target: '¥1,200,000', deadline: '30 Apr 2027', note: null },
      { metric: 'Awareness', baseline: '8 %', target: '20 %', deadline: '30 Apr 2027', note: null },
    ]);
  });

  it('labels a goal a scaled-down plan cut to the money', () => {
    const plan = samplePlan();
    plan.goals[1] = { ...plan.goals[1]!, target: 43_000_000, scaledFrom: 120_000_000 };
    expect(strategySummaryView(plan, [], SAMPLE_LABELS).goals[1]).toMatchObject({ target: '¥430,000', note: 'scaled down from ¥1,200,000 to what the money buys' });
  });

  it('groups channels by media type and says whether each reaches the audience stage', () => {
    const plan = samplePlan();
    plan.audience.stage = 'need-recognition';
    const view = strategySummaryView(plan, [], SAMPLE_LABELS);
    expect(view.channelGroups.map((group) => group.label)).toEqual(['Owned', 'Paid', 'Earned']);
    const paid = view.channelGroups[1]?.channels ?? [];
    expect(paid.find((c) => c.name === 'Search ads')?.fit).toBe('off-stage');
    expect(paid.find((c) => c.name === 'Paid influencers (KOL)')?.fit).toBe("reaches the audience's stage");
  });

  it('keeps the one-line strategy short when there are many channels', () => {
    const view = strategySummaryView(samplePlan(), [], SAMPLE_LABELS);
    expect(view.strategy.channels).toBe(
      'WeChat official account and mini program, Xiaohongshu brand account, Douyin brand account, Search ads and 4 more',
    );
    expect(view.strategy.objective).toBe('purchase intention');
  });

  it('shows the schedule length and the author as a mention', () => {
    const view = strategySummaryView(samplePlan(), [], SAMPLE_LABELS, { planId: 'P1', authorId: 'U42' });
    expect(view.schedule).toMatchObject({ start: '1 Mar 2027', end: '30 Apr 2027', review: '14 May 2027', duration: '61 days' });
    expect(view.footer.author?.text).toBe('<@U42>');
    expect(view.footer.planId).toBe('P1');
  });
});


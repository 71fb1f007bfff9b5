import { describe, expect, it } from 'vitest';
import { PlanSchema, type Plan } from '../../src/domain/plan/plan.js';
import { strategySummaryView } from '../../src/render/strategy-summary-view.js';
import { SAMPLE_LABELS, legacyDraft, sampleDraft, sampleDraftWithOfferValue } from '../fixtures/plans.js';
import { findingReader } from '../support/finding-words.js';
import { findingsView } from '../../src/render/findings-view.js';
import { translator } from '../support/words.js';

const EN = translator('en');

function samplePlan(): Plan {
  return PlanSchema.parse(sampleDraftWithOfferValue());
}

describe('strategySummaryView', () => {
  it('formats goals by unit as baseline, target and deadline, with where each is measured', () => {
    const view = strategySummaryView(samplePlan(), findingsView([], findingReader('en')), SAMPLE_LABELS, EN);
    expect(view.goals).toEqual([
      { metric: 'Conversion', baseline: '2.5 %', target: '3.5 %', deadline: '30 Apr 2027', source: 'analytics', note: null },
      { metric: 'Revenue', baseline: '¥0', target: '¥1,200,000', deadline: '30 Apr 2027', source: 'sales data', note: null },
      { metric: 'Awareness', baseline: '8 %', target: '20 %', deadline: '30 Apr 2027', source: 'survey', note: null },
    ]);
  });

  it('labels a goal a scaled-down plan cut to the money', () => {
    const plan = samplePlan();
    plan.goals[1] = { ...plan.goals[1]!, target: 43_000_000, scaledFrom: 120_000_000 };
    expect(strategySummaryView(plan, findingsView([], findingReader('en')), SAMPLE_LABELS, EN).goals[1]).toMatchObject({ target: '¥430,000', note: 'scaled down from ¥1,200,000 to what the money buys' });
  });

  it('groups channels by media type and says whether each reaches the journey (the view of plans without a contact plan)', () => {
    const plan = samplePlan();
    plan.audience.stage = 'need-recognition';
    plan.journey = ['need-recognition'];
    const view = strategySummaryView(plan, findingsView([], findingReader('en')), SAMPLE_LABELS, EN);
    expect(view.channelGroups.map((group) => group.label)).toEqual(['Owned', 'Paid', 'Earned']);
    const paid = view.channelGroups[1]?.channels ?? [];
    expect(paid.find((c) => c.name === 'Search ads')?.fit).toBe('off-stage');
    expect(paid.find((c) => c.name === 'Paid influencers (KOL)')?.fit).toBe("reaches the audience's journey");
  });

  it('writes the brief line from the answers, counting a long channel list by media type instead of "and 4 more"', () => {
    const view = strategySummaryView(samplePlan(), findingsView([], findingReader('en')), SAMPLE_LABELS, EN);
    expect(view.brief).toBe(
      'Achieve purchase intention (conversion 2.5 % → 3.5 %) among office workers aged 25–35 in Shanghai and Shenzhen who buy coffee daily and switch… (from evaluation to purchase) by promising “A smooth cold brew ready the moment you are” — grounded in the insight that switchers want a coffee that feels like a treat without slowing them down — carried by “Spring in every sip: smooth oat-milk cold brew that keeps pace with your day” as a brand message and incentive (coupon worth ¥10) through 3 owned, 3 paid and 2 earned channels, led by WeChat official account and mini program, Search ads and Reviews and word of mouth.',
    );
    expect(view.brief).not.toMatch(/more\b/);
  });

  it('shows the message and incentive plan and the contact plan', () => {
    const view = strategySummaryView(samplePlan(), findingsView([], findingReader('en')), SAMPLE_LABELS, EN);
    expect(view.messagePlan).toEqual({
      insight: 'Switchers want a coffee that feels like a treat without slowing them down',
      evidence: 'Interviews and Survey — 9 of 12 interviewees, and 61 % of 400 surveyed, pick the quickest good-tasting option',
      proposition: 'A smooth cold brew ready the moment you are',
      reasonToBelieve: 'brewed for 18 hours and poured in under a minute',
      tone: 'warm and sensory: let them feel it; simple, one benefit, repeated',
    });
    expect(view.incentive).toEqual({
      offer: 'Coupon, costing ¥10 per redemption',
      eligibility: 'first order in the app',
      duration: 'launch month',
      redemptions: '20,000',
      stages: 'Purchase decision',
    });
    expect(view.contactPlan).toMatchObject({ hasRows: true, summary: '8 touchpoints across 2 stages', journey: 'Evaluation of alternatives → Purchase decision', concept: null });
    expect(view.journey).toBe('Evaluation of alternatives → Purchase decision');
  });

  it('renders a plan stored before journeys and contact plans: no rows, the audience stage as its journey', () => {
    const plan = legacyDraft() as Plan;
    const view = strategySummaryView({ ...plan, contactPlan: undefined } as unknown as Plan, findingsView([], findingReader('en')), SAMPLE_LABELS, EN);
    expect(view.contactPlan.hasRows).toBe(false);
    expect(view.journey).toBe('Evaluation of alternatives');
    expect(view.messagePlan).toBeNull();
    expect(view.incentive).toBeNull();
    expect(view.goals[0]?.source).toBeNull();
  });

  it('shows the schedule length and the author as a mention', () => {
    const view = strategySummaryView(samplePlan(), findingsView([], findingReader('en')), SAMPLE_LABELS, EN, { planId: 'P1', authorId: 'U42' });
    expect(view.schedule).toMatchObject({ start: '1 Mar 2027', end: '30 Apr 2027', review: '14 May 2027', duration: '61 days' });
    expect(view.footer.author?.text).toBe('<@U42>');
    expect(view.footer.planId).toBe('P1');
  });
});

import { describe, expect, it } from 'vitest';
import { PlanSchema, type Finding, type Plan } from '../../src/domain/plan/plan.js';
import { findingsView, joinAnd, strategySummaryView } from '../../src/render/view-models.js';
import { sampleDraft } from '../fixtures/plans.js';

function samplePlan(): Plan {
  return PlanSchema.parse(sampleDraft());
}

const finding = (severity: Finding['severity'], rule: string): Finding => ({
  rule,
  severity,
  problem: `${rule} problem`,
  principle: 'why',
  fix: `${rule} fix`,
});

describe('strategySummaryView', () => {
  it('formats goals by unit as baseline, target and deadline', () => {
    const view = strategySummaryView(samplePlan(), []);
    expect(view.goals).toEqual([
      { metric: 'Conversion', baseline: '2.5 %', target: '3.5 %', deadline: '30 Apr 2027', note: null },
      { metric: 'Revenue', baseline: '¥0', target: '¥1,200,000', deadline: '30 Apr 2027', note: null },
      { metric: 'Awareness', baseline: '8 %', target: '20 %', deadline: '30 Apr 2027', note: null },
    ]);
  });

  it('groups channels by media type and says whether each reaches the audience stage', () => {
    const plan = samplePlan();
    plan.audience.stage = 'need-recognition';
    const view = strategySummaryView(plan, []);
    expect(view.channelGroups.map((group) => group.label)).toEqual(['Owned', 'Paid', 'Earned']);
    const paid = view.channelGroups[1]?.channels ?? [];
    expect(paid.find((c) => c.name === 'Search ads')?.fit).toBe('off-stage');
    expect(paid.find((c) => c.name === 'Paid influencers (KOL)')?.fit).toBe("reaches the audience's stage");
  });

  it('keeps the one-line strategy short when there are many channels', () => {
    const view = strategySummaryView(samplePlan(), []);
    expect(view.strategy.channels).toBe(
      'WeChat official account and mini program, Xiaohongshu brand account, Douyin brand account, Search ads and 4 more',
    );
    expect(view.strategy.objective).toBe('purchase intention');
  });

  it('shows the schedule length and the author as a mention', () => {
    const view = strategySummaryView(samplePlan(), [], { planId: 'P1', authorId: 'U42' });
    expect(view.schedule).toMatchObject({ start: '1 Mar 2027', end: '30 Apr 2027', review: '14 May 2027', duration: '61 days' });
    expect(view.footer.author?.text).toBe('<@U42>');
    expect(view.footer.planId).toBe('P1');
  });
});

describe('findingsView', () => {
  it('groups errors, then warnings, then tips, leaving out empty groups', () => {
    const view = findingsView([finding('tip', 'C'), finding('error', 'A'), finding('tip', 'D'), finding('error', 'B')]);
    expect(view.blocking).toBe(true);
    expect(view.summary).toBe('2 errors and 2 tips');
    expect(view.groups.map((group) => group.items.map((item) => item.rule))).toEqual([['A', 'B'], ['C', 'D']]);
  });

  it('reports a clean plan', () => {
    expect(findingsView([])).toMatchObject({ hasFindings: false, blocking: false, summary: '', groups: [] });
  });
});

describe('joinAnd', () => {
  it('joins like a sentence', () => {
    expect(joinAnd([])).toBe('');
    expect(joinAnd(['a'])).toBe('a');
    expect(joinAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

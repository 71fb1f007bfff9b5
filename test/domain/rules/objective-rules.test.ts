import { describe, expect, it } from 'vitest';
import type { Goal, PlanDraft } from '../../../src/domain/plan/plan.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

/** The sample plan with its first goal changed. */
function withFirstGoal(change: Partial<Goal>): PlanDraft {
  const draft = sampleDraft();
  const [first, ...rest] = draft.goals;
  return { ...draft, goals: [{ ...(first as Goal), ...change }, ...rest] };
}

describe('OBJECTIVE-ONE-PRIMARY', () => {
  it('passes with one primary objective', () => {
    expect(findingsOf('OBJECTIVE-ONE-PRIMARY', sampleDraft())).toEqual([]);
  });

  it('blocks a plan with no primary objective', () => {
    const finding = onlyFinding('OBJECTIVE-ONE-PRIMARY', { ...sampleDraft(), primaryObjective: undefined });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('primary');
    expect(finding.questionId).toBe('primary_objective');
  });

  it('treats an unknown objective as not chosen', () => {
    const hostile = { ...sampleDraft(), primaryObjective: 'world-domination' } as unknown as PlanDraft;
    expect(onlyFinding('OBJECTIVE-ONE-PRIMARY', hostile).severity).toBe('error');
  });
});

describe('OBJECTIVE-MEASURABLE', () => {
  it('passes when every goal is measurable', () => {
    expect(findingsOf('OBJECTIVE-MEASURABLE', sampleDraft())).toEqual([]);
  });

  it('blocks a plan with no goals', () => {
    const finding = onlyFinding('OBJECTIVE-MEASURABLE', { ...sampleDraft(), goals: [] });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('no goals');
    expect(finding.questionId).toBe('goals');
  });

  it('names the goal whose target does not rise above its baseline', () => {
    const finding = onlyFinding('OBJECTIVE-MEASURABLE', withFirstGoal({ target: 0.015 }));
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('Goal 1 (Conversion): target 1.5 % is not above the baseline 2.5 %');
    expect(finding.problem).not.toContain('goal 2');
  });

  it('respects goals meant to go down', () => {
    const falling = withFirstGoal({ direction: 'decrease', baseline: 0.3, target: 0.2 });
    expect(findingsOf('OBJECTIVE-MEASURABLE', falling)).toEqual([]);
    const rising = onlyFinding('OBJECTIVE-MEASURABLE', withFirstGoal({ direction: 'decrease', baseline: 0.2, target: 0.3 }));
    expect(rising.problem).toContain('not below the baseline 20 %');
  });

  it('names a deadline after the review date, in words', () => {
    const draft = sampleDraft();
    draft.goals[1] = { ...(draft.goals[1] as Goal), deadline: '2027-06-01' };
    const finding = onlyFinding('OBJECTIVE-MEASURABLE', draft);
    expect(finding.problem).toContain('Goal 2 (Revenue): deadline 1 Jun 2027 is after the review on 14 May 2027');
  });

  it('only checks deadlines against a review date that exists', () => {
    const draft = { ...withFirstGoal({ deadline: '2027-06-01' }), reviewDate: undefined };
    expect(findingsOf('OBJECTIVE-MEASURABLE', draft)).toEqual([]);
  });

  it('reports missing numbers and impossible deadlines from malformed goals', () => {
    const hostile = withFirstGoal({ baseline: Number.NaN, target: undefined as unknown as number, deadline: '2027-02-30' });
    const finding = onlyFinding('OBJECTIVE-MEASURABLE', hostile);
    expect(finding.problem).toContain('no baseline, no target, no valid deadline');
  });

  it('shows money goals in the plan currency', () => {
    const draft = sampleDraft();
    draft.goals[1] = { ...(draft.goals[1] as Goal), target: -5_000 };
    expect(onlyFinding('OBJECTIVE-MEASURABLE', draft).problem).toContain('target -¥50 is not above the baseline ¥0');
  });
});

describe('OBJECTIVE-KPI-FIT', () => {
  it('passes when a goal measures the primary objective', () => {
    expect(findingsOf('OBJECTIVE-KPI-FIT', sampleDraft())).toEqual([]);
  });

  it('warns when no goal measures the primary objective, naming the goals', () => {
    const draft = sampleDraft();
    draft.goals = draft.goals.filter((goal) => goal.metric === 'awareness');
    const finding = onlyFinding('OBJECTIVE-KPI-FIT', draft);
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('Your goals measure Awareness');
    expect(finding.problem).toContain('purchase intention');
    expect(finding.fix).toContain('conversion');
  });

  it('leaves a plan without goals to OBJECTIVE-MEASURABLE', () => {
    expect(findingsOf('OBJECTIVE-KPI-FIT', { ...sampleDraft(), goals: [] })).toEqual([]);
  });
});

describe('OBJECTIVE-STAGE-FIT', () => {
  it('passes when the objective suits the stage', () => {
    expect(findingsOf('OBJECTIVE-STAGE-FIT', sampleDraft())).toEqual([]);
  });

  it('warns when purchase intention is asked of people at need recognition', () => {
    const draft = sampleDraft();
    draft.audience = { ...draft.audience!, stage: 'need-recognition' };
    const finding = onlyFinding('OBJECTIVE-STAGE-FIT', draft);
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('purchase intention');
    expect(finding.problem).toContain('need recognition');
    expect(finding.fix).toContain('category demand or brand awareness');
    expect(finding.questionId).toBe('primary_objective');
  });

  it('is silent while the stage is unknown', () => {
    const draft = sampleDraft();
    draft.audience = { ...draft.audience!, stage: undefined };
    expect(findingsOf('OBJECTIVE-STAGE-FIT', draft)).toEqual([]);
  });
});

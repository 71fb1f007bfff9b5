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

  it('passes when the journey takes the audience on to a stage the objective fits (a full-funnel plan)', () => {
    const draft = sampleDraft();
    draft.audience = { ...draft.audience!, stage: 'information-search' };
    draft.journey = ['information-search', 'purchase-decision', 'post-purchase'];
    expect(findingsOf('OBJECTIVE-STAGE-FIT', draft)).toEqual([]);
  });

  it('warns when purchase intention is asked of people at need recognition who the journey leaves there', () => {
    const draft = sampleDraft();
    draft.audience = { ...draft.audience!, stage: 'need-recognition' };
    draft.journey = ['need-recognition'];
    const finding = onlyFinding('OBJECTIVE-STAGE-FIT', draft);
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('purchase intention');
    expect(finding.problem).toContain('need recognition');
    expect(finding.fix).toContain('category demand or brand awareness');
    expect(finding.fix).toContain('change journey');
    expect(finding.questionId).toBe('primary_objective');
    draft.journey = ['need-recognition', 'information-search'];
    expect(onlyFinding('OBJECTIVE-STAGE-FIT', draft).problem).toBe(
      'The primary objective is purchase intention, but your audience is at need recognition and the journey goes no further than information search.',
    );
  });

  it('is silent while the stage is unknown', () => {
    const draft = sampleDraft();
    draft.audience = { ...draft.audience!, stage: undefined };
    expect(findingsOf('OBJECTIVE-STAGE-FIT', draft)).toEqual([]);
  });
});

describe('GOAL-BEFORE-START', () => {
  it('passes when every goal is due after the start', () => {
    expect(findingsOf('GOAL-BEFORE-START', sampleDraft())).toEqual([]);
  });

  it('warns about a goal due before the campaign starts, naming it and both dates', () => {
    const draft = sampleDraft();
    draft.goals[1] = { ...draft.goals[1]!, deadline: '2027-02-15' };
    const finding = onlyFinding('GOAL-BEFORE-START', draft);
    expect(finding.problem).toBe('Goal 2 (Revenue) is due on 15 Feb 2027, before the campaign starts on 1 Mar 2027.');
    expect(finding.fix).toContain('2027-05-14');
  });

  it('accepts a goal due on the first day, and says nothing while the start is unknown', () => {
    const draft = sampleDraft();
    draft.goals[0] = { ...draft.goals[0]!, deadline: '2027-03-01' };
    expect(findingsOf('GOAL-BEFORE-START', draft)).toEqual([]);
    draft.goals[0] = { ...draft.goals[0]!, deadline: '2027-01-01' };
    expect(findingsOf('GOAL-BEFORE-START', { ...draft, startDate: undefined })).toEqual([]);
  });
});

describe('GOAL-REALISTIC', () => {
  const goal = (change: Partial<Goal>): Goal => ({ metric: 'awareness', unit: 'percent', baseline: 0.1, target: 0.3, direction: 'increase', deadline: '2027-04-30', ...change });
  const withGoal = (change: Partial<Goal>): PlanDraft => ({ ...sampleDraft(), goals: [...sampleDraft().goals, goal(change)] });

  it('passes for targets one campaign can reach', () => {
    expect(findingsOf('GOAL-REALISTIC', sampleDraft())).toEqual([]);
    expect(findingsOf('GOAL-REALISTIC', withGoal({ baseline: 0.1, target: 0.45 }))).toEqual([]);
  });

  it('warns about awareness from 0 % to 100 %, saying why', () => {
    const finding = onlyFinding('GOAL-REALISTIC', withGoal({ baseline: 0, target: 1 }));
    expect(finding.problem).toBe('Goal 4 (Awareness) aims for 100 %, beyond the 90 % that even category leaders rarely pass.');
    expect(finding.principle).toContain('0 % to 100 %');
  });

  it('warns about a jump of more points than a campaign adds, and a count grown many times over', () => {
    expect(onlyFinding('GOAL-REALISTIC', withGoal({ baseline: 0.05, target: 0.7 })).problem).toContain('adds 65 percentage points in one campaign');
    const leads = withGoal({ metric: 'leads', unit: 'count', baseline: 100, target: 5_000 });
    expect(onlyFinding('GOAL-REALISTIC', leads).problem).toContain('multiplies it by 50');
    const revenueFromZero = withGoal({ metric: 'revenue', unit: 'money', baseline: 0, target: 1e9 });
    expect(findingsOf('GOAL-REALISTIC', revenueFromZero)).toEqual([]);
  });

  it('warns about a metric that should go down brought to zero', () => {
    const churn = withGoal({ metric: 'churn', direction: 'decrease', baseline: 0.08, target: 0 });
    expect(onlyFinding('GOAL-REALISTIC', churn).problem).toContain('brings it to 0 %');
    expect(findingsOf('GOAL-REALISTIC', withGoal({ metric: 'churn', direction: 'decrease', baseline: 0.08, target: 0.05 }))).toEqual([]);
  });
});

/**
 * Objectives and goals (seed 001, Rossiter–Percy, DAGMAR): one primary objective,
 * measurable goals that measure it, and an objective that suits the audience's stage.
 */
import { list, phrase, type Params, type Phrase } from '../message/phrase.js';
import { metricInfo } from '../plan/goal-metrics.js';
import { GOAL_METRICS, OBJECTIVES, STAGES, type Goal, type Objective, type PlanDraft } from '../plan/plan.js';
import { OBJECTIVE_METRICS, STAGE_FIT, metricMeasuresObjective, objectiveFitsStage, stagesForObjective } from '../channels/stage-fit.js';
import { isCalendarDate } from '../plan/calendar-date.js';
import { journeyOf } from '../contact/journey.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { all, date, goalRef, goalValue, num, term } from './rule-text.js';

/** The primary objective when it is a known one; anything else counts as not chosen. */
function primaryOf(draft: PlanDraft): Objective | undefined {
  const objective = draft.primaryObjective;
  return objective !== undefined && OBJECTIVES.includes(objective) ? objective : undefined;
}

const objectiveOnePrimary = defineRule({
  id: 'OBJECTIVE-ONE-PRIMARY',
  severity: 'error',
  title: 'Exactly one primary objective',
  questionIds: ['primary_objective', 'secondary_objectives'],
  check(draft, ctx) {
    if (primaryOf(draft) !== undefined) return [];
    return [{ severity: 'error', id: 'none', params: {}, questionId: 'primary_objective' }];
  },
});

/** What keeps one goal from being measurable, as phrases; empty when it is fine. */
function goalIssues(goal: Goal, draft: PlanDraft): Phrase[] {
  const issue = (name: string, params?: Params) => phrase(`findings.objective-measurable.issue.${name}`, params);
  const issues: Phrase[] = [];
  if (!GOAL_METRICS.includes(goal.metric)) issues.push(issue('no-metric'));
  const hasBaseline = Number.isFinite(goal.baseline);
  const hasTarget = Number.isFinite(goal.target);
  if (!hasBaseline) issues.push(issue('no-baseline'));
  if (!hasTarget) issues.push(issue('no-target'));
  if (hasBaseline && hasTarget) {
    const down = goal.direction === 'decrease';
    const moves = down ? goal.target < goal.baseline : goal.target > goal.baseline;
    if (!moves) {
      const values = { target: goalValue(goal.target, goal, draft), baseline: goalValue(goal.baseline, goal, draft) };
      issues.push(issue(down ? 'not-below' : 'not-above', values));
    }
  }
  if (!isCalendarDate(goal.deadline)) issues.push(issue('no-deadline'));
  else if (isCalendarDate(draft.reviewDate) && goal.deadline > draft.reviewDate) {
    issues.push(issue('after-review', { deadline: date(goal.deadline), review: date(draft.reviewDate) }));
  }
  return issues;
}

const objectiveMeasurable = defineRule({
  id: 'OBJECTIVE-MEASURABLE',
  severity: 'error',
  title: 'Every goal is measurable',
  questionIds: ['goals'],
  check(draft, ctx) {
    if (draft.goals.length === 0) return [{ severity: 'error', id: 'no-goals', params: {}, questionId: 'goals' }];
    const broken = draft.goals.flatMap((goal, index) => {
      const issues = goalIssues(goal, draft);
      return issues.length > 0 ? [phrase('findings.objective-measurable.goal', { goal: goalRef(goal, index, ctx.labels), issues: list(issues, 'comma') })] : [];
    });
    if (broken.length === 0) return [];
    return [{ severity: 'error', id: 'not-measurable', params: { goals: list(broken, 'semicolons') }, questionId: 'goals' }];
  },
});

const objectiveKpiFit = defineRule({
  id: 'OBJECTIVE-KPI-FIT',
  severity: 'warning',
  title: 'A goal measures the primary objective',
  questionIds: ['goals', 'primary_objective'],
  check(draft, ctx) {
    const objective = primaryOf(draft);
    if (objective === undefined || draft.goals.length === 0) return [];
    if (draft.goals.some((goal) => metricMeasuresObjective(goal.metric, objective))) return [];
    const known = draft.goals.filter((goal) => GOAL_METRICS.includes(goal.metric));
    const measured = [...new Set(known.map((goal) => goal.metric))].map((metric) => term('metric', metric));
    // The first few, the ones people set most; the review needs one, not the whole list.
    const fitting = all(OBJECTIVE_METRICS[objective].slice(0, 6).map((metric) => term('metric', metric, true)), 'or');
    const params = { objective: term('objective', objective, true), fitting };
    return measured.length > 0
      ? [{ severity: 'warning', id: 'other-metrics', params: { ...params, measured: all(measured) }, questionId: 'goals' }]
      : [{ severity: 'warning', id: 'no-metric', params, questionId: 'goals' }];
  },
});

const objectiveStageFit = defineRule({
  id: 'OBJECTIVE-STAGE-FIT',
  severity: 'warning',
  title: 'The primary objective fits a stage of the journey',
  questionIds: ['primary_objective', 'audience_stage', 'journey'],
  check(draft, ctx) {
    const objective = primaryOf(draft);
    const stage = draft.audience?.stage;
    if (objective === undefined || stage === undefined || !STAGES.includes(stage)) return [];
    // A campaign that takes the audience on to the purchase may aim at purchase intention from the start.
    const journey = journeyOf(draft);
    if (journey.some((step) => objectiveFitsStage(objective, step))) return [];
    const params = {
      objective: term('objective', objective, true),
      stage: term('stage', stage, true),
      along: journey.length > 1 ? phrase('findings.objective-stage-fit.along', { last: term('stage', journey.at(-1) as string, true) }) : '',
      fitting: all(STAGE_FIT[stage].objectives.map((o) => term('objective', o, true)), 'or'),
      stages: all(stagesForObjective(objective).map((s) => term('stage', s, true)), 'or'),
    };
    return [{ severity: 'warning', id: 'not-ready', params, questionId: 'primary_objective' }];
  },
});

const goalBeforeStart = defineRule({
  id: 'GOAL-BEFORE-START',
  severity: 'warning',
  title: 'No goal is due before the campaign starts',
  questionIds: ['goals', 'start_date'],
  check(draft, ctx) {
    const start = draft.startDate;
    if (!isCalendarDate(start)) return [];
    const early = draft.goals.flatMap((goal, index) =>
      isCalendarDate(goal?.deadline) && goal.deadline < start
        ? [phrase('findings.goal-before-start.due', { goal: goalRef(goal, index, ctx.labels), deadline: date(goal.deadline) })]
        : [],
    );
    if (early.length === 0) return [];
    const review = isCalendarDate(draft.reviewDate) ? phrase('findings.goal-before-start.by-review', { review: draft.reviewDate }) : '';
    return [{ severity: 'warning', id: 'early', params: { goals: all(early), start: date(start), review }, questionId: 'goals' }];
  },
});

/** Why one goal is out of reach for a single campaign, or undefined when it is not. */
function unrealistic(goal: Goal, draft: PlanDraft): Phrase | undefined {
  const info = metricInfo(goal?.metric);
  if (!info || !Number.isFinite(goal.baseline) || !Number.isFinite(goal.target)) return undefined;
  const value = (n: number) => goalValue(n, goal, draft);
  const why = (name: string, params: Params) => phrase(`findings.goal-realistic.why.${name}`, params);
  const { ceiling, maxStep, maxMultiple } = info.realistic ?? {};
  const rises = goal.direction !== 'decrease';
  if (!rises) return goal.target === 0 && goal.baseline > 0 ? why('to-zero', { zero: value(0) }) : undefined;
  if (goal.unit === 'percent') {
    if (ceiling !== undefined && goal.target > ceiling) return why('ceiling', { target: value(goal.target), ceiling: value(ceiling) });
    if (maxStep !== undefined && goal.target - goal.baseline > maxStep + 1e-9) {
      return why('step', { points: num((goal.target - goal.baseline) * 100, 1), step: num(maxStep * 100, 0) });
    }
  }
  if (maxMultiple !== undefined && goal.baseline > 0 && goal.target / goal.baseline > maxMultiple) {
    return why('multiple', { times: num(goal.target / goal.baseline, 1), baseline: value(goal.baseline), target: value(goal.target) });
  }
  return undefined;
}

const goalRealistic = defineRule({
  id: 'GOAL-REALISTIC',
  severity: 'warning',
  title: 'The targets are within reach of one campaign',
  questionIds: ['goals'],
  check(draft, ctx) {
    const far = draft.goals.flatMap((goal, index) => {
      const why = unrealistic(goal, draft);
      return why === undefined ? [] : [phrase('findings.goal-realistic.goal', { goal: goalRef(goal, index, ctx.labels), why })];
    });
    if (far.length === 0) return [];
    return [{ severity: 'warning', id: 'out-of-reach', params: { goals: all(far) }, questionId: 'goals' }];
  },
});

/** Rules about the objective and its goals. */
export const OBJECTIVE_RULES: readonly RuleDefinition[] = [
  objectiveOnePrimary,
  objectiveMeasurable,
  objectiveKpiFit,
  objectiveStageFit,
  goalBeforeStart,
  goalRealistic,
];

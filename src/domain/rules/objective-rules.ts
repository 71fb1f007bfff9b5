/**
 * Objectives and goals (seed 001, Rossiter–Percy, DAGMAR): one primary objective,
 * measurable goals that measure it, and an objective that suits the audience's stage.
 */
import { formatDate } from '../plan/format.js';
import { GOAL_METRICS, OBJECTIVES, STAGES, type Goal, type Objective, type PlanDraft } from '../plan/plan.js';
import { OBJECTIVE_METRICS, STAGE_FIT, metricMeasuresObjective, objectiveFitsStage, stagesForObjective } from '../channels/stage-fit.js';
import { isCalendarDate } from '../plan/calendar-date.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { asSentence, formatGoalValue, goalName, joinNames, labelOf } from './rule-text.js';

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
  check(draft) {
    if (primaryOf(draft) !== undefined) return [];
    return [
      {
        severity: 'error',
        problem: 'No primary communication objective has been chosen.',
        principle:
          'A campaign needs one main purpose that decides the message, the channels and the budget; other effects can be secondary.',
        fix: 'Choose the one objective that matters most, e.g. "Purchase intention", and keep the others as secondary.',
        questionId: 'primary_objective',
      },
    ];
  },
});

/** What keeps one goal from being measurable, in short phrases; empty when it is fine. */
function goalIssues(goal: Goal, draft: PlanDraft): string[] {
  const issues: string[] = [];
  if (!GOAL_METRICS.includes(goal.metric)) issues.push('no metric');
  const hasBaseline = Number.isFinite(goal.baseline);
  const hasTarget = Number.isFinite(goal.target);
  if (!hasBaseline) issues.push('no baseline');
  if (!hasTarget) issues.push('no target');
  if (hasBaseline && hasTarget) {
    const down = goal.direction === 'decrease';
    const moves = down ? goal.target < goal.baseline : goal.target > goal.baseline;
    if (!moves) {
      const target = formatGoalValue(goal.target, goal, draft);
      const baseline = formatGoalValue(goal.baseline, goal, draft);
      issues.push(`target ${target} is not ${down ? 'below' : 'above'} the baseline ${baseline}`);
    }
  }
  if (!isCalendarDate(goal.deadline)) issues.push('no valid deadline');
  else if (isCalendarDate(draft.reviewDate) && goal.deadline > draft.reviewDate) {
    issues.push(`deadline ${formatDate(goal.deadline)} is after the review on ${formatDate(draft.reviewDate)}`);
  }
  return issues;
}

const objectiveMeasurable = defineRule({
  id: 'OBJECTIVE-MEASURABLE',
  severity: 'error',
  title: 'Every goal is measurable',
  questionIds: ['goals'],
  check(draft, ctx) {
    const principle =
      'A goal you cannot measure cannot be reviewed: each needs a metric, a starting point, a target and a date (DAGMAR).';
    const fix =
      'Give every goal a metric, today\'s value, the value you aim for and a deadline no later than the review, e.g. "conversion from 1.5 % to 2.5 % by 30 Apr 2027".';
    if (draft.goals.length === 0) {
      return [{ severity: 'error', problem: 'The plan has no goals yet.', principle, fix, questionId: 'goals' }];
    }
    const broken = draft.goals.flatMap((goal, index) => {
      const issues = goalIssues(goal, draft);
      return issues.length > 0 ? [`${goalName(goal, index, ctx.labels)}: ${issues.join(', ')}`] : [];
    });
    if (broken.length === 0) return [];
    return [
      {
        severity: 'error',
        problem: asSentence(broken.join('; ')),
        principle,
        fix,
        questionId: 'goals',
      },
    ];
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
    const measured = [...new Set(known.map((goal) => labelOf(ctx.labels, 'metric', goal.metric)))];
    const fitting = OBJECTIVE_METRICS[objective].map((metric) => labelOf(ctx.labels, 'metric', metric).toLowerCase());
    const objectiveName = labelOf(ctx.labels, 'objective', objective).toLowerCase();
    return [
      {
        severity: 'warning',
        problem:
          measured.length > 0
            ? `Your goals measure ${joinNames(measured)}, but none of them measures ${objectiveName}, the primary objective.`
            : `None of your goals measures ${objectiveName}, the primary objective.`,
        principle: 'If no goal measures the main objective, the review cannot tell whether the campaign did its job.',
        fix: `Add a goal on ${joinNames(fitting, 'or')}.`,
        questionId: 'goals',
      },
    ];
  },
});

const objectiveStageFit = defineRule({
  id: 'OBJECTIVE-STAGE-FIT',
  severity: 'warning',
  title: 'The primary objective fits the audience stage',
  questionIds: ['primary_objective', 'audience_stage'],
  check(draft, ctx) {
    const objective = primaryOf(draft);
    const stage = draft.audience?.stage;
    if (objective === undefined || stage === undefined || !STAGES.includes(stage)) return [];
    if (objectiveFitsStage(objective, stage)) return [];
    const objectiveName = labelOf(ctx.labels, 'objective', objective).toLowerCase();
    const stageName = labelOf(ctx.labels, 'stage', stage).toLowerCase();
    const fitting = STAGE_FIT[stage].objectives.map((o) => labelOf(ctx.labels, 'objective', o).toLowerCase());
    const stages = stagesForObjective(objective).map((s) => labelOf(ctx.labels, 'stage', s).toLowerCase());
    return [
      {
        severity: 'warning',
        problem: `The primary objective is ${objectiveName}, but your audience is at ${stageName}.`,
        principle: 'Communication moves people one step along their journey; asking for a step they are not ready for is wasted.',
        fix: `For an audience at ${stageName}, aim for ${joinNames(fitting, 'or')}; or keep ${objectiveName} and target people at ${joinNames(stages, 'or')}.`,
        questionId: 'primary_objective',
      },
    ];
  },
});

/** Rules about the objective and its goals. */
export const OBJECTIVE_RULES: readonly RuleDefinition[] = [
  objectiveOnePrimary,
  objectiveMeasurable,
  objectiveKpiFit,
  objectiveStageFit,
];

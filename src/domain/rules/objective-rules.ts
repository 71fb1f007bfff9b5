/**
 * Objectives and goals (seed 001, Rossiter–Percy, DAGMAR): one primary objective,
 * measurable goals that measure it, and an objective that suits the audience's stage.
 */
import { formatDate, formatNumber } from '../plan/format.js';
import { metricInfo } from '../plan/goal-metrics.js';
import { GOAL_METRICS, OBJECTIVES, STAGES, type Goal, type Objective, type PlanDraft } from '../plan/plan.js';
import { OBJECTIVE_METRICS, STAGE_FIT, metricMeasuresObjective, objectiveFitsStage, stagesForObjective } from '../channels/stage-fit.js';
import { isCalendarDate } from '../plan/calendar-date.js';
import { journeyOf } from '../contact/journey.js';
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
  check(draft, ctx) {
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
    // The first few, the ones people set most; the review needs one, not the whole list.
    const fitting = OBJECTIVE_METRICS[objective].slice(0, 6).map((metric) => labelOf(ctx.labels, 'metric', metric).toLowerCase());
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
  title: 'The primary objective fits a stage of the journey',
  questionIds: ['primary_objective', 'audience_stage', 'journey'],
  check(draft, ctx) {
    const objective = primaryOf(draft);
    const stage = draft.audience?.stage;
    if (objective === undefined || stage === undefined || !STAGES.includes(stage)) return [];
    // A campaign that takes the audience on to the purchase may aim at purchase intention from the start.
    const journey = journeyOf(draft);
    if (journey.some((step) => objectiveFitsStage(objective, step))) return [];
    const objectiveName = labelOf(ctx.labels, 'objective', objective).toLowerCase();
    const stageName = labelOf(ctx.labels, 'stage', stage).toLowerCase();
    const fitting = STAGE_FIT[stage].objectives.map((o) => labelOf(ctx.labels, 'objective', o).toLowerCase());
    const stages = stagesForObjective(objective).map((s) => labelOf(ctx.labels, 'stage', s).toLowerCase());
    const along = journey.length > 1 ? ` and the journey goes no further than ${labelOf(ctx.labels, 'stage', journey.at(-1)).toLowerCase()}` : '';
    return [
      {
        severity: 'warning',
        problem: `The primary objective is ${objectiveName}, but your audience is at ${stageName}${along}.`,
        principle: 'Communication moves people one step along their journey; asking for a step they are not ready for is wasted.',
        fix: `For an audience at ${stageName}, aim for ${joinNames(fitting, 'or')}; or keep ${objectiveName} and take the journey on to ${joinNames(stages, 'or')} (\`change journey\`).`,
        questionId: 'primary_objective',
      },
    ];
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
      isCalendarDate(goal?.deadline) && goal.deadline < start ? [`${goalName(goal, index, ctx.labels)} is due on ${formatDate(goal.deadline)}`] : [],
    );
    if (early.length === 0) return [];
    return [
      {
        severity: 'warning',
        problem: `${asSentence(joinNames(early)).slice(0, -1)}, before the campaign starts on ${formatDate(start)}.`,
        principle: 'A goal due before the campaign starts measures something the campaign cannot have caused, so the review learns nothing from it.',
        fix: `Move the deadline to the end of the campaign or the review${isCalendarDate(draft.reviewDate) ? `, e.g. "by ${draft.reviewDate}"` : ''}.`,
        questionId: 'goals',
      },
    ];
  },
});

/** Why one goal is out of reach for a single campaign, or undefined when it is not. */
function unrealistic(goal: Goal, draft: PlanDraft): string | undefined {
  const info = metricInfo(goal?.metric);
  if (!info || !Number.isFinite(goal.baseline) || !Number.isFinite(goal.target)) return undefined;
  const value = (n: number) => formatGoalValue(n, goal, draft);
  const { ceiling, maxStep, maxMultiple } = info.realistic ?? {};
  const rises = goal.direction !== 'decrease';
  if (!rises) return goal.target === 0 && goal.baseline > 0 ? `brings it to ${value(0)}, which no campaign does` : undefined;
  if (goal.unit === 'percent') {
    if (ceiling !== undefined && goal.target > ceiling) return `aims for ${value(goal.target)}, beyond the ${value(ceiling)} that even category leaders rarely pass`;
    if (maxStep !== undefined && goal.target - goal.baseline > maxStep + 1e-9) {
      return `adds ${formatNumber((goal.target - goal.baseline) * 100, 1)} percentage points in one campaign, where ${formatNumber(maxStep * 100, 0)} is already a big step`;
    }
  }
  if (maxMultiple !== undefined && goal.baseline > 0 && goal.target / goal.baseline > maxMultiple) {
    return `multiplies it by ${formatNumber(goal.target / goal.baseline, 1)} (${value(goal.baseline)} → ${value(goal.target)}) in one campaign`;
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
      return why === undefined ? [] : [`${goalName(goal, index, ctx.labels)} ${why}`];
    });
    if (far.length === 0) return [];
    return [
      {
        severity: 'warning',
        problem: asSentence(joinNames(far)),
        principle:
          'A target out of reach sets the campaign up to fail and hides what it really achieved; a stretch is good, a miracle is not (awareness from 0 % to 100 % is nobody’s plan).',
        fix: 'Aim for a step this campaign can take, from your own past campaigns or the category norm, e.g. "awareness 10 % → 25 %", and keep the bigger ambition for the plan after.',
        questionId: 'goals',
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
  goalBeforeStart,
  goalRealistic,
];

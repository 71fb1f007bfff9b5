/**
 * Objective-and-task budget (domain §4). Each objective becomes a task with its own
 * driver (visits that convert, impressions, contacts with the base); the channels
 * that can buy a task get the money it needs; the total closes line by line (working
 * media + non-media + incentive + reserve); what the money available achieves is
 * counted from what the buying channels actually get; and a budget that cannot be
 * right is reported as a problem that names its numbers, never passed silently.
 */
import { FUNNEL_OBJECTIVES, CURRENCIES, type Budget, type PlanDraft } from '../plan/plan.js';
import type { BudgetModel, BudgetProblem, BudgetSketch, MoneyLines } from './budget-types.js';
import { isRateReadingAsZero, isValidFunnelInputs, isValidReachInputs, isValidRetentionInputs } from './budget-inputs.js';
import { achievementOf, conversionOutlook, goalComparisons, plannedOf, profitCheck, revenueGoalIndex } from './budget-outlook.js';
import { BudgetOverflow, impressionsNeeded, paidChannels, visitsNeeded } from './budget-tasks.js';
import { fundedLines, needLines, reserveRateOf, type PrimaryTask, type TaskNeeds } from './money-lines.js';
import { inferPattern, schedulePhases } from './schedule-phases.js';

export { DEFAULT_RESERVE_RATE } from './money-lines.js';
export { isValidFunnelInputs, isValidReachInputs, isValidRetentionInputs, MIN_PLAUSIBLE_RATE } from './budget-inputs.js';
export { inferPattern, schedulePhases } from './schedule-phases.js';
export { splitExactly } from './split-exactly.js';

/** Below this share of the need a plan is an error unless it is posted scaled down to the money. */
export const MIN_COVERAGE = 0.5;
/** A need more than this many times the money available is an error: almost always a typo. */
export const MAX_NEED_RATIO = 10;

/** The budget as the rules and the sketch see it: the model, the sketch when it can be made, and what is wrong. */
export interface BudgetAnalysis {
  /** Undefined until the primary objective is known. */
  model?: BudgetModel;
  sketch?: BudgetSketch;
  problems: BudgetProblem[];
}

/**
 * Which task drives the budget: retention for a post-purchase audience (unless a stored
 * plan has only the funnel's inputs), the sales funnel for purchase intention and
 * category demand, reach for brand awareness and attitude.
 */
export function budgetModelOf(draft: PlanDraft): BudgetModel | undefined {
  const objective = draft.primaryObjective;
  if (objective === undefined || objective === null) return undefined;
  const budget = draft.budget;
  if (draft.audience?.stage === 'post-purchase' && (budget?.retention !== undefined || budget?.funnel === undefined)) return 'retention';
  return FUNNEL_OBJECTIVES.includes(objective) ? 'funnel' : 'reach';
}

/** The sketch for a draft, or undefined when the currency or the model's inputs are missing or invalid, or the sums cannot be kept exactly. */
export function buildBudgetSketch(draft: PlanDraft): BudgetSketch | undefined {
  return analyseBudget(draft).sketch;
}

/** The whole analysis: the sketch and the problems the rules report as BUDGET-ABSURD. */
export function analyseBudget(draft: PlanDraft): BudgetAnalysis {
  const budget = draft?.budget;
  const model = draft ? budgetModelOf(draft) : undefined;
  if (!hasUsableMoney(budget) || model === undefined) return { ...(model ? { model } : {}), problems: [] };
  const problems = zeroRates(budget);
  const needs = taskNeeds(draft, budget, model);
  if ('overflow' in needs) return { model, problems: [...problems, { code: 'cannot-compute', task: needs.overflow }] };
  if (needs.primary === undefined && !(model === 'reach' && paidChannels(draft).length === 0)) return { model, problems };
  try {
    const sketch = sketchOf(draft, budget, model, needs.tasks, needs.primary);
    // A rate that reads as 0 % explains any need it produces: one error, not two.
    const derived = problems.length > 0 ? sketch.problems.filter((p) => p.code !== 'need-over-ten-times' && p.code !== 'underfunded') : sketch.problems;
    return { model, sketch, problems: [...problems, ...derived] };
  } catch (error) {
    if (error instanceof BudgetOverflow) return { model, problems: [...problems, { code: 'cannot-compute', task: error.task }] };
    throw error;
  }
}

/** A budget with a known currency and, if given, a non-negative whole available amount. */
function hasUsableMoney(budget: Budget | undefined): budget is Budget {
  if (budget === undefined || budget === null) return false;
  if (!CURRENCIES.includes(budget.currency)) return false;
  return budget.available === undefined || (Number.isSafeInteger(budget.available) && budget.available >= 0);
}

/** Rates that are valid arithmetic but read as 0 %: a typo, not a plan. */
function zeroRates(budget: Budget): BudgetProblem[] {
  const rates: [Extract<BudgetProblem, { code: 'rate-reads-as-zero' }>['field'], unknown][] = [
    ['conversionRate', budget.funnel?.conversionRate],
    ['reachRate', budget.reach?.reachRate],
    ['repeatRateUplift', budget.retention?.repeatRateUplift],
  ];
  return rates.flatMap(([field, value]): BudgetProblem[] =>
    isRateReadingAsZero(value) ? [{ code: 'rate-reads-as-zero', field, value: value as number }] : [],
  );
}

/** The tasks whose inputs are valid, at their full need; the primary is the model's own. */
function taskNeeds(
  draft: PlanDraft,
  budget: Budget,
  model: BudgetModel,
): { tasks: TaskNeeds; primary: PrimaryTask } | { overflow: BudgetOverflow['task'] } {
  const tasks: TaskNeeds = {};
  try {
    if (isValidFunnelInputs(budget.funnel)) {
      const revenueGoal = revenueGoalIndex(draft, budget.funnel.targetRevenue);
      tasks.traffic = { inputs: budget.funnel, visits: visitsNeeded(budget.funnel), ...(revenueGoal !== undefined ? { revenueGoal } : {}) };
    }
    // The reach model buys impressions on paid media only; owned channels get production money instead.
    if (isValidReachInputs(budget.reach) && paidChannels(draft).length > 0) {
      tasks.reach = { inputs: budget.reach, impressions: impressionsNeeded(budget.reach) };
    }
    if (isValidRetentionInputs(budget.retention)) tasks.retention = { inputs: budget.retention, customers: budget.retention.baseCustomers };
  } catch (error) {
    if (error instanceof BudgetOverflow) return { overflow: error.task };
    throw error;
  }
  const key = ({ funnel: 'traffic', reach: 'reach', retention: 'retention' } as const)[model];
  return { tasks, primary: tasks[key] ? key : undefined };
}

function sketchOf(draft: PlanDraft, budget: Budget, model: BudgetModel, needs: TaskNeeds, primary: PrimaryTask): BudgetSketch {
  const need = needLines(draft, needs, primary);
  const available = budget.available;
  const funded = available === undefined ? need : fundedLines(draft, needs, primary, need, available);
  const unallocated = available === undefined ? 0 : available - funded.total;
  const status: BudgetSketch['status'] =
    available === undefined ? 'unknown' : available > need.total ? 'enough' : available === need.total ? 'exact' : 'shortfall';
  const coverage = available !== undefined && need.total > 0 ? available / need.total : undefined;
  const scaledDown = budget.scaledDown === true && status === 'shortfall';
  const problems: BudgetProblem[] = [];
  if (available !== undefined && coverage !== undefined) {
    if (need.total > MAX_NEED_RATIO * available) problems.push({ code: 'need-over-ten-times', need: need.total, available });
    else if (coverage < MIN_COVERAGE && !scaledDown) problems.push({ code: 'underfunded', need: need.total, available });
  }
  if (need.traffic && needs.retention && need.traffic.orders > needs.retention.inputs.baseCustomers) {
    problems.push({ code: 'orders-over-base', orders: need.traffic.orders, base: needs.retention.inputs.baseCustomers });
  }
  const planned = plannedOf(need);
  const achieves = achievementOf(funded);
  const pattern = budget.pattern ?? inferPattern(draft);
  const conversion = need.traffic ? conversionOutlook(draft, need.traffic.inputs) : undefined;
  const profit = profitCheck(draft, need);
  return {
    currency: budget.currency,
    model,
    need,
    ...(available !== undefined ? { available } : {}),
    funded,
    unallocated,
    total: funded.total + unallocated,
    status,
    gap: status === 'shortfall' && available !== undefined ? need.total - available : 0,
    ...(coverage !== undefined ? { coverage } : {}),
    scaledDown,
    achieves,
    planned,
    ...(conversion ? { conversion } : {}),
    ...(profit ? { profit } : {}),
    goals: goalComparisons(draft, planned, achieves),
    reserveRate: reserveRateOf(draft),
    pattern,
    patternInferred: budget.pattern === undefined,
    phases: schedulePhases({
      pattern,
      startDate: draft.startDate,
      endDate: draft.endDate,
      ...(budget.peak ? { peak: budget.peak } : {}),
      paid: paidMoney(funded),
      contacts: funded.retention?.lines.reduce((sum, line) => sum + line.amount, 0) ?? 0,
      activities: (phase) => activitiesFor(draft, phase),
    }),
    problems,
  };
}

/** Money on paid channels' lines (unplaced money has no channel to spend it yet). */
function paidMoney(lines: MoneyLines): number {
  return [...(lines.traffic?.lines ?? []), ...(lines.reach?.lines ?? [])].filter((l) => l.media === 'paid').reduce((sum, l) => sum + l.amount, 0);
}

/**
 * What carries a phase with no money: the contact plan's rows timed to it, else the
 * plan's owned and earned channels (they cost production and PR, not media money).
 */
function activitiesFor(draft: PlanDraft, phase: { id: string; name: string }): string[] {
  const channels = Array.isArray(draft.channels) ? draft.channels : [];
  const nameOf = (id: string) => channels.find((c) => c.id === id)?.name ?? id;
  const rows = (Array.isArray(draft.contactPlan) ? draft.contactPlan : []).filter(
    (row) => row?.timing?.kind === 'phase' && [phase.id, phase.name.toLowerCase()].includes(row.timing.phase.toLowerCase()),
  );
  if (rows.length > 0) return rows.map((row) => `${nameOf(row.channelId)}${row.format ? ` (${row.format})` : ''}`);
  return channels.filter((c) => c.media === 'owned' || c.media === 'earned').map((c) => c.name);
}

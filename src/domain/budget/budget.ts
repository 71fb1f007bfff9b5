/**
 * Objective-and-task budget (domain §4): derive the media budget from the goal
 * with the sales funnel or the reach model, compare it with the money available,
 * check the return on customer investment, then allocate the working budget to
 * channels and schedule the paid part. All money is integer minor units.
 */
import { allocateBudget, DEFAULT_RESERVE_RATE } from './budget-allocation.js';
import { ceilDiv, PPB, roundDiv, toPpb } from './budget-exact.js';
import type { BudgetComparison, BudgetSketch, FunnelMaths, ReachMaths, RociCheck } from './budget-types.js';
import type { Budget, FunnelInputs, PlanDraft, ReachInputs } from '../plan/plan.js';
import { budgetModelFor, CURRENCIES } from '../plan/plan.js';
import { schedulePhases } from './schedule-phases.js';

export { allocateBudget, ALLOCATION_WEIGHTS, DEFAULT_RESERVE_RATE } from './budget-allocation.js';
export type { BudgetAllocation } from './budget-allocation.js';
export { schedulePhases } from './schedule-phases.js';
export { splitExactly } from './split-exactly.js';

/** Whether funnel inputs can be used: money positive whole minor units, conversion in (0, 1]. */
export function isValidFunnelInputs(inputs: FunnelInputs | undefined): inputs is FunnelInputs {
  if (inputs === undefined || inputs === null) return false;
  const { targetRevenue, averageOrderValue, costPerVisit, conversionRate, customerValue } = inputs;
  return (
    [targetRevenue, averageOrderValue, costPerVisit].every(isPositiveWhole) &&
    isRate(conversionRate) &&
    (customerValue === undefined || isPositiveWhole(customerValue))
  );
}

/** Whether reach inputs can be used: audience and CPM positive whole numbers, reach in (0, 1], frequency positive. */
export function isValidReachInputs(inputs: ReachInputs | undefined): inputs is ReachInputs {
  if (inputs === undefined || inputs === null) return false;
  const { audienceSize, reachRate, frequency, cpm } = inputs;
  return (
    isPositiveWhole(audienceSize) &&
    isPositiveWhole(cpm) &&
    isRate(reachRate) &&
    typeof frequency === 'number' &&
    frequency > 0 &&
    // Frequency is kept to a billionth like the rates, so it must survive that scaling.
    Number.isSafeInteger(Math.round(frequency * 1e9)) &&
    toPpb(frequency) > 0n
  );
}

/**
 * Sales funnel: visits, orders and media budget the revenue target needs.
 * Expects valid inputs (see `isValidFunnelInputs`).
 */
export function funnelMaths(inputs: FunnelInputs): FunnelMaths {
  const conversion = toPpb(inputs.conversionRate);
  const visits = ceilDiv(BigInt(inputs.targetRevenue) * PPB, conversion * BigInt(inputs.averageOrderValue));
  const mediaBudget = visits * BigInt(inputs.costPerVisit);
  return {
    inputs,
    visits: Number(visits),
    orders: Number(visits * conversion) / 1e9,
    mediaBudget: Number(mediaBudget),
    costPerOrder: Number(roundDiv(mediaBudget * PPB, visits * conversion)),
  };
}

/**
 * Reach model: impressions and media budget the awareness goal needs.
 * Expects valid inputs (see `isValidReachInputs`).
 */
export function reachMaths(inputs: ReachInputs): ReachMaths {
  const impressions = ceilDiv(
    BigInt(inputs.audienceSize) * toPpb(inputs.reachRate) * toPpb(inputs.frequency),
    PPB * PPB,
  );
  return {
    inputs,
    impressions: Number(impressions),
    mediaBudget: Number(ceilDiv(impressions * BigInt(inputs.cpm), 1000n)),
  };
}

/**
 * The required budget against the money available, and what that money buys at
 * the plan's own rates (whole visits or impressions only: money cannot buy a
 * fraction of one). A negative `available` buys nothing.
 */
export function compareBudget(required: number, available: number, model: FunnelMaths | ReachMaths): BudgetComparison {
  const difference = available - required;
  const status = difference < 0 ? 'shortfall' : difference > 0 ? 'surplus' : 'exact';
  const spendable = BigInt(Math.max(0, Math.floor(available)));
  return { available, required, difference, status, achievable: achievableWith(spendable, model) };
}

/** What `spendable` minor units buy under the model's cost assumptions. */
function achievableWith(spendable: bigint, model: FunnelMaths | ReachMaths): BudgetComparison['achievable'] {
  if ('visits' in model) {
    const { costPerVisit, conversionRate, averageOrderValue } = model.inputs;
    const conversion = toPpb(conversionRate);
    const visits = spendable / BigInt(costPerVisit);
    return {
      visits: Number(visits),
      orders: Number(visits * conversion) / 1e9,
      revenue: Number(roundDiv(visits * conversion * BigInt(averageOrderValue), PPB)),
    };
  }
  const { audienceSize, frequency, cpm } = model.inputs;
  const impressions = Number((spendable * 1000n) / BigInt(cpm));
  return { impressions, reachRate: Math.min(1, impressions / (audienceSize * frequency)) };
}

/** Return on customer investment: does winning an order cost more than it brings? */
export function rociCheck(funnel: FunnelMaths): RociCheck {
  const { customerValue, averageOrderValue } = funnel.inputs;
  const basedOnCustomer = customerValue !== undefined;
  const valuePerOrder = basedOnCustomer ? customerValue : averageOrderValue;
  return {
    costPerOrder: funnel.costPerOrder,
    valuePerOrder,
    valueBasis: basedOnCustomer ? 'customer-value' : 'average-order-value',
    exceeds: funnel.costPerOrder > valuePerOrder,
  };
}

/** The whole sketch for a draft; undefined when the budget, its currency or the model's inputs are missing or invalid (not positive, rates outside (0,1]). */
export function buildBudgetSketch(draft: PlanDraft): BudgetSketch | undefined {
  const budget = draft.budget;
  if (!hasUsableMoney(budget)) return undefined;
  const model = budgetModelFor(draft.primaryObjective);
  const maths = modelMaths(budget, model);
  if (maths === undefined) return undefined;
  const required = maths.mediaBudget;
  const workingBudget = budget.available ?? required;
  const { reserve, allocations } = allocateBudget(
    workingBudget,
    draft.channels ?? [],
    draft.audience?.stage,
    budget.reserveRate ?? DEFAULT_RESERVE_RATE,
  );
  const paidTotal = allocations.filter((a) => a.media === 'paid').reduce((sum, a) => sum + a.amount, 0);
  const hasDates = draft.startDate !== undefined && draft.endDate !== undefined;
  return {
    currency: budget.currency,
    model,
    ...('visits' in maths ? { funnel: maths, roci: rociCheck(maths) } : { reach: maths }),
    required,
    ...(budget.available !== undefined ? { comparison: compareBudget(required, budget.available, maths) } : {}),
    workingBudget,
    reserve,
    allocations,
    phases: hasDates ? schedulePhases(paidTotal, draft.startDate ?? '', draft.endDate ?? '') : [],
  };
}

/** A budget with a known currency and, if given, a non-negative whole available amount. */
function hasUsableMoney(budget: Budget | undefined): budget is Budget {
  if (budget === undefined || budget === null) return false;
  if (!CURRENCIES.includes(budget.currency)) return false;
  return budget.available === undefined || (Number.isSafeInteger(budget.available) && budget.available >= 0);
}

/**
 * The chosen model's maths, or undefined when its inputs are missing, invalid, or
 * so large the results would no longer be exact whole minor units.
 */
function modelMaths(budget: Budget, model: 'funnel' | 'reach'): FunnelMaths | ReachMaths | undefined {
  const maths =
    model === 'funnel'
      ? isValidFunnelInputs(budget.funnel) ? funnelMaths(budget.funnel) : undefined
      : isValidReachInputs(budget.reach) ? reachMaths(budget.reach) : undefined;
  if (maths === undefined) return undefined;
  const count = 'visits' in maths ? maths.visits : maths.impressions;
  return Number.isSafeInteger(maths.mediaBudget) && Number.isSafeInteger(count) ? maths : undefined;
}

function isPositiveWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A fraction in (0, 1] that keeps at least one part per billion. */
function isRate(value: unknown): value is number {
  return typeof value === 'number' && value > 0 && value <= 1 && toPpb(value) > 0n;
}

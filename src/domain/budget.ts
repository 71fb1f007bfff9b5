/**
 * Objective-and-task budget (domain §4). Rough first version: the API is final,
 * the maths is being refined.
 */
import type { BudgetComparison, BudgetSketch, ChannelAllocation, FunnelMaths, ReachMaths, RociCheck, SchedulePhase } from './budget-types.js';
import type { Channel, FunnelInputs, PlanDraft, ReachInputs, Stage } from './plan.js';
import { budgetModelFor } from './plan.js';

/** Sales funnel: visits, orders and media budget the revenue target needs. */
export function funnelMaths(inputs: FunnelInputs): FunnelMaths {
  const visits = Math.ceil(inputs.targetRevenue / (inputs.conversionRate * inputs.averageOrderValue) - 1e-9);
  const orders = visits * inputs.conversionRate;
  const mediaBudget = visits * inputs.costPerVisit;
  return { inputs, visits, orders, mediaBudget, costPerOrder: Math.round(mediaBudget / orders) };
}

/** Reach model: impressions and media budget the awareness goal needs. */
export function reachMaths(inputs: ReachInputs): ReachMaths {
  const impressions = Math.ceil(inputs.audienceSize * inputs.reachRate * inputs.frequency);
  return { inputs, impressions, mediaBudget: Math.ceil((impressions / 1000) * inputs.cpm) };
}

/** The required budget against the money available, and what that money buys. */
export function compareBudget(required: number, available: number, model: FunnelMaths | ReachMaths): BudgetComparison {
  const difference = available - required;
  const status = difference < 0 ? 'shortfall' : difference > 0 ? 'surplus' : 'exact';
  return { available, required, difference, status, achievable: {} };
}

/** Return on customer investment: does winning an order cost more than it brings? */
export function rociCheck(funnel: FunnelMaths): RociCheck {
  const customer = funnel.inputs.customerValue;
  const valuePerOrder = customer ?? funnel.inputs.averageOrderValue;
  return {
    costPerOrder: funnel.costPerOrder,
    valuePerOrder,
    valueBasis: customer !== undefined ? 'customer-value' : 'average-order-value',
    exceeds: funnel.costPerOrder > valuePerOrder,
  };
}

/** Split `total` into integer parts proportional to `weights` that add up exactly to `total` (largest remainder; ties to the earlier index). */
export function splitExactly(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => (sum > 0 ? Math.floor((total * w) / sum) : 0));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0 && i < parts.length; i++, left--) parts[i]! += 1;
  return parts;
}

/** Reserve plus one allocation per channel, summing exactly to the working budget. */
export function allocateBudget(
  workingBudget: number,
  channels: readonly Channel[],
  stage: Stage | undefined,
  reserveRate: number,
): { reserve: number; allocations: ChannelAllocation[] } {
  const reserve = Math.round(workingBudget * reserveRate);
  const fits = channels.map((c) => stage === undefined || c.stages.includes(stage));
  const weights = channels.map((c, i) => (c.media === 'earned' ? 0 : c.media === 'owned' ? 1 : fits[i] ? 6 : 2));
  const amounts = weights.some((w) => w > 0) ? splitExactly(workingBudget - reserve, weights) : weights.map(() => 0);
  const allocated = amounts.reduce((a, b) => a + b, 0);
  const allocations = channels.map((c, i) => ({
    channelId: c.id,
    name: c.name,
    media: c.media,
    stageFit: fits[i] ? ('reaches-stage' as const) : ('off-stage' as const),
    amount: amounts[i]!,
    share: workingBudget > 0 ? amounts[i]! / workingBudget : 0,
  }));
  return { reserve: workingBudget - allocated, allocations };
}

/** Paid spend over warm-up, launch and sustain (rough: one launch phase). */
export function schedulePhases(paidTotal: number, startDate: string, endDate: string): SchedulePhase[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(endDate) || endDate < startDate) return [];
  return [{ id: 'launch', name: 'Launch', start: startDate, end: endDate, amount: paidTotal }];
}

/** The whole sketch for a draft; undefined when the budget, its currency or the model's inputs are missing or invalid (not positive, rates outside (0,1]). */
export function buildBudgetSketch(draft: PlanDraft): BudgetSketch | undefined {
  const budget = draft.budget;
  if (budget === undefined) return undefined;
  const model = budgetModelFor(draft.primaryObjective);
  const maths = model === 'funnel' ? (budget.funnel ? funnelMaths(budget.funnel) : undefined) : budget.reach ? reachMaths(budget.reach) : undefined;
  if (maths === undefined) return undefined;
  const required = maths.mediaBudget;
  const workingBudget = budget.available ?? required;
  const { reserve, allocations } = allocateBudget(workingBudget, draft.channels, draft.audience?.stage, budget.reserveRate);
  const paid = allocations.filter((a) => a.media === 'paid').reduce((s, a) => s + a.amount, 0);
  const funnel = 'visits' in maths ? maths : undefined;
  const reach = 'impressions' in maths ? maths : undefined;
  return {
    currency: budget.currency,
    model,
    ...(funnel ? { funnel, roci: rociCheck(funnel) } : {}),
    ...(reach ? { reach } : {}),
    required,
    ...(budget.available !== undefined ? { comparison: compareBudget(required, budget.available, maths) } : {}),
    workingBudget,
    reserve,
    allocations,
    phases: draft.startDate && draft.endDate ? schedulePhases(paid, draft.startDate, draft.endDate) : [],
  };
}

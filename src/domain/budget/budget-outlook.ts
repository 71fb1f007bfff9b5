/**
 * What the money achieves and what it is worth (domain §4): achievements counted
 * from the lines of the channels that buy the tasks (never from the total), the
 * conversion a goal wants to improve budgeted at its baseline with the target as the
 * upside, goals set next to what the money buys, and cost per order judged on profit
 * (contribution per order = AOV × gross margin − incentive per order).
 */
import type { FunnelInputs, Goal, PlanDraft } from '../plan/plan.js';
import type { Achievement, ConversionOutlook, GoalComparison, MoneyLines, ProfitCheck } from './budget-types.js';
import { PPB, roundDiv, toPpb } from './budget-exact.js';
import { isPositiveWhole, isRate } from './budget-inputs.js';
import { ordersFrom, revenueFrom, trafficTask, visitsNeeded } from './budget-tasks.js';

/** What the placed lines of `lines` buy. */
export function achievementOf(lines: MoneyLines): Achievement {
  const { traffic, reach, retention } = lines;
  const result: Achievement = {};
  if (traffic) {
    const visits = traffic.lines.reduce((sum, line) => sum + line.units, 0);
    result.visits = visits;
    result.orders = ordersFrom(visits, traffic.inputs.conversionRate);
    result.revenue = revenueFrom(visits, traffic.inputs.conversionRate, traffic.inputs.averageOrderValue);
  }
  if (reach) {
    const impressions = reach.lines.reduce((sum, line) => sum + line.units, 0);
    const { audienceSize, frequency } = reach.inputs;
    result.impressions = impressions;
    result.reachRate = Math.min(1, impressions / (audienceSize * frequency));
  }
  if (retention) {
    // Contacts on no channel reach nobody; customers are counted from the contacts placed.
    const placed = retention.lines.reduce((sum, line) => sum + line.units, 0);
    const customers = retention.lines.length > 0 ? Math.floor(placed / retention.contactsPerCustomer) : 0;
    const extraOrders = Math.min(customers, Number((BigInt(customers) * toPpb(retention.inputs.repeatRateUplift)) / PPB));
    result.customers = customers;
    result.extraOrders = extraOrders;
    const aov = retention.inputs.averageOrderValue;
    if (isPositiveWhole(aov)) result.revenue = (result.revenue ?? 0) + extraOrders * aov;
    result.orders = (result.orders ?? 0) + extraOrders;
  }
  return result;
}

/** What the task delivers when every unit of the need is bought, placed or not. */
export function plannedOf(lines: MoneyLines): Achievement {
  const { traffic, reach, retention } = lines;
  const result: Achievement = {};
  if (traffic) {
    result.visits = traffic.visits;
    result.orders = traffic.orders;
    result.revenue = revenueFrom(traffic.visits, traffic.inputs.conversionRate, traffic.inputs.averageOrderValue);
  }
  if (reach) {
    result.impressions = reach.impressions;
    result.reachRate = reach.inputs.reachRate;
  }
  if (retention) {
    result.customers = retention.customers;
    result.extraOrders = retention.extraOrders;
    const aov = retention.inputs.averageOrderValue;
    if (isPositiveWhole(aov)) result.revenue = (result.revenue ?? 0) + retention.extraOrders * aov;
    result.orders = (result.orders ?? 0) + retention.extraOrders;
  }
  return result;
}

/** The first goal that wants to raise the conversion rate, with a usable baseline and target. */
function conversionGoal(goals: readonly Goal[]): { goal: Goal; index: number } | undefined {
  const index = goals.findIndex(
    (g) => g?.metric === 'conversion' && g.unit === 'percent' && isRate(g.baseline) && isRate(g.target) && g.target > g.baseline,
  );
  const goal = goals[index];
  return goal ? { goal, index } : undefined;
}

/** The need at the conversion goal's baseline and at its target, next to the rate assumed. */
export function conversionOutlook(draft: PlanDraft, inputs: FunnelInputs): ConversionOutlook | undefined {
  const found = conversionGoal(Array.isArray(draft.goals) ? draft.goals : []);
  if (!found) return undefined;
  const at = (conversionRate: number) => {
    const changed = { ...inputs, conversionRate };
    const visits = visitsNeeded(changed);
    return { visits, workingMedia: trafficTask(draft, changed, visits).workingMedia };
  };
  return {
    goalIndex: found.index,
    baseline: found.goal.baseline,
    target: found.goal.target,
    assumed: inputs.conversionRate,
    atBaseline: at(found.goal.baseline),
    atTarget: at(found.goal.target),
  };
}

/** Money ÷ orders (fractional orders), rounded to a whole minor unit; 0 without orders. */
function perOrder(money: number, orders: number): number {
  return orders > 0 ? Math.round(money / orders) : 0;
}

/**
 * Cost per order against what an order brings. With a gross margin, the contribution
 * per order (AOV × margin − incentive per order); with a customer value (margin-based,
 * over the horizon the question states), that value; with neither, the order value
 * less the incentive, which is revenue, not profit, and is labelled so.
 */
export function profitCheck(draft: PlanDraft, need: MoneyLines): ProfitCheck | undefined {
  const retentionOnly = need.traffic === undefined;
  const task = need.traffic ?? need.retention;
  if (task === undefined) return undefined;
  const orders = need.traffic ? need.traffic.orders : (need.retention?.extraOrders ?? 0);
  const aov = need.traffic ? need.traffic.inputs.averageOrderValue : need.retention?.inputs.averageOrderValue;
  if (!isPositiveWhole(aov) || !(orders > 0)) return undefined;
  const working = task.workingMedia;
  const incentivePerOrder = need.incentive ? perOrder(need.incentive.amount, orders) : 0;
  const margin = draft.budget?.grossMargin;
  const hasMargin = isRate(margin);
  const contributionPerOrder = hasMargin ? Number(roundDiv(BigInt(aov) * toPpb(margin), PPB)) - incentivePerOrder : undefined;
  const customerValue = need.traffic?.inputs.customerValue;
  const basis: ProfitCheck['basis'] = isPositiveWhole(customerValue) ? 'customer-value' : hasMargin ? 'contribution' : 'revenue';
  const valuePerOrder = basis === 'customer-value' ? (customerValue as number) : basis === 'contribution' ? (contributionPerOrder as number) : aov - incentivePerOrder;
  const mediaCostPerOrder = perOrder(working, orders);
  return {
    task: retentionOnly ? 'retention' : 'traffic',
    orders,
    mediaCostPerOrder,
    incentivePerOrder,
    averageOrderValue: aov,
    ...(hasMargin ? { grossMargin: margin } : {}),
    ...(contributionPerOrder !== undefined ? { contributionPerOrder } : {}),
    ...(isPositiveWhole(customerValue) ? { customerValue } : {}),
    basis,
    valuePerOrder,
    exceeds: mediaCostPerOrder > valuePerOrder,
  };
}

/** Metrics a goal can be set in that the budget's tasks also count, and where the task counts them. */
const COMPARABLE: Record<string, keyof Achievement> = {
  revenue: 'revenue',
  orders: 'orders',
  visits: 'visits',
  impressions: 'impressions',
  reach: 'reachRate',
};

/** Each goal the tasks also count, next to what the need plans and what the money buys. */
export function goalComparisons(draft: PlanDraft, planned: Achievement, bought: Achievement): GoalComparison[] {
  const goals = Array.isArray(draft.goals) ? draft.goals : [];
  return goals.flatMap((goal, goalIndex): GoalComparison[] => {
    const key = goal && COMPARABLE[goal.metric];
    if (key === undefined || goal.direction === 'decrease') return [];
    if (key === 'reachRate' ? goal.unit !== 'percent' : goal.unit === 'percent') return [];
    const plannedValue = planned[key];
    const boughtValue = bought[key];
    if (plannedValue === undefined || boughtValue === undefined || !Number.isFinite(goal.target)) return [];
    return [{ goalIndex, metric: goal.metric, target: goal.target, planned: plannedValue, bought: boughtValue }];
  });
}

/** The revenue goal whose target the funnel's revenue target was taken from (or matches). */
export function revenueGoalIndex(draft: PlanDraft, targetRevenue: number): number | undefined {
  const goals = Array.isArray(draft.goals) ? draft.goals : [];
  const index = goals.findIndex((g) => g?.metric === 'revenue' && g.unit === 'money' && g.target === targetRevenue);
  return index >= 0 ? index : undefined;
}

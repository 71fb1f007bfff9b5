/**
 * The money, line by line (domain §4): working media (to the channels that buy the
 * tasks) + non-media (production, content, KOL fees, PR, agency) + the incentive's
 * cost (value × redemptions) + a reserve (a share of the working money, for tests and
 * contingency) = the total. When the money available is short, every task is bought
 * at the same fraction of its need (whole units), the non-media lines stay what they
 * cost, and the incentive and reserve follow the orders and the working money; the
 * largest plan that fits is what the money funds.
 */
import type { FunnelInputs, PlanDraft, ReachInputs, RetentionInputs } from '../plan/plan.js';
import type { IncentiveCost, MoneyLines, NonMediaCost } from './budget-types.js';
import { ceilDiv, shareOf } from './budget-exact.js';
import { isPositiveWhole, isWhole } from './budget-inputs.js';
import { reachTask, retentionTask, safe, trafficTask, wholeOrdersFrom } from './budget-tasks.js';
import { splitExactly } from './split-exactly.js';

/** Share of the working money kept back when the plan does not say (domain §4: "e.g. 10 %"). */
export const DEFAULT_RESERVE_RATE = 0.1;

/** The tasks at their full need, before any money is placed. */
export interface TaskNeeds {
  traffic?: { inputs: FunnelInputs; visits: number; revenueGoal?: number };
  reach?: { inputs: ReachInputs; impressions: number };
  retention?: { inputs: RetentionInputs; customers: number };
}

type TaskKey = keyof TaskNeeds;

/** The task the plan's model is about; the others are scaled with it. */
export type PrimaryTask = TaskKey | undefined;

/** How much of the need is bought: `units` of the primary task's `of`. */
interface Scale {
  units: bigint;
  of: bigint;
}

const FULL: Scale = { units: 1n, of: 1n };

function unitsOf(needs: TaskNeeds, key: TaskKey): number {
  const task = needs[key];
  if (task === undefined) return 0;
  if ('visits' in task) return task.visits;
  if ('impressions' in task) return task.impressions;
  return task.customers;
}

/** `need` units scaled down to the fraction, rounded down (never more than the money buys). */
function scaled(need: number, scale: Scale): number {
  if (scale.of === 0n) return need;
  return safe((BigInt(need) * scale.units) / scale.of, 'traffic');
}

/** The plan's reserve rate clamped to [0, 1]; a missing or broken figure is the default. */
export function reserveRateOf(draft: PlanDraft): number {
  const rate = draft.budget?.reserveRate;
  return typeof rate === 'number' && Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : DEFAULT_RESERVE_RATE;
}

/** The plan's non-media lines that are usable (a known kind, a whole non-negative amount). */
export function nonMediaOf(draft: PlanDraft): NonMediaCost[] {
  const lines = Array.isArray(draft.budget?.nonMedia) ? draft.budget.nonMedia : [];
  return lines
    .filter((line) => line && typeof line.kind === 'string' && isWhole(line.amount))
    .map((line) => ({ kind: line.kind, ...(line.description ? { description: line.description } : {}), amount: line.amount }));
}

/** The incentive's value per redemption when the plan carries an incentive (not a brand message only). */
function incentiveValue(draft: PlanDraft): number | undefined {
  const value = draft.incentive?.value;
  if (!isPositiveWhole(value) || draft.messageType === 'brand') return undefined;
  return value;
}

function incentiveAt(draft: PlanDraft, orders: number, scale: Scale): IncentiveCost | undefined {
  const value = incentiveValue(draft);
  if (value === undefined) return undefined;
  const expected = draft.incentive?.expectedRedemptions;
  const estimated = isPositiveWhole(expected);
  // An estimate is for the whole plan: a plan scaled to the money redeems the same share of it.
  const redemptions = estimated ? safe(scale.of === 0n ? BigInt(expected) : ceilDiv(BigInt(expected) * scale.units, scale.of), 'traffic') : orders;
  return { value, redemptions, estimated, amount: safe(BigInt(redemptions) * BigInt(value), 'traffic') };
}

/** Every line at `scale` of the need. */
function linesAt(draft: PlanDraft, needs: TaskNeeds, primary: PrimaryTask, scale: Scale): MoneyLines {
  const at = (key: TaskKey): number => (key === primary ? Number(scale.units) : scaled(unitsOf(needs, key), scale));
  const traffic = needs.traffic ? trafficTask(draft, needs.traffic.inputs, at('traffic'), needs.traffic.revenueGoal) : undefined;
  const reach = needs.reach ? reachTask(draft, needs.reach.inputs, at('reach')) : undefined;
  const retention = needs.retention ? retentionTask(draft, needs.retention.inputs, at('retention')) : undefined;
  const working = safe(
    BigInt(traffic?.workingMedia ?? 0) + BigInt(reach?.workingMedia ?? 0) + BigInt(retention?.workingMedia ?? 0),
    'traffic',
  );
  const orders = (traffic ? wholeOrdersFrom(traffic.visits, traffic.inputs.conversionRate) : 0) + (retention?.extraOrders ?? 0);
  const incentive = incentiveAt(draft, orders, scale);
  const nonMedia = nonMediaOf(draft);
  const nonMediaTotal = safe(
    nonMedia.reduce((sum, line) => sum + BigInt(line.amount), 0n),
    'traffic',
  );
  const reserve = shareOf(working, reserveRateOf(draft));
  const total = safe(BigInt(working) + BigInt(nonMediaTotal) + BigInt(incentive?.amount ?? 0) + BigInt(reserve), 'traffic');
  return {
    ...(traffic ? { traffic } : {}),
    ...(reach ? { reach } : {}),
    ...(retention ? { retention } : {}),
    working,
    nonMedia,
    nonMediaTotal,
    ...(incentive ? { incentive } : {}),
    reserve,
    total,
  };
}

/** The lines of the whole need. */
export function needLines(draft: PlanDraft, needs: TaskNeeds, primary: PrimaryTask): MoneyLines {
  const units = BigInt(primary ? unitsOf(needs, primary) : 0);
  return linesAt(draft, needs, primary, primary ? { units, of: units } : FULL);
}

/**
 * What `available` funds. When it covers the need, the need. Otherwise the most
 * whole units of the primary task (the others scaled with it) whose lines fit; the
 * non-media lines are fixed costs and are paid first. When even they do not fit, they
 * share the money in proportion and nothing is bought.
 */
export function fundedLines(draft: PlanDraft, needs: TaskNeeds, primary: PrimaryTask, need: MoneyLines, available: number): MoneyLines {
  if (available >= need.total) return need;
  const of = BigInt(primary ? unitsOf(needs, primary) : 0);
  const at = (units: bigint): MoneyLines => linesAt(draft, needs, primary, of === 0n ? FULL : { units, of });
  const none = at(0n);
  if (none.total > available) return nonMediaOnly(none, available);
  // The largest number of units whose lines fit: totals grow with the units bought.
  let low = 0n;
  let high = of;
  while (low < high) {
    const mid = (low + high + 1n) / 2n;
    if (at(mid).total <= available) low = mid;
    else high = mid - 1n;
  }
  return at(low);
}

/** Nothing bought; the non-media lines share the money in proportion to what they cost. */
function nonMediaOnly(none: MoneyLines, available: number): MoneyLines {
  const weights = none.nonMedia.map((line) => line.amount);
  const amounts = none.nonMediaTotal > 0 ? splitExactly(available, weights) : weights.map(() => 0);
  const nonMedia = none.nonMedia.map((line, i) => ({ ...line, amount: amounts[i] ?? 0 }));
  const nonMediaTotal = amounts.reduce((a, b) => a + b, 0);
  const { incentive: _incentive, ...rest } = none;
  return { ...rest, nonMedia, nonMediaTotal, reserve: 0, total: nonMediaTotal };
}

/** Dividing the working budget between a reserve and the chosen channels (domain §4). */
import type { ChannelAllocation } from './budget-types.js';
import { shareOf } from './budget-exact.js';
import type { Channel, Stage } from '../plan/plan.js';
import { splitExactly } from './split-exactly.js';

/**
 * Relative weights for the media money. Paid media is what buys contacts, so a
 * paid channel that reaches the audience's stage carries the plan. An off-stage
 * paid channel still gets a third of that: enough to test it, too little to let
 * it pull money away from the stage the objective is about. Owned channels cost
 * content and production rather than media, so they get a small share. Earned
 * media is free by definition: its cost is PR effort, not media money.
 */
export const ALLOCATION_WEIGHTS = {
  paidOnStage: 6,
  paidOffStage: 2,
  owned: 1,
  earned: 0,
} as const;

/** Share of the working budget kept back when the plan does not say (domain §4: "e.g. 10 %"). */
export const DEFAULT_RESERVE_RATE = 0.1;

/** The reserve and one row per chosen channel. */
export interface BudgetAllocation {
  /** Kept back for testing and contingency; also holds money no channel can take. */
  reserve: number;
  allocations: ChannelAllocation[];
}

/**
 * Reserve plus one allocation per channel (earned rows at 0), summing exactly to
 * the working budget. With no stage known every channel counts as reaching it:
 * there is nothing to judge the fit against. When no channel can take money (none
 * chosen, or earned only), everything stays in the reserve rather than in a
 * separate "unallocated" line: the reserve already means "money not yet placed".
 */
export function allocateBudget(
  workingBudget: number,
  channels: readonly Channel[],
  stage: Stage | undefined,
  reserveRate: number,
): BudgetAllocation {
  if (!Number.isSafeInteger(workingBudget) || workingBudget < 0) {
    throw new RangeError(`allocateBudget: the working budget must be a non-negative integer of minor units, got ${workingBudget}`);
  }
  const onStage = channels.map((c) => stage === undefined || c.stages.includes(stage));
  const weights = channels.map((c, i) => channelWeight(c, onStage[i] ?? true));
  const canSpend = weights.some((w) => w > 0);
  // A rate outside [0, 1] is a caller's slip; clamping keeps the total exact.
  const rate = Number.isFinite(reserveRate) ? Math.min(1, Math.max(0, reserveRate)) : DEFAULT_RESERVE_RATE;
  const plannedReserve = canSpend ? shareOf(workingBudget, rate) : workingBudget;
  const amounts = canSpend ? splitExactly(workingBudget - plannedReserve, weights) : weights.map(() => 0);
  const allocations = channels.map(
    (c, i): ChannelAllocation => ({
      channelId: c.id,
      name: c.name,
      media: c.media,
      stageFit: onStage[i] ? 'reaches-stage' : 'off-stage',
      amount: amounts[i] ?? 0,
      share: workingBudget > 0 ? (amounts[i] ?? 0) / workingBudget : 0,
    }),
  );
  return { reserve: plannedReserve, allocations };
}

/** How much media money a channel should attract, relative to the others. */
function channelWeight(channel: Channel, reachesStage: boolean): number {
  if (channel.media === 'earned') return ALLOCATION_WEIGHTS.earned;
  if (channel.media === 'owned') return ALLOCATION_WEIGHTS.owned;
  return reachesStage ? ALLOCATION_WEIGHTS.paidOnStage : ALLOCATION_WEIGHTS.paidOffStage;
}

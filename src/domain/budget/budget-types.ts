/**
 * Shapes of the budget sketch (domain §4). The maths lives in `budget.ts`;
 * these types are shared with the rules and the rendering.
 * All money is integer minor units of the plan's currency.
 */
import type { Currency, FunnelInputs, MediaType, ReachInputs } from '../plan/plan.js';

/** Sales funnel: what the revenue target needs. */
export interface FunnelMaths {
  inputs: FunnelInputs;
  /** target revenue / (conversion × AOV), rounded up to whole visits. */
  visits: number;
  /** visits × conversion (may be fractional; display rounds). */
  orders: number;
  /** visits × cost per visit, in minor units. */
  mediaBudget: number;
  /** media budget / orders, in minor units. */
  costPerOrder: number;
}

/** Reach model: what the awareness goal needs. */
export interface ReachMaths {
  inputs: ReachInputs;
  /** audience × reach × frequency, rounded up. */
  impressions: number;
  /** impressions / 1000 × CPM, in minor units, rounded up. */
  mediaBudget: number;
}

/** The required budget against the money available. */
export interface BudgetComparison {
  available: number;
  required: number;
  /** available − required: negative is a shortfall. */
  difference: number;
  status: 'shortfall' | 'surplus' | 'exact';
  /** What the available money buys at the plan's own rates. */
  achievable: {
    visits?: number;
    orders?: number;
    revenue?: number;
    impressions?: number;
    /** Share of the audience reached at the planned frequency (fraction). */
    reachRate?: number;
  };
}

/** Return on customer investment: cost to win an order against what it brings. */
export interface RociCheck {
  costPerOrder: number;
  /** Customer value if given, else the average order value. */
  valuePerOrder: number;
  valueBasis: 'customer-value' | 'average-order-value';
  exceeds: boolean;
}

export interface ChannelAllocation {
  channelId: string;
  name: string;
  media: MediaType;
  /** How well the channel reaches the audience's stage. */
  stageFit: 'reaches-stage' | 'off-stage';
  amount: number;
  /** amount / working budget (fraction). */
  share: number;
}

export interface SchedulePhase {
  id: 'warm-up' | 'launch' | 'sustain';
  name: string;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
  /** Paid media money in this phase. */
  amount: number;
}

export interface BudgetSketch {
  currency: Currency;
  model: 'funnel' | 'reach';
  funnel?: FunnelMaths;
  reach?: ReachMaths;
  /** Media budget the objective needs (0 when inputs are missing). */
  required: number;
  comparison?: BudgetComparison;
  roci?: RociCheck;
  /** The money allocated: the available budget when given, else the required one. */
  workingBudget: number;
  reserve: number;
  /** One row per chosen channel; sums with `reserve` exactly to `workingBudget`. */
  allocations: ChannelAllocation[];
  /** Paid spend over time; sums exactly to the paid allocations. */
  phases: SchedulePhase[];
}

/**
 * Shapes of the budget sketch (domain §4: objective and task, and the money closes).
 * The maths lives in `budget.ts` and the files it imports; these types are shared
 * with the rules, the review and the rendering. All money is integer minor units of
 * the plan's currency; counts are whole numbers unless a comment says otherwise.
 */
import type { Currency, FunnelInputs, MediaType, NonMediaKind, PhasingPattern, ReachInputs, RetentionInputs } from '../plan/plan.js';

/** Which task drives the plan's budget: buying visits that convert, buying impressions, or contacting the customer base. */
export type BudgetModel = 'funnel' | 'reach' | 'retention';

/** What one unit of a task is, and so what its unit cost is per. */
export type CostUnit = 'visit' | 'thousand-impressions' | 'contact';

/** One channel's part of a task: the units it buys and what they cost. */
export interface TaskLine {
  channelId: string;
  name: string;
  media: MediaType;
  stageFit: 'reaches-stage' | 'off-stage';
  unit: CostUnit;
  /** Minor units per visit, per 1,000 impressions or per contact. */
  unitCost: number;
  /** `channel`: the channel's own figure; `plan`: the plan-wide figure it defaults to. */
  costSource: 'channel' | 'plan';
  /** Visits, impressions or contacts this channel buys. */
  units: number;
  amount: number;
}

/** Traffic and conversion (the sales funnel): the visits the revenue target needs and the channels that buy them. */
export interface TrafficTask {
  kind: 'traffic';
  inputs: FunnelInputs;
  /** The revenue goal the target was taken from (0-based index in `goals`), when one matches. */
  revenueGoal?: number;
  /** target revenue / (conversion × AOV), rounded up to whole visits. */
  visits: number;
  /** visits × conversion (fractional; display rounds). */
  orders: number;
  lines: TaskLine[];
  /** Money for visits no chosen channel can buy (no paid channel): still needed, not yet placed. */
  unplaced: number;
  /** Sum of the lines plus the unplaced money. */
  workingMedia: number;
}

/** Reach (awareness, category demand): impressions bought on paid channels only. */
export interface ReachTask {
  kind: 'reach';
  inputs: ReachInputs;
  /** audience × reach × frequency, rounded up. */
  impressions: number;
  lines: TaskLine[];
  unplaced: number;
  workingMedia: number;
}

/** Retention (post-purchase): contacts with the existing base, whose extra orders are capped by the base. */
export interface RetentionTask {
  kind: 'retention';
  inputs: RetentionInputs;
  /** Contacts per customer (the lifecycle triggers at day 7, 30 and 60 unless the plan says otherwise). */
  contactsPerCustomer: number;
  /** Customers contacted (the whole base when the need is funded). */
  customers: number;
  /** customers × contacts per customer. */
  contacts: number;
  /** customers × uplift in repeat rate, rounded down: never more than the customers contacted. */
  extraOrders: number;
  lines: TaskLine[];
  unplaced: number;
  workingMedia: number;
}

/** The incentive's cost: value × redemptions (every order redeems unless the plan says how many will). */
export interface IncentiveCost {
  value: number;
  redemptions: number;
  /** True when the redemptions were the plan's own estimate, false when every order is assumed to redeem. */
  estimated: boolean;
  amount: number;
}

/** One non-media line of the total (production, content, KOL fees, PR, agency). */
export interface NonMediaCost {
  kind: NonMediaKind;
  description?: string;
  amount: number;
}

/** The money line by line: working media + non-media + incentive + reserve = total. */
export interface MoneyLines {
  traffic?: TrafficTask;
  reach?: ReachTask;
  retention?: RetentionTask;
  /** Sum of the tasks' working money (media and contacts, placed or not). */
  working: number;
  nonMedia: NonMediaCost[];
  nonMediaTotal: number;
  incentive?: IncentiveCost;
  /** `reserveRate` of the working money, for tests and contingency. */
  reserve: number;
  total: number;
}

/** What the money allocated to buying channels achieves (never computed from the total). */
export interface Achievement {
  visits?: number;
  /** Fractional. */
  orders?: number;
  revenue?: number;
  impressions?: number;
  /** Share of the audience reached at the planned frequency (fraction, at most 1). */
  reachRate?: number;
  customers?: number;
  extraOrders?: number;
}

/** The conversion a goal wants to improve: the need at the baseline, at the assumption, and at the target (the upside). */
export interface ConversionOutlook {
  goalIndex: number;
  baseline: number;
  target: number;
  assumed: number;
  atBaseline: { visits: number; workingMedia: number };
  atTarget: { visits: number; workingMedia: number };
}

/** Cost per order against what an order brings (return on customer investment, domain §4 profit). */
export interface ProfitCheck {
  /** Which task's orders: bought visits, or the base's extra orders. */
  task: 'traffic' | 'retention';
  /** Fractional. */
  orders: number;
  /** Working money ÷ orders. */
  mediaCostPerOrder: number;
  /** Incentive cost ÷ orders (0 without an incentive). */
  incentivePerOrder: number;
  averageOrderValue: number;
  grossMargin?: number;
  /** AOV × gross margin − incentive per order; may be negative. Only with a margin. */
  contributionPerOrder?: number;
  customerValue?: number;
  /** What the cost is judged against: the customer's value, the contribution per order, or (no margin) the order value less the incentive. */
  basis: 'customer-value' | 'contribution' | 'revenue';
  valuePerOrder: number;
  exceeds: boolean;
}

/** A goal next to what the plan's funnel promises and what the money actually buys. */
export interface GoalComparison {
  goalIndex: number;
  metric: string;
  target: number;
  /** What the task the budget was derived from delivers when fully funded. */
  planned: number;
  /** What the money allocated to buying channels delivers. */
  bought: number;
}

/** A budget that cannot be right: the rules turn each into an error that names the numbers. */
export type BudgetProblem =
  | { code: 'rate-reads-as-zero'; field: 'conversionRate' | 'reachRate' | 'repeatRateUplift'; value: number }
  | { code: 'cannot-compute'; task: 'traffic' | 'reach' | 'retention' }
  | { code: 'need-over-ten-times'; need: number; available: number }
  | { code: 'underfunded'; need: number; available: number }
  | { code: 'orders-over-base'; orders: number; base: number };

/** One stretch of the schedule: its dates, its paid money, and what runs when no money does. */
export interface SchedulePhase {
  /** Stable within a pattern: warm-up/launch/sustain, pre-heat/peak/tail, always-on or always-on-yyyy-MM, day-7/day-30/day-60. */
  id: string;
  name: string;
  /** ISO dates, inclusive. For a lifecycle trigger: when its messages go out for purchases made during the campaign. */
  start: string;
  end: string;
  /** Paid media money (and, for lifecycle triggers, the contacts' cost) in this phase. */
  amount: number;
  /** For lifecycle triggers: days after a purchase. */
  daysAfterPurchase?: number;
  /** Owned and earned activities that carry the phase when it has no money. */
  activities: string[];
}

export interface BudgetSketch {
  currency: Currency;
  model: BudgetModel;
  /** What the objective needs, line by line. */
  need: MoneyLines;
  available?: number;
  /** What the money funds: the need when it is covered or no amount is given, otherwise every task scaled to the money. */
  funded: MoneyLines;
  /** Money available that no line needs (0 without an amount available, or in a shortfall beyond rounding). */
  unallocated: number;
  /** funded.total + unallocated: the available money when given, else the need. */
  total: number;
  /** `unknown` without an available amount. */
  status: 'enough' | 'exact' | 'shortfall' | 'unknown';
  /** need.total − available in a shortfall, else 0. */
  gap: number;
  /** available ÷ need.total, when both are known and the need is positive. */
  coverage?: number;
  /** The author chose to post a plan scaled down to the money; its goals are scaled to what the money buys. */
  scaledDown: boolean;
  /** From the funded buying lines. */
  achieves: Achievement;
  /** From the need: what the task delivers when fully funded. */
  planned: Achievement;
  conversion?: ConversionOutlook;
  profit?: ProfitCheck;
  goals: GoalComparison[];
  reserveRate: number;
  pattern: PhasingPattern;
  /** True when the plan did not choose its pattern and it was inferred from the objective and message. */
  patternInferred: boolean;
  phases: SchedulePhase[];
  problems: BudgetProblem[];
}

/**
 * The tasks a budget is built from (domain §4): traffic and conversion (visits that
 * turn into orders), reach (impressions) and retention (contacts with the base). Each
 * task is bought by the channels that can buy it, each channel at its own cost:
 * paid channels buy visits and impressions; owned channels that reach customers after
 * their purchase (CRM, community, owned social) carry the contacts. The task's units
 * are split between its channels first, then priced, so the money always buys the
 * units exactly. Exact integer arithmetic throughout; a figure too large to keep
 * exactly raises `BudgetOverflow`, which the caller turns into a named error.
 */
import type { Channel, PlanDraft, Stage } from '../plan/plan.js';
import type { CostUnit, ReachTask, RetentionTask, TaskLine, TrafficTask } from './budget-types.js';
import { ceilDiv, PPB, toPpb } from './budget-exact.js';
import { isPositiveWhole } from './budget-inputs.js';
import { splitExactly } from './split-exactly.js';
import type { FunnelInputs, ReachInputs, RetentionInputs } from '../plan/plan.js';

/**
 * Relative shares of a task's units. A paid channel that reaches a stage of the
 * journey carries the task; an off-stage paid channel still gets a third of that:
 * enough to test it, too little to let it pull the task away from the stages the
 * objective is about. Contact channels share the base evenly.
 */
export const UNIT_WEIGHTS = { onStage: 6, offStage: 2, contact: 1 } as const;

/** The lifecycle triggers (day 7, 30 and 60 after a purchase) are three contacts per customer. */
export const DEFAULT_CONTACTS_PER_CUSTOMER = 3;

/** A figure that no longer fits in a safe integer: the budget cannot be computed exactly. */
export class BudgetOverflow extends Error {
  constructor(readonly task: 'traffic' | 'reach' | 'retention') {
    super(`the ${task} task's figures are too large to keep exactly`);
    this.name = 'BudgetOverflow';
  }
}

/** A channel that buys part of a task, at its own unit cost. */
export interface Buyer {
  channel: Channel;
  stageFit: TaskLine['stageFit'];
  unitCost: number;
  costSource: TaskLine['costSource'];
  weight: number;
}

/** The stages the plan works on: its journey, else the audience's stage, else none known. */
export function journeyStages(draft: PlanDraft): Stage[] {
  const journey = Array.isArray(draft.journey) ? draft.journey : [];
  if (journey.length > 0) return journey;
  const stage = draft.audience?.stage;
  return stage ? [stage] : [];
}

/** Whether a channel reaches one of the stages; with none known there is nothing to judge against. */
export function reachesStages(channel: Channel, stages: readonly Stage[]): boolean {
  return stages.length === 0 || (Array.isArray(channel.stages) && channel.stages.some((s) => stages.includes(s)));
}

/** The paid channels of the plan (the reach model and the funnel's visits are bought on paid media only). */
export function paidChannels(draft: PlanDraft): Channel[] {
  return (Array.isArray(draft.channels) ? draft.channels : []).filter((c) => c?.media === 'paid');
}

/** The owned channels that reach customers after their purchase: where the retention task's contacts happen. */
export function contactChannels(draft: PlanDraft): Channel[] {
  return (Array.isArray(draft.channels) ? draft.channels : []).filter(
    (c) => c?.media === 'owned' && Array.isArray(c.stages) && c.stages.includes('post-purchase'),
  );
}

/** Paid buyers of visits or impressions, each with its own cost (the channel's figure, else the plan's). */
export function paidBuyers(draft: PlanDraft, unit: 'visit' | 'thousand-impressions', planCost: number): Buyer[] {
  const stages = journeyStages(draft);
  const costs = Array.isArray(draft.budget?.channelCosts) ? draft.budget.channelCosts : [];
  return paidChannels(draft).map((channel) => {
    const own = costs.find((c) => c?.channelId === channel.id);
    const figure = unit === 'visit' ? own?.costPerVisit : own?.cpm;
    const onStage = reachesStages(channel, stages);
    return {
      channel,
      stageFit: onStage ? 'reaches-stage' : 'off-stage',
      unitCost: isPositiveWhole(figure) ? figure : planCost,
      costSource: isPositiveWhole(figure) ? 'channel' : 'plan',
      weight: onStage ? UNIT_WEIGHTS.onStage : UNIT_WEIGHTS.offStage,
    };
  });
}

/** Owned channels that carry the base's contacts, all at the plan's cost per contact. */
export function contactBuyers(draft: PlanDraft, costPerContact: number): Buyer[] {
  return contactChannels(draft).map((channel) => ({
    channel,
    stageFit: 'reaches-stage',
    unitCost: costPerContact,
    costSource: 'plan',
    weight: UNIT_WEIGHTS.contact,
  }));
}

/** `n` as a number, or BudgetOverflow when it is not a safe integer. */
export function safe(n: bigint, task: BudgetOverflow['task']): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) throw new BudgetOverflow(task);
  return Number(n);
}

/** The money `units` cost at `unitCost`: impressions are priced per thousand, rounded up to a whole minor unit. */
export function priceOf(units: number, unitCost: number, unit: CostUnit): bigint {
  const raw = BigInt(units) * BigInt(unitCost);
  return unit === 'thousand-impressions' ? ceilDiv(raw, 1000n) : raw;
}

/** Splits `units` between the buyers by weight and prices each part; with no buyer the money is unplaced. */
export function buyUnits(
  units: number,
  buyers: readonly Buyer[],
  unit: CostUnit,
  planCost: number,
  task: BudgetOverflow['task'],
): { lines: TaskLine[]; unplaced: number; workingMedia: number } {
  if (buyers.length === 0) {
    const unplaced = safe(priceOf(units, planCost, unit), task);
    return { lines: [], unplaced, workingMedia: unplaced };
  }
  const parts = splitExactly(units, buyers.map((b) => b.weight));
  const lines = buyers.map((buyer, i): TaskLine => {
    const bought = parts[i] ?? 0;
    return {
      channelId: buyer.channel.id,
      name: buyer.channel.name,
      media: buyer.channel.media,
      stageFit: buyer.stageFit,
      unit,
      unitCost: buyer.unitCost,
      costSource: buyer.costSource,
      units: bought,
      amount: safe(priceOf(bought, buyer.unitCost, unit), task),
    };
  });
  const workingMedia = safe(
    lines.reduce((sum, line) => sum + BigInt(line.amount), 0n),
    task,
  );
  return { lines, unplaced: 0, workingMedia };
}

/** Visits the revenue target needs: target / (conversion × AOV), rounded up to whole visits. */
export function visitsNeeded(inputs: FunnelInputs): number {
  const visits = ceilDiv(BigInt(inputs.targetRevenue) * PPB, toPpb(inputs.conversionRate) * BigInt(inputs.averageOrderValue));
  return safe(visits, 'traffic');
}

/** Orders from `visits` at the conversion rate (fractional). */
export function ordersFrom(visits: number, conversionRate: number): number {
  return Number(BigInt(visits) * toPpb(conversionRate)) / 1e9;
}

/** Whole orders from `visits`, rounded up (an incentive is paid per order). */
export function wholeOrdersFrom(visits: number, conversionRate: number): number {
  return safe(ceilDiv(BigInt(visits) * toPpb(conversionRate), PPB), 'traffic');
}

/** Revenue from `visits`, rounded to whole minor units. */
export function revenueFrom(visits: number, conversionRate: number, averageOrderValue: number): number {
  const exact = BigInt(visits) * toPpb(conversionRate) * BigInt(averageOrderValue);
  return safe((2n * exact + PPB) / (2n * PPB), 'traffic');
}

/** The traffic task when it buys `visits` (the need, or fewer when the money is short). */
export function trafficTask(draft: PlanDraft, inputs: FunnelInputs, visits: number, revenueGoal?: number): TrafficTask {
  const buyers = paidBuyers(draft, 'visit', inputs.costPerVisit);
  const bought = buyUnits(visits, buyers, 'visit', inputs.costPerVisit, 'traffic');
  return {
    kind: 'traffic',
    inputs,
    ...(revenueGoal !== undefined ? { revenueGoal } : {}),
    visits,
    orders: ordersFrom(visits, inputs.conversionRate),
    ...bought,
  };
}

/** Impressions the reach goal needs: audience × reach × frequency, rounded up. */
export function impressionsNeeded(inputs: ReachInputs): number {
  const impressions = ceilDiv(BigInt(inputs.audienceSize) * toPpb(inputs.reachRate) * toPpb(inputs.frequency), PPB * PPB);
  return safe(impressions, 'reach');
}

/** The reach task when it buys `impressions`; paid channels only (the caller checks there is one). */
export function reachTask(draft: PlanDraft, inputs: ReachInputs, impressions: number): ReachTask {
  const buyers = paidBuyers(draft, 'thousand-impressions', inputs.cpm);
  return { kind: 'reach', inputs, impressions, ...buyUnits(impressions, buyers, 'thousand-impressions', inputs.cpm, 'reach') };
}

/** The retention task when it contacts `customers` of the base. */
export function retentionTask(draft: PlanDraft, inputs: RetentionInputs, customers: number): RetentionTask {
  const perCustomer = isPositiveWhole(inputs.contactsPerCustomer) ? inputs.contactsPerCustomer : DEFAULT_CONTACTS_PER_CUSTOMER;
  const costPerContact = inputs.costPerContact ?? 0;
  const contacts = safe(BigInt(customers) * BigInt(perCustomer), 'retention');
  const bought = buyUnits(contacts, contactBuyers(draft, costPerContact), 'contact', costPerContact, 'retention');
  // Capped by the base: an uplift is at most 100 %, and only customers contacted can buy again.
  const extraOrders = safe((BigInt(customers) * toPpb(inputs.repeatRateUplift)) / PPB, 'retention');
  return { kind: 'retention', inputs, contactsPerCustomer: perCustomer, customers, contacts, extraOrders: Math.min(extraOrders, customers), ...bought };
}

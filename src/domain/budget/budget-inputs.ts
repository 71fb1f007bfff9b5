/**
 * Which budget inputs can be used (domain §4): money is positive whole minor units,
 * rates are fractions in (0, 1], frequency is positive. A rate below a hundredth of a
 * percent is usable arithmetic but not a plan: `isRateReadingAsZero` names it, and the
 * rules turn it into an error rather than a budget of trillions.
 */
import type { FunnelInputs, ReachInputs, RetentionInputs } from '../plan/plan.js';
import { toPpb } from './budget-exact.js';

/** Rates below this (0.01 %) read as 0 % in a sketch and are almost always a typo (`0.0001%` for `0.01%`, or a fraction typed with a % sign). */
export const MIN_PLAUSIBLE_RATE = 0.0001;

/** A positive safe integer. */
export function isPositiveWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A non-negative safe integer. */
export function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A fraction in (0, 1] that keeps at least one part per billion. */
export function isRate(value: unknown): value is number {
  return typeof value === 'number' && value > 0 && value <= 1 && toPpb(value) > 0n;
}

/** A usable rate so small it reads as 0 % (below 0.01 %). */
export function isRateReadingAsZero(value: unknown): boolean {
  return isRate(value) && value < MIN_PLAUSIBLE_RATE;
}

/** Whether funnel inputs can be used: money positive whole minor units, conversion in (0, 1]. */
export function isValidFunnelInputs(inputs: FunnelInputs | undefined): inputs is FunnelInputs {
  if (inputs === undefined || inputs === null || typeof inputs !== 'object') return false;
  const { targetRevenue, averageOrderValue, costPerVisit, conversionRate, customerValue } = inputs;
  return (
    [targetRevenue, averageOrderValue, costPerVisit].every(isPositiveWhole) &&
    isRate(conversionRate) &&
    (customerValue === undefined || isPositiveWhole(customerValue))
  );
}

/** Whether reach inputs can be used: audience and CPM positive whole numbers, reach in (0, 1], frequency positive. */
export function isValidReachInputs(inputs: ReachInputs | undefined): inputs is ReachInputs {
  if (inputs === undefined || inputs === null || typeof inputs !== 'object') return false;
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

/** Whether retention inputs can be used: a positive base, an uplift in (0, 1], a positive whole cost per contact. */
export function isValidRetentionInputs(inputs: RetentionInputs | undefined): inputs is RetentionInputs {
  if (inputs === undefined || inputs === null || typeof inputs !== 'object') return false;
  const { baseCustomers, repeatRateUplift, costPerContact, contactsPerCustomer, averageOrderValue } = inputs;
  return (
    isPositiveWhole(baseCustomers) &&
    isRate(repeatRateUplift) &&
    (costPerContact === undefined || isPositiveWhole(costPerContact)) &&
    (contactsPerCustomer === undefined || isPositiveWhole(contactsPerCustomer)) &&
    (averageOrderValue === undefined || isPositiveWhole(averageOrderValue))
  );
}

/**
 * Spreading the money over the campaign's dates by pattern (domain §4, phasing):
 * - burst (a launch): a short warm-up, a launch with the highest daily spend, a sustain;
 * - always-on (B2B, search): the same daily spend throughout, shown month by month;
 * - event-anchored (618, Double 11, a launch day): a pre-heat, the peak window with the
 *   highest daily spend, and a tail;
 * - lifecycle (retention): triggers 7, 30 and 60 days after a purchase.
 * Every phase's amount is whole minor units and the phases add up exactly to the money
 * spread. A phase with no money lists the owned and earned activities that carry it.
 */
// Each function from its own module: date-fns's index loads all ~250 of them (~100 ms at start).
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import type { PhasingPattern, PlanDraft } from '../plan/plan.js';
import type { SchedulePhase } from './budget-types.js';
import { splitExactly } from './split-exactly.js';

/** Days and money per phase of a burst: the launch (50 % of the money in 40 % of the days) has the highest daily spend. */
const BURST: readonly { id: string; name: string; dayShare: number; moneyShare: number }[] = [
  { id: 'warm-up', name: 'Warm-up', dayShare: 0.2, moneyShare: 20 },
  { id: 'launch', name: 'Launch', dayShare: 0.4, moneyShare: 50 },
  { id: 'sustain', name: 'Sustain', dayShare: 0.4, moneyShare: 30 },
];

/**
 * Relative daily spend around an event: the peak window spends three times a pre-heat
 * day (the pre-heat builds the audience the peak converts), the tail half of one.
 */
export const EVENT_DAILY_WEIGHTS = { preHeat: 2, peak: 6, tail: 1 } as const;

/** Days after a purchase when a lifecycle message goes out. */
export const LIFECYCLE_TRIGGERS = [7, 30, 60] as const;

/** Months shown for an always-on plan; longer plans are shown in equal stretches. */
const MAX_ALWAYS_ON_ROWS = 12;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What the schedule spreads, and over which dates. */
export interface PhasingInput {
  pattern: PhasingPattern;
  startDate?: string;
  endDate?: string;
  /** The peak window of an event-anchored plan, inclusive. */
  peak?: { start: string; end: string };
  /** Paid working money to spread over the dates. */
  paid: number;
  /** The retention contacts' cost: on the lifecycle triggers, or spread with the paid money. */
  contacts: number;
  /** Owned and earned activities for a phase with no money. */
  activities(phase: { id: string; name: string }): string[];
}

/**
 * The default pattern when the plan does not choose one: lifecycle for a post-purchase
 * audience, always-on for B2B, event-anchored for an incentive (an offer runs to a date),
 * burst otherwise (a launch).
 */
export function inferPattern(draft: PlanDraft): PhasingPattern {
  if (draft.audience?.stage === 'post-purchase') return 'lifecycle';
  if (draft.businessModel === 'b2b') return 'always-on';
  if (draft.messageType === 'incentive' || draft.messageType === 'both') return 'event-anchored';
  return 'burst';
}

/** The phases for the pattern; none without valid dates (start on or before end). */
export function schedulePhases(input: PhasingInput): SchedulePhase[] {
  const start = parseDay(input.startDate);
  const end = parseDay(input.endDate);
  const money = input.paid + input.contacts;
  if (start === undefined || end === undefined || !Number.isSafeInteger(money) || input.paid < 0 || input.contacts < 0) return [];
  const days = differenceInCalendarDays(end, start) + 1;
  if (days < 1) return [];
  const phases = (() => {
    switch (input.pattern) {
      case 'always-on':
        return alwaysOn(start, days, money);
      case 'event-anchored':
        return eventAnchored(start, end, days, money, input.peak) ?? burst(start, days, money);
      case 'lifecycle':
        return lifecycle(start, end, input.paid, input.contacts);
      case 'burst':
      default:
        return burst(start, days, money);
    }
  })();
  return phases.map((phase) => ({ ...phase, activities: phase.amount === 0 ? input.activities(phase) : [] }));
}

/** Whether the peak window is a valid stretch inside the campaign's dates. */
export function peakWithin(peak: { start: string; end: string } | undefined, startDate: string | undefined, endDate: string | undefined): boolean {
  const [s, e, ps, pe] = [parseDay(startDate), parseDay(endDate), parseDay(peak?.start), parseDay(peak?.end)];
  if (!s || !e || !ps || !pe) return false;
  return ps >= s && pe <= e && pe >= ps;
}

type Draft = Omit<SchedulePhase, 'activities'>;

function burst(start: Date, days: number, money: number): Draft[] {
  // One day gets just a launch; two days a launch and a sustain day (a warm-up with no room after it is pointless).
  const phases = days === 1 ? BURST.slice(1, 2) : days === 2 ? BURST.slice(1) : BURST;
  const lengths = phases.slice(0, -1).map((p) => Math.max(1, Math.round(days * p.dayShare)));
  lengths.push(days - lengths.reduce((a, b) => a + b, 0));
  const amounts = splitExactly(money, phases.map((p) => p.moneyShare));
  return consecutive(start, phases.map((p, i) => ({ id: p.id, name: p.name, days: lengths[i] ?? 0, amount: amounts[i] ?? 0 })));
}

function alwaysOn(start: Date, days: number, money: number): Draft[] {
  const stretches = monthStretches(start, days);
  const rows = stretches.length <= MAX_ALWAYS_ON_ROWS ? stretches : equalStretches(days, MAX_ALWAYS_ON_ROWS);
  const amounts = splitExactly(money, rows.map((r) => r.days));
  return consecutive(start, rows.map((r, i) => ({ ...r, amount: amounts[i] ?? 0 })));
}

function eventAnchored(start: Date, end: Date, days: number, money: number, peak: PhasingInput['peak']): Draft[] | undefined {
  const peakStart = parseDay(peak?.start);
  const peakEnd = parseDay(peak?.end);
  if (!peakStart || !peakEnd || peakStart < start || peakEnd > end || peakEnd < peakStart) return undefined;
  const preHeat = differenceInCalendarDays(peakStart, start);
  const peakDays = differenceInCalendarDays(peakEnd, peakStart) + 1;
  const tail = days - preHeat - peakDays;
  const rows = [
    { id: 'pre-heat', name: 'Pre-heat', days: preHeat, weight: EVENT_DAILY_WEIGHTS.preHeat },
    { id: 'peak', name: 'Peak', days: peakDays, weight: EVENT_DAILY_WEIGHTS.peak },
    { id: 'tail', name: 'Tail', days: tail, weight: EVENT_DAILY_WEIGHTS.tail },
  ].filter((row) => row.days > 0);
  const amounts = splitExactly(money, rows.map((r) => r.days * r.weight));
  return consecutive(start, rows.map((r, i) => ({ id: r.id, name: r.name, days: r.days, amount: amounts[i] ?? 0 })));
}

function lifecycle(start: Date, end: Date, paid: number, contacts: number): Draft[] {
  const rows: Draft[] = [];
  if (paid > 0) rows.push({ id: 'always-on', name: 'Always on (paid)', start: iso(start), end: iso(end), amount: paid });
  const amounts = splitExactly(contacts, LIFECYCLE_TRIGGERS.map(() => 1));
  LIFECYCLE_TRIGGERS.forEach((day, i) => {
    // Purchases made during the campaign trigger this message `day` days later.
    rows.push({
      id: `day-${day}`,
      name: `Day ${day} after purchase`,
      start: iso(addDays(start, day)),
      end: iso(addDays(end, day)),
      amount: amounts[i] ?? 0,
      daysAfterPurchase: day,
    });
  });
  return rows;
}

/** Calendar months the days touch, each clipped to the campaign. */
function monthStretches(start: Date, days: number): { id: string; name: string; days: number }[] {
  const rows: { id: string; name: string; days: number }[] = [];
  let offset = 0;
  while (offset < days) {
    const day = addDays(start, offset);
    const daysInMonth = new Date(day.getFullYear(), day.getMonth() + 1, 0).getDate();
    const length = Math.min(days - offset, daysInMonth - day.getDate() + 1);
    rows.push({ id: `always-on-${format(day, 'yyyy-MM')}`, name: `${MONTHS[day.getMonth()]} ${day.getFullYear()}`, days: length });
    offset += length;
  }
  return rows;
}

function equalStretches(days: number, count: number): { id: string; name: string; days: number }[] {
  const lengths = splitExactly(days, Array.from({ length: count }, () => 1));
  return lengths.map((length, i) => ({ id: `always-on-${i + 1}`, name: `Stretch ${i + 1}`, days: length }));
}

/** Rows of `days` each, laid end to end from `start`; rows with no days are dropped. */
function consecutive(start: Date, rows: { id: string; name: string; days: number; amount: number }[]): Draft[] {
  let offset = 0;
  return rows
    .filter((row) => row.days > 0)
    .map((row) => {
      const phase: Draft = { id: row.id, name: row.name, start: iso(addDays(start, offset)), end: iso(addDays(start, offset + row.days - 1)), amount: row.amount };
      offset += row.days;
      return phase;
    });
}

function iso(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** A strict `yyyy-MM-dd` calendar date, or undefined (rejects 2025-02-30 and times). */
function parseDay(text: string | undefined): Date | undefined {
  if (typeof text !== 'string' || !ISO_DATE.test(text)) return undefined;
  const date = parseISO(text);
  return isValid(date) && format(date, 'yyyy-MM-dd') === text ? date : undefined;
}

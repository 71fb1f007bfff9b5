/** Spreading paid media money over the campaign's dates (domain §4). */
import { addDays, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';
import type { SchedulePhase } from './budget-types.js';
import { splitExactly } from './split-exactly.js';

type PhaseId = SchedulePhase['id'];

/**
 * Days and money per phase. A short warm-up teases and tests creative before the
 * main push; the launch concentrates half the money to break through; the
 * sustain phase keeps frequency up at a lower weight until the end.
 */
const PHASES: readonly { id: PhaseId; name: string; dayShare: number; moneyShare: number }[] = [
  { id: 'warm-up', name: 'Warm-up', dayShare: 0.2, moneyShare: 20 },
  { id: 'launch', name: 'Launch', dayShare: 0.4, moneyShare: 50 },
  { id: 'sustain', name: 'Sustain', dayShare: 0.4, moneyShare: 30 },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Split paid money across warm-up, launch and sustain with contiguous inclusive
 * dates covering start..end. One day gets just a launch; two days a launch and
 * a sustain day (a warm-up with no room after it would be pointless).
 * Invalid or reversed dates, or a paid total that is not a non-negative integer,
 * give no phases rather than an error.
 */
export function schedulePhases(paidTotal: number, startDate: string, endDate: string): SchedulePhase[] {
  const start = parseDay(startDate);
  const end = parseDay(endDate);
  if (start === undefined || end === undefined || !Number.isSafeInteger(paidTotal) || paidTotal < 0) return [];
  const days = differenceInCalendarDays(end, start) + 1;
  if (days < 1) return [];
  const phases = days === 1 ? PHASES.slice(1, 2) : days === 2 ? PHASES.slice(1) : PHASES;
  const lengths = phaseLengths(days, phases);
  const amounts = splitExactly(paidTotal, phases.map((p) => p.moneyShare));
  let offset = 0;
  return phases.map((phase, i) => {
    const length = lengths[i] ?? 0;
    const result: SchedulePhase = {
      id: phase.id,
      name: phase.name,
      start: format(addDays(start, offset), 'yyyy-MM-dd'),
      end: format(addDays(start, offset + length - 1), 'yyyy-MM-dd'),
      amount: amounts[i] ?? 0,
    };
    offset += length;
    return result;
  });
}

/**
 * Days in each phase: each but the last gets its share (at least one day), the
 * last takes what is left, so the phases always cover every day exactly. With
 * three phases that needs at least three days, and two phases two days: the
 * rounding then always leaves the last phase one day or more.
 */
function phaseLengths(days: number, phases: readonly { dayShare: number }[]): number[] {
  const lengths = phases.slice(0, -1).map((p) => Math.max(1, Math.round(days * p.dayShare)));
  return [...lengths, days - lengths.reduce((a, b) => a + b, 0)];
}

/** A strict `yyyy-MM-dd` calendar date, or undefined (rejects 2025-02-30 and times). */
function parseDay(text: string): Date | undefined {
  if (typeof text !== 'string' || !ISO_DATE.test(text)) return undefined;
  const date = parseISO(text);
  return isValid(date) && format(date, 'yyyy-MM-dd') === text ? date : undefined;
}

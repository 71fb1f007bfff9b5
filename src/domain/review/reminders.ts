/**
 * The reminders that close the loop: one on the review date, and one nudge a few
 * days later if nobody has started the review. Pure: the instant "10:00 on that
 * day in the team's zone" is computed here, and `now` always comes in.
 */
import { TZDate } from '@date-fns/tz';

/** One scheduled reminder; `sending` means a worker has claimed it and it must not be sent twice. */
export interface Reminder {
  id: string;
  kind: 'review' | 'nudge';
  /** ISO instant (UTC). */
  dueAt: string;
  status: 'pending' | 'sending' | 'sent' | 'cancelled';
  sentAt?: string;
}

/** Days between the review reminder and the nudge unless told otherwise. */
export const DEFAULT_NUDGE_AFTER_DAYS = 3;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The review reminder on `reviewDate` at `hour`:00 in `timeZone`, and one nudge `nudgeAfterDays` later (default 3). Ids are stable: `review`, `nudge`. */
export function scheduleReviewReminders(
  reviewDate: string,
  timeZone: string,
  hour: number,
  nudgeAfterDays = DEFAULT_NUDGE_AFTER_DAYS,
): Reminder[] {
  return [
    { id: 'review', kind: 'review', dueAt: dueInstant(reviewDate, 0, timeZone, hour), status: 'pending' },
    { id: 'nudge', kind: 'nudge', dueAt: dueInstant(reviewDate, nudgeAfterDays, timeZone, hour), status: 'pending' },
  ];
}

/** Pending reminders due at `now` (dueAt <= now), oldest first; a nudge is due only if the review has not started (pass `reviewStarted`). */
export function dueReminders(reminders: readonly Reminder[], now: Date, reviewStarted: boolean): Reminder[] {
  const at = now.getTime();
  return reminders
    .filter((r) => r.status === 'pending' && Date.parse(r.dueAt) <= at && !(r.kind === 'nudge' && reviewStarted))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** Moves pending reminders to a new review date (sent ones stay as they were). */
export function moveReminders(
  reminders: readonly Reminder[],
  reviewDate: string,
  timeZone: string,
  hour: number,
  nudgeAfterDays = DEFAULT_NUDGE_AFTER_DAYS,
): Reminder[] {
  const moved = scheduleReviewReminders(reviewDate, timeZone, hour, nudgeAfterDays);
  return reminders.map((reminder) => {
    const replacement = moved.find((m) => m.kind === reminder.kind);
    return reminder.status === 'pending' && replacement ? { ...reminder, dueAt: replacement.dueAt } : { ...reminder };
  });
}

/** Cancels what has not gone out yet; a reminder a worker is already sending is left to finish. */
export function cancelReminders(reminders: readonly Reminder[]): Reminder[] {
  return reminders.map((r) => (r.status === 'pending' ? { ...r, status: 'cancelled' } : { ...r }));
}

/**
 * `hour`:00 on `date` + `days` (calendar days, so a DST change keeps the wall-clock
 * hour) in `timeZone`, as a UTC ISO instant. Throws on a malformed date, hour or
 * zone: those come from validated config and plans, so this is a programming error.
 */
function dueInstant(date: string, days: number, timeZone: string, hour: number): string {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Expected a review date as yyyy-MM-dd, got "${date}".`);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`Expected a whole hour from 0 to 23, got ${hour}.`);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Expected a whole number of days, got ${days}.`);
  const [, year, month, day] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.toISOString().slice(0, 10) !== date) throw new RangeError(`There is no such day as "${date}".`);
  const local = new TZDate(Number(year), Number(month) - 1, Number(day) + days, hour, 0, 0, timeZone);
  const time = local.getTime();
  if (Number.isNaN(time)) throw new RangeError(`Unknown time zone "${timeZone}" or invalid date "${date}".`);
  return new Date(time).toISOString();
}

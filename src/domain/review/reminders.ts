/**
 * The reminders that close the loop: one on the review date, and one nudge a few
 * days after the reminder actually went out, if nobody has started the review.
 * Their state (due, moved, sent, nudged, cancelled) belongs to the plan: approval
 * changes only decide whether a due reminder may go out, never re-arm or drop one.
 * Pure: the instant "10:00 on that day in the team's zone" is computed here, and
 * `now` always comes in.
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
  /** ISO instant of the last `/imc remind` that moved it (absent while it keeps the plan's review date). */
  movedAt?: string;
}

/** Where to put reminders: the team's zone, the working hour, and the days from reminder to nudge. */
export interface ReminderSchedule {
  timeZone: string;
  hour: number;
  nudgeAfterDays?: number;
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

/**
 * Pending reminders due at `now` (dueAt <= now), oldest first. A nudge is due only
 * if the review has not started (pass `reviewStarted`) and the review reminder has
 * gone out: after downtime past both dates only the reminder is due, and the nudge
 * follows it (see {@link markReminderSent}).
 */
export function dueReminders(reminders: readonly Reminder[], now: Date, reviewStarted: boolean): Reminder[] {
  const at = now.getTime();
  const reminderOutstanding = reminders.some((r) => r.kind === 'review' && (r.status === 'pending' || r.status === 'sending'));
  return reminders
    .filter((r) => r.status === 'pending' && Date.parse(r.dueAt) <= at && !(r.kind === 'nudge' && (reviewStarted || reminderOutstanding)))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/**
 * Records that reminder `id` went out at `sentAt`. When it is the review reminder,
 * a pending nudge is put `nudgeAfterDays` calendar days after the day it actually
 * went out (at the working hour), never earlier than it was scheduled.
 */
export function markReminderSent(reminders: readonly Reminder[], id: string, sentAt: Date, schedule: ReminderSchedule): Reminder[] {
  const sent = reminders.find((r) => r.id === id);
  const nudgeAt =
    sent?.kind === 'review' ? dueInstant(calendarDay(sentAt, schedule.timeZone), schedule.nudgeAfterDays ?? DEFAULT_NUDGE_AFTER_DAYS, schedule.timeZone, schedule.hour) : undefined;
  return reminders.map((reminder) => {
    if (reminder.id === id) return { ...reminder, status: 'sent', sentAt: sentAt.toISOString() };
    if (nudgeAt && reminder.kind === 'nudge' && reminder.status === 'pending' && Date.parse(nudgeAt) > Date.parse(reminder.dueAt)) {
      return { ...reminder, dueAt: nudgeAt };
    }
    return { ...reminder };
  });
}

/**
 * Moves the reminders to a new review date: the reminder on that date and the nudge
 * `nudgeAfterDays` later, both armed again even if they went out already (a snooze
 * after the reminder means "remind us again then"). A reminder being sent keeps its
 * `sending` claim with the new date, so the sender can see it was moved meanwhile.
 * With no reminders yet (a plan not approved so far), the moved pair is created.
 */
export function moveReminders(reminders: readonly Reminder[], reviewDate: string, schedule: ReminderSchedule, movedAt?: Date): Reminder[] {
  const moved = scheduleReviewReminders(reviewDate, schedule.timeZone, schedule.hour, schedule.nudgeAfterDays);
  return moved.map((fresh) => {
    const existing = reminders.find((r) => r.kind === fresh.kind);
    const status = existing?.status === 'sending' ? 'sending' : 'pending';
    return { ...fresh, id: existing?.id ?? fresh.id, status, ...(movedAt ? { movedAt: movedAt.toISOString() } : {}) };
  });
}

/**
 * The reminders a plan has once approved: the ones it already has (sent, moved or
 * waiting: approval changes never re-arm or lose them), or a fresh pair for its
 * review date when it has none that can still matter.
 */
export function ensureReminders(reminders: readonly Reminder[] | undefined, reviewDate: string, schedule: ReminderSchedule): Reminder[] {
  const live = (reminders ?? []).filter((r) => r.status !== 'cancelled');
  if (live.length > 0) return reminders!.map((r) => ({ ...r }));
  return scheduleReviewReminders(reviewDate, schedule.timeZone, schedule.hour, schedule.nudgeAfterDays);
}

/**
 * The reminders of a new version of the plan: kept as they are when its review date
 * is the same, moved to the new date (and armed again) when the author changed it.
 */
export function remindersForNewVersion(
  reminders: readonly Reminder[] | undefined,
  previousReviewDate: string | undefined,
  reviewDate: string,
  schedule: ReminderSchedule,
): Reminder[] | undefined {
  if (!reminders || reminders.length === 0) return reminders ? [] : undefined;
  if (previousReviewDate === reviewDate) return reminders.map((r) => ({ ...r }));
  return moveReminders(reminders, reviewDate, schedule);
}

/** Cancels what has not gone out yet; a reminder a worker is already sending is left to finish. */
export function cancelReminders(reminders: readonly Reminder[]): Reminder[] {
  return reminders.map((r) => (r.status === 'pending' ? { ...r, status: 'cancelled' } : { ...r }));
}

/** The calendar date (`yyyy-MM-dd`) a reminder goes out on, in the team's zone. */
export function reminderDate(reminder: Reminder, timeZone: string): string {
  return calendarDay(new Date(reminder.dueAt), timeZone);
}

/** The calendar date (`yyyy-MM-dd`) of an instant in `timeZone`. */
function calendarDay(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
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

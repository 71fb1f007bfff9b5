import { describe, it, expect } from 'vitest';
import {
  cancelReminders,
  dueReminders,
  ensureReminders,
  markReminderSent,
  moveReminders,
  remindersForNewVersion,
  scheduleReviewReminders,
  type Reminder,
} from '../../../src/domain/review/reminders.js';

const SHANGHAI = { timeZone: 'Asia/Shanghai', hour: 10 };
const UTC10 = { timeZone: 'UTC', hour: 10 };

describe('scheduleReviewReminders', () => {
  it('reminds at 10:00 Shanghai time on the review date and nudges three days later', () => {
    expect(scheduleReviewReminders('2027-05-14', 'Asia/Shanghai', 10)).toEqual([
      // Shanghai is UTC+8 all year: 10:00 local is 02:00 UTC.
      { id: 'review', kind: 'review', dueAt: '2027-05-14T02:00:00.000Z', status: 'pending' },
      { id: 'nudge', kind: 'nudge', dueAt: '2027-05-17T02:00:00.000Z', status: 'pending' },
    ]);
  });

  it('keeps the wall-clock hour in New York across the start of daylight saving time', () => {
    // 14 Mar 2027 clocks go forward: 10:00 EST (UTC−5) before, 10:00 EDT (UTC−4) after.
    const [review, nudge] = scheduleReviewReminders('2027-03-12', 'America/New_York', 10);
    expect(review?.dueAt).toBe('2027-03-12T15:00:00.000Z');
    expect(nudge?.dueAt).toBe('2027-03-15T14:00:00.000Z');
  });

  it('keeps the wall-clock hour in New York across the end of daylight saving time', () => {
    // 7 Nov 2027 clocks go back: 9:00 EDT before, 9:00 EST after.
    const [review, nudge] = scheduleReviewReminders('2027-11-05', 'America/New_York', 9);
    expect(review?.dueAt).toBe('2027-11-05T13:00:00.000Z');
    expect(nudge?.dueAt).toBe('2027-11-08T14:00:00.000Z');
  });

  it('moves an hour that does not exist on the DST change to the first real one', () => {
    // 02:00 on 14 Mar 2027 is skipped in New York; 03:00 EDT is 07:00 UTC.
    const [review] = scheduleReviewReminders('2027-03-14', 'America/New_York', 2, 0);
    expect(review?.dueAt).toBe('2027-03-14T07:00:00.000Z');
  });

  it('works in UTC, at midnight, across a month end, with a custom nudge delay', () => {
    expect(scheduleReviewReminders('2027-01-30', 'UTC', 0, 5).map((r) => r.dueAt)).toEqual([
      '2027-01-30T00:00:00.000Z',
      '2027-02-04T00:00:00.000Z',
    ]);
  });

  it('refuses malformed dates, hours and zones instead of scheduling at a wrong time', () => {
    expect(() => scheduleReviewReminders('14/05/2027', 'UTC', 10)).toThrow(RangeError);
    expect(() => scheduleReviewReminders('2027-02-30', 'UTC', 10)).toThrow(/no such day/);
    expect(() => scheduleReviewReminders('2027-05-14', 'UTC', 24)).toThrow(/hour/);
    expect(() => scheduleReviewReminders('2027-05-14', 'UTC', 9.5)).toThrow(/hour/);
    expect(() => scheduleReviewReminders('2027-05-14', 'Mars/Olympus', 10)).toThrow(/time zone/);
    expect(() => scheduleReviewReminders('2027-05-14', 'UTC', 10, -1)).toThrow(/days/);
  });
});

describe('dueReminders', () => {
  const reminders = scheduleReviewReminders('2027-05-14', 'Asia/Shanghai', 10);

  it('has nothing due before the review hour', () => {
    expect(dueReminders(reminders, new Date('2027-05-14T01:59:59Z'), false)).toEqual([]);
  });

  it('has the review reminder due from the review hour on', () => {
    expect(dueReminders(reminders, new Date('2027-05-14T02:00:00Z'), false).map((r) => r.id)).toEqual(['review']);
  });

  it('lists only the reminder when the bot was down past the nudge too: the nudge follows the reminder', () => {
    const shuffled = [...reminders].reverse();
    expect(dueReminders(shuffled, new Date('2027-06-01T00:00:00Z'), false).map((r) => r.id)).toEqual(['review']);
  });

  it('lists the nudge once the reminder went out and its time came', () => {
    const sent = markReminderSent(reminders, 'review', new Date('2027-05-14T02:00:01Z'), SHANGHAI);
    expect(dueReminders(sent, new Date('2027-05-17T01:59:59Z'), false)).toEqual([]);
    expect(dueReminders(sent, new Date('2027-05-17T02:00:00Z'), false).map((r) => r.id)).toEqual(['nudge']);
  });

  it('does not nudge once the review has started', () => {
    expect(dueReminders(reminders, new Date('2027-06-01T00:00:00Z'), true).map((r) => r.id)).toEqual(['review']);
  });

  it('never lists a reminder that was sent, is being sent, or was cancelled', () => {
    const later = new Date('2027-06-01T00:00:00Z');
    const [review, nudge] = reminders as [Reminder, Reminder];
    expect(dueReminders([{ ...review, status: 'sent', sentAt: '2027-05-14T02:00:05Z' }, nudge], later, false).map((r) => r.id)).toEqual(['nudge']);
    expect(dueReminders([{ ...review, status: 'sending' }, { ...nudge, status: 'sent' }], later, false)).toEqual([]);
    expect(dueReminders([{ ...review, status: 'sending' }, nudge], later, false)).toEqual([]);
    expect(dueReminders(cancelReminders(reminders), later, false)).toEqual([]);
  });
});

describe('markReminderSent', () => {
  const reminders = scheduleReviewReminders('2027-05-14', 'Asia/Shanghai', 10);

  it('marks the reminder sent and keeps the nudge three days after the review date when it went out on time', () => {
    const sent = markReminderSent(reminders, 'review', new Date('2027-05-14T02:00:03Z'), SHANGHAI);
    expect(sent).toEqual([
      { id: 'review', kind: 'review', dueAt: '2027-05-14T02:00:00.000Z', status: 'sent', sentAt: '2027-05-14T02:00:03.000Z' },
      { id: 'nudge', kind: 'nudge', dueAt: '2027-05-17T02:00:00.000Z', status: 'pending' },
    ]);
  });

  it('puts the nudge three days after the day the reminder actually went out, after downtime', () => {
    // Back on 2027-06-01 at 15:30 Shanghai time (07:30 UTC): the nudge comes on 4 June at 10:00.
    const sent = markReminderSent(reminders, 'review', new Date('2027-06-01T07:30:00Z'), SHANGHAI);
    expect(sent.find((r) => r.kind === 'nudge')?.dueAt).toBe('2027-06-04T02:00:00.000Z');
    // Just after midnight UTC is already the next calendar day in Shanghai.
    const lateEvening = markReminderSent(reminders, 'review', new Date('2027-05-20T16:30:00Z'), SHANGHAI);
    expect(lateEvening.find((r) => r.kind === 'nudge')?.dueAt).toBe('2027-05-24T02:00:00.000Z');
  });

  it('leaves a sent or cancelled nudge alone, and marks a nudge without touching the reminder', () => {
    const [review, nudge] = reminders as [Reminder, Reminder];
    const nudged = markReminderSent([{ ...review, status: 'sent' }, nudge], 'nudge', new Date('2027-05-17T02:00:00Z'), SHANGHAI);
    expect(nudged.map((r) => r.status)).toEqual(['sent', 'sent']);
    const cancelled = markReminderSent([review, { ...nudge, status: 'cancelled' }], 'review', new Date('2027-06-01T00:00:00Z'), SHANGHAI);
    expect(cancelled[1]).toEqual({ ...nudge, status: 'cancelled' });
  });
});

describe('moveReminders', () => {
  const movedAt = new Date('2027-05-01T00:00:00Z');

  it('moves both to the new date and leaves the input untouched', () => {
    const reminders = scheduleReviewReminders('2027-05-14', 'Asia/Shanghai', 10);
    const moved = moveReminders(reminders, '2027-06-01', SHANGHAI, movedAt);
    expect(moved.map((r) => r.dueAt)).toEqual(['2027-06-01T02:00:00.000Z', '2027-06-04T02:00:00.000Z']);
    expect(moved.every((r) => r.movedAt === movedAt.toISOString() && r.status === 'pending')).toBe(true);
    expect(reminders[0]?.dueAt).toBe('2027-05-14T02:00:00.000Z');
  });

  it('arms a reminder and nudge that already went out again, on the new date and three days after', () => {
    const [review, nudge] = scheduleReviewReminders('2027-05-14', 'UTC', 10) as [Reminder, Reminder];
    const sent: Reminder[] = [
      { ...review, status: 'sent', sentAt: '2027-05-14T10:00:01.000Z' },
      { ...nudge, status: 'sent', sentAt: '2027-05-17T10:00:01.000Z' },
    ];
    expect(moveReminders(sent, '2027-05-20', UTC10, movedAt)).toEqual([
      { id: 'review', kind: 'review', dueAt: '2027-05-20T10:00:00.000Z', status: 'pending', movedAt: movedAt.toISOString() },
      { id: 'nudge', kind: 'nudge', dueAt: '2027-05-23T10:00:00.000Z', status: 'pending', movedAt: movedAt.toISOString() },
    ]);
  });

  it('keeps the claim of a reminder being sent, with the new date', () => {
    const [review, nudge] = scheduleReviewReminders('2027-05-14', 'UTC', 10) as [Reminder, Reminder];
    const moved = moveReminders([{ ...review, status: 'sending' }, nudge], '2027-05-20', UTC10);
    expect(moved[0]).toMatchObject({ status: 'sending', dueAt: '2027-05-20T10:00:00.000Z' });
  });

  it('creates the pair for a plan that has none yet', () => {
    expect(moveReminders([], '2027-05-20', UTC10).map((r) => [r.kind, r.dueAt])).toEqual([
      ['review', '2027-05-20T10:00:00.000Z'],
      ['nudge', '2027-05-23T10:00:00.000Z'],
    ]);
  });
});

describe('ensureReminders and remindersForNewVersion', () => {
  const sent = markReminderSent(scheduleReviewReminders('2027-05-14', 'UTC', 10), 'review', new Date('2027-05-14T10:00:00Z'), UTC10);

  it('keeps the reminders a plan has, however often it is approved again', () => {
    expect(ensureReminders(sent, '2027-05-14', UTC10)).toEqual(sent);
    const moved = moveReminders(sent, '2027-05-22', UTC10, new Date('2027-05-15T00:00:00Z'));
    expect(ensureReminders(moved, '2027-05-14', UTC10)).toEqual(moved);
  });

  it('schedules a fresh pair when a plan has none, or only cancelled ones', () => {
    expect(ensureReminders(undefined, '2027-05-14', UTC10)).toEqual(scheduleReviewReminders('2027-05-14', 'UTC', 10));
    expect(ensureReminders(cancelReminders(scheduleReviewReminders('2027-04-01', 'UTC', 10)), '2027-05-14', UTC10)).toEqual(
      scheduleReviewReminders('2027-05-14', 'UTC', 10),
    );
  });

  it('keeps the reminders of a new version with the same review date, and moves them when the date changed', () => {
    expect(remindersForNewVersion(sent, '2027-05-14', '2027-05-14', UTC10)).toEqual(sent);
    expect(remindersForNewVersion(sent, '2027-05-14', '2027-06-10', UTC10)?.map((r) => [r.status, r.dueAt])).toEqual([
      ['pending', '2027-06-10T10:00:00.000Z'],
      ['pending', '2027-06-13T10:00:00.000Z'],
    ]);
    expect(remindersForNewVersion(undefined, '2027-05-14', '2027-06-10', UTC10)).toBeUndefined();
  });
});

describe('cancelReminders', () => {
  it('cancels what has not been sent, and keeps what has', () => {
    const [review, nudge] = scheduleReviewReminders('2027-05-14', 'UTC', 10) as [Reminder, Reminder];
    const sent: Reminder = { ...review, status: 'sent', sentAt: '2027-05-14T10:00:01.000Z' };
    expect(cancelReminders([sent, nudge])).toEqual([sent, { ...nudge, status: 'cancelled' }]);
  });
});

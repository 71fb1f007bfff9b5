import { describe, it, expect } from 'vitest';
import {
  cancelReminders,
  dueReminders,
  moveReminders,
  scheduleReviewReminders,
  type Reminder,
} from '../../../src/domain/review/reminders.js';

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

  it('lists both, oldest first, when the bot was down past the nudge', () => {
    const shuffled = [...reminders].reverse();
    expect(dueReminders(shuffled, new Date('2027-06-01T00:00:00Z'), false).map((r) => r.id)).toEqual(['review', 'nudge']);
  });

  it('does not nudge once the review has started', () => {
    expect(dueReminders(reminders, new Date('2027-06-01T00:00:00Z'), true).map((r) => r.id)).toEqual(['review']);
  });

  it('never lists a reminder that was sent, is being sent, or was cancelled', () => {
    const later = new Date('2027-06-01T00:00:00Z');
    const [review, nudge] = reminders as [Reminder, Reminder];
    expect(dueReminders([{ ...review, status: 'sent', sentAt: '2027-05-14T02:00:05Z' }, nudge], later, false).map((r) => r.id)).toEqual(['nudge']);
    expect(dueReminders([{ ...review, status: 'sending' }, { ...nudge, status: 'sent' }], later, false)).toEqual([]);
    expect(dueReminders(cancelReminders(reminders), later, false)).toEqual([]);
  });
});

describe('moveReminders', () => {
  it('moves pending reminders to the new date and leaves the input untouched', () => {
    const reminders = scheduleReviewReminders('2027-05-14', 'Asia/Shanghai', 10);
    const moved = moveReminders(reminders, '2027-06-01', 'Asia/Shanghai', 10);
    expect(moved.map((r) => r.dueAt)).toEqual(['2027-06-01T02:00:00.000Z', '2027-06-04T02:00:00.000Z']);
    expect(reminders[0]?.dueAt).toBe('2027-05-14T02:00:00.000Z');
  });

  it('leaves a sent reminder as it was', () => {
    const [review, nudge] = scheduleReviewReminders('2027-05-14', 'UTC', 10) as [Reminder, Reminder];
    const sent: Reminder = { ...review, status: 'sent', sentAt: '2027-05-14T10:00:01.000Z' };
    const moved = moveReminders([sent, nudge], '2027-05-20', 'UTC', 10);
    expect(moved).toEqual([sent, { ...nudge, dueAt: '2027-05-23T10:00:00.000Z' }]);
  });

  it('keeps a cancelled reminder cancelled', () => {
    const cancelled = cancelReminders(scheduleReviewReminders('2027-05-14', 'UTC', 10));
    const moved = moveReminders(cancelled, '2027-05-20', 'UTC', 10);
    expect(moved).toEqual(cancelled);
  });
});

describe('cancelReminders', () => {
  it('cancels what has not been sent, and keeps what has', () => {
    const [review, nudge] = scheduleReviewReminders('2027-05-14', 'UTC', 10) as [Reminder, Reminder];
    const sent: Reminder = { ...review, status: 'sent', sentAt: '2027-05-14T10:00:01.000Z' };
    expect(cancelReminders([sent, nudge])).toEqual([sent, { ...nudge, status: 'cancelled' }]);
  });
});

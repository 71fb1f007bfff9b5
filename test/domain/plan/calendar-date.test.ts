import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, canonicalTimeZone, isCalendarDate } from '../../../src/domain/plan/calendar-date.js';

describe('time zones: the one check that config, the conversations and the playground use', () => {
  it('knows IANA names and fixes their case', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('refuses what is not a zone', () => {
    for (const name of ['Mars/Olympus', '', 'Asia/', 'GMT+25', 'Europe/Berlin; DROP']) expect(canonicalTimeZone(name), name).toBeUndefined();
  });

  it("reads today's date in the zone", () => {
    expect(calendarDate(new Date('2026-03-01T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(calendarDate(new Date('2026-03-01T16:30:00Z'), 'UTC')).toBe('2026-03-01');
  });
});

describe('calendar dates', () => {
  it('adds days across months and leap days without any zone shifting them', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 30)).toBe('2027-01-30');
    expect(isCalendarDate('2026-02-30')).toBe(false);
  });
});

import { addDays, format, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedulePhases } from '../../../src/domain/budget/budget.js';
import type { SchedulePhase } from '../../../src/domain/budget/budget-types.js';

const nextDay = (iso: string) => format(addDays(parseISO(iso), 1), 'yyyy-MM-dd');

/** The phases run start..end with no gap or overlap. */
function expectContiguous(phases: SchedulePhase[], start: string, end: string): void {
  expect(phases[0]?.start).toBe(start);
  expect(phases.at(-1)?.end).toBe(end);
  for (const [i, phase] of phases.entries()) {
    expect(phase.start <= phase.end).toBe(true);
    const next = phases[i + 1];
    if (next) expect(next.start).toBe(nextDay(phase.end));
  }
}

describe('schedulePhases', () => {
  it('splits a 10-day campaign 20/50/30 over 2, 4 and 4 days', () => {
    expect(schedulePhases(1_000_000, '2026-01-01', '2026-01-10')).toEqual([
      { id: 'warm-up', name: 'Warm-up', start: '2026-01-01', end: '2026-01-02', amount: 200_000 },
      { id: 'launch', name: 'Launch', start: '2026-01-03', end: '2026-01-06', amount: 500_000 },
      { id: 'sustain', name: 'Sustain', start: '2026-01-07', end: '2026-01-10', amount: 300_000 },
    ]);
  });

  it('adds up exactly for awkward totals', () => {
    for (const total of [0, 1, 7, 1_000_001]) {
      const phases = schedulePhases(total, '2026-03-01', '2026-03-31');
      expect(phases.reduce((s, p) => s + p.amount, 0)).toBe(total);
    }
    expect(schedulePhases(7, '2026-03-01', '2026-03-31').map((p) => p.amount)).toEqual([1, 4, 2]);
  });

  it('crosses months, leap days and daylight-saving changes without losing a day', () => {
    const phases = schedulePhases(100, '2024-02-25', '2024-04-05');
    expectContiguous(phases, '2024-02-25', '2024-04-05');
    expect(phases).toHaveLength(3);
  });

  it('gives a one-day campaign just a launch', () => {
    expect(schedulePhases(999, '2026-05-01', '2026-05-01')).toEqual([
      { id: 'launch', name: 'Launch', start: '2026-05-01', end: '2026-05-01', amount: 999 },
    ]);
  });

  it('gives a two-day campaign a launch day and a sustain day', () => {
    const phases = schedulePhases(8, '2026-05-01', '2026-05-02');
    expect(phases.map((p) => [p.id, p.start, p.end, p.amount])).toEqual([
      ['launch', '2026-05-01', '2026-05-01', 5],
      ['sustain', '2026-05-02', '2026-05-02', 3],
    ]);
  });

  it('gives a three-day campaign one day per phase', () => {
    expect(schedulePhases(10, '2026-12-30', '2027-01-01').map((p) => [p.start, p.end])).toEqual([
      ['2026-12-30', '2026-12-30'],
      ['2026-12-31', '2026-12-31'],
      ['2027-01-01', '2027-01-01'],
    ]);
  });

  it.each([
    ['reversed dates', '2026-05-02', '2026-05-01'],
    ['an impossible date', '2026-02-30', '2026-03-10'],
    ['a month 13', '2026-01-01', '2026-13-01'],
    ['a compact date', '20260101', '2026-01-10'],
    ['a date with a time', '2026-01-01T10:00', '2026-01-10'],
    ['empty text', '', '2026-01-10'],
    ['words', 'next monday', 'soon'],
  ])('returns no phases for %s', (_label, start, end) => {
    expect(schedulePhases(100, start, end)).toEqual([]);
  });

  it('returns no phases for a paid total that is not whole minor units', () => {
    expect(schedulePhases(-1, '2026-01-01', '2026-01-10')).toEqual([]);
    expect(schedulePhases(10.5, '2026-01-01', '2026-01-10')).toEqual([]);
    expect(schedulePhases(Number.NaN, '2026-01-01', '2026-01-10')).toEqual([]);
  });

  it('for any dates and total: covers every day once and sums exactly', () => {
    const day = fc.date({ min: new Date('2020-01-01T12:00:00Z'), max: new Date('2030-12-31T12:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), fc.maxSafeNat(), (startDate, length, total) => {
        const start = format(startDate, 'yyyy-MM-dd');
        const end = format(addDays(parseISO(start), length), 'yyyy-MM-dd');
        const phases = schedulePhases(total, start, end);
        expect(phases.length).toBe(Math.min(3, length + 1));
        expectContiguous(phases, start, end);
        expect(phases.reduce((s, p) => s + BigInt(p.amount), 0n)).toBe(BigInt(total));
      }),
      { numRuns: 300 },
    );
  });
});

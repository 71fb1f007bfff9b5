import { addDays, format, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedulePhases as phasesFor } from '../../../src/domain/budget/budget.js';
import type { SchedulePhase } from '../../../src/domain/budget/budget-types.js';

/** A burst of paid money over the dates, with "Website" carrying any phase without money. */
function schedulePhases(paid: number, startDate: string, endDate: string) {
  return phasesFor({ pattern: 'burst', startDate, endDate, paid, contacts: 0, activities: () => ['Website'] });
}

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

describe('schedulePhases: burst', () => {
  it('splits a 10-day campaign 20/50/30 over 2, 4 and 4 days', () => {
    expect(schedulePhases(1_000_000, '2026-01-01', '2026-01-10')).toEqual([
      { id: 'warm-up', name: 'Warm-up', start: '2026-01-01', end: '2026-01-02', amount: 200_000, activities: [] },
      { id: 'launch', name: 'Launch', start: '2026-01-03', end: '2026-01-06', amount: 500_000, activities: [] },
      { id: 'sustain', name: 'Sustain', start: '2026-01-07', end: '2026-01-10', amount: 300_000, activities: [] },
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
      { id: 'launch', name: 'Launch', start: '2026-05-01', end: '2026-05-01', amount: 999, activities: [] },
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

/** Money per day of a phase. */
const daily = (phase: SchedulePhase) => phase.amount / ((parseISO(phase.end).getTime() - parseISO(phase.start).getTime()) / 86_400_000 + 1);

describe('schedulePhases: event-anchored', () => {
  // Double 11: campaign 20 Oct – 15 Nov, peak 3–11 Nov. Pre-heat 14 days × 2, peak 9 days × 6, tail 4 days × 1:
  // weights 28 : 54 : 4 of ¥860,000 = ¥280,000, ¥540,000 and ¥40,000.
  const double11 = () =>
    phasesFor({
      pattern: 'event-anchored',
      startDate: '2026-10-20',
      endDate: '2026-11-15',
      peak: { start: '2026-11-03', end: '2026-11-11' },
      paid: 86_000_000,
      contacts: 0,
      activities: () => [],
    });

  it('gives the peak days (3–11 Nov) the highest daily spend, after a pre-heat and before a tail', () => {
    const phases = double11();
    expect(phases.map((p) => [p.id, p.start, p.end, p.amount])).toEqual([
      ['pre-heat', '2026-10-20', '2026-11-02', 28_000_000],
      ['peak', '2026-11-03', '2026-11-11', 54_000_000],
      ['tail', '2026-11-12', '2026-11-15', 4_000_000],
    ]);
    const [preHeat, peak, tail] = phases.map(daily);
    // ¥20,000 a pre-heat day, ¥60,000 a peak day, ¥10,000 a tail day.
    expect([preHeat, peak, tail]).toEqual([2_000_000, 6_000_000, 1_000_000]);
  });

  it('leaves out the pre-heat when the peak starts on the first day, and the tail when it ends on the last', () => {
    const phases = phasesFor({ pattern: 'event-anchored', startDate: '2026-06-01', endDate: '2026-06-18', peak: { start: '2026-06-01', end: '2026-06-18' }, paid: 100, contacts: 0, activities: () => [] });
    expect(phases.map((p) => [p.id, p.amount])).toEqual([['peak', 100]]);
  });

  it('falls back to a burst when the peak window is missing or outside the dates', () => {
    const outside = phasesFor({ pattern: 'event-anchored', startDate: '2026-06-01', endDate: '2026-06-18', peak: { start: '2026-06-10', end: '2026-06-20' }, paid: 100, contacts: 0, activities: () => [] });
    expect(outside.map((p) => p.id)).toEqual(['warm-up', 'launch', 'sustain']);
    expect(phasesFor({ pattern: 'event-anchored', startDate: '2026-06-01', endDate: '2026-06-18', paid: 100, contacts: 0, activities: () => [] }).map((p) => p.id)).toEqual(['warm-up', 'launch', 'sustain']);
  });

  it('for any peak inside any dates: contiguous, exact, and no day outspends a peak day by more than a minor unit', () => {
    const day = fc.date({ min: new Date('2024-01-01T12:00:00Z'), max: new Date('2028-12-31T12:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 1e12 }), (startDate, a, b, c, paid) => {
        const start = format(startDate, 'yyyy-MM-dd');
        const [first, last] = [Math.min(a, b), Math.max(a, b)];
        const length = Math.max(last, c);
        const end = format(addDays(parseISO(start), length), 'yyyy-MM-dd');
        const peak = { start: format(addDays(parseISO(start), first), 'yyyy-MM-dd'), end: format(addDays(parseISO(start), last), 'yyyy-MM-dd') };
        const phases = phasesFor({ pattern: 'event-anchored', startDate: start, endDate: end, peak, paid, contacts: 0, activities: () => [] });
        expectContiguous(phases, start, end);
        expect(phases.reduce((s, p) => s + p.amount, 0)).toBe(paid);
        const peakPhase = phases.find((p) => p.id === 'peak');
        expect(peakPhase?.start).toBe(peak.start);
        for (const other of phases) expect(daily(other)).toBeLessThanOrEqual(daily(peakPhase!) + 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('schedulePhases: always-on and lifecycle', () => {
  it('spends the same each day, shown month by month: ¥3,200 over 5 Jan – 5 Feb is ¥2,700 in January and ¥500 in February', () => {
    // 27 days in January, 5 in February: 32 days of ¥100.
    const phases = phasesFor({ pattern: 'always-on', startDate: '2027-01-05', endDate: '2027-02-05', paid: 320_000, contacts: 0, activities: () => [] });
    expect(phases.map((p) => [p.name, p.start, p.end, p.amount])).toEqual([
      ['Jan 2027', '2027-01-05', '2027-01-31', 270_000],
      ['Feb 2027', '2027-02-01', '2027-02-05', 50_000],
    ]);
  });

  it('shows a plan of more than twelve months in twelve equal stretches', () => {
    // 731 days (2028 is a leap year) of ¥1 each: stretches of 61 or 60 days, ¥61 or ¥60.
    const phases = phasesFor({ pattern: 'always-on', startDate: '2027-01-01', endDate: '2028-12-31', paid: 73_100, contacts: 0, activities: () => [] });
    expect(phases).toHaveLength(12);
    expectContiguous(phases, '2027-01-01', '2028-12-31');
    expect(phases.map(daily).every((perDay) => perDay === 100)).toBe(true);
  });

  it('puts the contacts on the day 7, 30 and 60 triggers, when the purchases of the campaign trigger them', () => {
    const phases = phasesFor({ pattern: 'lifecycle', startDate: '2027-01-01', endDate: '2027-01-31', paid: 0, contacts: 450_000, activities: () => [] });
    expect(phases.map((p) => [p.id, p.start, p.end, p.amount, p.daysAfterPurchase])).toEqual([
      ['day-7', '2027-01-08', '2027-02-07', 150_000, 7],
      ['day-30', '2027-01-31', '2027-03-02', 150_000, 30],
      ['day-60', '2027-03-02', '2027-04-01', 150_000, 60],
    ]);
  });

  it('keeps paid money of a lifecycle plan on an always-on row of its own', () => {
    const phases = phasesFor({ pattern: 'lifecycle', startDate: '2027-01-01', endDate: '2027-01-31', paid: 1000, contacts: 3, activities: () => [] });
    expect(phases.map((p) => [p.id, p.amount])).toEqual([['always-on', 1000], ['day-7', 1], ['day-30', 1], ['day-60', 1]]);
  });
});

describe('phases with no money', () => {
  it('list the owned and earned activities that carry them instead of ¥0', () => {
    const phases = phasesFor({ pattern: 'burst', startDate: '2027-01-01', endDate: '2027-01-30', paid: 0, contacts: 0, activities: (p) => [`${p.name}: WeChat articles`, 'Reviews'] });
    expect(phases.map((p) => p.activities)).toEqual([
      ['Warm-up: WeChat articles', 'Reviews'],
      ['Launch: WeChat articles', 'Reviews'],
      ['Sustain: WeChat articles', 'Reviews'],
    ]);
  });
});

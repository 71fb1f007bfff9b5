import { describe, expect, it } from 'vitest';
import { parseDate } from '../../support/english-parsers.js';
import { dateOrError, refusal } from './date-helpers.js';

// 17:00 UTC on Sunday 1 March 2026: already Monday 2 March in Shanghai, still Sunday morning in Los Angeles.
const NOW = new Date('2026-03-01T17:00:00Z');
const SHANGHAI = 'Asia/Shanghai';
const LOS_ANGELES = 'America/Los_Angeles';

const date = (text: string, timeZone = SHANGHAI, now = NOW): string => dateOrError(text, now, timeZone);
const error = (text: string): string => refusal(text, NOW, SHANGHAI);

describe('parseDate', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['Dec 1', '2026-12-01'],
    ['December 1st', '2026-12-01'],
    ['1 Dec 2026', '2026-12-01'],
    ['on 1 December 2026.', '2026-12-01'],
    ['13/01/2027', '2027-01-13'],
    ['01/13/2027', '2027-01-13'],
    ['end of March', '2026-03-31'],
    ['Mar 31 2027', '2027-03-31'],
  ])('reads %s as %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('reads a year-less date as the next one to come', () => {
    expect(date('Jan 15')).toBe('2027-01-15');
    expect(date('Mar 5')).toBe('2026-03-05');
    expect(date('15/01')).toBe('2027-01-15');
  });

  it('resolves relative dates in the team time zone', () => {
    expect(date('today', SHANGHAI)).toBe('2026-03-02');
    expect(date('today', LOS_ANGELES)).toBe('2026-03-01');
    expect(date('tomorrow', SHANGHAI)).toBe('2026-03-03');
    expect(date('tomorrow', LOS_ANGELES)).toBe('2026-03-02');
    expect(date('in 10 days', SHANGHAI)).toBe('2026-03-12');
    expect(date('in 10 days', LOS_ANGELES)).toBe('2026-03-11');
    expect(date('in 3 weeks', LOS_ANGELES)).toBe('2026-03-22');
  });

  it('reads `next friday` from the local weekday', () => {
    // Sunday in Los Angeles: the coming Friday. Monday in Shanghai: Friday of next week.
    expect(date('next friday', LOS_ANGELES)).toBe('2026-03-06');
    expect(date('next friday', SHANGHAI)).toBe('2026-03-13');
  });

  it('flips `Dec 1` to next year only once the day has passed locally', () => {
    const justBefore = new Date('2026-12-01T07:30:00Z'); // 1 Dec 15:30 Shanghai, 30 Nov 23:30 Los Angeles
    expect(date('Nov 30', SHANGHAI, justBefore)).toBe('2027-11-30');
    expect(date('Nov 30', LOS_ANGELES, justBefore)).toBe('2026-11-30');
  });

  it('explains relative and year-less readings in a note', () => {
    expect(parseDate('tomorrow', NOW, SHANGHAI)).toEqual({ ok: true, value: '2026-03-03', note: 'Read `tomorrow` as 3 Mar 2026.' });
    expect(parseDate('2026-12-01', NOW, SHANGHAI)).toEqual({ ok: true, value: '2026-12-01' });
    expect(parseDate('13/01/2027', NOW, SHANGHAI)).toMatchObject({ note: expect.stringContaining('13 Jan 2027') });
  });

  it('notes a date in the past', () => {
    expect(parseDate('2026-01-05', NOW, SHANGHAI)).toMatchObject({ ok: true, note: expect.stringMatching(/in the past/) });
  });

  it('refuses ambiguous slash dates and asks for the ISO form', () => {
    expect(error('12/01/2026')).toMatch(/could mean 1 Dec 2026 or 12 Jan 2026.*`2026-12-01`/);
    expect(error('03/04')).toMatch(/`2026-12-01`/);
  });

  it.each(['2026-02-30', '2026-13-01', 'Feb 30', '31/02/2027', '32/01/2027'])('rejects the impossible date %s', (text) => {
    expect(error(text)).toMatch(/`2026-12-01`/);
  });

  it.each(['1999-12-31', '2101-01-01', '1 Jan 1990'])('rejects %s, outside 2000-2100', (text) => {
    expect(error(text)).toMatch(/between 2000 and 2100/);
  });

  it.each(['hello', '', 'March', 'Dec 1 or Dec 5', 'Dec 1 unless it rains', '<!channel>', 'NaN', '1e309', '💥'])(
    'rejects %s with an example',
    (text) => {
      expect(error(text)).toMatch(/`2026-12-01`/);
    },
  );

  it('rejects long input, an unknown time zone and an invalid clock without throwing', () => {
    expect(error('Dec 1 '.repeat(20_000))).toMatch(/too long/);
    expect(parseDate('tomorrow', NOW, 'Mars/Olympus')).toMatchObject({ ok: false, error: expect.stringMatching(/time zone/) });
    expect(parseDate('tomorrow', new Date(Number.NaN), SHANGHAI)).toMatchObject({ ok: false });
  });
});

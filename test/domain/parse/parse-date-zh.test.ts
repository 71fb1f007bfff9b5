import * as chrono from 'chrono-node';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../support/english-parsers.js';
import { dateOrError, refusal } from './date-helpers.js';

// 03:00 UTC on Tuesday 10 November 2026: 11:00 the same Tuesday in Shanghai.
const NOW = new Date('2026-11-10T03:00:00Z');
const SHANGHAI = 'Asia/Shanghai';

const date = (text: string, now = NOW, timeZone = SHANGHAI): string => dateOrError(text, now, timeZone);
const error = (text: string): string => refusal(text, NOW, SHANGHAI);

describe('dates written in Chinese', () => {
  it.each([
    ['2027年1月5日', '2027-01-05'],
    ['2027年1月5号', '2027-01-05'],
    ['2027 年 1 月 5 日', '2027-01-05'],
    ['２０２７年１月５日', '2027-01-05'],
    ['2027年1月5日。', '2027-01-05'],
    ['2027年1月5日（星期二）', '2027-01-05'],
    ['2027年1月5日周二', '2027-01-05'],
    ['二〇二七年一月五日', '2027-01-05'],
    ['2027年3月31日', '2027-03-31'],
    ['截止2027年3月31日', '2027-03-31'],
    ['2027年3月31日前', '2027-03-31'],
    ['2027年3月31日之前', '2027-03-31'],
    ['2027／1／5', '2027-01-05'],
  ])('reads %s as %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('echoes nothing for a date written out in full, and says how it read the rest', () => {
    expect(parseDate('2027年1月5日', NOW, SHANGHAI)).toEqual({ ok: true, value: '2027-01-05' });
    expect(parseDate('1月5日', NOW, SHANGHAI)).toEqual({ ok: true, value: '2027-01-05', note: 'Read `1月5日` as 5 Jan 2027.' });
    expect(parseDate('6周后', NOW, SHANGHAI)).toEqual({ ok: true, value: '2026-12-22', note: 'Read `6周后` as 22 Dec 2026.' });
  });

  it.each([
    ['1月5日', '2027-01-05'],
    ['3月31日', '2027-03-31'],
    ['十二月一日', '2026-12-01'],
    ['11月10日', '2026-11-10'],
    ['11月9日', '2027-11-09'],
    ['3月5', '2027-03-05'],
  ])('reads the year-less %s as the next one to come (%s), today included', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it.each([
    ['6周后', '2026-12-22'],
    ['六周后', '2026-12-22'],
    ['6个星期后', '2026-12-22'],
    ['6周以后', '2026-12-22'],
    ['两周后', '2026-11-24'],
    ['3天后', '2026-11-13'],
    ['3个月后', '2027-02-10'],
    ['半个月后', '2026-11-25'],
    ['半年后', '2027-05-10'],
    ['1年后', '2027-11-10'],
    ['大约6周后', '2026-12-22'],
    ['今天', '2026-11-10'],
    ['明天', '2026-11-11'],
    ['后天', '2026-11-12'],
    ['大后天', '2026-11-13'],
  ])('reads the relative %s as %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('keeps a month later on the month’s last day when the day does not exist', () => {
    expect(date('1个月后', new Date('2027-01-31T03:00:00Z'))).toBe('2027-02-28');
    expect(date('1年后', new Date('2028-02-29T03:00:00Z'))).toBe('2029-02-28');
  });

  it.each([
    ['下周五', '2026-11-20'],
    ['下星期五', '2026-11-20'],
    ['下个礼拜五', '2026-11-20'],
    ['下周一', '2026-11-16'],
    ['下下周一', '2026-11-23'],
    ['本周五', '2026-11-13'],
    ['这周五', '2026-11-13'],
    ['周五', '2026-11-13'],
    ['星期二', '2026-11-10'],
    ['周日', '2026-11-15'],
    ['星期天', '2026-11-15'],
    ['下周日', '2026-11-22'],
  ])('reads the weekday %s as %s (today is Tuesday 10 November)', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('notes a weekday that has passed this week', () => {
    expect(parseDate('这周一', NOW, SHANGHAI)).toEqual({ ok: true, value: '2026-11-09', note: expect.stringContaining('in the past') });
  });

  it.each([
    ['3月底', '2027-03-31'],
    ['三月底', '2027-03-31'],
    ['2月底', '2027-02-28'],
    ['3月末', '2027-03-31'],
    ['12月初', '2026-12-01'],
    ['12月中旬', '2026-12-15'],
    ['明年3月底', '2027-03-31'],
    ['明年3月1日', '2027-03-01'],
    ['今年12月31日', '2026-12-31'],
    ['月底', '2026-11-30'],
    ['本月底', '2026-11-30'],
    ['下个月底', '2026-12-31'],
    ['下个月初', '2026-12-01'],
    ['下个月15号', '2026-12-15'],
    ['15号', '2026-11-15'],
    ['5号', '2026-12-05'],
    ['年底', '2026-12-31'],
    ['明年底', '2027-12-31'],
    ['2027年底', '2027-12-31'],
    ['3月底前', '2027-03-31'],
  ])('reads the edge of a month or year %s as %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('reads 明年 against the calendar, not as the next March to come', () => {
    // On 2 January 2027, 明年1月5日 is 2028, though 5 January 2027 is still to come.
    expect(date('明年1月5日', new Date('2027-01-02T03:00:00Z'))).toBe('2028-01-05');
    expect(date('1月5日', new Date('2027-01-02T03:00:00Z'))).toBe('2027-01-05');
  });

  it('asks which day for a month, a week or a year without one, naming the month read', () => {
    expect(error('明年3月')).toBe(
      '`明年3月` names a month but not a day; which day do you mean? For example `2027年3月1日` or `2027年3月底`.',
    );
    expect(error('2027年3月')).toContain('`2027年3月1日` or `2027年3月底`');
    expect(error('3月')).toContain('`2027年3月1日`');
    expect(error('12月')).toContain('`2026年12月1日`');
    for (const text of ['下个月', '下周', '明年', '本月']) expect(error(text)).toMatch(/names a month or a week but not a day/);
  });

  it('refuses impossible days, a wrong weekday and dates out of range, with Chinese examples', () => {
    expect(error('2月30日')).toMatch(/`2月30日` isn't a real day on the calendar\. Try `2026年12月1日`/);
    expect(error('13月1日')).toMatch(/no month 13/);
    expect(error('2027年1月5日星期三')).toMatch(/that day is a Tuesday, not a Wednesday/);
    expect(error('9999年1月1日')).toMatch(/between 2000 and 2100/);
    expect(error('午饭后')).toMatch(/couldn't read `午饭后` as a date.*`下周五`/);
    expect(error('2027年1月5日 和 2027年1月6日')).toMatch(/more than one date/);
  });

  it('reads what chrono-node’s zh parser gets wrong or misses', () => {
    const ref = { instant: NOW, timezone: 480 };
    const zh = (text: string) => chrono.zh.hans.parse(text, ref, { forwardDate: true });
    // chrono misses these, or drops a word that changes the day; the bot reads them all.
    expect(zh('6周后')).toEqual([]);
    expect(zh('两周后')).toEqual([]);
    expect(zh('明年3月')[0]?.text).toBe('年3月');
    expect(zh('3月底')[0]?.start.get('day')).toBe(10);
    expect(date('6周后')).toBe('2026-12-22');
    expect(date('两周后')).toBe('2026-11-24');
    expect(date('3月底')).toBe('2027-03-31');
  });

  it('still reads English dates the English way', () => {
    expect(date('2027-01-05')).toBe('2027-01-05');
    expect(date('Jan 5 2027')).toBe('2027-01-05');
    expect(date('in 6 weeks')).toBe('2026-12-22');
  });
});

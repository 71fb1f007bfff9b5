/**
 * Dates written the Chinese way: `2027年1月5日`, `1月5日`, `3月底`, `明年3月1日`,
 * `6周后`, `下周五`, `本周五`, `月底`, `明天`, with Arabic or Chinese numerals.
 *
 * chrono-node's zh parser (`chrono.zh.hans`) reads `2027年1月5日`, `1月5日` and
 * `下周五`, but not `6周后` or `两周后`, it drops `明` from `明年3月` (so the year is a
 * guess), reads `3月底` as the tenth of March and misses `本周五`, `月底` and
 * `下个月15号`. This grammar reads those itself and leaves chrono the rest.
 */
import { fail, ok } from './parsed-result.js';
import type { Parsed } from '../plan/plan.js';
import { phrase, type Param } from '../message/phrase.js';
import { readChineseNumber } from './read-chinese-number.js';

/** A calendar day as numbers (month 1–12). */
export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** A day read from Chinese text; `explicit` when year, month and day were all written out. */
export interface ChineseDay {
  parts: DayParts;
  explicit: boolean;
}

const HAN = /\p{Script=Han}/u;
/** Words around a date that do not change the day: `截止2027年3月31日`, `3月底前`, `6月1日左右`. */
const LEADING = /^(?:截止到|截至到|截止于|截止|截至|不晚于|最晚|大约|大概|预计|计划|定在|定于|到|在|于|约)/;
const TRAILING = /(?:之前|以前|前|左右|为止|止|当天|那天|这天)$/;
const CHINESE_DIGITS = /(?<!周|星期|礼拜)[零〇一二两三四五六七八九十]+/g;
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7 };
const WEEKDAY_NAMES = ['', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const YEAR_WORDS: Record<string, number> = { 去年: -1, 今年: 0, 明年: 1, 后年: 2 };

const MONTH_DAY =
  /^(?:(\d{4})年|(去年|今年|明年|后年))?(\d{1,2})月(?:(\d{1,2})[日号]?|(初|上旬)|(中旬|中)|(底|末|下旬))?(?:[(,]?(?:星期|周|礼拜)([一二三四五六日天1-7])\)?)?$/;
const DAY_OF_MONTH = /^(本月|这个月|这月|下个?月|下下个?月)?(\d{1,2})[日号]$/;
const MONTH_EDGE = /^(本月|这个月|这月|下个?月|下下个?月)?(?:月)?(底|末|初|中旬|中)$/;
const YEAR_END = /^(?:(\d{4})|(去年|今年|明年|后年))?年?(底|末)$/;
const RELATIVE = /^(\d{1,4}|半)个?(天|日|周|星期|礼拜|月|年)(?:后|以后|之后)$/;
const CASUAL: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
const WEEKDAY = /^(这|本|下下|下|上)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])$/;
const NO_DAY = /^(?:\d{4}年|去年|今年|明年|后年|(?:本|这个?|下下?个?|上个?)(?:月|周|星期|礼拜))$/;

function utc(parts: DayParts): Date {
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
}

function fromUtc(date: Date): DayParts {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function plusDays(parts: DayParts, days: number): DayParts {
  return fromUtc(new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days)));
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months later, on the same day or the month's last day (31 January + 1 month is 28/29 February). */
function plusMonths(parts: DayParts, months: number): DayParts {
  const index = parts.year * 12 + parts.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(parts.day, lastDay(year, month)) };
}

/** Monday = 1 … Sunday = 7. */
function weekdayOf(parts: DayParts): number {
  return ((utc(parts).getUTCDay() + 6) % 7) + 1;
}

/** Without a year, a day means the next one to come, today included. */
function upcomingYear(month: number, day: number, today: DayParts): number {
  const upcoming = month > today.month || (month === today.month && day >= today.day);
  return upcoming ? today.year : today.year + 1;
}

/** `二〇二七年十二月三十一日` -> `2027年12月31日`; the day of `星期一` stays a weekday. */
function toArabic(text: string): string {
  return text.replace(CHINESE_DIGITS, (run) => {
    const number = readChineseNumber(run);
    return number === undefined ? run : String(number.mantissa);
  });
}

function monthOffset(word: string | undefined): number {
  if (word === undefined || word === '本月' || word.startsWith('这')) return 0;
  return word.startsWith('下下') ? 2 : 1;
}

function dayOfEdge(edge: string, year: number, month: number): number {
  if (edge === '初' || edge === '上旬') return 1;
  if (edge === '中' || edge === '中旬') return 15;
  return lastDay(year, month);
}

/**
 * Reads a date written with Chinese words; undefined when the text has none (or is a
 * shape this grammar does not know, for chrono to try). `shown` is the input, for messages.
 */
export function readChineseDate(text: string, today: DayParts, shown: Param): Parsed<ChineseDay> | undefined {
  if (!HAN.test(text)) return undefined;
  const compact = toArabic(text.replace(/\s+/g, '').replace(LEADING, '').replace(TRAILING, '').replace(LEADING, ''));
  if (compact === '') return undefined;
  return (
    readMonthDay(compact, today, shown) ??
    readDayOfMonth(compact, today) ??
    readEdges(compact, today) ??
    readRelative(compact, today) ??
    readWeekday(compact, today) ??
    (NO_DAY.test(compact) ? fail('parse.date.no_day_in_week_or_month', { typed: shown }) : undefined)
  );
}

function readMonthDay(text: string, today: DayParts, shown: Param): Parsed<ChineseDay> | undefined {
  const match = MONTH_DAY.exec(text);
  if (!match) return undefined;
  const [, typedYear, yearWord, monthText, dayText, start, middle, end, weekdayText] = match;
  const month = Number(monthText);
  if (month < 1 || month > 12) return fail('parse.date.no_such_month', { typed: shown, month: String(month) });
  const relativeYear = yearWord === undefined ? undefined : today.year + (YEAR_WORDS[yearWord] ?? 0);
  const edge = start ?? middle ?? end;
  if (dayText === undefined && edge === undefined) {
    const year = typedYear !== undefined ? Number(typedYear) : (relativeYear ?? upcomingYear(month, lastDay(today.year, month), today));
    return fail('parse.date.month_without_day', { typed: shown, year: String(year), month: String(month) });
  }
  const provisional = dayText !== undefined ? Number(dayText) : 1;
  const year = typedYear !== undefined ? Number(typedYear) : (relativeYear ?? upcomingYear(month, edge === undefined ? provisional : dayOfEdge(edge, today.year, month), today));
  const day = edge === undefined ? provisional : dayOfEdge(edge, year, month);
  const parts = { year, month, day };
  if (weekdayText !== undefined && day <= lastDay(year, month)) {
    const typed = WEEKDAYS[weekdayText] ?? 0;
    const actual = weekdayOf(parts);
    if (typed !== actual) {
      return fail('parse.date.wrong_weekday', { typed: shown, actual: phrase(`common.weekday.${WEEKDAY_NAMES[actual] ?? 'monday'}`), given: phrase(`common.weekday.${WEEKDAY_NAMES[typed] ?? 'monday'}`) });
    }
  }
  return ok({ parts, explicit: typedYear !== undefined && dayText !== undefined });
}

function readDayOfMonth(text: string, today: DayParts): Parsed<ChineseDay> | undefined {
  const match = DAY_OF_MONTH.exec(text);
  if (!match) return undefined;
  const day = Number(match[2]);
  const offset = match[1] === undefined ? (day >= today.day ? 0 : 1) : monthOffset(match[1]);
  const { year, month } = plusMonths({ ...today, day: 1 }, offset);
  return ok({ parts: { year, month, day }, explicit: false });
}

function readEdges(text: string, today: DayParts): Parsed<ChineseDay> | undefined {
  const yearEnd = YEAR_END.exec(text);
  if (yearEnd && text.includes('年')) {
    const year = yearEnd[1] !== undefined ? Number(yearEnd[1]) : today.year + (YEAR_WORDS[yearEnd[2] ?? '今年'] ?? 0);
    return ok({ parts: { year, month: 12, day: 31 }, explicit: false });
  }
  const edge = MONTH_EDGE.exec(text);
  if (!edge || (edge[1] === undefined && !text.startsWith('月'))) return undefined;
  const { year, month } = plusMonths({ ...today, day: 1 }, monthOffset(edge[1]));
  return ok({ parts: { year, month, day: dayOfEdge(edge[2] ?? '底', year, month) }, explicit: false });
}

function readRelative(text: string, today: DayParts): Parsed<ChineseDay> | undefined {
  const casual = CASUAL[text];
  if (casual !== undefined) return ok({ parts: plusDays(today, casual), explicit: false });
  const match = RELATIVE.exec(text);
  if (!match) return undefined;
  const [, amountText = '', unit = ''] = match;
  const half = amountText === '半';
  const amount = half ? 0 : Number(amountText);
  let parts: DayParts;
  if (unit === '天' || unit === '日') {
    if (half) return undefined;
    parts = plusDays(today, amount);
  } else if (unit === '月') {
    parts = half ? plusDays(today, 15) : plusMonths(today, amount);
  } else if (unit === '年') {
    parts = plusMonths(today, half ? 6 : amount * 12);
  } else {
    if (half) return undefined;
    parts = plusDays(today, amount * 7);
  }
  return ok({ parts, explicit: false });
}

function readWeekday(text: string, today: DayParts): Parsed<ChineseDay> | undefined {
  const match = WEEKDAY.exec(text);
  if (!match) return undefined;
  const wanted = WEEKDAYS[match[2] ?? ''] ?? 1;
  const current = weekdayOf(today);
  const which = match[1];
  if (which === undefined) {
    // `周五` alone: the next Friday to come, today included.
    return ok({ parts: plusDays(today, (wanted - current + 7) % 7), explicit: false });
  }
  const weeks = which === '下' ? 1 : which === '下下' ? 2 : which === '上' ? -1 : 0;
  return ok({ parts: plusDays(today, weeks * 7 + wanted - current), explicit: false });
}

const NUMERAL = '[0-9一二两三四五六七八九十]';
/**
 * A Chinese date at the end of a goal line (`… 40% 3月底前`, `… 100万 2027年3月31日`),
 * so the line can be split without a `by`. Every shape needs a date word (年 月 日 号 周 天 后),
 * so a target such as `1000` or `100万` is never taken for a date.
 */
export const CHINESE_DATE_TAIL = new RegExp(
  '(' +
    [
      `(?:\\d{4}年|去年|今年|明年|后年)?${NUMERAL}{1,3}月(?:${NUMERAL}{1,3}[日号]?|初|上旬|中旬|中|底|末|下旬)?`,
      '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}',
      '(?:这|本|下下|下|上)?个?(?:周|星期|礼拜)[一二三四五六日天1-7]',
      `(?:${NUMERAL}{1,4}|半)个?(?:天|日|周|星期|礼拜|月|年)(?:后|以后|之后)`,
      '(?:本|这个|下下个?|下个?)月(?:底|末|初|中旬|中)|月底|月末',
      '(?:\\d{4}|去|今|明|后)?年(?:底|末)',
      `(?:本月|这个月|下下个?月|下个?月)?${NUMERAL}{1,3}[日号]`,
      '今天|明天|后天|大后天',
    ].join('|') +
    ')(之前|以前|前|为止)?$',
);

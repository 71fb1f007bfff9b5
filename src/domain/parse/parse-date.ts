/** Reads calendar dates (ISO, month names, relative phrases) as ISO dates in the team's time zone. */
import { TZDate } from '@date-fns/tz';
// The two locales read here, not chrono-node's index, which loads all fifteen (~90 ms more at start).
import * as chronoEn from 'chrono-node/en';
import * as chronoZh from 'chrono-node/zh';
import type { Parsed } from '../plan/plan.js';
import { joined, phrase, type Param, type Phrase } from '../message/phrase.js';
import { fail, joinNotes, ok } from './parsed-result.js';
import { MAX_SHORT_INPUT, readInput } from './read-input.js';
import { readChineseDate, type DayParts } from './parse-date-zh.js';

const EXAMPLES = phrase('parse.date.examples');
const HAN = /\p{Script=Han}/u;
/** The examples for a date typed in Chinese. */
const EXAMPLES_ZH = phrase('parse.date.examples_chinese');
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
/** Words around a date that do not change which day is meant. */
const FILLER = new Set(['on', 'by', 'the', 'at', 'around', 'about', 'approx', 'approximately', 'due', 'deadline', 'date']);

/** `yyyy-MM-dd` for real calendar days, undefined for days such as 30 February. */
function toIso({ year, month, day }: DayParts): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Range and reality checks shared by every way of writing a date. */
function finish(parts: DayParts, shown: Param, today: string, note?: Phrase): Parsed<string> {
  const iso = toIso(parts);
  if (iso === undefined) return fail('parse.date.not_a_day', { typed: shown });
  if (parts.year < FIRST_YEAR || parts.year > LAST_YEAR) {
    return fail('parse.date.out_of_range', { first: String(FIRST_YEAR), last: String(LAST_YEAR), typed: shown, date: { date: iso } });
  }
  const past = iso < today ? phrase('parse.date.in_the_past', { date: { date: iso } }) : undefined;
  return ok(iso, joinNotes([note, past]));
}

/** Year-first numeric dates (`2026-12-01`, `2026/12/1`) are unambiguous. */
function readYearFirst(text: string): DayParts | undefined {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * Day/month numeric dates are read only when the order cannot matter
 * (a part above 12, or both parts equal); `12/01/2026` could be either.
 */
function readDayMonth(text: string, today: DayParts, shown: Param): Parsed<DayParts> | undefined {
  const match = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const a = Number(match[1]);
  const b = Number(match[2]);
  if (a <= 12 && b <= 12 && a !== b) {
    // Both readings are real days: month a, day b, or day a, month b (each in the year it comes next).
    const typed = match[3] === undefined ? undefined : match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    const monthFirst = toIso({ year: typed ?? nextYearFor(a, b, today), month: a, day: b }) ?? '';
    const dayFirst = toIso({ year: typed ?? nextYearFor(b, a, today), month: b, day: a }) ?? '';
    return fail('parse.date.day_or_month', { typed: shown, first: { date: monthFirst }, second: { date: dayFirst } });
  }
  const [day, month] = a > 12 ? [a, b] : [b, a];
  const typedYear = match[3];
  if (typedYear !== undefined) {
    return ok({ year: typedYear.length === 2 ? 2000 + Number(typedYear) : Number(typedYear), month, day });
  }
  return ok({ year: nextYearFor(month, day, today), month, day });
}

/** Without a year, a day means the next one to come, today included (as for `Dec 1`). */
function nextYearFor(month: number, day: number, today: DayParts): number {
  const upcoming = month > today.month || (month === today.month && day >= today.day);
  return upcoming ? today.year : today.year + 1;
}

/** Phrases such as `Dec 1`, `next friday`, `in 3 weeks` or `end of March`, via chrono. */
function readPhrase(text: string, now: Date, offsetMinutes: number, today: DayParts, shown: Param): Parsed<DayParts> {
  const chinese = HAN.test(text);
  const parser = chinese ? chronoZh.hans : chronoEn;
  const results = parser.parse(text, { instant: now, timezone: offsetMinutes }, { forwardDate: true });
  const [first] = results;
  if (first === undefined) return fail(/\d/.test(text) ? 'parse.date.unreadable_digits' : 'parse.date.unreadable', { typed: shown });
  if (results.length > 1) return fail('parse.date.several', { typed: shown });
  const leftover = `${text.slice(0, first.index)} ${text.slice(first.index + first.text.length)}`;
  const extra = leftover
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !FILLER.has(word));
  if (extra.length > 0) {
    return fail('parse.date.extra_words', { extra: { typed: extra.join(' ') }, typed: shown });
  }
  const start = first.start;
  if (!start.isCertain('day') && !start.isCertain('weekday')) {
    return fail('parse.date.no_day', { typed: shown });
  }
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null || month === null || day === null) return fail('parse.date.unreadable', { typed: shown });
  // chrono's forwardDate compares against noon, so `Dec 1` typed on the evening of
  // 1 December would jump a year; decide the year from the local calendar day instead.
  const yearless = start.isCertain('month') && !start.isCertain('year');
  return ok({ year: yearless ? nextYearFor(month, day, today) : year, month, day });
}

/** A calendar date -> ISO `yyyy-MM-dd` in `timeZone`, resolved against the instant `now`; a refusal ends with examples. */
export function parseDate(text: string, now: Date, timeZone: string): Parsed<string> {
  const input = readInput(text, MAX_SHORT_INPUT, EXAMPLES);
  if (!input.ok) return input;
  const read = readDate(text, now, timeZone);
  if (read.ok || read.error.key === 'parse.date.month_without_day') return read;
  // A date typed in Chinese gets Chinese examples, whatever the language of the reply.
  return fail(joined(read.error, typeof text === 'string' && HAN.test(text) ? EXAMPLES_ZH : EXAMPLES));
}

/** The same, but a refusal says only what is wrong (a goal line adds its own example). */
export function readDate(text: string, now: Date, timeZone: string): Parsed<string> {
  const input = readInput(text, MAX_SHORT_INPUT, EXAMPLES);
  if (!input.ok) return input;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return fail('parse.date.no_today');
  let zoned: TZDate;
  try {
    zoned = new TZDate(now.getTime(), timeZone);
  } catch {
    zoned = new TZDate(Number.NaN);
  }
  if (Number.isNaN(zoned.getTime())) return fail('parse.date.unknown_zone', { zone: { typed: String(timeZone) } });
  const todayParts = { year: zoned.getFullYear(), month: zoned.getMonth() + 1, day: zoned.getDate() };
  const today = toIso(todayParts) ?? '';
  const cleaned = input.value.replace(/[.,;!。]+$/, '');
  const shown: Param = { typed: input.value };
  const readAs = (iso: string | undefined, explicit: boolean) => (iso === undefined || explicit ? undefined : phrase('parse.date.read_as', { typed: shown, date: { date: iso } }));

  const chinese = readChineseDate(cleaned, todayParts, shown);
  if (chinese !== undefined) {
    if (!chinese.ok) return chinese;
    const { parts, explicit } = chinese.value;
    return finish(parts, shown, today, readAs(toIso(parts), explicit));
  }

  const yearFirst = readYearFirst(cleaned);
  if (yearFirst) return finish(yearFirst, shown, today);
  const dayMonth = readDayMonth(cleaned, todayParts, shown);
  const parts = dayMonth ?? readPhrase(cleaned, now, -zoned.getTimezoneOffset(), todayParts, shown);
  if (!parts.ok) return parts;
  // A date written out with its month name and year needs no echo; the rest do.
  const explicit =
    dayMonth === undefined && cleaned.includes(String(parts.value.year)) && !/\b(?:next|last|this|in|ago|after)\b/i.test(cleaned);
  return finish(parts.value, shown, today, readAs(toIso(parts.value), explicit));
}

/** Reads calendar dates (ISO, month names, relative phrases) as ISO dates in the team's time zone. */
import { TZDate } from '@date-fns/tz';
// The two locales read here, not chrono-node's index, which loads all fifteen (~90 ms more at start).
import * as chronoEn from 'chrono-node/en';
import * as chronoZh from 'chrono-node/zh';
import { formatDate } from '../plan/format.js';
import type { Parsed } from '../plan/plan.js';
import { fail, ok } from './parsed-result.js';
import { MAX_SHORT_INPUT, quoteInput, readInput } from './read-input.js';
import { readChineseDate, type DayParts } from './parse-date-zh.js';

const EXAMPLES = 'Try `2026-12-01`, `Dec 1`, `next friday` or `in 3 weeks`.';
const HAN = /\p{Script=Han}/u;
/** The examples for a date typed in Chinese. */
const EXAMPLES_ZH = 'Try `2026年12月1日`, `12月1日`, `下周五` or `3周后`.';
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
/** Words around a date that do not change which day is meant. */
const FILLER = new Set(['on', 'by', 'the', 'at', 'around', 'about', 'approx', 'approximately', 'due', 'deadline', 'date']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `yyyy-MM-dd` for real calendar days, undefined for days such as 30 February. */
function toIso({ year, month, day }: DayParts): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Range and reality checks shared by every way of writing a date. */
function finish(parts: DayParts, shown: string, today: string, note?: string, examples = EXAMPLES): Parsed<string> {
  const iso = toIso(parts);
  if (iso === undefined) return fail(`${shown} isn't a real day on the calendar. ${examples}`);
  if (parts.year < FIRST_YEAR || parts.year > LAST_YEAR) {
    return fail(`Please give a date between ${FIRST_YEAR} and ${LAST_YEAR}; I read ${shown} as ${formatDate(iso)}. ${examples}`);
  }
  const past = iso < today ? `${formatDate(iso)} is in the past.` : undefined;
  const notes = [note, past].filter((n) => n !== undefined);
  return notes.length > 0 ? ok(iso, notes.join(' ')) : ok(iso);
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
function readDayMonth(text: string, today: DayParts, shown: string): Parsed<DayParts> | undefined {
  const match = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const a = Number(match[1]);
  const b = Number(match[2]);
  if (a <= 12 && b <= 12 && a !== b) {
    return fail(
      `${shown} could mean ${b} ${MONTHS[a - 1] ?? ''} or ${a} ${MONTHS[b - 1] ?? ''}. ` +
        'Please write the year first or the month as a word, e.g. `2026-12-01` or `1 Dec 2026`.',
    );
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
function readPhrase(text: string, now: Date, offsetMinutes: number, today: DayParts, shown: string): Parsed<DayParts> {
  const chinese = HAN.test(text);
  const parser = chinese ? chronoZh.hans : chronoEn;
  const examples = chinese ? EXAMPLES_ZH : EXAMPLES;
  const results = parser.parse(text, { instant: now, timezone: offsetMinutes }, { forwardDate: true });
  const [first] = results;
  if (first === undefined) {
    const hint = /\d/.test(text) ? ' (is it a real day on the calendar?)' : '';
    return fail(`I couldn't read ${shown} as a date${hint}. ${examples}`);
  }
  if (results.length > 1) return fail(`I found more than one date in ${shown}; please give just one. ${examples}`);
  const leftover = `${text.slice(0, first.index)} ${text.slice(first.index + first.text.length)}`;
  const extra = leftover
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !FILLER.has(word));
  if (extra.length > 0) {
    return fail(`I'm not sure what ${quoteInput(extra.join(' '))} means in ${shown}; please type just the date. ${examples}`);
  }
  const start = first.start;
  if (!start.isCertain('day') && !start.isCertain('weekday')) {
    return fail(`${shown} doesn't name a day; which day do you mean? ${examples}`);
  }
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null || month === null || day === null) return fail(`I couldn't read ${shown} as a date. ${examples}`);
  // chrono's forwardDate compares against noon, so `Dec 1` typed on the evening of
  // 1 December would jump a year; decide the year from the local calendar day instead.
  const yearless = start.isCertain('month') && !start.isCertain('year');
  return ok({ year: yearless ? nextYearFor(month, day, today) : year, month, day });
}

/** A calendar date -> ISO `yyyy-MM-dd` in `timeZone`, resolved against the instant `now`. */
export function parseDate(text: string, now: Date, timeZone: string): Parsed<string> {
  const input = readInput(text, MAX_SHORT_INPUT, EXAMPLES);
  if (!input.ok) return input;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return fail(`I can't tell today's date, so I can't read dates yet. ${EXAMPLES}`);
  let zoned: TZDate;
  try {
    zoned = new TZDate(now.getTime(), timeZone);
  } catch {
    zoned = new TZDate(Number.NaN);
  }
  if (Number.isNaN(zoned.getTime())) return fail(`I don't know the time zone ${quoteInput(String(timeZone))}, so I can't read dates. ${EXAMPLES}`);
  const todayParts = { year: zoned.getFullYear(), month: zoned.getMonth() + 1, day: zoned.getDate() };
  const today = toIso(todayParts) ?? '';
  const cleaned = input.value.replace(/[.,;!。]+$/, '');
  const shown = quoteInput(input.value);

  const chinese = readChineseDate(cleaned, todayParts, shown);
  if (chinese !== undefined) {
    if (!chinese.ok) return fail(chinese.error.includes('For example') ? chinese.error : `${chinese.error} ${EXAMPLES_ZH}`);
    const { parts, explicit } = chinese.value;
    const iso = toIso(parts);
    return finish(parts, shown, today, iso === undefined || explicit ? undefined : `Read ${shown} as ${formatDate(iso)}.`, EXAMPLES_ZH);
  }

  const yearFirst = readYearFirst(cleaned);
  if (yearFirst) return finish(yearFirst, shown, today);
  const dayMonth = readDayMonth(cleaned, todayParts, shown);
  const parts = dayMonth ?? readPhrase(cleaned, now, -zoned.getTimezoneOffset(), todayParts, shown);
  if (!parts.ok) return parts;
  const iso = toIso(parts.value);
  const examples = HAN.test(cleaned) ? EXAMPLES_ZH : EXAMPLES;
  // A date written out with its month name and year needs no echo; the rest do.
  const explicit =
    dayMonth === undefined && cleaned.includes(String(parts.value.year)) && !/\b(?:next|last|this|in|ago|after)\b/i.test(cleaned);
  return finish(parts.value, shown, today, iso === undefined || explicit ? undefined : `Read ${shown} as ${formatDate(iso)}.`, examples);
}

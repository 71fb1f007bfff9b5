/**
 * Small wording helpers the view models share: lists joined like a sentence,
 * counted nouns, and the schedule phase line both the summary and the budget show.
 * Plain text; the renderer escapes it.
 */
import type { SchedulePhase } from '../domain/budget/budget-types.js';
import { formatDate, formatMoney, formatNumber } from '../domain/plan/format.js';
import type { Currency } from '../domain/plan/plan.js';
import type { Params } from '../domain/message/phrase.js';
import type { Translator } from './i18n/translator.js';

/**
 * The catalogue's words for a page, as plain text (the renderer escapes the view model
 * once; values here are not escaped twice). Money, dates and rates inside are the
 * reader's (`t.format`).
 */
export function words(t: Translator, key: string, params?: Params): string {
  return remembered(t, 'plain', key, params, () => t.plain(params === undefined ? { key } : { key, params }));
}

/**
 * The catalogue's words for `key` with `params` as mrkdwn (the templates' `{{t}}`), remembered
 * like `words`.
 */
export function markupWords(t: Translator, key: string, params: Params): string {
  return remembered(t, 'mrkdwn', key, params, () => t.t(key, params));
}

/**
 * A page says hundreds of phrases, most of them again and again (headings, units, the same
 * figures), and an i18next lookup is far from free: each translator remembers what it said,
 * by key and values, up to a bound (then it starts afresh). The catalogue is fixed once
 * loaded, so a remembered phrase is the phrase.
 */
function remembered(t: Translator, mode: 'plain' | 'mrkdwn', key: string, params: Params | undefined, say: () => string): string {
  let said = SAID.get(t);
  if (!said) {
    said = new Map();
    SAID.set(t, said);
  }
  const id = `${mode}\u0000${key}\u0000${params === undefined ? '' : JSON.stringify(params)}`;
  const known = said.get(id);
  if (known !== undefined) return known;
  const text = say();
  if (said.size >= MAX_REMEMBERED) said.clear();
  said.set(id, text);
  return text;
}

const SAID = new WeakMap<Translator, Map<string, string>>();
const MAX_REMEMBERED = 20_000;

/** ["a", "b", "c"] as the reader's language lists them: "a, b and c", "a、b和c". */
export function listAnd(t: Translator, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return words(t, 'pages.list.and', { head: items.slice(0, -1).join(words(t, 'pages.list.separator')), last: items.at(-1) as string });
}

/** "Launch", "Day 7 after purchase", "Mar 2027" in the reader's language; a phase the catalogue does not know keeps its own name. */
function phaseName(t: Translator, phase: SchedulePhase): string {
  const key = `pages.phase.${phase.id}`;
  if (t.has(key)) return words(t, key);
  const day = /^day-(\d+)$/.exec(phase.id);
  if (day) return words(t, 'pages.phase_day', { count: Number(day[1]) });
  const month = /^always-on-(\d{4})-(\d{2})$/.exec(phase.id);
  if (month) return monthFormat(t.language).format(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  return phase.name;
}

const MONTH_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** "Mar 2027" (en), "2027年3月" (zh-CN). */
function monthFormat(language: string): Intl.DateTimeFormat {
  let format = MONTH_FORMATS.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'zh-CN' ? 'zh-CN' : 'en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' });
    MONTH_FORMATS.set(language, format);
  }
  return format;
}

/** A schedule phase in the reader's language: its name (by id; a phase the catalogue does not know keeps its own), dates and money. */
export function phaseViewIn(t: Translator, phase: SchedulePhase, currency: Currency): PhaseView {
  return {
    name: phaseName(t, phase),
    dates: words(t, 'pages.phase_dates', { start: t.format.date(phase.start), end: t.format.date(phase.end) }),
    amount: t.format.money(phase.amount, currency),
    activities: phase.amount === 0 && phase.activities.length > 0 ? phase.activities.join(words(t, 'pages.list.separator')) : null,
  };
}

/** A schedule phase with its dates and paid money. */
export interface PhaseView {
  name: string;
  dates: string;
  amount: string;
  /** Owned and earned activities when the phase has no money. */
  activities: string | null;
}

/** A schedule phase with its dates and money, or the activities that carry it when it has none. */
export function phaseView(phase: SchedulePhase, currency: Currency): PhaseView {
  return {
    name: phase.name,
    dates: `${formatDate(phase.start)} – ${formatDate(phase.end)}`,
    amount: formatMoney(phase.amount, currency),
    activities: phase.amount === 0 && phase.activities.length > 0 ? phase.activities.join(', ') : null,
  };
}


/** ["a", "b", "c"] -> "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}


/** "1 week", "3 days": a number and its noun. */
export function countOf(n: number, noun: { one: string; many: string }): string {
  return `${formatNumber(n, 0)} ${n === 1 ? noun.one : noun.many}`;
}


/** "" -> null, for view model fields that say "absent" with null. */
export function nullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}


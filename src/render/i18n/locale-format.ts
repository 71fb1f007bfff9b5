/**
 * Numbers, money, dates, rates and lists the way each language writes them, with
 * `Intl`. English keeps the bot's long-standing forms (`¥200,000`, `1.25 %`,
 * `1 Dec 2026`: Intl's en-GB would write `Sept`). Chinese writes what a Chinese
 * marketer writes: `2027年1月5日`, `2.5%`, and amounts from ¥1万 in 万 and from ¥1亿
 * in 亿 (`¥25万`, `¥1.2亿`) whenever that is exact to two decimals, so a figure is
 * never rounded away; any other amount in full (`¥12,345`).
 */
import type { ListJoin } from '../../domain/message/phrase.js';
import type { Language } from '../../domain/message/language.js';
import { CURRENCY_SYMBOLS, MINOR_UNITS, type Currency } from '../../domain/plan/vocabulary.js';

/** How one language writes values. Nothing here is escaped for Slack. */
export interface LocaleFormat {
  /** Minor units -> `¥200,000` (en) or `¥20万` (zh-CN). */
  money(minor: number, currency: Currency): string;
  /** `2026-12-01` -> `1 Dec 2026` (en) or `2026年12月1日` (zh-CN); other text is returned as it is. */
  date(iso: string): string;
  /** Up to `digits` decimals, grouped in thousands. */
  number(value: number, digits?: number): string;
  /** A fraction as a percentage: 0.0125 -> `1.25 %` (en) or `1.25%` (zh-CN). */
  rate(fraction: number, digits?: number): string;
  /** Joins already formatted items. */
  list(items: readonly string[], join: ListJoin): string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The formats of `language`; built once per language and cached. */
export function localeFormat(language: Language): LocaleFormat {
  let format = CACHE.get(language);
  if (!format) {
    format = language === 'zh-CN' ? chinese() : english();
    CACHE.set(language, format);
  }
  return format;
}

const CACHE = new Map<Language, LocaleFormat>();

function numbers(locale: string): (value: number, digits?: number) => string {
  const formats = new Map<number, Intl.NumberFormat>();
  return (value, digits = 2) => {
    if (!Number.isFinite(value)) return String(value);
    let format = formats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: true });
      formats.set(digits, format);
    }
    // `-0` would print as "-0".
    return format.format(value === 0 ? 0 : value);
  };
}

/** Major units with the decimals the currency has, only when there are any: `5,000` or `5,000.50`. */
function amount(number: (value: number, digits?: number) => string, minor: number, currency: Currency): string {
  const per = MINOR_UNITS[currency];
  const abs = Math.abs(Math.round(minor));
  const whole = number(Math.floor(abs / per), 0);
  const cents = abs % per;
  if (cents === 0) return whole;
  const digits = String(per).length - 1;
  return `${whole}.${String(cents).padStart(digits, '0')}`;
}

function lists(locale: string, comma: string, semicolon: string, sentence: string): LocaleFormat['list'] {
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const or = new Intl.ListFormat(locale, { type: 'disjunction' });
  return (items, join) => {
    switch (join) {
      case 'and':
        return and.format(items);
      case 'or':
        return or.format(items);
      case 'comma':
        return items.join(comma);
      case 'semicolons':
        return items.join(semicolon);
      case 'lines':
        return items.join('\n');
      case 'numbered':
        return items.map((item, index) => `${index + 1}. ${item}`).join('\n');
      case 'sentences':
        return items.join(sentence);
    }
  };
}

function english(): LocaleFormat {
  const number = numbers('en');
  return {
    money: (minor, currency) => `${minor < 0 ? '-' : ''}${CURRENCY_SYMBOLS[currency]}${amount(number, minor, currency)}`,
    date(iso) {
      const match = ISO_DAY.exec(iso);
      const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
      return match && name ? `${Number(match[3])} ${name} ${match[1]}` : iso;
    },
    number,
    rate: (fraction, digits = 2) => `${number(fraction * 100, digits)} %`,
    list: lists('en', ', ', '; ', ' '),
  };
}

function chinese(): LocaleFormat {
  const number = numbers('zh-CN');
  const days = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  return {
    money(minor, currency) {
      const sign = minor < 0 ? '-' : '';
      const symbol = CURRENCY_SYMBOLS[currency];
      const abs = Math.abs(Math.round(minor));
      const per = MINOR_UNITS[currency];
      const yi = 100_000_000 * per;
      const wan = 10_000 * per;
      // Exact to two decimals of the unit: ¥1,250,000 is ¥125万, ¥12,345 stays ¥12,345.
      if (abs >= yi && abs % (yi / 100) === 0) return `${sign}${symbol}${number(abs / yi, 2)}亿`;
      if (abs >= wan && abs < yi && abs % (wan / 100) === 0) return `${sign}${symbol}${number(abs / wan, 2)}万`;
      return `${sign}${symbol}${amount(number, minor, currency)}`;
    },
    date(iso) {
      const match = ISO_DAY.exec(iso);
      if (!match) return iso;
      const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      return Number.isNaN(at) ? iso : days.format(at);
    },
    number,
    rate: (fraction, digits = 2) => `${number(fraction * 100, digits)}%`,
    list: lists('zh-CN', '、', '；', ''),
  };
}

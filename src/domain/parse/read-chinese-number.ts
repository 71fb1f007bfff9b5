/**
 * Exact reading of numbers written the Chinese way: `三十万`, `两千`, `一千五百`,
 * `3千万`, `1万5千`, `一万五` (15,000), `一点五万`, `1亿2000万`, `二〇二七`.
 * Like `readNumber`, the value is a BigInt mantissa and a power of ten, never a float.
 * This is number grammar, not vocabulary, so it lives with the parsers.
 */
import type { TypedNumber } from './read-number.js';

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** Units inside a section of up to four digits. */
const SMALL_UNITS: Record<string, number> = { 十: 1, 百: 2, 千: 3 };
/** Units that multiply a whole section. */
const BIG_UNITS: Record<string, number> = { 万: 4, 亿: 8 };

/** Counters written after a count: `3次` (times), `200万人` (people), `1080单` (orders), `5个`. */
export const CHINESE_COUNTER = /\s?(?:人次|人|位|名|个|次|单|笔|件)$/;

/** Characters that make a text worth trying as a Chinese number. */
export const CHINESE_NUMERAL = /[零〇一二两三四五六七八九十百千万亿点]/;

/** One piece of a Chinese number: a value (Arabic or Chinese digits), a unit, or the zero that marks a gap. */
type Token =
  | { kind: 'value'; digits: string; fraction: string; single: boolean }
  | { kind: 'small'; power: number }
  | { kind: 'big'; power: number }
  | { kind: 'zero' };

/** Splits the text into tokens; undefined when something that is not part of a number turns up. */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const arabic = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/.exec(text.slice(i, i + 40));
    if (arabic) {
      const [whole, digits = '', fraction = ''] = arabic;
      tokens.push({ kind: 'value', digits: digits.replace(/,/g, ''), fraction, single: digits.length === 1 && fraction === '' });
      i += whole.length;
      continue;
    }
    if (DIGITS[char] !== undefined) {
      // A run of Chinese digits: `二〇二七` is read digit by digit, `一点五` has a fraction.
      let run = '';
      while (i < text.length && DIGITS[text[i] as string] !== undefined) run += String(DIGITS[text[i++] as string]);
      let fraction = '';
      if (text[i] === '点') {
        i += 1;
        while (i < text.length && DIGITS[text[i] as string] !== undefined) fraction += String(DIGITS[text[i++] as string]);
        if (fraction === '') return undefined;
      }
      if (run === '0' && fraction === '') tokens.push({ kind: 'zero' });
      else tokens.push({ kind: 'value', digits: run, fraction, single: run.length === 1 && fraction === '' });
      continue;
    }
    if (SMALL_UNITS[char] !== undefined) tokens.push({ kind: 'small', power: SMALL_UNITS[char] });
    else if (BIG_UNITS[char] !== undefined) tokens.push({ kind: 'big', power: BIG_UNITS[char] });
    else return undefined;
    i += 1;
  }
  return tokens;
}

/**
 * Reads a tidied, lower-cased Chinese number; undefined when it is not one.
 * The multiplier is the largest unit from 千 up, so callers can tell `两千` from `2000`.
 */
export function readChineseNumber(text: string): TypedNumber | undefined {
  const compact = text.replace(/\s+/g, '');
  const negative = /^[-负]/.test(compact);
  const body = compact.replace(/^[+\-负]/, '');
  if (body === '' || body.length > 60 || !CHINESE_NUMERAL.test(body)) return undefined;
  const tokens = tokenize(body);
  if (tokens === undefined || tokens.length === 0) return undefined;
  const fractions = tokens.filter((t) => t.kind === 'value' && t.fraction !== '');
  if (fractions.length > 1) return undefined;
  const scale = fractions[0]?.kind === 'value' ? fractions[0].fraction.length : 0;
  const value = evaluate(tokens, scale);
  if (value === undefined) return undefined;
  const units = tokens.flatMap((t) => (t.kind === 'small' || t.kind === 'big' ? [t.power] : []));
  const largest = units.length > 0 ? Math.max(...units) : undefined;
  const result: TypedNumber = { negative, mantissa: value, exponent: scale === 0 ? 0 : -scale, decimals: scale };
  // 十 and 百 are ordinary numerals (`二十` is 20); 千 and up are multipliers like `k`.
  if (largest !== undefined && largest >= 3) result.multiplier = UNIT_NAMES[largest] ?? '万';
  return result;
}

const UNIT_NAMES: Record<number, string> = { 3: '千', 4: '万', 8: '亿' };

/** The value × 10^scale, or undefined when the units are out of order (`百十`, `万万`). */
function evaluate(tokens: readonly Token[], scale: number): bigint | undefined {
  const unit = 10n ** BigInt(scale);
  let total = 0n;
  let lastBig = Number.POSITIVE_INFINITY;
  let section = 0n;
  let lastSmall = Number.POSITIVE_INFINITY;
  let pending: bigint | undefined;
  let pendingSingle = false;
  let pendingFraction = false;
  /** The unit just before a trailing digit: `一万五` is 15,000, `三千五` 3,500. */
  let previousPower: number | undefined;
  let gap = false;
  for (const token of tokens) {
    if (token.kind === 'zero') {
      if (pending !== undefined) return undefined;
      gap = true;
      continue;
    }
    if (token.kind === 'value') {
      if (pending !== undefined) return undefined;
      pending = BigInt(`${token.digits}${token.fraction.padEnd(scale, '0')}`);
      pendingSingle = token.single;
      pendingFraction = token.fraction !== '';
      continue;
    }
    if (token.kind === 'small') {
      if (token.power >= lastSmall) return undefined;
      section += (pending ?? unit) * 10n ** BigInt(token.power);
      lastSmall = token.power;
      previousPower = token.power;
      pending = undefined;
      gap = false;
      continue;
    }
    const amount = section + (pending ?? 0n);
    if (amount === 0n && total === 0n) return undefined;
    if (token.power < lastBig) {
      total += amount * 10n ** BigInt(token.power);
    } else {
      // `万亿`: the larger unit multiplies everything before it.
      total = (total + amount) * 10n ** BigInt(token.power);
    }
    lastBig = token.power;
    previousPower = token.power;
    section = 0n;
    lastSmall = Number.POSITIVE_INFINITY;
    pending = undefined;
    gap = false;
  }
  if (pending !== undefined) {
    // `1万1.5` is not a way of writing a number.
    if (pendingFraction && previousPower !== undefined) return undefined;
    const implied = pendingSingle && !gap && previousPower !== undefined && previousPower > 1 ? previousPower - 1 : 0;
    if (implied > 0 && lastSmall !== Number.POSITIVE_INFINITY && implied >= lastSmall) return undefined;
    section += pending * 10n ** BigInt(implied);
  }
  return total + section;
}

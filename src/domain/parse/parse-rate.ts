/** Reads rates such as a conversion or reach rate into a fraction in (0, 1]. */
import type { Parsed } from '../plan/plan.js';
import { joined, phrase } from '../message/phrase.js';
import { fail, ok } from './parsed-result.js';
import { MAX_SHORT_INPUT, readInput } from './read-input.js';
import { readNumber, toNumber, type TypedNumber } from './read-number.js';

const EXAMPLES = phrase('parse.rate.examples');
const PERCENT_SIGN = /\s?(?:%|percent|per cent|pct|个?百分点)$/;
/** `百分之二` (two per hundred) and `千分之五` (five per thousand) put the word first. */
const PER_HUNDRED = /^百分之\s?/;
const PER_THOUSAND = /^千分之\s?/;

/** A percentage or fraction as typed, before range checks. */
export interface TypedRate {
  number: TypedNumber;
  /** True when the text carried `%` or the word percent. */
  percentSign: boolean;
}

/** Reads `2%`, `2 percent`, `百分之二` or `0.02` without judging the range; undefined if unreadable. */
export function readRate(lowered: string): TypedRate | undefined {
  if (PER_THOUSAND.test(lowered)) {
    const number = readNumber(lowered.replace(PER_THOUSAND, ''));
    if (number === undefined || number.multiplier !== undefined) return undefined;
    return { number: { ...number, exponent: number.exponent - 1 }, percentSign: true };
  }
  if (PER_HUNDRED.test(lowered)) {
    const number = readNumber(lowered.replace(PER_HUNDRED, ''));
    return number === undefined || number.multiplier !== undefined ? undefined : { number, percentSign: true };
  }
  const percentSign = PERCENT_SIGN.test(lowered);
  const number = readNumber(percentSign ? lowered.replace(PERCENT_SIGN, '') : lowered);
  if (number === undefined || number.multiplier !== undefined) return undefined;
  return { number, percentSign };
}

/** A rate -> fraction in (0, 1]. `2%`, `0.02` and `2` all give 0.02; bare numbers are explained in a note. */
export function parseRate(text: string): Parsed<number> {
  const input = readInput(text, MAX_SHORT_INPUT, EXAMPLES);
  if (!input.ok) return input;
  const rate = readRate(input.value.toLowerCase());
  const typed = { typed: input.value };
  if (rate === undefined) return fail(joined(phrase('parse.rate.unreadable', { typed }), EXAMPLES));
  const { number, percentSign } = rate;
  if (number.negative) return fail(joined(phrase('parse.rate.negative'), EXAMPLES));
  if (number.mantissa === 0n) return fail(joined(phrase('parse.rate.zero'), EXAMPLES));
  // A bare number of 1 or more is almost surely meant as percent (domain §4).
  const asPercent = percentSign || toNumber(number) >= 1;
  const value = toNumber(number, asPercent ? -2 : 0);
  if (value > 1) return fail(joined(phrase('parse.rate.over_100', { typed, rate: { rate: value } }), EXAMPLES));
  if (percentSign) return ok(value);
  return ok(value, phrase('parse.rate.read_as', { typed, rate: { rate: value, digits: 6 } }));
}

/** Reads amounts of money as people type them, into integer minor units. */
import { MINOR_UNITS, type Currency, type Parsed } from '../plan/plan.js';
import { joined, phrase, type Phrase } from '../message/phrase.js';
import { fail, ok } from './parsed-result.js';
import { MAX_SHORT_INPUT, readInput } from './read-input.js';
import { readNumber, toScaledInteger } from './read-number.js';

const DOLLARS: readonly Currency[] = ['USD', 'HKD', 'SGD', 'AUD', 'CAD'];
const CODES = Object.keys(MINOR_UNITS) as Currency[];

/**
 * Currency names in Chinese, written before (`人民币 30万`) or after (`500美元`) an
 * amount; they come before the one-character marks so `美元` is never read as `元`.
 */
const CHINESE_NAMES: readonly (readonly [string, readonly Currency[]])[] = [
  ['人民币', ['CNY']],
  ['块钱', ['CNY']],
  ['美元', ['USD']],
  ['美金', ['USD']],
  ['欧元', ['EUR']],
  ['英镑', ['GBP']],
  ['日元', ['JPY']],
  ['日币', ['JPY']],
  ['港币', ['HKD']],
  ['港元', ['HKD']],
  ['新加坡元', ['SGD']],
  ['新币', ['SGD']],
  ['新元', ['SGD']],
  ['澳元', ['AUD']],
  ['澳币', ['AUD']],
  ['加元', ['CAD']],
  ['加币', ['CAD']],
];

/** Currency marks people put before an amount; `¥` and `$` are shared by several currencies. */
const PREFIXES: readonly (readonly [string, readonly Currency[]])[] = [
  ...CHINESE_NAMES,
  ['us$', ['USD']],
  ['hk$', ['HKD']],
  ['sg$', ['SGD']],
  ['s$', ['SGD']],
  ['au$', ['AUD']],
  ['a$', ['AUD']],
  ['ca$', ['CAD']],
  ['c$', ['CAD']],
  ['rmb', ['CNY']],
  ['cn¥', ['CNY']],
  ['jp¥', ['JPY']],
  ['¥', ['CNY', 'JPY']],
  ['円', ['JPY']],
  ['$', DOLLARS],
  ['€', ['EUR']],
  ['£', ['GBP']],
];

/** Currency words people put after an amount. */
const SUFFIXES: readonly (readonly [string, readonly Currency[]])[] = [
  ...CHINESE_NAMES,
  ['yuan', ['CNY']],
  ['rmb', ['CNY']],
  ['元', ['CNY']],
  ['块', ['CNY']],
  ['yen', ['JPY']],
  ['円', ['JPY']],
  ['dollars', DOLLARS],
  ['dollar', DOLLARS],
  ['bucks', DOLLARS],
  ['euros', ['EUR']],
  ['euro', ['EUR']],
  ['€', ['EUR']],
  ['pounds', ['GBP']],
  ['pound', ['GBP']],
  ['£', ['GBP']],
];

/** An amount with its currency marks taken off. */
interface Stripped {
  rest: string;
  marks: { mark: string; currencies: readonly Currency[] }[];
}

/** An ISO code such as `cny` at the start, not glued to a following word. */
function startsWithCode(text: string): Currency | undefined {
  const code = CODES.find((c) => text.startsWith(c.toLowerCase()));
  return code !== undefined && !/^[a-z]/.test(text.slice(3)) ? code : undefined;
}

/** An ISO code such as `usd` at the end, not glued to a preceding word. */
function endsWithCode(text: string): Currency | undefined {
  const code = CODES.find((c) => text.endsWith(c.toLowerCase()));
  return code !== undefined && !/[a-z]$/.test(text.slice(0, -3)) ? code : undefined;
}

/** Takes at most one currency mark off the front and one off the back. */
function stripMarks(text: string): Stripped {
  const marks: Stripped['marks'] = [];
  let rest = text;
  const code = startsWithCode(rest);
  const prefix = code === undefined ? PREFIXES.find(([mark]) => rest.startsWith(mark)) : undefined;
  if (code !== undefined) {
    marks.push({ mark: code, currencies: [code] });
    rest = rest.slice(3).trim();
  } else if (prefix) {
    marks.push({ mark: prefix[0], currencies: prefix[1] });
    rest = rest.slice(prefix[0].length).trim();
  }
  const endCode = endsWithCode(rest);
  const suffix = endCode === undefined ? SUFFIXES.find(([mark]) => rest.endsWith(mark)) : undefined;
  if (endCode !== undefined) {
    marks.push({ mark: endCode, currencies: [endCode] });
    rest = rest.slice(0, -3).trim();
  } else if (suffix) {
    marks.push({ mark: suffix[0], currencies: suffix[1] });
    rest = rest.slice(0, -suffix[0].length).trim();
  }
  return { rest, marks };
}

/** Example amounts in the plan's currency, for rejection messages. */
export function moneyExamples(currency: Currency): Phrase {
  return phrase('parse.money.examples', { example: { money: 200_000 * MINOR_UNITS[currency], currency } });
}

/** `CNY (¥)`, `人民币（¥）`: the currency as the reader calls it. */
export function currencyName(currency: Currency): Phrase {
  return phrase(`currency.${currency.toLowerCase()}`);
}

function decimalsReason(currency: Currency, shown: string): Phrase {
  const digits = String(MINOR_UNITS[currency]).length - 1;
  return digits === 0
    ? phrase('parse.money.no_decimals', { currency, typed: { typed: shown } })
    : phrase('parse.money.too_many_decimals', { currency, digits: String(digits), typed: { typed: shown } });
}

/** Money -> integer minor units of `currency`. */
export function parseMoney(text: string, currency: Currency, options: { allowZero?: boolean } = {}): Parsed<number> {
  const examples = moneyExamples(currency);
  const input = readInput(text, MAX_SHORT_INPUT, examples);
  if (!input.ok) return input;
  let lowered = input.value.toLowerCase();
  const leadingMinus = /^[-\u2212]/.test(lowered);
  if (leadingMinus) lowered = lowered.slice(1).trim();
  const { rest, marks } = stripMarks(lowered);
  const foreign = marks.find((m) => !m.currencies.includes(currency));
  if (foreign) {
    return fail('parse.money.foreign', {
      plan: currencyName(currency),
      mark: foreign.mark,
      currency,
      example: { money: 200_000 * MINOR_UNITS[currency], currency },
    });
  }
  const number = readNumber(rest);
  if (number === undefined) return fail(joined(phrase('parse.money.unreadable', { typed: { typed: input.value } }), examples));
  if (leadingMinus || number.negative) {
    return fail(joined(phrase('parse.money.negative'), examples));
  }
  const scale = String(MINOR_UNITS[currency]).length - 1;
  const minor = number.multiplier === undefined && number.decimals > scale ? undefined : toScaledInteger(number, scale);
  if (minor === undefined) {
    const hint = number.decimals === 3 && number.multiplier === undefined ? phrase('parse.money.dot_groups_thousands') : undefined;
    return fail(joined(decimalsReason(currency, input.value), hint, examples));
  }
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail(joined(phrase('parse.money.too_large', { typed: { typed: input.value } }), examples));
  }
  if (minor === 0n && options.allowZero !== true) {
    return fail(joined(phrase('parse.money.zero'), examples));
  }
  return ok(Number(minor), dollarNote(marks, currency));
}

/** `$` is read as the plan's dollar; say so when that is not the US dollar. */
function dollarNote(marks: Stripped['marks'], currency: Currency): Phrase | undefined {
  const shared = marks.find((m) => m.currencies === DOLLARS);
  if (!shared || currency === 'USD') return undefined;
  return phrase('parse.money.dollar_read_as', { mark: shared.mark, plan: currencyName(currency) });
}

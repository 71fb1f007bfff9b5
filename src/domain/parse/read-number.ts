/**
 * Exact reading of typed numbers such as `200,000`, `5,000.50`, `1.2m`, `1.5 million`
 * or `200 000`. The digits are kept as a BigInt mantissa and a power of ten, so
 * `1.2m` is 12 × 10^5 and never a float product such as 1199999.9999999998.
 */
import { CHINESE_NUMERAL, readChineseNumber } from './read-chinese-number.js';

/** A decimal number as typed: value = sign × mantissa × 10^exponent. */
export interface TypedNumber {
  negative: boolean;
  mantissa: bigint;
  exponent: number;
  /** Digits typed after the decimal point. */
  decimals: number;
  /** The multiplier word used (`k`, `million`, `万`…), if any. */
  multiplier?: string;
}

const MULTIPLIERS: Record<string, number> = {
  k: 3,
  thousand: 3,
  m: 6,
  mm: 6,
  mn: 6,
  mil: 6,
  million: 6,
  millions: 6,
  b: 9,
  bn: 9,
  billion: 9,
  billions: 9,
  万: 4,
  亿: 8,
};

// Bounded input (callers cap the length) and simple alternatives keep this linear.
const NUMBER =
  /^([+-])?\s?(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)?(?:\.(\d+))?\s?(k|thousand|mm|mn|mil|millions?|m|bn|b|billions?|万|亿)?$/;

/**
 * Reads a lower-cased, tidied number with an optional multiplier, or one written the
 * Chinese way (`三十万`, `两千`, `3千万`); undefined if it is not one.
 */
export function readNumber(text: string): TypedNumber | undefined {
  const match = NUMBER.exec(text.replace(/[\u2212\u2013]/g, '-'));
  if (!match) return CHINESE_NUMERAL.test(text) ? readChineseNumber(text) : undefined;
  const [, sign, whole = '', fraction = '', multiplier] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = `${whole.replace(/[, ]/g, '')}${fraction}`;
  const shift = multiplier === undefined ? 0 : (MULTIPLIERS[multiplier] ?? 0);
  const result: TypedNumber = {
    negative: sign === '-',
    mantissa: BigInt(digits),
    exponent: shift - fraction.length,
    decimals: fraction.length,
  };
  if (multiplier !== undefined) result.multiplier = multiplier;
  return result;
}

/**
 * Scales a typed number to an integer count of 10^-scale units (e.g. scale 2 for
 * cents); undefined when that would leave a fraction of a unit.
 */
export function toScaledInteger(number: TypedNumber, scale: number): bigint | undefined {
  const exponent = number.exponent + scale;
  if (exponent >= 0) return number.mantissa * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(-exponent);
  return number.mantissa % divisor === 0n ? number.mantissa / divisor : undefined;
}

/**
 * The nearest double to mantissa × 10^(exponent + shift), via the decimal string,
 * so `2` percent (shift -2) is exactly the literal 0.02.
 */
export function toNumber(number: TypedNumber, shift = 0): number {
  const value = Number(`${number.mantissa}e${number.exponent + shift}`);
  return number.negative && value !== 0 ? -value : value;
}

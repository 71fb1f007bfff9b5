/** Reads plain quantities such as an audience size or an average frequency. */
import { formatNumber } from '../plan/format.js';
import type { Parsed } from '../plan/plan.js';
import { fail, ok } from './parsed-result.js';
import { MAX_SHORT_INPUT, quoteInput, readInput } from './read-input.js';
import { readNumber, toNumber } from './read-number.js';
import { CHINESE_COUNTER } from './read-chinese-number.js';

/** Options for `parseQuantity`: range, whole numbers only, and wording of messages. */
export interface QuantityOptions {
  integer?: boolean;
  /** Smallest accepted value (inclusive); default 0. */
  min?: number;
  /** Largest accepted value (inclusive); default Number.MAX_SAFE_INTEGER. */
  max?: number;
  /** What the number is, for messages, e.g. `audience size`; default `number`. */
  label?: string;
  /** A valid answer shown in messages; default `2,000,000`. */
  example?: string;
}

const TIMES = /^(?:x|×)\s?|\s?(?:x|×|times)$/;

/** A plain quantity such as an audience size or a frequency: `2,000,000`, `2m`, `1.5k`, `3`, `3x`, `3次`, `200万人`. */
export function parseQuantity(text: string, options: QuantityOptions = {}): Parsed<number> {
  const label = options.label ?? 'number';
  const examples = `Try \`${options.example ?? '2,000,000'}\`, \`2m\` or \`1.5k\`.`;
  const input = readInput(text, MAX_SHORT_INPUT, examples);
  if (!input.ok) return input;
  const number = readNumber(input.value.toLowerCase().replace(TIMES, '').replace(CHINESE_COUNTER, ''));
  if (number === undefined) return fail(`I couldn't read ${quoteInput(input.value)} as the ${label}. ${examples}`);
  const value = toNumber(number);
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isFinite(value) || value > max) {
    return fail(`The ${label} can be at most ${formatNumber(max)}. ${examples}`);
  }
  if (value < min) {
    return fail(`The ${label} must be at least ${formatNumber(min)}. ${examples}`);
  }
  if (options.integer === true && !Number.isInteger(value)) {
    return fail(`The ${label} must be a whole number. ${examples}`);
  }
  return ok(value === 0 ? 0 : value);
}

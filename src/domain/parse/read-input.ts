/**
 * The first step of every parser: refuse what is not a string or is far too long
 * (so no regex ever sees an unbounded input), and tidy what people paste from Slack.
 */
import type { Parsed } from '../plan/plan.js';
import { joined, phrase, type Phrase } from '../message/phrase.js';
import { fail, ok } from './parsed-result.js';

/** Longest input a one-line answer (amount, rate, date, choice) may have. */
export const MAX_SHORT_INPUT = 100;

/** Slack wraps copied examples in backticks or quotes, and bold/italic in `*`/`_`. */
const WRAPPERS = /^[`"'“”‘’*_]+|[`"'“”‘’*_]+$/g;

/**
 * Normalises a typed answer: NFKC (full-width digits and `￥` become ASCII), trimmed,
 * wrapper marks removed, runs of whitespace collapsed (newlines kept when `multiline`).
 */
export function tidy(text: string, multiline = false): string {
  const normalized = text.normalize('NFKC').replace(/\r\n?/g, '\n');
  const collapsed = multiline
    ? normalized
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .join('\n')
    : normalized.replace(/\s+/g, ' ');
  return collapsed.trim().replace(WRAPPERS, '').trim();
}

/**
 * Checks type and length before any other work. `expected` follows the refusal
 * ("… Try …") so it still says what a good answer looks like.
 */
export function readInput(text: unknown, max: number, expected: Phrase, multiline = false): Parsed<string> {
  if (typeof text !== 'string') return fail(joined(phrase('parse.input.no_text'), expected));
  if (text.length > max) {
    return fail(joined(phrase('parse.input.too_long', { length: { num: text.length }, max: { num: max } }), expected));
  }
  const tidied = tidy(text, multiline);
  if (tidied === '') return fail(joined(phrase('parse.input.empty'), expected));
  return ok(tidied);
}

/**
 * Echoes a piece of the person's input back inside inline code: control characters,
 * backticks and line breaks removed (they would break the code span), and shortened.
 */
export function quoteInput(text: string, max = 40): string {
  const clean = text
    .replace(/[\u0000-\u001f\u007f-\u009f`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(clean);
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
  return `\`${short === '' ? ' ' : short}\``;
}

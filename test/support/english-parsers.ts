/**
 * The parsers as an English reader meets them: the same functions, with their notes
 * and refusals rendered by the English catalogue. The parse tests read the parsers
 * through this, so they assert what a person is told; the phrases themselves (and
 * their Chinese) are checked in test/render/i18n.
 */
import * as parse from '../../src/domain/parse/index.js';
import type { Parsed } from '../../src/domain/plan/plan.js';
import { en } from './words.js';

/** A parse result with its note and error in English. */
export type EnglishParsed<T> = { ok: true; value: T; note?: string } | { ok: false; error: string };

/** `result` with its phrases rendered in English (the same shape, a note only when there is one). */
export function english<T>(result: Parsed<T>): EnglishParsed<T> {
  if (!result.ok) return { ok: false, error: en(result.error) };
  return result.note === undefined ? { ok: true, value: result.value } : { ok: true, value: result.value, note: en(result.note) };
}

const inEnglish =
  <A extends unknown[], T>(parser: (...args: A) => Parsed<T>) =>
  (...args: A): EnglishParsed<T> =>
    english(parser(...args));

export const parseMoney = inEnglish(parse.parseMoney);
export const parseRate = inEnglish(parse.parseRate);
export const parseQuantity = inEnglish(parse.parseQuantity);
export const parseDate = inEnglish(parse.parseDate);
export const readDate = inEnglish(parse.readDate);
export const parseGoals = inEnglish(parse.parseGoals);
export const parseText = inEnglish(parse.parseText);
export const matchChoice = inEnglish(parse.matchChoice);
export const matchChoices = inEnglish(parse.matchChoices);
export const parseYesNo = inEnglish(parse.parseYesNo);
export const parseNonMedia = inEnglish(parse.parseNonMedia);
export const parseChannelCosts = inEnglish(parse.parseChannelCosts);
export const readInput = inEnglish(parse.readInput);
export { readRate, readNumber, toNumber, toScaledInteger, tidy, quoteInput, splitItems, nonMediaKindOf, MAX_SHORT_INPUT } from '../../src/domain/parse/index.js';
export type { Choice, GoalContext, QuantityOptions, TextOptions, TypedNumber, TypedRate, ChannelCostAnswer } from '../../src/domain/parse/index.js';

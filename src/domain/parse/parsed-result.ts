/** Small constructors for `Parsed<T>` so every parser builds results the same way. */
import type { Parsed } from '../plan/plan.js';
import { phrase, sentences, type Params, type Phrase } from '../message/phrase.js';

/** A successful parse, with an optional note about how the input was read. */
export function ok<T>(value: T, note?: Phrase): Parsed<T> {
  return note === undefined ? { ok: true, value } : { ok: true, value, note };
}

/** A rejected parse: the catalogue key (with its values) of what the person is told, or a phrase built already. */
export function fail<T = never>(error: string | Phrase, params?: Params): Parsed<T> {
  return { ok: false, error: typeof error === 'string' ? phrase(error, params) : error };
}

/** Joins optional notes into one, or undefined when there are none. */
export function joinNotes(notes: readonly (Phrase | undefined)[]): Phrase | undefined {
  return sentences(notes);
}

/** Small constructors for `Parsed<T>` so every parser builds results the same way. */
import type { Parsed } from '../plan/plan.js';

/** A successful parse, with an optional note about how the input was read. */
export function ok<T>(value: T, note?: string): Parsed<T> {
  return note === undefined ? { ok: true, value } : { ok: true, value, note };
}

/** A rejected parse; `error` is the sentence shown to the person. */
export function fail<T = never>(error: string): Parsed<T> {
  return { ok: false, error };
}

/** Joins optional notes into one, or undefined when there are none. */
export function joinNotes(notes: readonly (string | undefined)[]): string | undefined {
  const present = notes.filter((n): n is string => n !== undefined && n !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}

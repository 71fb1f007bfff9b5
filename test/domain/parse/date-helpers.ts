/** Shared by the date tests: a date as parseDate reads it, or its refusal. */
import { parseDate } from '../../support/english-parsers.js';

/** The ISO date `text` reads as, or `error: …` when it is refused. */
export function dateOrError(text: string, now: Date, timeZone: string): string {
  const result = parseDate(text, now, timeZone);
  return result.ok ? result.value : `error: ${result.error}`;
}

/** Why `text` is refused; fails the test when it is read. */
export function refusal(text: string, now: Date, timeZone: string): string {
  const result = parseDate(text, now, timeZone);
  if (result.ok) throw new Error(`expected ${text} to be rejected, got ${result.value}`);
  return result.error;
}

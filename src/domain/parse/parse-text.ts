/** Checks free-text answers such as a campaign name, a concept or a problem statement. */
import type { Parsed } from '../plan/plan.js';
import { fail, ok } from './parsed-result.js';

/** Options for `parseText`: length limit and wording of messages. */
export interface TextOptions {
  /** Most characters allowed (default 500). */
  max?: number;
  /** What the text is, for messages, e.g. `core concept`; default `answer`. */
  label?: string;
  /** A valid answer shown in messages. */
  example?: string;
}

// Tabs and newlines are ordinary in pasted text; other control characters are not.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Half of a surrogate pair on its own: not a character, and breaks JSON and Slack. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text: trimmed, non-empty, at most `max` characters (default 500), no control characters except newlines. */
export function parseText(text: string, options: TextOptions = {}): Parsed<string> {
  const max = options.max ?? 500;
  const label = options.label ?? 'answer';
  const example = `For example: \`${options.example ?? 'Fresh coffee for the morning commute'}\`.`;
  if (typeof text !== 'string') return fail(`I didn't get any text for the ${label}. ${example}`);
  // Count in characters people see (code points), but bail out early on huge input.
  if (text.length > max * 2 + 1000) return fail(`That's far too long for the ${label}; please keep it to ${max} characters. ${example}`);
  const unified = text.replace(/\r\n?/g, '\n');
  if (CONTROL.test(unified)) return fail(`The ${label} contains invisible control characters; please type it again as plain text. ${example}`);
  if (LONE_SURROGATE.test(unified)) return fail(`The ${label} contains a broken character; please type it again. ${example}`);
  const value = unified.replace(/\t/g, ' ').trim();
  if (value === '') return fail(`Please type the ${label}. ${example}`);
  const length = Array.from(value).length;
  if (length > max) return fail(`That's ${length} characters; please keep the ${label} to ${max} or fewer. ${example}`);
  return ok(value);
}

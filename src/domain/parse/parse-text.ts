/** Checks free-text answers such as a campaign name, a concept or a problem statement. */
import type { Parsed } from '../plan/plan.js';
import { joined, phrase, type Param, type Phrase } from '../message/phrase.js';
import { fail, ok } from './parsed-result.js';

/** Options for `parseText`: length limit and wording of messages. */
export interface TextOptions {
  /** Most characters allowed (default 500). */
  max?: number;
  /** What the text is, for messages, e.g. the question's label `core concept`; default "answer". */
  label?: Param;
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
  const label = options.label ?? phrase('parse.text.answer');
  const example = options.example === undefined ? phrase('parse.text.example_default') : phrase('parse.text.example', { example: { content: options.example } });
  const refuse = (reason: Phrase) => fail<string>(joined(reason, example));
  if (typeof text !== 'string') return refuse(phrase('parse.text.no_text', { label }));
  // Count in characters people see (code points), but bail out early on huge input.
  if (text.length > max * 2 + 1000) return refuse(phrase('parse.text.far_too_long', { label, max: { num: max } }));
  const unified = text.replace(/\r\n?/g, '\n');
  if (CONTROL.test(unified)) return refuse(phrase('parse.text.control_characters', { label }));
  if (LONE_SURROGATE.test(unified)) return refuse(phrase('parse.text.broken_character', { label }));
  const value = unified.replace(/\t/g, ' ').trim();
  if (value === '') return refuse(phrase('parse.text.empty', { label }));
  const length = Array.from(value).length;
  if (length > max) return refuse(phrase('parse.text.too_long', { label, length: { num: length }, max: { num: max } }));
  return ok(value);
}

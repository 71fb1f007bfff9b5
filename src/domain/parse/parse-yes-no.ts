/** Reads yes/no answers, including the emoji and shortcodes people use in Slack. */
import type { Parsed } from '../plan/plan.js';
import { joined, phrase } from '../message/phrase.js';
import { fail, ok } from './parsed-result.js';
import { MAX_SHORT_INPUT, readInput } from './read-input.js';

const EXAMPLES = phrase('parse.yes_no.examples');

const YES = new Set([
  'yes', 'y', 'yeah', 'yea', 'yep', 'yup', 'sure', 'ok', 'okay', 'true', 'correct', 'right', 'affirmative',
  'of course', 'definitely', 'absolutely', 'indeed', 'si', 'ja', 'oui',
  '👍', '✅', '✔', '☑', '👌', ':+1:', ':thumbsup:', ':white_check_mark:', ':heavy_check_mark:', ':ok_hand:',
]);
const NO = new Set([
  'no', 'n', 'nope', 'nah', 'false', 'not', 'negative', 'never', 'non', 'nein',
  '👎', '❌', '✖', '🚫', ':-1:', ':thumbsdown:', ':x:', ':heavy_multiplication_x:', ':no_entry_sign:',
]);

/** Yes and no words of other languages, from the locale files (`是`, `好的`, `不`, `没有`…). */
export interface YesNoWords {
  yes: readonly string[];
  no: readonly string[];
}

const HAN = /\p{Script=Han}/u;

/** Lower case, without emoji modifiers (skin tones, variation selectors) or trailing punctuation. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F]/gu, '')
    .replace(/[.!?,。~]+$/, '')
    .trim();
}

/** yes/no, y/n, true/false, 👍/👎 style answers, and the `words` of other languages. */
export function parseYesNo(text: string, words: YesNoWords = { yes: [], no: [] }): Parsed<boolean> {
  const input = readInput(text, MAX_SHORT_INPUT, EXAMPLES);
  if (!input.ok) return input;
  const yes = (w: string): boolean => YES.has(w) || words.yes.includes(w);
  const no = (w: string): boolean => NO.has(w) || words.no.includes(w);
  const answer = normalize(input.value);
  if (yes(answer)) return ok(true);
  if (no(answer)) return ok(false);
  const read = (value: boolean): Parsed<boolean> => ok(value, phrase(value ? 'parse.yes_no.read_as_yes' : 'parse.yes_no.read_as_no', { typed: { typed: input.value } }));
  // `yes please`, `no thanks`, `是的，会加`: the first word decides, as long as it is clear.
  const first = answer.split(/[\s,;:、]+/)[0] ?? '';
  const rest = answer.slice(first.length);
  const mixed = [...rest.split(/[\s,.!?;:、]+/)].some((w) => yes(w) || no(w));
  if (!mixed && yes(first)) return read(true);
  if (!mixed && no(first)) return read(false);
  const leading = HAN.test(first) ? leadingWord(answer, words) : undefined;
  if (leading !== undefined) return read(leading);
  return fail(joined(phrase('parse.yes_no.unclear', { typed: { typed: input.value } }), EXAMPLES));
}

/**
 * Chinese runs on without spaces (`会有明确的购买引导`): the longest yes or no word at the
 * start decides, unless a word of the other side follows (`会不会`, `好的但是没有`).
 */
function leadingWord(answer: string, words: YesNoWords): boolean | undefined {
  const all = [...words.yes.map((w) => ({ w, value: true })), ...words.no.map((w) => ({ w, value: false }))]
    .filter(({ w }) => HAN.test(w))
    .toSorted((a, b) => b.w.length - a.w.length);
  const start = all.find(({ w }) => answer.startsWith(w));
  if (start === undefined) return undefined;
  const rest = answer.slice(start.w.length);
  const opposite = all.some(({ w, value }) => value !== start.value && rest.includes(w));
  return opposite ? undefined : start.value;
}

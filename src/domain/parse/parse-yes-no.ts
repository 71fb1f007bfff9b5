/** Reads yes/no answers, including the emoji and shortcodes people use in Slack. */
import type { Parsed } from '../plan/plan.js';
import { fail, ok } from './parsed-result.js';
import { MAX_SHORT_INPUT, quoteInput, readInput } from './read-input.js';

const EXAMPLES = 'Please answer `yes` or `no` (👍 and 👎 work too).';

const YES = new Set([
  'yes', 'y', 'yeah', 'yea', 'yep', 'yup', 'sure', 'ok', 'okay', 'true', 'correct', 'right', 'affirmative',
  'of course', 'definitely', 'absolutely', 'indeed', 'si', 'ja', 'oui', '是', '是的', '对', '有', '好',
  '👍', '✅', '✔', '☑', '👌', ':+1:', ':thumbsup:', ':white_check_mark:', ':heavy_check_mark:', ':ok_hand:',
]);
const NO = new Set([
  'no', 'n', 'nope', 'nah', 'false', 'not', 'negative', 'never', 'non', 'nein', '否', '不', '不是', '没有', '无',
  '👎', '❌', '✖', '🚫', ':-1:', ':thumbsdown:', ':x:', ':heavy_multiplication_x:', ':no_entry_sign:',
]);

/** Lower case, without emoji modifiers (skin tones, variation selectors) or trailing punctuation. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F]/gu, '')
    .replace(/[.!?,]+$/, '')
    .trim();
}

/** yes/no, y/n, true/false, 👍/👎 style answers. */
export function parseYesNo(text: string): Parsed<boolean> {
  const input = readInput(text, MAX_SHORT_INPUT, EXAMPLES);
  if (!input.ok) return input;
  const answer = normalize(input.value);
  if (YES.has(answer)) return ok(true);
  if (NO.has(answer)) return ok(false);
  // `yes please`, `no thanks`: the first word decides, as long as it is clear.
  const first = answer.split(/[\s,]+/)[0] ?? '';
  const rest = answer.slice(first.length);
  const mixed = [...rest.split(/[\s,.!?]+/)].some((w) => YES.has(w) || NO.has(w));
  if (!mixed && YES.has(first)) return ok(true, `Read ${quoteInput(input.value)} as yes.`);
  if (!mixed && NO.has(first)) return ok(false, `Read ${quoteInput(input.value)} as no.`);
  return fail(`I couldn't tell whether ${quoteInput(input.value)} means yes or no. ${EXAMPLES}`);
}

/** Matches typed answers to the options of a question, for people who type instead of clicking. */
import type { Parsed } from '../plan/plan.js';
import { fail, joinNotes, ok } from './parsed-result.js';
import { quoteInput, readInput } from './read-input.js';

/** One option of a question. */
export interface Choice {
  id: string;
  label: string;
}

const MAX_CHOICE_INPUT = 1000;
const NONE = new Set(['none', 'nothing', 'no', 'n/a', 'na', '-', 'nil', 'skip', 'not applicable']);

/** Lower case, punctuation and dashes turned into spaces: `Brand-awareness!` -> `brand awareness`. */
function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The options as a numbered list, for messages. */
function listChoices(choices: readonly Choice[]): string {
  return choices.map((choice, i) => `${i + 1}. ${choice.label}`).join('\n');
}

function pickHint(choices: readonly Choice[]): string {
  const first = choices[0];
  const example = first === undefined ? '`1`' : `\`1\` or \`${first.label}\``;
  return `Reply with a number or a name, e.g. ${example}:\n${listChoices(choices)}`;
}

/** Index of the option a bare number such as `2`, `#2` or `option 2` points to. */
function byNumber(text: string): number | undefined {
  const match = /^(?:option |number |no\.? ?|#)?\(?(\d{1,4})[.)]?$/.exec(text.toLowerCase());
  return match ? Number(match[1]) : undefined;
}

type Tier = 'exact' | 'prefix' | 'word';

/** The options matching `typed` at the strongest tier that has any match. */
function candidates(typed: string, choices: readonly Choice[]): { tier: Tier; matches: Choice[] } {
  const names = choices.map((choice) => ({ choice, id: words(choice.id), label: words(choice.label) }));
  const exact = names.filter((n) => n.id === typed || n.label === typed);
  if (exact.length > 0) return { tier: 'exact', matches: exact.map((n) => n.choice) };
  const prefix = names.filter((n) => n.label.startsWith(typed) || n.id.startsWith(typed));
  if (prefix.length > 0) return { tier: 'prefix', matches: prefix.map((n) => n.choice) };
  const typedWords = typed.split(' ');
  const byWord = names.filter((n) => {
    const known = `${n.label} ${n.id}`.split(' ');
    return typedWords.every((w) => known.some((k) => k.startsWith(w)));
  });
  return { tier: 'word', matches: byWord.map((n) => n.choice) };
}

/** A typed choice: by 1-based number, id, or label (case-insensitive; a unique prefix or a unique word match is enough). */
export function matchChoice(text: string, choices: readonly Choice[]): Parsed<string> {
  const input = readInput(text, MAX_CHOICE_INPUT, pickHint(choices));
  if (!input.ok) return input;
  return matchOne(input.value, choices);
}

function matchOne(typed: string, choices: readonly Choice[]): Parsed<string> {
  const shown = quoteInput(typed);
  const number = byNumber(typed);
  if (number !== undefined) {
    const chosen = choices[number - 1];
    if (chosen !== undefined) return ok(chosen.id);
    return fail(`There is no option ${number}. ${pickHint(choices)}`);
  }
  const cleaned = words(typed);
  if (cleaned === '') return fail(`I couldn't match ${shown} to an option. ${pickHint(choices)}`);
  const { tier, matches } = candidates(cleaned, choices);
  const [only] = matches;
  if (only !== undefined && (matches.length === 1 || tier === 'exact')) {
    return tier === 'exact' ? ok(only.id) : ok(only.id, `Took ${shown} to mean “${only.label}”.`);
  }
  if (matches.length > 1) {
    return fail(`${shown} could be more than one option (${matches.map((m) => m.label).join(', ')}). ${pickHint(choices)}`);
  }
  return fail(`I couldn't match ${shown} to an option. ${pickHint(choices)}`);
}

/** Splits on commas, semicolons and newlines, then on `and`, `&`, `/`, `+`. */
const STRONG = /\s*[,;\n]\s*/;
const WEAK = /\s+and\s+|\s*[&/+]\s*/i;

/** Matches one comma-separated piece: as a whole when it is an exact option, otherwise part by part. */
function matchPiece(piece: string, choices: readonly Choice[]): Parsed<string[]> {
  const whole = words(piece);
  if (whole !== '' && candidates(whole, choices).tier === 'exact') return mapOne(matchOne(piece, choices));
  const parts = /^\d+(?: \d+)+$/.test(piece) ? piece.split(' ') : piece.split(WEAK).filter((p) => p !== '');
  if (parts.length <= 1) return mapOne(matchOne(piece, choices));
  const results = parts.map((part) => matchOne(part, choices));
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) {
    // `Brand message and incentive` may be one label that was shortened; try the piece whole.
    const asWhole = matchOne(piece, choices);
    return asWhole.ok ? mapOne(asWhole) : failed;
  }
  return ok(
    results.flatMap((r) => (r.ok ? [r.value] : [])),
    joinNotes(results.map((r) => (r.ok ? r.note : undefined))),
  );
}

function mapOne(result: Parsed<string>): Parsed<string[]> {
  return result.ok ? ok([result.value], result.note) : result;
}

/** Several typed choices separated by commas, `and`, `&`, `/`, or newlines; duplicates removed; order kept. `none` gives [] when `allowNone`. */
export function matchChoices(
  text: string,
  choices: readonly Choice[],
  options: { allowNone?: boolean } = {},
): Parsed<string[]> {
  const hint = `${pickHint(choices)}\nSeparate several with commas, e.g. \`1, 3 and 5\`.`;
  const input = readInput(text, MAX_CHOICE_INPUT, hint, true);
  if (!input.ok) return input;
  if (NONE.has(input.value.toLowerCase().replace(/[.!]+$/, ''))) {
    return options.allowNone === true ? ok([]) : fail(`Please pick at least one option. ${hint}`);
  }
  const chosen: string[] = [];
  const notes: (string | undefined)[] = [];
  for (const piece of input.value.split(STRONG).filter((p) => p !== '')) {
    const result = matchPiece(piece, choices);
    if (!result.ok) return result;
    for (const id of result.value) if (!chosen.includes(id)) chosen.push(id);
    notes.push(result.note);
  }
  if (chosen.length === 0) return fail(`Please pick at least one option. ${hint}`);
  return ok(chosen, joinNotes(notes));
}

/** Matches typed answers to the options of a question, for people who type instead of clicking. */
import type { Parsed } from '../plan/plan.js';
import { joined, list, phrase, type Phrase } from '../message/phrase.js';
import { fail, joinNotes, ok } from './parsed-result.js';
import { readInput } from './read-input.js';
import { findContained, hasHan, nameKey } from './find-names.js';
import { readChineseNumber } from './read-chinese-number.js';

/** One option of a question. */
export interface Choice {
  id: string;
  label: string;
  /** Other names people type for it, such as its Chinese label and synonyms (from the locale files). */
  names?: readonly string[];
}

/** Options for `matchChoices`. */
export interface MatchOptions {
  /** Accept `none` (or one of `noneWords`) as an empty answer. */
  allowNone?: boolean;
  /** Words beside the English ones that mean "none of them", e.g. `无`, `没有`. */
  noneWords?: readonly string[];
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

/** A choice's label: the question's own words (the plan's content). */
const labelOf = (choice: Choice) => ({ content: choice.label });

/** How to answer, with the options as a numbered list. */
function pickHint(choices: readonly Choice[]): Phrase {
  const first = choices[0];
  const options = list(choices.map(labelOf), 'numbered');
  return first === undefined ? phrase('parse.choice.pick_hint_numbers', { options }) : phrase('parse.choice.pick_hint', { first: labelOf(first), options });
}

/** `第2个`, `选项2`, `第二项`, `2号`: the Chinese ways of giving an option's number. */
const CHINESE_NUMBER = /^(?:第|选项|选)\s?([0-9零〇一二两三四五六七八九十百]{1,6})\s?(?:个|项|条|号)?$|^(\d{1,4})\s?(?:个|项|号)$/;

/** Index of the option a bare number such as `2`, `#2`, `option 2` or `第2个` points to. */
function byNumber(text: string): number | undefined {
  const match = /^(?:option |number |no\.? ?|#)?\(?(\d{1,4})[.)]?$/.exec(text.toLowerCase());
  if (match) return Number(match[1]);
  const chinese = CHINESE_NUMBER.exec(text);
  const digits = chinese?.[1] ?? chinese?.[2];
  if (digits === undefined) return undefined;
  const number = /^\d+$/.test(digits) ? Number(digits) : readChineseNumber(digits);
  return typeof number === 'number' ? number : number && number.exponent === 0 ? Number(number.mantissa) : undefined;
}

type Tier = 'exact' | 'prefix' | 'word' | 'contains' | 'within';

/**
 * Why a Chinese answer matched nothing although it names an option: it also says
 * `不` or `没` around the name (`不是品牌`), so it may mean the opposite.
 */
const NEGATION = /[不没非未别无]/;

/** A choice's names, normalised once for all the pieces of a list; the other languages' only when needed. */
interface Prepared {
  choice: Choice;
  id: string;
  label: string;
  withNames?: string[];
}

const PREPARED = new WeakMap<readonly Choice[], Prepared[]>();

function prepare(choices: readonly Choice[]): Prepared[] {
  const cached = PREPARED.get(choices);
  if (cached) return cached;
  const prepared = choices.map((choice) => ({ choice, id: words(choice.id), label: words(choice.label) }));
  PREPARED.set(choices, prepared);
  return prepared;
}

function allNames(p: Prepared): string[] {
  p.withNames ??= [p.id, p.label, ...(p.choice.names ?? []).map(nameKey).filter((n) => n !== '')];
  return p.withNames;
}

/** The options matching `typed` at the strongest tier that has any match. */
function candidates(typed: string, choices: readonly Choice[]): { tier: Tier; matches: Choice[]; negated?: boolean } {
  // English input is matched exactly as before; the extra names are for text with Chinese in it.
  const chinese = hasHan(typed);
  const key = chinese ? nameKey(typed) : typed;
  const names = prepare(choices).map((p) => ({ choice: p.choice, id: p.id, label: p.label, all: chinese ? allNames(p) : [p.id, p.label] }));
  const exact = names.filter((n) => n.all.includes(key) || n.all.includes(typed));
  if (exact.length > 0) return { tier: 'exact', matches: exact.map((n) => n.choice) };
  const prefix = names.filter((n) => (chinese ? n.all.some((name) => name.startsWith(key)) : n.label.startsWith(typed) || n.id.startsWith(typed)));
  if (prefix.length > 0) return { tier: 'prefix', matches: prefix.map((n) => n.choice) };
  const typedWords = typed.split(' ');
  const byWord = names.filter((n) => {
    const known = n.all.flatMap((name) => name.split(' '));
    return typedWords.every((w) => known.some((k) => k.startsWith(w)));
  });
  if (byWord.length > 0 || !chinese) return { tier: 'word', matches: byWord.map((n) => n.choice) };
  const found = findContained(key, names.map((n) => ({ value: n.choice, names: n.all })));
  if (found.kind === 'none') return { tier: 'contains', matches: [] };
  if (found.kind === 'within') return { tier: 'within', matches: found.values };
  return { tier: 'contains', matches: found.values, negated: NEGATION.test(found.leftover) };
}

/** A typed choice: by 1-based number, id, or label (case-insensitive; a unique prefix or a unique word match is enough). */
export function matchChoice(text: string, choices: readonly Choice[]): Parsed<string> {
  const input = readInput(text, MAX_CHOICE_INPUT, pickHint(choices));
  if (!input.ok) return input;
  return matchOne(input.value, choices);
}

function matchOne(typed: string, choices: readonly Choice[]): Parsed<string> {
  const shown = { typed };
  const refuse = (reason: Phrase) => fail<string>(joined(reason, pickHint(choices)));
  const number = byNumber(typed);
  if (number !== undefined) {
    const chosen = choices[number - 1];
    if (chosen !== undefined) return ok(chosen.id);
    return refuse(phrase('parse.choice.no_such_number', { number: String(number) }));
  }
  const cleaned = words(typed);
  if (cleaned === '') return refuse(phrase('parse.choice.no_match', { typed: shown }));
  const { tier, matches, negated } = candidates(cleaned, choices);
  const [only] = matches;
  if (negated === true && only !== undefined) {
    return refuse(phrase('parse.choice.negated', { typed: shown, option: labelOf(only) }));
  }
  if (only !== undefined && (matches.length === 1 || tier === 'exact')) {
    return tier === 'exact' ? ok(only.id) : ok(only.id, phrase('parse.choice.took_as', { typed: shown, option: labelOf(only) }));
  }
  if (matches.length > 1) {
    return refuse(phrase('parse.choice.ambiguous', { typed: shown, options: list(matches.map(labelOf), 'comma') }));
  }
  return refuse(phrase('parse.choice.no_match', { typed: shown }));
}

/** Splits on commas (`,` `，` `、`), semicolons and newlines, then on `and`, `&`, `/`, `+` and the Chinese `和`, `与`, `及`. */
const STRONG = /\s*[,;\n、]\s*/;
const WEAK = /\s+and\s+|\s*[&/+]\s*|\s*(?:以及|还有|和|与|及)\s*/i;

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

/** Several typed choices separated by commas, `、`, `and`, `&`, `/`, `和`, or newlines; duplicates removed; order kept. `none` gives [] when `allowNone`. */
export function matchChoices(text: string, choices: readonly Choice[], options: MatchOptions = {}): Parsed<string[]> {
  const hint = phrase('parse.choice.several_hint', { pick: pickHint(choices) });
  const input = readInput(text, MAX_CHOICE_INPUT, hint, true);
  if (!input.ok) return input;
  const bare = input.value.toLowerCase().replace(/[.!。]+$/, '');
  if (NONE.has(bare) || (options.noneWords ?? []).includes(bare)) {
    return options.allowNone === true ? ok([]) : fail(joined(phrase('parse.choice.pick_at_least'), hint));
  }
  const chosen: string[] = [];
  const notes: (Phrase | undefined)[] = [];
  for (const piece of input.value.split(STRONG).filter((p) => p !== '')) {
    const result = matchPiece(piece, choices);
    if (!result.ok) return result;
    for (const id of result.value) if (!chosen.includes(id)) chosen.push(id);
    notes.push(result.note);
  }
  if (chosen.length === 0) return fail(joined(phrase('parse.choice.pick_at_least'), hint));
  return ok(chosen, joinNotes(notes));
}

/**
 * Finding which thing a piece of Chinese text names. Chinese is written without
 * spaces, so `品牌问题` or `主要是品牌` hold the name `品牌` with no word boundary to
 * split on; and a fragment such as `认知` is part of the name `品牌认知`. English
 * keeps its word and prefix matching; this is the step after it for text with Han characters.
 */

/** One thing that can be named, with its names already normalised (lower case, no spaces in Chinese). */
export interface Named<T> {
  value: T;
  names: readonly string[];
}

/** How a name was found: the text contains it, or it contains the text. */
export type Containment<T> =
  | { kind: 'contains'; values: T[]; names: string[]; leftover: string }
  | { kind: 'within'; values: T[] }
  | { kind: 'none' };

const HAN = /\p{Script=Han}/u;
const LATIN = /[a-z0-9]/;

/** True when the text has at least one Han (Chinese) character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Lower case, punctuation and dashes turned into spaces, and no spaces at all once Han characters are in it. */
export function nameKey(text: string): string {
  const spaced = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return HAN.test(spaced) ? spaced.replace(/ /g, '') : spaced;
}

/** nameKey remembering what it worked out, for the checks that compare every name with every other (one call's worth; not kept between calls). */
export function nameKeyMemo(): (text: string) => string {
  const keys = new Map<string, string>();
  return (text) => {
    let key = keys.get(text);
    if (key === undefined) {
      key = nameKey(text);
      keys.set(text, key);
    }
    return key;
  };
}

/** Whether `name` occurs in `text` as a whole: a Latin name must not run into other Latin letters (`tv` is not in `tvb`). */
function occurs(text: string, name: string): boolean {
  if (HAN.test(name)) return text.includes(name);
  let from = 0;
  for (;;) {
    const at = text.indexOf(name, from);
    if (at < 0) return false;
    const before = text[at - 1] ?? ' ';
    const after = text[at + name.length] ?? ' ';
    if (!LATIN.test(before) && !LATIN.test(after)) return true;
    from = at + 1;
  }
}

/**
 * The things `typed` (a `nameKey`, with Han characters) names by containment. First the
 * names the text contains, a name inside a longer found name not counting (`抖音` in
 * `抖音广告`); failing that, the names that contain the text, when it is two characters or more.
 */
export function findContained<T>(typed: string, entries: readonly Named<T>[]): Containment<T> {
  const found: { value: T; name: string }[] = [];
  for (const entry of entries) {
    for (const name of entry.names) {
      if (name.length >= 2 || HAN.test(name)) {
        if (name !== '' && occurs(typed, name)) found.push({ value: entry.value, name });
      }
    }
  }
  const kept = found.filter((f) => !found.some((g) => g.name.length > f.name.length && g.name.includes(f.name)));
  if (kept.length > 0) {
    let leftover = typed;
    for (const { name } of kept) leftover = leftover.split(name).join(' ');
    return { kind: 'contains', values: unique(kept.map((k) => k.value)), names: kept.map((k) => k.name), leftover: leftover.trim() };
  }
  if (Array.from(typed).length < 2) return { kind: 'none' };
  const within = entries.filter((entry) => entry.names.some((name) => HAN.test(name) && name.includes(typed)));
  return within.length > 0 ? { kind: 'within', values: unique(within.map((w) => w.value)) } : { kind: 'none' };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * Signal words looked for in what a person wrote (the audience names businesses, the
 * offer is a coupon): a Latin word counts only as a whole word, a Chinese one anywhere.
 * The words of a list are compiled into one regular expression the first time the
 * list is used, instead of one expression per word per look (a conversation step
 * looks several times).
 */

/** What counts as part of a word around a signal: letters only, or letters and digits. */
export type WordEdge = 'letters' | 'letters-and-digits';

const CJK = /[\u3400-\u9fff]/u;
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = new Map<WordEdge, WeakMap<readonly string[], (text: string) => boolean>>();

/** Whether `text` contains any of `words` (see above); `text` is compared as given, so lower-case both. */
export function mentionsAny(text: string, words: readonly string[], edge: WordEdge): boolean {
  let byList = compiled.get(edge);
  if (!byList) compiled.set(edge, (byList = new WeakMap()));
  let test = byList.get(words);
  if (!test) byList.set(words, (test = matcher(words, edge)));
  return test(text);
}

function matcher(words: readonly string[], edge: WordEdge): (text: string) => boolean {
  const anywhere = words.filter((word) => CJK.test(word));
  const whole = words.filter((word) => !CJK.test(word));
  const letter = edge === 'letters' ? '\\p{L}' : '\\p{L}\\p{N}';
  const pattern = whole.length > 0 ? new RegExp(`(?:^|[^${letter}])(?:${whole.map(escape).join('|')})(?:$|[^${letter}])`, 'u') : undefined;
  return (text) => anywhere.some((word) => text.includes(word)) || (pattern?.test(text) ?? false);
}

/**
 * Shortening what people typed so it reads well inside a sentence the bot writes (the
 * brief line): whole sentences first, then whole clauses, then whole words; never a
 * cut inside a word, never punctuation left dangling before the ellipsis ("vendors., at").
 * Plain text in, plain text out; escaping is the renderer's.
 */

const ELLIPSIS = '…';
/** Punctuation, spaces and quotes that must not end a phrase set inside a sentence. */
const TRAILING = /[\s.,;:!?。，；：！？、…\-–—(（"“'‘]+$/u;
/** Small words that cannot end a shortened phrase ("office workers who …" reads as a cut). */
const DANGLING = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'without', 'who',
  'whose', 'which', 'that', 'as', 'their', 'our', 'your', 'its', 'his', 'her', 'is', 'are', 'was', 'were', 'be', 'than',
  'into', 'about', 'like', 'so', 'if', 'when', 'while', 'where', 'not', 'very', 'more', 'most', 'all', 'some',
]);
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;

/** Collapses spaces and takes off what must not end a phrase. */
export function tidyPhrase(text: string): string {
  let clean = text.replace(/\s+/g, ' ').trim();
  // Quotes wrapped around the whole answer belong to the answer, not to the sentence around it.
  clean = clean.replace(/^["“”'‘’]+|["“”'‘’]+$/gu, '').trim();
  return clean.replace(TRAILING, '').trim();
}

/** Drops dangling small words and punctuation from the end, so a cut ends on a word that carries meaning. */
function endCleanly(text: string): string {
  let current = text.replace(TRAILING, '');
  for (;;) {
    const words = current.split(' ');
    const last = (words.at(-1) ?? '').toLowerCase();
    if (words.length <= 1 || !DANGLING.has(last)) break;
    current = words.slice(0, -1).join(' ').replace(TRAILING, '');
  }
  return dropUnclosed(current).replace(TRAILING, '');
}

/** Cuts before a bracket or quote that the cut left open. */
function dropUnclosed(text: string): string {
  const pairs: [string, string][] = [['(', ')'], ['“', '”'], ['（', '）'], ['[', ']']];
  let result = text;
  for (const [open, close] of pairs) {
    const at = result.lastIndexOf(open);
    if (at >= 0 && result.indexOf(close, at) < 0) result = result.slice(0, at);
  }
  const quotes = (result.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) result = result.slice(0, result.lastIndexOf('"'));
  return result.trimEnd();
}

function length(text: string): number {
  return Array.from(text).length;
}

/**
 * `text` in at most `max` characters: as typed when it fits, else its first sentence,
 * else its leading clauses, else its leading words, ending on a word and an ellipsis.
 */
export function shortenPhrase(text: string, max: number): string {
  const clean = tidyPhrase(text);
  if (length(clean) <= max) return clean;
  const room = max - 1;
  const sentence = tidyPhrase(clean.split(/(?<=[.!?])\s+|(?<=[。！？])/u)[0] ?? '');
  if (sentence !== '' && length(sentence) <= max && length(sentence) >= max / 3) return sentence;
  // Whole clauses: the longest run of them that fits.
  const clauseEnds = [...clean.matchAll(/[,;:](?=\s)|\s[—–-](?=\s)|[，；：、]|\s\(/gu)].map((m) => m.index ?? 0);
  const fitting = clauseEnds.filter((at) => length(clean.slice(0, at)) <= room && length(clean.slice(0, at)) >= max / 3);
  const lastClause = fitting.at(-1);
  if (lastClause !== undefined) {
    const head = endCleanly(clean.slice(0, lastClause));
    if (head !== '') return `${head}${ELLIPSIS}`;
  }
  const chars = Array.from(clean);
  const window = chars.slice(0, room).join('');
  const space = window.lastIndexOf(' ');
  const cjkCut = CJK.test(chars[room - 1] ?? '') || space < room / 3;
  const head = endCleanly(cjkCut ? window : window.slice(0, space));
  return `${head === '' ? window.trimEnd() : head}${ELLIPSIS}`;
}

/**
 * Words that commonly open an audience or insight sentence and are not names, so they
 * are lower-cased inside the brief ("among office workers …"); anything else (a brand,
 * an acronym) keeps the capital the author gave it.
 */
const COMMON_OPENERS = new Set([
  'urban', 'office', 'young', 'older', 'busy', 'new', 'first-time', 'existing', 'current', 'loyal', 'lapsed', 'former',
  'working', 'parents', 'mothers', 'mums', 'moms', 'fathers', 'dads', 'students', 'women', 'men', 'families', 'couples',
  'professionals', 'people', 'consumers', 'customers', 'buyers', 'shoppers', 'users', 'owners', 'drivers', 'travellers',
  'travelers', 'gamers', 'fans', 'readers', 'teenagers', 'teens', 'seniors', 'retirees', 'millennials', 'small', 'mid-sized',
  'switchers', 'newcomers', 'beginners', 'managers', 'buyers', 'clients', 'members', 'subscribers', 'visitors', 'guests',
  'large', 'premium', 'affluent', 'health-conscious', 'tech-savvy', 'city', 'rural', 'local', 'online', 'frequent',
  'occasional', 'heavy', 'light', 'regular', 'everyday', 'daily', 'procurement', 'marketing', 'finance', 'hr', 'sales',
  'decision', 'small-business', 'companies', 'businesses', 'brands', 'retailers', 'they', 'most', 'many', 'some', 'few',
  'our', 'their', 'these', 'those', 'when', 'after', 'before', 'even', 'only', 'nobody', 'everyone', 'anyone', 'mid-career',
  // Words that open a sentence and are never a name.
  'on', 'in', 'at', 'for', 'during', 'since', 'because', 'unlike', 'like', 'while', 'although', 'despite', 'once', 'every',
  'each', 'almost', 'nearly', 'over', 'under', 'about', 'more', 'less', 'half', 'two', 'three', 'one', 'people’s', 'what',
  // Common category words that open an audience description ("Tea drinkers aged 22-35").
  'tea', 'coffee', 'beer', 'wine', 'pet', 'dog', 'cat', 'car', 'beauty', 'fashion', 'sports', 'fitness', 'health', 'food',
  'snack', 'baby', 'skincare', 'makeup', 'travel', 'outdoor', 'home', 'student', 'university', 'college', 'gen',
]);

/** A phrase set inside a sentence: its first word lower-cased when that is an ordinary word, not a name. */
export function asClause(text: string): string {
  const first = /^[\p{L}][\p{L}-]*/u.exec(text)?.[0] ?? '';
  if (first.length < 2 || first !== `${first.charAt(0).toUpperCase()}${first.slice(1).toLowerCase()}`) return text;
  return COMMON_OPENERS.has(first.toLowerCase()) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

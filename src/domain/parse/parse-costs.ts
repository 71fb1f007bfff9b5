/**
 * Reads lists of costs as people type them: the plan's non-media lines
 * ("content ¥20,000 for the website; PR ¥10,000") and per-channel cost assumptions
 * ("E-commerce ads ¥1.50, Search ads ¥2"). Items are separated by semicolons, new
 * lines, or commas that start a new item (not the commas inside `¥20,000`, a list of
 * names, or a channel name's brackets).
 */
import { NON_MEDIA_LABELS, type Currency, type NonMediaKind, type NonMediaLine, type Parsed } from '../plan/plan.js';
import { joined, list, phrase, type Phrase } from '../message/phrase.js';
import { matchChoice, type Choice } from './match-choice.js';
import { parseMoney } from './parse-money.js';
import { fail, joinNotes, ok } from './parsed-result.js';
import { readInput } from './read-input.js';

const MAX_COSTS_INPUT = 1000;
const MAX_ITEMS = 12;
const NONE = new Set(['none', 'nothing', 'no', 'n/a', 'na', '-', 'nil', '0', 'zero', 'same', 'default', 'no changes', '无', '没有']);

/** Words that say what a non-media line pays for; the first kind that matches wins. */
const KIND_WORDS: readonly [NonMediaKind, RegExp][] = [
  ['kol-fees', /\b(?:kols?|influencers?|creators?|bloggers?)\b|达人|网红/i],
  ['pr', /\b(?:pr|press|seeding|publicity|events?|launch party)\b|公关/i],
  ['agency', /\b(?:agency|agencies|retainer)\b|代理/i],
  ['production', /\b(?:production|produce|shoot|filming|film|video|photo(?:graphy)?|tvc)\b|拍摄|制作/i],
  ['content', /\b(?:content|copy|copywriting|design|creative|articles?|posts?|graphics)\b|内容/i],
];

/** What makes a number an amount of money rather than a count: a currency mark or word, or a multiplier. */
const MARKED = /[¥$€£円元块]|\b(?:rmb|yuan|cny|usd|eur|gbp|jpy|hkd|sgd|aud|cad|dollars?|euros?|pounds?|yen)\b|\d\s?(?:k|m|mn|bn|b|thousand|million|billion|万|亿)\b|万|亿/i;

/**
 * Splits a list into items at `;`, new lines, and commas that start a new item: a comma
 * followed by a piece with its own number (`agency 5k, film shoot 1.2m`). A comma inside a
 * list of names (`content ¥62,700 for the website, WeChat and the store`), between digits
 * (`¥20,000`) or inside brackets belongs to the item.
 */
export function splitItems(text: string): string[] {
  const items: string[] = [];
  for (const line of splitAt(text, (ch) => ch === ';' || ch === '；' || ch === '\n')) {
    const pieces = splitAt(line, (ch, next) => (ch === ',' || ch === '，') && !/\d/.test(next));
    let current = '';
    for (const piece of pieces) {
      // A piece with no number of its own carries on the item before it (or starts the next one).
      if (current === '' || !/\d/.test(piece) || !/\d/.test(current)) current = current === '' ? piece : `${current}, ${piece.trimStart()}`;
      else {
        items.push(current);
        current = piece;
      }
    }
    items.push(current);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** Splits at the characters `separates` picks, outside brackets. */
function splitAt(text: string, separates: (ch: string, next: string) => boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    if (ch === '(' || ch === '（') depth += 1;
    if ((ch === ')' || ch === '）') && depth > 0) depth -= 1;
    if (depth === 0 && separates(ch, text[i + 1] ?? '')) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** The amount in an item and the words around it; undefined when there is none, an error when there are two. */
function amountIn(item: string, currency: Currency): Parsed<{ amount: number; words: string }> | undefined {
  const tokens = item.split(/\s+/);
  const found: { index: number; length: number; amount: number; marked: boolean }[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    // An amount may be one token (`¥20,000`, `20k`) or a number and a currency word (`20000 yuan`).
    for (const length of [2, 1]) {
      const text = tokens.slice(i, i + length).join(' ');
      if (length === 2 && i + 1 >= tokens.length) continue;
      if (!/\d/.test(text)) continue;
      const money = parseMoney(text, currency, { allowZero: true });
      if (money.ok) {
        found.push({ index: i, length, amount: money.value, marked: MARKED.test(text) });
        i += length - 1;
        break;
      }
    }
  }
  // "KOL fees 30k for 5 creators": an amount with a currency or a multiplier wins over a bare count.
  const marked = found.filter((f) => f.marked);
  const candidates = marked.length > 0 ? marked : found;
  if (candidates.length === 0) return undefined;
  if (candidates.length > 1) return fail('parse.costs.several_amounts', { typed: { typed: item } });
  const [only] = candidates;
  if (!only) return undefined;
  const words = [...tokens.slice(0, only.index), ...tokens.slice(only.index + only.length)].join(' ').replace(/^[\s:=–-]+|[\s:=–-]+$/g, '');
  return ok({ amount: only.amount, words });
}

/** What a non-media line pays for, from its words. */
export function nonMediaKindOf(words: string): NonMediaKind {
  return KIND_WORDS.find(([, pattern]) => pattern.test(words))?.[0] ?? 'other';
}

/**
 * Non-media lines: `content ¥20,000 for the website; PR ¥10,000`, or `none`. Each line
 * needs one amount; its words say what it is for (production, content, KOL fees, PR,
 * agency, else other) and are kept as its description.
 */
export function parseNonMedia(text: string, currency: Currency): Parsed<NonMediaLine[]> {
  const example = phrase('parse.costs.non_media_examples', { content: { money: 2_000_000, currency }, pr: { money: 1_000_000, currency } });
  const input = readInput(text, MAX_COSTS_INPUT, example, true);
  if (!input.ok) return input;
  if (NONE.has(input.value.toLowerCase().replace(/[.!]+$/, ''))) return ok([]);
  const items = splitItems(input.value);
  if (items.length > MAX_ITEMS) return fail(joined(phrase('parse.costs.too_many_lines', { given: String(items.length), max: String(MAX_ITEMS) }), example));
  const lines: NonMediaLine[] = [];
  for (const item of items) {
    const found = amountIn(item, currency);
    if (found === undefined) return fail(joined(phrase('parse.costs.no_amount', { typed: { typed: item } }), example));
    if (!found.ok) return found;
    const { amount, words } = found.value;
    const kind = nonMediaKindOf(words);
    // "content ¥20,000 for the website" is Content, for the website: the kind is not repeated in the description,
    // and a line that only names its kind ("PR", "内容") has none.
    const pattern = KIND_WORDS.find(([k]) => k === kind)?.[1];
    const bare = pattern !== undefined && new RegExp(`^(?:${pattern.source})$`, 'i').test(words.trim());
    const description = bare ? '' : words.replace(new RegExp(`^${NON_MEDIA_LABELS[kind]}\\b\\s*`, 'i'), '');
    lines.push({ kind, ...(description ? { description } : {}), amount });
  }
  return ok(lines);
}

/** A per-channel cost as answered: the channel and its cost per visit or per 1,000 impressions, in minor units. */
export interface ChannelCostAnswer {
  channelId: string;
  amount: number;
}

/**
 * Per-channel costs: `E-commerce ads ¥1.50; Search ads ¥2`, each naming one of the
 * plan's paid channels (a unique part of its name is enough), or `same` to keep the
 * plan-wide figure for every channel.
 */
export function parseChannelCosts(text: string, currency: Currency, channels: readonly Choice[]): Parsed<ChannelCostAnswer[]> {
  // A channel's name is the catalogue's words (the plan's content).
  const first = channels[0]?.label;
  const cost = { money: 150, currency };
  const example = first === undefined ? phrase('parse.costs.channel_examples_default', { cost }) : phrase('parse.costs.channel_examples', { channel: { content: first }, cost });
  const input = readInput(text, MAX_COSTS_INPUT, example, true);
  if (!input.ok) return input;
  if (NONE.has(input.value.toLowerCase().replace(/[.!]+$/, ''))) return ok([]);
  const costs: ChannelCostAnswer[] = [];
  const notes: Phrase[] = [];
  const refuse = (reason: Phrase) => fail<ChannelCostAnswer[]>(joined(reason, example));
  for (const item of splitItems(input.value)) {
    const found = amountIn(item, currency);
    if (found === undefined) return refuse(phrase('parse.costs.no_cost', { typed: { typed: item } }));
    if (!found.ok) return found;
    const { amount, words } = found.value;
    if (amount <= 0) return refuse(phrase('parse.costs.not_positive', { typed: { typed: item } }));
    if (!words) return refuse(phrase('parse.costs.which_channel', { cost: { money: amount, currency } }));
    const channel = matchChoice(words, channels);
    if (!channel.ok) return refuse(phrase('parse.costs.not_a_paid_channel', { typed: { typed: words }, channels: list(channels.map((c) => ({ content: c.label })), 'comma') }));
    if (costs.some((c) => c.channelId === channel.value)) return fail('parse.costs.two_costs', { typed: { typed: words } });
    if (channel.note) notes.push(channel.note);
    costs.push({ channelId: channel.value, amount });
  }
  return ok(costs, joinNotes(notes));
}

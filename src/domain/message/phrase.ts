/**
 * What the bot says, as data: a key of the message catalogue
 * (`locales/<language>/messages.yml`) and the values its placeholders take. The domain
 * and the services speak in phrases; the Slack layer picks the words in the reader's
 * language when the message is sent, so nothing stored is in any one language.
 *
 * A value is typed by what it is, never by how it looks: an amount stays minor units
 * and a currency, a date stays ISO, a person stays a user id. Each language formats
 * them its own way (`¥200,000` or `¥20万`, `1 Dec 2026` or `2026年12月1日`).
 */
import { z } from 'zod';
import type { Currency } from '../plan/vocabulary.js';

/** A catalogue key and the values of its placeholders (a type, not an interface, so it is stored as plain JSON data). */
export type Phrase = {
  key: string;
  params?: Params;
};

/** The values of a phrase's placeholders, by name. */
export type Params = Readonly<Record<string, Param>>;

/** How the items of a list are joined: in a sentence (`and`, `or`), by commas or semicolons, one per line, numbered, or as sentences. */
export type ListJoin = 'and' | 'or' | 'comma' | 'semicolons' | 'lines' | 'numbered' | 'sentences';

/**
 * One placeholder's value:
 * - a string is text shown as it is (escaped): a name someone typed, an id;
 * - a number is a count (it picks the plural form when the placeholder is `count`);
 * - `typed` echoes what someone typed inside a code span, shortened;
 * - `money`, `date`, `rate`, `num` are formatted for the reader's language;
 * - `user` and `users` mention people, `channel` links a channel, `emoji` shows a reaction;
 * - `list` joins several values the reader's way;
 * - `content` is the plan's own words (questions, labels), not yet in the catalogue;
 * - `link` is a link to `url` showing `text`; `mrkdwn` is markup the Slack layer has
 *   rendered already (never built by the domain or a service);
 * - a phrase inside a phrase is rendered first, in the same language.
 */
export type Param =
  | string
  | number
  | { typed: string }
  | { money: number; currency: Currency }
  | { date: string }
  | { rate: number; digits?: number }
  | { num: number; digits?: number }
  | { user: string }
  | { channel: string }
  | { users: readonly string[] }
  | { emoji: string }
  | { list: readonly Param[]; join: ListJoin }
  | { content: string }
  | { link: string; text: Param }
  | { mrkdwn: string }
  | Phrase;

/** A phrase of `key` with `params`. */
export function phrase(key: string, params?: Params): Phrase {
  return params === undefined ? { key } : { key, params };
}

/** Several phrases as one, said one after the other; undefined when none is given. */
export function sentences(parts: readonly (Phrase | undefined)[]): Phrase | undefined {
  const present = parts.filter((part): part is Phrase => part !== undefined);
  if (present.length <= 1) return present[0];
  return phrase('common.sentences', { parts: { list: present, join: 'sentences' } });
}

/** `first`, then each of `rest` that is given, as one phrase. */
export function joined(first: Phrase, ...rest: readonly (Phrase | undefined)[]): Phrase {
  return sentences([first, ...rest]) ?? first;
}

/** A list parameter. */
export function list(items: readonly Param[], join: ListJoin): Param {
  return { list: items, join };
}

/** Whether a parameter is a phrase (a nested sentence). */
export function isPhrase(value: unknown): value is Phrase {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

/**
 * A stored phrase (answers' notes, the last refused answer): checked loosely, since it is
 * never acted on, only shown. Plans saved before phrases kept their English sentence.
 */
export const StoredPhraseSchema = z.union([z.string(), z.looseObject({ key: z.string(), params: z.record(z.string(), z.unknown()).optional() })]);
/** A phrase as stored: a phrase, or the English sentence of a plan saved before phrases. */
export type StoredPhrase = z.infer<typeof StoredPhraseSchema>;

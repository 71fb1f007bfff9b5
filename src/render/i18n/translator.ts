/**
 * Phrases into words, in one language. One i18next instance holds the checked
 * catalogue; each reader gets a translator fixed to their language (`getFixedT`), so
 * two people served at the same moment in different languages can never switch each
 * other's words (there is no global language to switch). i18next picks the plural
 * form by `Intl.PluralRules`; the values are formatted here first, by what they are
 * (money, dates, people), and user text is escaped for Slack's mrkdwn on the way in.
 */
import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, REFERENCE_LANGUAGE, type Language } from '../../domain/message/language.js';
import { isPhrase, type Param, type Params, type Phrase } from '../../domain/message/phrase.js';
import { quoteInput } from '../../domain/parse/read-input.js';
import { emojiCode } from '../../domain/approval/approval.js';
import { escapeMrkdwn } from '../escape.js';
import { localeFormat, type LocaleFormat } from './locale-format.js';
import type { MessageCatalogue } from './message-catalogue.js';

/** How a phrase is written out: Slack mrkdwn (user text escaped), or plain text (buttons, headers, menu options). */
export type TextMode = 'mrkdwn' | 'plain';

/** The words of one language. */
export interface Translator {
  readonly language: Language;
  readonly format: LocaleFormat;
  /** The phrase as mrkdwn. */
  text(phrase: Phrase): string;
  /** The phrase as plain text. */
  plain(phrase: Phrase): string;
  /** `text(phrase(key, params))`. */
  t(key: string, params?: Params): string;
  /** One value alone, as mrkdwn, the way it shows inside a phrase. */
  value(param: Param): string;
  /** Whether the catalogue has `key` (a plural counts by its base key). */
  has(key: string): boolean;
}

/** A translator per language over one catalogue. */
export interface Translators {
  for(language: Language): Translator;
  readonly catalogue: MessageCatalogue;
}

const USER_ID = /^[UW][A-Z0-9]+$/;

/** The script's words in a language by reference (`questions.brand.label`); undefined where it has none. */
export type ScriptWordLookup = (language: Language, ref: string) => string | undefined;

/** Builds the translators of every language from a checked catalogue, and the script's words of each language. */
export function createTranslators(catalogue: MessageCatalogue, scriptWords?: ScriptWordLookup): Translators {
  const i18n = i18next.createInstance();
  const resources = Object.fromEntries(LANGUAGES.map((language) => [language, { translation: catalogue.messages[language] }]));
  void i18n.init({
    resources,
    lng: REFERENCE_LANGUAGE,
    // Every language says everything English says (checked at start-up), so nothing falls back.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    nsSeparator: false,
    keySeparator: '.',
    returnNull: false,
    returnEmptyString: false,
    // Values are escaped (or not) by the translator, and a value is never read as a template.
    interpolation: { escapeValue: false, skipOnVariables: true },
  });
  const translators = new Map<Language, Translator>();
  for (const language of LANGUAGES) translators.set(language, translator(language, i18n.getFixedT(language), (ref) => scriptWords?.(language, ref), (key) => i18n.exists(key, { lng: language }) || i18n.exists(`${key}_other`, { lng: language })));
  return {
    catalogue,
    for: (language) => translators.get(language) ?? (translators.get(REFERENCE_LANGUAGE) as Translator),
  };
}

/** How many worded phrases a translator keeps (a question's words recur for every person asked it); then it starts over. */
export const TRANSLATION_MEMO_SIZE = 4_000;

function translator(language: Language, t: TFunction, words: (ref: string) => string | undefined, has: (key: string) => boolean): Translator {
  const format = localeFormat(language);
  // The catalogue is fixed once checked and a key's words depend only on its values (already
  // worded strings, and `count`), so the same key with the same values is looked up once:
  // an i18next look-up costs tens of µs, a message has dozens of them.
  const memo = new Map<string, string>();
  const render = (phrase: Phrase, mode: TextMode): string => {
    const options: Record<string, string | number> = {};
    let id = phrase.key;
    for (const [name, value] of Object.entries(phrase.params ?? {})) {
      const shown = show(value, mode);
      options[name] = name === 'count' && typeof value === 'number' ? value : shown;
      id += `\u0000${name}\u0001${typeof options[name]}\u0001${options[name]}`;
    }
    const known = memo.get(id);
    if (known !== undefined) return known;
    const worded = t(phrase.key, options) as string;
    if (memo.size >= TRANSLATION_MEMO_SIZE) memo.clear();
    memo.set(id, worded);
    return worded;
  };
  const show = (value: Param, mode: TextMode): string => {
    const text = (words: string) => (mode === 'mrkdwn' ? escapeMrkdwn(words) : words);
    if (typeof value === 'string') return text(value);
    if (typeof value === 'number') return format.number(value, 2);
    if (isPhrase(value)) return render(value, mode);
    if ('typed' in value) return text(quoteInput(value.typed));
    if ('money' in value) return format.money(value.money, value.currency);
    if ('date' in value) return text(format.date(value.date));
    if ('rate' in value) return format.rate(value.rate, value.digits ?? 2);
    if ('num' in value) return format.number(value.num, value.digits ?? 2);
    if ('user' in value) return mentionOf(value.user, mode);
    if ('users' in value) return mentions(value.users, mode);
    if ('channel' in value) return channelLink(value.channel, mode);
    if ('emoji' in value) return emojiCode(value.emoji);
    if ('list' in value) return format.list(value.list.map((item) => show(item, mode)), value.join);
    if ('link' in value) return linkTo(value.link, show(value.text, mode), mode);
    if ('mrkdwn' in value) return value.mrkdwn;
    // A term is given its label before it gets here (src/render/term-labels.ts); else its name or id.
    if ('term' in value) return text(value.name ?? value.id);
    const own = value.ref === undefined ? undefined : words(value.ref);
    if (own === undefined) return text(value.content);
    return text(value.lower ? own.toLocaleLowerCase(language) : own);
  };
  const mentions = (ids: readonly string[], mode: TextMode): string => {
    const valid = ids.filter((id) => USER_ID.test(id));
    const others = ids.length - valid.length;
    const names = valid.map((id) => mentionOf(id, mode));
    if (others > 0) names.push(render({ key: 'common.others', params: { count: others } }, mode));
    return format.list(names, 'comma');
  };
  return {
    language,
    format,
    text: (phrase) => render(phrase, 'mrkdwn'),
    plain: (phrase) => render(phrase, 'plain'),
    t: (key, params) => render(params === undefined ? { key } : { key, params }, 'mrkdwn'),
    value: (param) => show(param, 'mrkdwn'),
    has,
  };
}

/** `<@U1>` for a Slack user id; anything else is never echoed into a mention. */
function mentionOf(userId: string, mode: TextMode): string {
  if (!USER_ID.test(userId)) return mode === 'mrkdwn' ? escapeMrkdwn(userId) : userId;
  return `<@${userId}>`;
}

/** `<#C1>` for a Slack channel id (plain text: `#C1`); anything else is never echoed into a link. */
function channelLink(channelId: string, mode: TextMode): string {
  if (!/^[CGD][A-Z0-9]+$/.test(channelId)) return mode === 'mrkdwn' ? escapeMrkdwn(channelId) : channelId;
  return mode === 'mrkdwn' ? `<#${channelId}>` : `#${channelId}`;
}

/** `<url|text>`; a url that could break out of the link (`|`, `>`, spaces) is left out and only the text shown. */
function linkTo(url: string, text: string, mode: TextMode): string {
  if (mode === 'plain' || !/^https?:\/\/[^\s|<>]+$/.test(url)) return text;
  return `<${url}|${text}>`;
}

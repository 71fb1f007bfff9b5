/**
 * Phrases as people read them, for tests: the real catalogue's English and Chinese.
 * `en(phrase)` is what an English reader sees, `zh(phrase)` a Chinese one (mrkdwn, with
 * Slack's entities shown as the characters they stand for).
 */
import { loadMessageCatalogue } from '../../src/app/load-locales.js';
import type { Language } from '../../src/domain/message/language.js';
import type { Param, Phrase, StoredPhrase } from '../../src/domain/message/phrase.js';
import { createTranslators, type Translator } from '../../src/render/i18n/translator.js';
import { unescapeSlackText } from '../../src/render/escape.js';

export const translators = createTranslators(loadMessageCatalogue());

/** The translator of `language`. */
export function translator(language: Language): Translator {
  return translators.for(language);
}

/** What an English reader sees; undefined stays undefined (a parse without a note). */
export function en(phrase: Phrase | StoredPhrase): string;
export function en(phrase: Phrase | StoredPhrase | undefined): string | undefined;
export function en(phrase: Phrase | StoredPhrase | undefined): string | undefined {
  return said('en', phrase);
}

/** What a Chinese reader sees. */
export function zh(phrase: Phrase | StoredPhrase): string;
export function zh(phrase: Phrase | StoredPhrase | undefined): string | undefined;
export function zh(phrase: Phrase | StoredPhrase | undefined): string | undefined {
  return said('zh-CN', phrase);
}

/** As the reader sees it: Slack shows `&lt;` as `<`. */
function said(language: Language, phrase: Phrase | StoredPhrase | undefined): string | undefined {
  if (phrase === undefined) return undefined;
  if (typeof phrase === 'string') return phrase;
  return unescapeSlackText(translators.for(language).text(phrase as Phrase));
}

/** One value (an amount, a date, a source) as a reader of `language` sees it inside a sentence. */
export function shown(language: Language, param: Param): string {
  return unescapeSlackText(translators.for(language).value(param));
}

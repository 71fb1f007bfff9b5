/**
 * The languages the bot speaks, and how a Slack locale (`zh-CN`, `en-GB`, `ja-JP`)
 * maps to one of them. English is the reference: every other language's catalogue
 * must say everything English says.
 */

export const LANGUAGES = ['en', 'zh-CN'] as const;
/** A language the bot speaks. */
export type Language = (typeof LANGUAGES)[number];

/** The language of the catalogue every other one is checked against. */
export const REFERENCE_LANGUAGE: Language = 'en';

/** Whether `value` names a language the bot speaks, exactly as written (`zh-CN`, `en`). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language for a Slack locale or a language tag typed by a person: `en-US` and
 * `en` read English, `zh-CN`, `zh-Hans`, `zh-SG`, `zh` and `cn` read Simplified
 * Chinese; any other (`ja-JP`, `zh-TW`, `fr`) is undefined, so the caller falls back
 * to the channel's language.
 */
export function languageOf(locale: string | undefined): Language | undefined {
  const tag = locale?.trim().replace(/_/g, '-').toLowerCase();
  if (!tag) return undefined;
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag === 'zh' || tag === 'cn' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh-CN';
  return undefined;
}

/**
 * Reads the locale files at start-up: what people may type in other languages
 * (`locales/<language>/input.yml`, checked against the question script) and what the
 * bot says in each language (`locales/<language>/messages.yml`, checked against
 * English). A missing or unknown id or key, or a placeholder one language lacks, stops
 * the bot with the file and the key named.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { ScriptError, type QuestionScript, type ScriptChecks } from '../domain/conversation/script.js';
import { mergeInputWords, validateInputWords, type InputWords } from '../domain/locale/input-words.js';
import { acceptShownLabels, localizeReviewEntries, localizeScript, scriptIn } from '../domain/conversation/script-words.js';
import { questionEntries } from '../domain/conversation/script.js';
import { validateReviewScript, type ReviewRow, type ReviewScript } from '../domain/review/review-script.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';
import { kpiName } from '../render/contact-plan-view.js';
import { isLanguage, REFERENCE_LANGUAGE } from '../domain/message/language.js';
import { validateCatalogue, type CatalogueChecks, type MessageCatalogue } from '../render/i18n/message-catalogue.js';
import { createTranslators } from '../render/i18n/translator.js';
import { goalText } from '../render/i18n/answer-text.js';
import type { Language } from '../domain/message/language.js';
import type { Currency, Goal } from '../domain/plan/plan.js';
import { DEFAULT_PROMPTS_DIR, inFile, readYaml } from './load-script.js';

/** The repository's locales/ folder, beside prompts/. */
export const DEFAULT_LOCALES_DIR = join(projectRoot(), 'locales');

/**
 * The script with the words of every language folder under `dir`: what people may type
 * (input.yml) and, for a language the bot speaks, the questions' own words
 * (questions.yml), whose labels are accepted as input too; throws ScriptError naming
 * the file and key.
 */
export function loadInputLocales(script: QuestionScript, dir: string = DEFAULT_LOCALES_DIR, checks: ScriptChecks = {}): QuestionScript {
  // English input is the parsers' own: its folder holds only messages.
  const languages = languageFolders(dir).filter((language) => language !== REFERENCE_LANGUAGE);
  const all = languages.map((language) => {
    const path = join(dir, language, 'input.yml');
    return inFile(path, (raw) => {
      const declared = typeof raw === 'object' && raw !== null && 'language' in raw ? raw.language : undefined;
      if (declared !== language) throw new ScriptError(`language: is "${String(declared)}", but the folder is "${language}"`);
      return validateInputWords(raw, script);
    });
  });
  let words = mergeInputWords(all);
  if (words === undefined) return script;
  const translations: Record<string, QuestionScript> = {};
  for (const language of languages.filter(isLanguage)) {
    const path = join(dir, language, 'questions.yml');
    const localized = inFile(path, (raw) => {
      const declared = typeof raw === 'object' && raw !== null && 'language' in raw ? raw.language : undefined;
      if (declared !== language) throw new ScriptError(`language: is "${String(declared)}", but the folder is "${language}"`);
      return localizeScript({ ...script, words: words as InputWords }, raw, checks);
    });
    words = inFile(path, () => acceptShownLabels(words as InputWords, localized));
    translations[language] = localized;
  }
  const final = words;
  const withWords = Object.fromEntries(Object.entries(translations).map(([language, localized]) => [language, { ...localized, words: final }]));
  return { ...script, words: final, translations: withWords };
}

/** The language folders under `dir`, sorted; throws ScriptError when the folder cannot be read. */
function languageFolders(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => statSync(join(dir, name)).isDirectory())
      .toSorted();
  } catch (error) {
    throw new ScriptError(`${dir}: cannot read the locales folder (${(error as Error).message})`, { cause: error });
  }
}

/**
 * A language's message files: `messages.yml` first (read even when missing, so the
 * error names it), then `messages.<part>.yml` in name order: each part of the bot
 * (findings, questions, the plan's pages) keeps its words in a file of its own.
 */
function messageFiles(dir: string, language: string): string[] {
  const parts = readdirSync(join(dir, language))
    .filter((name) => /^messages\.[a-z][a-z0-9-]*\.yml$/.test(name))
    .toSorted();
  return [join(dir, language, 'messages.yml'), ...parts.map((name) => join(dir, language, name))];
}

/**
 * The message catalogue from every language folder under `dir` that has a
 * messages.yml (English and Chinese must) and its messages.<part>.yml files; throws ScriptError naming the file and key.
 */
export function loadMessageCatalogue(dir: string = DEFAULT_LOCALES_DIR, checks: CatalogueChecks = {}): MessageCatalogue {
  const files = languageFolders(dir)
    // A folder of a language the bot does not speak yet may hold input words only.
    .filter((language) => isLanguage(language) || existsSync(join(dir, language, 'messages.yml')))
    .flatMap((language) => messageFiles(dir, language).map((path) => ({ language, path, raw: readYaml(path) })));
  return validateCatalogue(files, checks);
}

/**
 * The review script with its questions in every language the bot speaks (the `review`
 * part of locales/<language>/questions.yml), checked as the English one is: a missing
 * word, a placeholder the review does not fill or an example it cannot read stops the
 * start, naming the file and the question.
 */
export function loadReviewLocales(
  script: ReviewScript,
  dir: string = DEFAULT_LOCALES_DIR,
  promptsDir: string = DEFAULT_PROMPTS_DIR,
  /** The plan script with its translations, for the channels' names the touchpoint question lists. */
  planScript?: QuestionScript,
  /** The message catalogue of `dir` when the caller has loaded it already (read from `dir` otherwise). */
  loadedCatalogue?: MessageCatalogue,
): ReviewScript {
  const languages = languageFolders(dir).filter((language) => language !== REFERENCE_LANGUAGE && isLanguage(language));
  const translations: Record<string, ReviewScript> = {};
  let catalogue: MessageCatalogue | undefined = loadedCatalogue;
  for (const language of languages) {
    const path = join(dir, language, 'questions.yml');
    if (!existsSync(path)) continue;
    const entries = inFile(join(promptsDir, 'review.yml'), (raw) => questionEntries(raw));
    translations[language] = inFile(path, (raw) => {
      const localized = localizeReviewEntries(entries, raw);
      try {
        const metrics = (raw as { metrics?: Record<string, string> }).metrics;
        // The goal the review quotes is written as the status writes it, in the review's language.
        catalogue ??= loadMessageCatalogue(dir);
        const t = createTranslators(catalogue, (_, ref) => (ref.startsWith('metrics.') ? metrics?.[ref.slice('metrics.'.length)] : undefined)).for(language as Language);
        return {
          ...validateReviewScript({ questions: localized }),
          ...(metrics ? { metricLabels: metrics } : {}),
          goalText: (goal: Goal, currency: Currency) => goalText(t, goal, currency),
          moneyText: (minor: number, currency: Currency) => t.format.money(minor, currency),
          rowsText: (rows: readonly ReviewRow[], more: number) => {
            const channels = planScript ? scriptIn(planScript, language).catalogue : [];
            const row = (r: ReviewRow, index: number): Phrase => {
              const channel = channels.find((c) => c.id === r.channelId)?.name ?? r.channel;
              const kpi = r.kpi === undefined ? phrase('review.rows.no_kpi') : (metrics?.[r.kpi] ?? kpiName(r.kpi, t));
              return phrase('review.rows.row', { n: String(index + 1), channel, kpi });
            };
            const parts: Phrase[] = [...rows.map(row), ...(more > 0 ? [phrase('review.rows.more', { count: more })] : [])];
            return t.format.list(parts.map((p) => t.plain(p)), 'semicolons');
          },
        };
      } catch (error) {
        if (error instanceof ScriptError) throw new ScriptError(`review: ${error.message}`, { cause: error, ...(error.reason ? { reason: error.reason } : {}) });
        throw error;
      }
    });
  }
  return Object.keys(translations).length === 0 ? script : { ...script, translations };
}

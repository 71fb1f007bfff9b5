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
import { ScriptError, type QuestionScript } from '../domain/conversation/script.js';
import { mergeInputWords, validateInputWords } from '../domain/locale/input-words.js';
import { isLanguage, REFERENCE_LANGUAGE } from '../domain/message/language.js';
import { validateCatalogue, type MessageCatalogue } from '../render/i18n/message-catalogue.js';
import { inFile, readYaml } from './load-script.js';

/** The repository's locales/ folder, beside prompts/. */
export const DEFAULT_LOCALES_DIR = join(projectRoot(), 'locales');

/** The script with the words of every language folder under `dir`; throws ScriptError naming the file and key. */
export function loadInputLocales(script: QuestionScript, dir: string = DEFAULT_LOCALES_DIR): QuestionScript {
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
  const words = mergeInputWords(all);
  return words === undefined ? script : { ...script, words };
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
export function loadMessageCatalogue(dir: string = DEFAULT_LOCALES_DIR): MessageCatalogue {
  const files = languageFolders(dir)
    // A folder of a language the bot does not speak yet may hold input words only.
    .filter((language) => isLanguage(language) || existsSync(join(dir, language, 'messages.yml')))
    .flatMap((language) => messageFiles(dir, language).map((path) => ({ language, path, raw: readYaml(path) })));
  return validateCatalogue(files);
}

/**
 * Reads what people may type in other languages, `locales/<language>/input.yml`, at
 * start-up and checks it against the question script with the pure validator. A
 * missing or unknown id stops the bot with the file and the key named.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { ScriptError, type QuestionScript } from '../domain/conversation/script.js';
import { mergeInputWords, validateInputWords } from '../domain/locale/input-words.js';
import { inFile } from './load-script.js';

/** The repository's locales/ folder, beside prompts/. */
export const DEFAULT_LOCALES_DIR = join(projectRoot(), 'locales');

/** The script with the words of every language folder under `dir`; throws ScriptError naming the file and key. */
export function loadInputLocales(script: QuestionScript, dir: string = DEFAULT_LOCALES_DIR): QuestionScript {
  let languages: string[];
  try {
    languages = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).toSorted();
  } catch (error) {
    throw new ScriptError(`${dir}: cannot read the locales folder (${(error as Error).message})`, { cause: error });
  }
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

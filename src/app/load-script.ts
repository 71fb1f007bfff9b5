/**
 * Reads the question scripts (plan and review) and the channel catalogue from disk at
 * start-up and hands them to the pure validators. Any problem stops the bot with the
 * file and question named. The shipped files' parsed YAML comes from the build's cache
 * (parsed-yaml-cache.ts); the validation runs on every start all the same, except that
 * a start of the bundle over the very files the build checked leaves out the examples
 * (build-checked.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { parseYamlCached, readYamlCache, type YamlCache } from './parsed-yaml-cache.js';
import { validateCatalogue } from '../domain/channels/channel-catalogue.js';
import { ScriptError, validateScript, type QuestionScript, type ScriptChecks } from '../domain/conversation/script.js';
import { QUESTION_MAP } from '../domain/plan/plan.js';
import { validateReviewScript, type ReviewScript } from '../domain/review/review-script.js';
import type { Phrase } from '../domain/message/phrase.js';
import { createTranslators } from '../render/i18n/translator.js';
import { unescapeSlackText } from '../render/escape.js';
import { loadMessageCatalogue } from './load-locales.js';

/** The repository's prompts/ folder. */
export const DEFAULT_PROMPTS_DIR = join(projectRoot(), 'prompts');

let buildCache: YamlCache | undefined;
/** The build's cache of parsed YAML, read once. */
function defaultCache(): YamlCache {
  buildCache ??= readYamlCache();
  return buildCache;
}

/** Loads `plan.yml` and `channels.yml` from `dir`; throws ScriptError naming the file (and question). `checks` as validateScript's. */
export function loadScript(dir: string = DEFAULT_PROMPTS_DIR, cache: YamlCache = defaultCache(), checks: ScriptChecks = {}): QuestionScript {
  const cataloguePath = join(dir, 'channels.yml');
  const scriptPath = join(dir, 'plan.yml');
  const catalogue = inFile(cataloguePath, (raw) => validateCatalogue(raw), cache);
  return inFile(scriptPath, (raw) => validateScript(raw, catalogue, QUESTION_MAP, checks), cache);
}

/** Loads `review.yml` from `dir`; throws ScriptError naming the file and question. */
export function loadReviewScript(dir: string = DEFAULT_PROMPTS_DIR, cache: YamlCache = defaultCache()): ReviewScript {
  return inFile(join(dir, 'review.yml'), (raw) => validateReviewScript(raw), cache);
}

/**
 * A parser's refusal in English, for the start-up error of someone editing prompts/
 * (the same words the bot would say to a person who typed the example); the key itself
 * when the catalogue cannot be read either.
 */
function englishReason(reason: Phrase): string {
  try {
    return unescapeSlackText(createTranslators(loadMessageCatalogue()).for('en').text(reason));
  } catch {
    return reason.key;
  }
}

/** Reads and validates one YAML file; a ScriptError from `validate` is prefixed with the path. */
export function inFile<T>(path: string, validate: (raw: unknown) => T, cache: YamlCache = defaultCache()): T {
  const raw = readYaml(path, cache);
  try {
    return validate(raw);
  } catch (error) {
    if (error instanceof ScriptError) throw new ScriptError(`${path}: ${error.message}${error.reason ? `: ${englishReason(error.reason)}` : ''}`, { cause: error });
    throw error;
  }
}

/** The parsed YAML of one file; throws ScriptError naming it when it cannot be read or parsed. */
export function readYaml(path: string, cache: YamlCache = defaultCache()): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScriptError(`${path}: cannot read the file (${(error as Error).message})`, { cause: error });
  }
  try {
    return parseYamlCached(text, cache);
  } catch (error) {
    throw new ScriptError(`${path}: is not valid YAML (${(error as Error).message})`, { cause: error });
  }
}

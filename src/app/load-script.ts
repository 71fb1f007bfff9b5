/**
 * Reads the question scripts (plan and review) and the channel catalogue from disk at
 * start-up and hands them to the pure validators. Any problem stops the bot with the
 * file and question named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../project-root.js';
import { validateCatalogue } from '../domain/channels/channel-catalogue.js';
import { ScriptError, validateScript, type QuestionScript } from '../domain/conversation/script.js';
import { validateReviewScript, type ReviewScript } from '../domain/review/review-script.js';

/** The repository's prompts/ folder. */
export const DEFAULT_PROMPTS_DIR = join(projectRoot(), 'prompts');

/** Loads `plan.yml` and `channels.yml` from `dir`; throws ScriptError naming the file (and question). */
export function loadScript(dir: string = DEFAULT_PROMPTS_DIR): QuestionScript {
  const cataloguePath = join(dir, 'channels.yml');
  const scriptPath = join(dir, 'plan.yml');
  const catalogue = inFile(cataloguePath, (raw) => validateCatalogue(raw));
  return inFile(scriptPath, (raw) => validateScript(raw, catalogue));
}

/** Loads `review.yml` from `dir`; throws ScriptError naming the file and question. */
export function loadReviewScript(dir: string = DEFAULT_PROMPTS_DIR): ReviewScript {
  return inFile(join(dir, 'review.yml'), (raw) => validateReviewScript(raw));
}

/** Reads and validates one YAML file; a ScriptError from `validate` is prefixed with the path. */
export function inFile<T>(path: string, validate: (raw: unknown) => T): T {
  const raw = readYaml(path);
  try {
    return validate(raw);
  } catch (error) {
    if (error instanceof ScriptError) throw new ScriptError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

function readYaml(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScriptError(`${path}: cannot read the file (${(error as Error).message})`, { cause: error });
  }
  try {
    return parse(text);
  } catch (error) {
    throw new ScriptError(`${path}: is not valid YAML (${(error as Error).message})`, { cause: error });
  }
}

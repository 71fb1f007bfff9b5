/**
 * Findings as people read them, for tests: the real catalogue's words, with the
 * sample script's labels in the reader's language (its zh-CN words from locales/zh-CN/questions.yml).
 */
import type { Language } from '../../src/domain/message/language.js';
import type { Finding, StoredFinding } from '../../src/domain/plan/plan.js';
import { unescapeSlackText } from '../../src/render/escape.js';
import { findingKey, findingReaderFor, findingWords, type FindingReader, type FindingWords } from '../../src/render/finding-words.js';
import { scriptIn } from '../../src/domain/conversation/script-words.js';
import { loadInputLocales } from '../../src/app/load-locales.js';
import { SAMPLE_SCRIPT } from '../fixtures/plans.js';
import { translator } from './words.js';

/** The sample script with the other languages' input words (the Chinese labels of its choices). */
export const SCRIPT_WITH_WORDS = loadInputLocales(SAMPLE_SCRIPT);

/** How a reader of `language` gets findings rendered. */
export function findingReader(language: Language): FindingReader {
  // The reader's script names channels and choices in their language, as the presenter's does.
  return findingReaderFor(translator(language), scriptIn(SCRIPT_WITH_WORDS, language));
}

/** A finding's problem, principle and fix as a reader of `language` sees them (Slack's entities shown as characters). */
export function wordsOf(finding: StoredFinding, language: Language = 'en'): FindingWords {
  const words = findingWords(finding, findingReader(language));
  return { ...words, problem: unescapeSlackText(words.problem), principle: unescapeSlackText(words.principle), fix: unescapeSlackText(words.fix) };
}

/**
 * What is wrong with a finding's words in `language`: a part (problem, principle, fix)
 * the catalogue has no words for, or a placeholder left unfilled (`{{…}}`). Empty when
 * it reads in full.
 */
export function wordProblems(finding: Finding, language: Language): string[] {
  const { t } = findingReader(language);
  const base = findingKey(finding.rule);
  const words = wordsOf(finding, language);
  const problems: string[] = [];
  for (const part of ['problem', 'principle', 'fix'] as const) {
    if (!t.has(`${base}.${finding.id}.${part}`) && !t.has(`${base}.${part}`)) problems.push(`${finding.rule}/${finding.id}: no ${part} in ${language}`);
    if (/\{\{|\}\}/.test(words[part])) problems.push(`${finding.rule}/${finding.id}: ${part} in ${language} has an unfilled placeholder: ${words[part]}`);
    if (words[part].trim() === '') problems.push(`${finding.rule}/${finding.id}: empty ${part} in ${language}`);
  }
  return problems;
}

/** A finding's problem as an English reader sees it; undefined for no finding. */
export function problemOf(finding: StoredFinding | undefined, language: Language = 'en'): string | undefined {
  return finding && wordsOf(finding, language).problem;
}

/** A finding's fix as an English reader sees it; undefined for no finding. */
export function fixOf(finding: StoredFinding | undefined, language: Language = 'en'): string | undefined {
  return finding && wordsOf(finding, language).fix;
}

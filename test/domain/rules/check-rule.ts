/** Test helpers: run the whole catalogue and pick out one rule's findings, with their English words. */
import type { Finding, PlanDraft } from '../../../src/domain/plan/plan.js';
import { evaluatePlan } from '../../../src/domain/rules/index.js';
import type { FindingWords } from '../../../src/render/finding-words.js';
import { SAMPLE_LABELS, SAMPLE_SCRIPT, SAMPLE_TODAY } from '../../fixtures/plans.js';
import { LANGUAGES } from '../../../src/domain/message/language.js';
import { wordProblems, wordsOf } from '../../support/finding-words.js';

/** The real channel catalogue: fixes recommend from it, as they do in the conversation. */
export const CATALOGUE = SAMPLE_SCRIPT.catalogue;

/** A finding and the words an English reader sees for it. */
export type ReadFinding = Finding & FindingWords;

/**
 * The findings one rule gives for a draft, judged on the sample's `today` with the real
 * catalogue, with their English words. Every finding any rule test meets must also read
 * in full in every language (words for its problem, principle and fix, no placeholder
 * left unfilled): the test fails otherwise, naming the rule, the finding and the language.
 */
export function findingsOf(ruleId: string, draft: PlanDraft, today = SAMPLE_TODAY): ReadFinding[] {
  return evaluatePlan(draft, { today, labels: SAMPLE_LABELS, catalogue: CATALOGUE })
    .filter((finding) => finding.rule === ruleId)
    .map((finding) => {
      const problems = LANGUAGES.flatMap((language) => wordProblems(finding, language));
      if (problems.length > 0) throw new Error(problems.join('\n'));
      return { ...finding, ...wordsOf(finding) };
    });
}

/** The single finding a rule gives; fails the test when there is not exactly one. */
export function onlyFinding(ruleId: string, draft: PlanDraft, today = SAMPLE_TODAY): ReadFinding {
  const findings = findingsOf(ruleId, draft, today);
  if (findings.length !== 1) throw new Error(`expected one ${ruleId} finding, got ${findings.length}: ${JSON.stringify(findings.map((f) => f.problem))}`);
  return findings[0] as ReadFinding;
}

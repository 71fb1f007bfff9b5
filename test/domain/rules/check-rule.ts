/** Test helpers: run the whole catalogue and pick out one rule's findings. */
import type { Finding, PlanDraft } from '../../../src/domain/plan/plan.js';
import { evaluatePlan } from '../../../src/domain/rules/index.js';
import { SAMPLE_LABELS, SAMPLE_SCRIPT, SAMPLE_TODAY } from '../../fixtures/plans.js';

/** The real channel catalogue: fixes recommend from it, as they do in the conversation. */
export const CATALOGUE = SAMPLE_SCRIPT.catalogue;

/** The findings one rule gives for a draft, judged on the sample's `today` with the real catalogue. */
export function findingsOf(ruleId: string, draft: PlanDraft, today = SAMPLE_TODAY): Finding[] {
  return evaluatePlan(draft, { today, labels: SAMPLE_LABELS, catalogue: CATALOGUE }).filter((finding) => finding.rule === ruleId);
}

/** The single finding a rule gives; fails the test when there is not exactly one. */
export function onlyFinding(ruleId: string, draft: PlanDraft, today = SAMPLE_TODAY): Finding {
  const findings = findingsOf(ruleId, draft, today);
  if (findings.length !== 1) throw new Error(`expected one ${ruleId} finding, got ${findings.length}: ${JSON.stringify(findings.map((f) => f.problem))}`);
  return findings[0] as Finding;
}

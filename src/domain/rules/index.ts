/**
 * The IMC rule catalogue (domain §5) and how a plan is judged against it.
 */
import type { Finding, PlanDraft, Severity, StoredFinding } from '../plan/plan.js';
import { AUDIENCE_RULES } from './audience-rules.js';
import { BUDGET_RULES } from './budget-rules.js';
import { CONTACT_RULES } from './contact-rules.js';
import { MEDIA_RULES } from './media-rules.js';
import { MESSAGE_RULES } from './message-rules.js';
import { OBJECTIVE_RULES } from './objective-rules.js';
import { PROBLEM_RULES } from './problem-rules.js';
import { RESEARCH_RULES } from './research-rules.js';
import type { RuleContext, RuleDefinition } from './rule-definition.js';
import { TIMELINE_RULES } from './timeline-rules.js';
import { VALUE_RULES } from './value-rules.js';

export type { RuleContext, RuleDefinition } from './rule-definition.js';

/** Every rule, in the order a plan is written: problem, audience, objective, message, media, contacts, budget, timeline, research. */
export const RULES: readonly RuleDefinition[] = [
  ...PROBLEM_RULES,
  ...AUDIENCE_RULES,
  ...OBJECTIVE_RULES,
  ...MESSAGE_RULES,
  ...MEDIA_RULES,
  ...CONTACT_RULES,
  ...BUDGET_RULES,
  ...VALUE_RULES,
  ...TIMELINE_RULES,
  ...RESEARCH_RULES,
];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, tip: 2 };

/** Runs every rule; findings sorted errors first, then warnings, then tips; stable order within. */
export function evaluatePlan(draft: PlanDraft, ctx: RuleContext): Finding[] {
  const memo = new Map<string, unknown>();
  const shared = <T>(key: string, compute: () => T): T => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  };
  const findings = RULES.flatMap((rule) => rule.check(draft, { ...ctx, shared }));
  // Array.prototype.sort is stable, so rules keep catalogue order within a severity.
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** True when any finding is an error: such a plan cannot be posted yet. */
export function hasBlockingErrors(findings: readonly StoredFinding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}

/**
 * The shape of one IMC rule, and `defineRule`, which makes every rule safe to run on
 * a draft that never went through the schema (lists missing, strings blank).
 */
import type { Channel, Finding, Labels, PlanDraft, Severity } from '../plan/plan.js';

/** What a rule may know besides the plan itself. */
export interface RuleContext {
  /** Today as an ISO date (yyyy-MM-dd) in the team's time zone. */
  today: string;
  /** The vocabulary's labels (the question script's choices), for naming ids in findings. */
  labels: Labels;
  /** The channel catalogue: fixes recommend only channels it holds (without it they name none). */
  catalogue?: readonly Channel[];
  /**
   * Work several rules share within one evaluation of one draft (the budget analysis),
   * computed once under `key`; `evaluatePlan` provides it, a rule run alone computes directly.
   */
  shared?<T>(key: string, compute: () => T): T;
}

/** One rule of the catalogue (domain §5). */
export interface RuleDefinition {
  id: string;
  /** The severity it reports; `error/warning` rules report either, depending on how bad it is. */
  severity: Severity | 'error/warning';
  title: string;
  /** The questions whose answers decide this rule. */
  questionIds: string[];
  /** Findings for this plan; an empty list when the rule passes. */
  check(draft: PlanDraft, ctx: RuleContext): Finding[];
}

/** What a rule states about a finding; the rule id is filled in by `defineRule`. */
export type FindingBody = Omit<Finding, 'rule'>;

/** A rule as written: its check returns findings without repeating the rule id. */
export interface RuleSpec extends Omit<RuleDefinition, 'check'> {
  check(draft: PlanDraft, ctx: RuleContext): FindingBody[];
}

/** Turns a rule spec into a rule that tolerates drafts with missing lists. */
export function defineRule(spec: RuleSpec): RuleDefinition {
  return {
    ...spec,
    check: (draft, ctx) => spec.check(withDefaults(draft), ctx).map((body) => ({ rule: spec.id, ...body })),
  };
}

/** Drafts may come from storage or tests without zod defaults; rules expect lists. */
function withDefaults(draft: PlanDraft): PlanDraft {
  const raw: Partial<PlanDraft> = draft ?? {};
  return {
    ...raw,
    problems: raw.problems ?? [],
    research: raw.research ?? [],
    secondaryObjectives: raw.secondaryObjectives ?? [],
    goals: raw.goals ?? [],
    channels: raw.channels ?? [],
    journey: raw.journey ?? [],
    contactPlan: raw.contactPlan ?? [],
  };
}

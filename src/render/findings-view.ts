/**
 * The rule findings as `findings.hbs` shows them: grouped errors, warnings, tips,
 * with a one-line count ("1 error, 2 warnings and 1 tip"). Pure, plain text.
 */
import { SEVERITIES, type Finding, type Severity } from '../domain/plan/plan.js';
import { countOf, joinAnd } from './view-text.js';

/** One finding as the templates show it. */
export interface FindingItemView {
  rule: string;
  problem: string;
  fix: string;
}

/** Findings of one severity. */
export interface FindingGroupView {
  label: string;
  icon: string;
  items: FindingItemView[];
}

/** The rule findings, grouped errors, warnings, tips (empty groups left out). */
export interface FindingsView {
  hasFindings: boolean;
  /** Any errors: the plan cannot be posted until they are fixed. */
  blocking: boolean;
  /** e.g. "1 error, 2 warnings and 1 tip". */
  summary: string;
  groups: FindingGroupView[];
}


const SEVERITY_GROUPS: Record<Severity, { label: string; icon: string; one: string; many: string }> = {
  error: { label: 'Must fix before posting', icon: ':x:', one: 'error', many: 'errors' },
  warning: { label: 'Worth another look', icon: ':warning:', one: 'warning', many: 'warnings' },
  tip: { label: 'Tips', icon: ':bulb:', one: 'tip', many: 'tips' },
};

/** Groups findings errors, warnings, tips for `findings.hbs` and the summary. */
export function findingsView(findings: Finding[]): FindingsView {
  const groups = SEVERITIES.map((severity) => ({
    severity,
    items: findings
      .filter((finding) => finding.severity === severity)
      .map(({ rule, problem, fix }) => ({ rule, problem, fix })),
  })).filter((group) => group.items.length > 0);
  return {
    hasFindings: groups.length > 0,
    blocking: groups.some((group) => group.severity === 'error'),
    summary: joinAnd(groups.map(({ severity, items }) => countOf(items.length, SEVERITY_GROUPS[severity]))),
    groups: groups.map(({ severity, items }) => ({
      label: SEVERITY_GROUPS[severity].label,
      icon: SEVERITY_GROUPS[severity].icon,
      items,
    })),
  };
}


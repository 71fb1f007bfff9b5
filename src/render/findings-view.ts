/**
 * The rule findings as `findings.hbs` shows them: grouped errors, warnings, tips,
 * with a one-line count ("1 error, 2 warnings and 1 tip"), every word in the reader's
 * language (the template holds only the layout). Pure.
 */
import { SEVERITIES, type Severity, type StoredFinding } from '../domain/plan/plan.js';
import { mrkdwn, type Mrkdwn } from './escape.js';
import { findingPart, type FindingReader } from './finding-words.js';

/** One finding as the templates show it: its line, already in words. */
export interface FindingItemView {
  rule: string;
  line: Mrkdwn;
}

/** Findings of one severity. */
export interface FindingGroupView {
  label: Mrkdwn;
  icon: string;
  items: FindingItemView[];
}

/** The rule findings, grouped errors, warnings, tips (empty groups left out). */
export interface FindingsView {
  hasFindings: boolean;
  /** Any errors: the plan cannot be posted until they are fixed. */
  blocking: boolean;
  /** e.g. "*Checks: 1 error, 2 warnings and 1 tip*". */
  heading: Mrkdwn;
  /** Why the plan cannot be posted yet (shown when blocking). */
  blockingNote: Mrkdwn;
  /** What a clean plan says. */
  passes: Mrkdwn;
  groups: FindingGroupView[];
}

const ICONS: Record<Severity, string> = { error: ':x:', warning: ':warning:', tip: ':bulb:' };

/** Groups findings errors, warnings, tips for `findings.hbs`, in the reader's words. */
export function findingsView(findings: readonly StoredFinding[], reader: FindingReader): FindingsView {
  const { t } = reader;
  const groups = SEVERITIES.map((severity) => ({
    severity,
    items: findings
      .filter((finding) => finding.severity === severity)
      .map((finding) => {
        const said = { rule: finding.rule, problem: { mrkdwn: findingPart(finding, 'problem', reader) }, fix: { mrkdwn: findingPart(finding, 'fix', reader) } };
        return { rule: finding.rule, line: mrkdwn(t.t('findings.view.item', said)) };
      }),
  })).filter((group) => group.items.length > 0);
  const counts = groups.map(({ severity, items }) => t.t(`findings.view.count.${severity}`, { count: items.length }));
  return {
    hasFindings: groups.length > 0,
    blocking: groups.some((group) => group.severity === 'error'),
    heading: mrkdwn(t.t('findings.view.heading', { summary: { mrkdwn: t.format.list(counts, 'and') } })),
    blockingNote: mrkdwn(t.t('findings.view.blocking')),
    passes: mrkdwn(t.t('findings.view.passes')),
    groups: groups.map(({ severity, items }) => ({ label: mrkdwn(t.t(`findings.view.group.${severity}`)), icon: ICONS[severity], items })),
  };
}

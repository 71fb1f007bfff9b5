import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/plan/plan.js';
import { findingsView } from '../../src/render/findings-view.js';

const finding = (severity: Finding['severity'], rule: string): Finding => ({
  rule,
  severity,
  problem: `${rule} problem`,
  principle: 'why',
  fix: `${rule} fix`,
});

describe('findingsView', () => {
  it('groups errors, then warnings, then tips, leaving out empty groups', () => {
    const view = findingsView([finding('tip', 'C'), finding('error', 'A'), finding('tip', 'D'), finding('error', 'B')]);
    expect(view.blocking).toBe(true);
    expect(view.summary).toBe('2 errors and 2 tips');
    expect(view.groups.map((group) => group.items.map((item) => item.rule))).toEqual([['A', 'B'], ['C', 'D']]);
  });

  it('reports a clean plan', () => {
    expect(findingsView([])).toMatchObject({ hasFindings: false, blocking: false, summary: '', groups: [] });
  });
});

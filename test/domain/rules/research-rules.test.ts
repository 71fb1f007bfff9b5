import { describe, expect, it } from 'vitest';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

describe('RESEARCH-INSIGHT', () => {
  it('passes when consumer insight research was done', () => {
    expect(findingsOf('RESEARCH-INSIGHT', sampleDraft())).toEqual([]);
  });

  it('warns when only other research was done, naming it', () => {
    const finding = onlyFinding('RESEARCH-INSIGHT', { ...sampleDraft(), research: ['market', 'competition'] });
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('You researched market and competition');
    expect(finding.problem).toContain('consumer insight');
    expect(finding.questionId).toBe('research');
  });

  it('warns when no research was done at all', () => {
    expect(onlyFinding('RESEARCH-INSIGHT', { ...sampleDraft(), research: [] }).problem).toContain('No research');
  });
});

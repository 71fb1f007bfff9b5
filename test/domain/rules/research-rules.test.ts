import { describe, expect, it } from 'vitest';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

describe('RESEARCH-INSIGHT', () => {
  it('passes when consumer insight research was done', () => {
    expect(findingsOf('RESEARCH-INSIGHT', sampleDraft())).toEqual([]);
  });

  it('passes when the insight names the research behind it, even without a consumer-insight answer', () => {
    expect(findingsOf('RESEARCH-INSIGHT', { ...sampleDraft(), research: [] })).toEqual([]);
  });

  it('warns about an insight that names no research behind it, pointing at the insight', () => {
    const draft = { ...sampleDraft(), research: ['competition' as const], message: { insight: 'They want calm', insightMethods: [] } };
    const finding = onlyFinding('RESEARCH-INSIGHT', draft);
    expect(finding.problem).toBe('The insight (“They want calm”) names no research behind it, and the research done (competition) was not about the consumer.');
    expect(finding.questionId).toBe('insight');
  });

  it('warns when only other research was done, naming it', () => {
    const finding = onlyFinding('RESEARCH-INSIGHT', { ...sampleDraft(), message: undefined, research: ['market', 'competition'] });
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('You researched market and competition');
    expect(finding.problem).toContain('consumer insight');
    expect(finding.questionId).toBe('research');
  });

  it('warns when no research was done at all', () => {
    expect(onlyFinding('RESEARCH-INSIGHT', { ...sampleDraft(), message: undefined, research: [] }).problem).toContain('No research');
  });
});

import { describe, expect, it } from 'vitest';
import type { Audience, PlanDraft } from '../../../src/domain/plan/plan.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

/** The sample plan with some audience fields changed. */
function withAudience(change: Partial<Audience>): PlanDraft {
  const draft = sampleDraft();
  return { ...draft, audience: { ...(draft.audience as Audience), ...change } };
}

describe('AUDIENCE-DEFINED', () => {
  it('passes for a described audience with segment and stage', () => {
    expect(findingsOf('AUDIENCE-DEFINED', sampleDraft())).toEqual([]);
  });

  it('names each missing part and jumps to the first', () => {
    const finding = onlyFinding('AUDIENCE-DEFINED', withAudience({ description: '   ', stage: undefined }));
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('description or buying stage');
    expect(finding.problem).not.toContain('segment');
    expect(finding.questionId).toBe('audience_description');
  });

  it('asks for the segment when only that is missing', () => {
    const finding = onlyFinding('AUDIENCE-DEFINED', withAudience({ segment: undefined }));
    expect(finding.problem).toContain('behaviour segment');
    expect(finding.questionId).toBe('audience_segment');
  });

  it('treats unknown segment and stage ids as missing', () => {
    const hostile = withAudience({ segment: 'aliens', stage: 'nowhere' } as unknown as Partial<Audience>);
    expect(onlyFinding('AUDIENCE-DEFINED', hostile).problem).toBe('The audience has no behaviour segment or buying stage yet.');
  });

  it('reports a plan with no audience at all', () => {
    const finding = onlyFinding('AUDIENCE-DEFINED', { ...sampleDraft(), audience: undefined });
    expect(finding.problem).toContain('description, behaviour segment or buying stage');
  });
});

describe('SEGMENT-STRATEGY', () => {
  it.each([
    ['loyal', /reward and retain/i],
    ['competitor-loyal', /reason to switch/i],
    ['switcher', /incentives/i],
    ['new-to-category', /sell the category/i],
  ] as const)('gives %s audiences their own advice', (segment, advice) => {
    const finding = onlyFinding('SEGMENT-STRATEGY', withAudience({ segment }));
    expect(finding.severity).toBe('tip');
    expect(finding.fix).toMatch(advice);
    expect(finding.questionId).toBe('audience_segment');
  });

  it('is silent when the segment is unknown', () => {
    expect(findingsOf('SEGMENT-STRATEGY', withAudience({ segment: undefined }))).toEqual([]);
  });
});

describe('APPEAL-FIT', () => {
  it('asks high-involvement audiences for believable proof', () => {
    const finding = onlyFinding('APPEAL-FIT', withAudience({ involvement: 'high', motivation: 'informational' }));
    expect(finding.severity).toBe('tip');
    expect(finding.problem).toContain('high-involvement, informational');
    expect(finding.fix).toMatch(/proof/);
    expect(finding.fix).toMatch(/problem your product removes/);
  });

  it('asks low-involvement audiences for one or two benefits, repeated', () => {
    const finding = onlyFinding('APPEAL-FIT', withAudience({ involvement: 'low', motivation: 'transformational' }));
    expect(finding.fix).toMatch(/one or two benefits/);
    expect(finding.fix).toMatch(/feeling/);
  });

  it('still advises on involvement when the motivation is unknown', () => {
    const finding = onlyFinding('APPEAL-FIT', withAudience({ involvement: 'high', motivation: undefined }));
    expect(finding.problem).toBe('This is a high-involvement purchase for your audience.');
    expect(finding.questionId).toBe('involvement');
  });

  it('is silent when the involvement is unknown', () => {
    expect(findingsOf('APPEAL-FIT', withAudience({ involvement: undefined }))).toEqual([]);
  });
});

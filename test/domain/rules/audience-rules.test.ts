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
    ['loyal', /reward and retain/i, 'audience_segment'],
    ['competitor-loyal', /reason to switch/i, 'main_competitor'],
    ['switcher', /incentives/i, 'audience_segment'],
    ['new-to-category', /sell the category/i, 'audience_segment'],
  ] as const)('gives %s audiences their own advice', (segment, advice, questionId) => {
    const finding = onlyFinding('SEGMENT-STRATEGY', withAudience({ segment }));
    expect(finding.severity).toBe('tip');
    expect(finding.fix).toMatch(advice);
    expect(finding.questionId).toBe(questionId);
  });

  it('is silent when the segment is unknown', () => {
    expect(findingsOf('SEGMENT-STRATEGY', withAudience({ segment: undefined }))).toEqual([]);
  });

  it('names the rival a competitor-loyal audience must switch from', () => {
    const finding = onlyFinding('SEGMENT-STRATEGY', withAudience({ segment: 'competitor-loyal', competitor: ' Oriental Leaf ' }));
    expect(finding.problem).toBe('Your audience is loyal to a competitor: Oriental Leaf.');
    expect(finding.fix).toBe(
      'Differentiate from Oriental Leaf and give a reason to switch: show what you do better than Oriental Leaf, with proof, and make trying you easy.',
    );
    expect(finding.questionId).toBe('audience_segment');
  });

  it('asks for the rival when a competitor-loyal audience has none named (or a blank one)', () => {
    for (const competitor of [undefined, '  ']) {
      const finding = onlyFinding('SEGMENT-STRATEGY', withAudience({ segment: 'competitor-loyal', competitor }));
      expect(finding.severity).toBe('tip');
      expect(finding.problem).toBe('Your audience is loyal to a competitor, and the plan does not say which.');
      expect(finding.fix).toMatch(/reason to switch.*Name the brand they buy now \("change main competitor"\)/);
      expect(finding.questionId).toBe('main_competitor');
    }
  });

  it('leaves the rival out of the advice for other segments', () => {
    const finding = onlyFinding('SEGMENT-STRATEGY', withAudience({ segment: 'switcher', competitor: 'Oriental Leaf' }));
    expect(`${finding.problem} ${finding.fix}`).not.toContain('Oriental Leaf');
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

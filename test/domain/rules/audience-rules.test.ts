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
    expect(finding.problem).toContain('description, behaviour segment, or buying stage');
  });
});

describe('AUDIENCE-EVERYONE', () => {
  it.each(['Everyone', 'anyone.', 'The general public', 'all consumers in China', '所有人'])('warns about an audience of "%s"', (description) => {
    const finding = onlyFinding('AUDIENCE-EVERYONE', withAudience({ description }));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('no one in particular');
    expect(finding.questionId).toBe('audience_description');
  });

  it.each(['Everyone who drinks bottled tea at work', 'All-day coffee drinkers in Shanghai', 'People aged 25–35 who buy tea online'])(
    'accepts an audience that names someone: "%s"',
    (description) => {
      expect(findingsOf('AUDIENCE-EVERYONE', withAudience({ description }))).toEqual([]);
    },
  );
});

describe('SEGMENT-STAGE-OBJECTIVE', () => {
  it('passes when segment, stage and objective agree', () => {
    expect(findingsOf('SEGMENT-STAGE-OBJECTIVE', sampleDraft())).toEqual([]);
    expect(findingsOf('SEGMENT-STAGE-OBJECTIVE', { ...withAudience({ segment: 'loyal', stage: 'post-purchase' }), primaryObjective: 'purchase-intention' })).toEqual([]);
  });

  it('warns about loyal customers at need recognition with a category-demand objective, giving both reasons', () => {
    const draft = { ...withAudience({ segment: 'loyal', stage: 'need-recognition' }), primaryObjective: 'category-demand' as const };
    const finding = onlyFinding('SEGMENT-STAGE-OBJECTIVE', draft);
    expect(finding.problem).toBe(
      'The audience is loyal to our brand at need recognition with a category demand objective, but loyal customers already buy from you, so they are past recognising the need and loyal customers already buy the category, so there is no category demand to create.',
    );
    expect(finding.questionId).toBe('audience_stage');
  });

  it('warns about an awareness objective for loyal customers, pointing at the objective', () => {
    const draft = { ...withAudience({ segment: 'loyal', stage: 'evaluation' }), primaryObjective: 'brand-awareness' as const };
    expect(onlyFinding('SEGMENT-STAGE-OBJECTIVE', draft).questionId).toBe('primary_objective');
  });

  it('warns about people new to the category after a purchase', () => {
    expect(onlyFinding('SEGMENT-STAGE-OBJECTIVE', withAudience({ segment: 'new-to-category', stage: 'post-purchase' })).problem).toContain('have not bought it');
  });
});

describe('SEGMENT-STRATEGY: tips only where the plan departs from the segment\'s strategy', () => {
  it('is silent for a plan that follows the advice', () => {
    expect(findingsOf('SEGMENT-STRATEGY', sampleDraft())).toEqual([]);
  });

  it('tells a loyal-customer plan without any follow-up after the purchase to reward and retain', () => {
    const finding = onlyFinding('SEGMENT-STRATEGY', withAudience({ segment: 'loyal' }));
    expect(finding.severity).toBe('tip');
    expect(finding.fix).toMatch(/reward and retain/i);
    const keeping = { ...withAudience({ segment: 'loyal' }), goals: [{ metric: 'repeat-rate' as const, unit: 'percent' as const, baseline: 0.2, target: 0.3, direction: 'increase' as const, deadline: '2027-04-30' }] };
    expect(findingsOf('SEGMENT-STRATEGY', keeping)).toEqual([]);
  });

  it('asks a competitor-loyal plan which rival, then for a reason to switch from it only when it gives none', () => {
    const unnamed = onlyFinding('SEGMENT-STRATEGY', withAudience({ segment: 'competitor-loyal' }));
    expect(unnamed).toMatchObject({ questionId: 'main_competitor', problem: 'Your audience is loyal to a competitor, and the plan does not say which.' });
    const named = withAudience({ segment: 'competitor-loyal', competitor: 'Blue Bottle' });
    expect(findingsOf('SEGMENT-STRATEGY', named)).toEqual([]);
    const noProof = { ...named, message: { ...sampleDraft().message!, reasonToBelieve: undefined } };
    const finding = onlyFinding('SEGMENT-STRATEGY', noProof);
    expect(finding.problem).toBe('Your audience is loyal to Blue Bottle, but the plan gives them no proof of what you do better.');
    expect(finding.fix).toMatch(/reason to switch.*Blue Bottle|Blue Bottle.*reason to switch/i);
    expect(onlyFinding('SEGMENT-STRATEGY', { ...named, messageType: 'incentive' }).questionId).toBe('proposition');
  });

  it('suggests an incentive to switchers only where the journey reaches the purchase, so it never contradicts MESSAGE-STAGE-FIT', () => {
    const brandOnly = { ...sampleDraft(), messageType: 'brand' as const };
    expect(onlyFinding('SEGMENT-STRATEGY', brandOnly).fix).toMatch(/incentive at the purchase decision/i);
    const early = { ...brandOnly, audience: { ...brandOnly.audience!, stage: 'information-search' as const }, journey: ['information-search'] as PlanDraft['journey'] };
    expect(findingsOf('SEGMENT-STRATEGY', early)).toEqual([]);
    expect(findingsOf('MESSAGE-STAGE-FIT', early)).toEqual([]);
    expect(findingsOf('INCENTIVE-FIT', early)).toEqual([]);
  });

  it('tells a plan for newcomers to sell the category only when category demand is not an objective', () => {
    expect(onlyFinding('SEGMENT-STRATEGY', withAudience({ segment: 'new-to-category' })).fix).toMatch(/sell the category/i);
    const category = { ...withAudience({ segment: 'new-to-category' }), secondaryObjectives: ['category-demand' as const] };
    expect(findingsOf('SEGMENT-STRATEGY', category)).toEqual([]);
  });

  it('is silent when the segment is unknown', () => {
    expect(findingsOf('SEGMENT-STRATEGY', withAudience({ segment: undefined }))).toEqual([]);
  });

  it('names the rival a competitor-loyal audience must switch from, when the plan gives no proof against it', () => {
    const draft = { ...withAudience({ segment: 'competitor-loyal', competitor: ' Oriental Leaf ' }), message: { insightMethods: [], proposition: 'Calmer tea' } };
    const finding = onlyFinding('SEGMENT-STRATEGY', draft);
    expect(finding.problem).toBe('Your audience is loyal to Oriental Leaf, but the plan gives them no proof of what you do better.');
    expect(finding.fix).toBe(
      'Differentiate from Oriental Leaf and give a reason to switch: show what you do better than Oriental Leaf and why it is true (`change proposition`: "… because …"), and make trying you easy.',
    );
    expect(finding.questionId).toBe('proposition');
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
    const finding = onlyFinding('SEGMENT-STRATEGY', { ...withAudience({ segment: 'switcher', competitor: 'Oriental Leaf' }), messageType: 'brand' });
    expect(`${finding.problem} ${finding.fix}`).not.toContain('Oriental Leaf');
  });
});

describe('APPEAL-FIT: tips only where the appeal departs from involvement and motivation', () => {
  it('asks a high-involvement plan without a reason to believe for believable proof', () => {
    const draft = { ...withAudience({ involvement: 'high', motivation: 'informational' }), message: { insightMethods: [], proposition: 'Cleaner books' } };
    const finding = onlyFinding('APPEAL-FIT', draft);
    expect(finding.severity).toBe('tip');
    expect(finding.fix).toMatch(/proof/);
    expect(finding.fix).toMatch(/problem your product removes/);
    expect(finding.questionId).toBe('proposition');
  });

  it('is silent for a high-involvement plan that gives its proof', () => {
    expect(findingsOf('APPEAL-FIT', withAudience({ involvement: 'high', motivation: 'informational' }))).toEqual([]);
  });

  it('asks a low-involvement plan that lists many benefits for one or two, repeated', () => {
    const many = { ...sampleDraft(), message: { ...sampleDraft().message!, proposition: 'Smooth, fresh, cheap and local' } };
    const finding = onlyFinding('APPEAL-FIT', many);
    expect(finding.fix).toMatch(/one or two benefits/);
    expect(finding.fix).toMatch(/feeling/);
    expect(findingsOf('APPEAL-FIT', sampleDraft())).toEqual([]);
  });

  it('still advises on involvement when the motivation is unknown', () => {
    const draft = { ...withAudience({ involvement: 'high', motivation: undefined }), message: undefined };
    expect(onlyFinding('APPEAL-FIT', draft).fix).not.toMatch(/feeling|problem your product/);
  });

  it('is silent when the involvement is unknown', () => {
    expect(findingsOf('APPEAL-FIT', withAudience({ involvement: undefined }))).toEqual([]);
  });
});

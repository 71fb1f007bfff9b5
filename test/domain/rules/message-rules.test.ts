import { describe, expect, it } from 'vitest';
import type { PlanDraft, Stage } from '../../../src/domain/plan/plan.js';
import { countSentences, countWords } from '../../../src/domain/rules/message-rules.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

/** The sample plan aimed at another stage, with channels left as they are. */
function atStage(stage: Stage, change: Partial<PlanDraft> = {}): PlanDraft {
  const draft = sampleDraft();
  return { ...draft, ...change, audience: { ...draft.audience!, stage } };
}

describe('CONCEPT-ONE-LINE', () => {
  it('passes for a one-sentence concept', () => {
    expect(findingsOf('CONCEPT-ONE-LINE', sampleDraft())).toEqual([]);
  });

  it.each([undefined, '', '   \n '])('blocks a plan without a concept (%j)', (concept) => {
    const finding = onlyFinding('CONCEPT-ONE-LINE', { ...sampleDraft(), concept });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('no core concept');
    expect(finding.questionId).toBe('concept');
  });

  it('warns about a concept of several sentences, counting them', () => {
    const concept = 'Spring in every sip. Smooth oat milk. Made for your day!';
    const finding = onlyFinding('CONCEPT-ONE-LINE', { ...sampleDraft(), concept });
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('3 sentences');
  });

  it('warns about a long concept, counting the words', () => {
    const concept = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(onlyFinding('CONCEPT-ONE-LINE', { ...sampleDraft(), concept }).problem).toContain('30 words');
  });

  it('counts words in Chinese, which has no spaces', () => {
    expect(countWords('春天的每一口')).toBe(3);
    expect(countWords("Spring's oat-milk cold brew, 2.5 times smoother")).toBe(7);
  });

  it('does not split sentences at decimals or trailing stops', () => {
    expect(countSentences('Now 2.5 times smoother.')).toBe(1);
    expect(countSentences('春天来了。每一口都清爽。')).toBe(2);
    expect(countSentences('One line\nand another')).toBe(2);
  });
});

describe('MESSAGE-STAGE-FIT', () => {
  /** A plan made before contact plans: judged on its audience stage and journey alone. */
  function planOnly(stage: Stage, change: Partial<PlanDraft> = {}): PlanDraft {
    return { ...atStage(stage, change), journey: [stage], contactPlan: [], incentive: undefined };
  }

  it('passes for brand plus incentive offered at the purchase decision', () => {
    expect(findingsOf('MESSAGE-STAGE-FIT', sampleDraft())).toEqual([]);
  });

  it('warns about an incentive aimed at information search, leaving need recognition to INCENTIVE-FIT', () => {
    const finding = onlyFinding('MESSAGE-STAGE-FIT', planOnly('information-search', { messageType: 'incentive' }));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('information search');
    expect(finding.questionId).toBe('message_type');
    const early = planOnly('need-recognition', { messageType: 'incentive' });
    expect(findingsOf('MESSAGE-STAGE-FIT', early)).toEqual([]);
    expect(findingsOf('INCENTIVE-FIT', early)).toHaveLength(1);
  });

  it('names the contact-plan row that offers the incentive at information search', () => {
    const draft = sampleDraft();
    const rows = draft.contactPlan.map((row, index) => (index === 0 ? { ...row, stage: 'information-search' as const, usesIncentive: true } : row));
    const finding = onlyFinding('MESSAGE-STAGE-FIT', { ...draft, journey: ['information-search', 'evaluation', 'purchase-decision'], contactPlan: rows });
    expect(finding.problem).toContain('(row 1)');
    expect(finding.questionId).toBe('contact_plan');
  });

  it('accepts an offer when the journey goes on to the purchase, where the offer is made', () => {
    const draft = { ...planOnly('information-search', { messageType: 'both' }), journey: ['information-search', 'evaluation', 'purchase-decision'] as PlanDraft['journey'] };
    expect(findingsOf('MESSAGE-STAGE-FIT', draft)).toEqual([]);
  });

  it('accepts a brand message for early stages', () => {
    expect(findingsOf('MESSAGE-STAGE-FIT', planOnly('need-recognition', { messageType: 'brand' }))).toEqual([]);
  });

  it('warns when buyers ready to decide get a brand message with no call to action', () => {
    const finding = onlyFinding('MESSAGE-STAGE-FIT', planOnly('purchase-decision', { messageType: 'brand', callToAction: false }));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('no incentive or call to action');
    expect(finding.questionId).toBe('call_to_action');
  });

  it('leaves the purchase rows of a contact plan to JOURNEY-COVERAGE', () => {
    const draft = sampleDraft();
    const bare = { ...draft, messageType: 'brand' as const, callToAction: false, contactPlan: draft.contactPlan.map((row) => ({ ...row, callToAction: false, usesIncentive: false })) };
    expect(findingsOf('MESSAGE-STAGE-FIT', bare)).toEqual([]);
    expect(findingsOf('JOURNEY-COVERAGE', bare)).toHaveLength(1);
  });

  it('accepts a brand message with a call to action at the decision stage', () => {
    expect(findingsOf('MESSAGE-STAGE-FIT', planOnly('purchase-decision', { messageType: 'brand', callToAction: true }))).toEqual([]);
  });
});

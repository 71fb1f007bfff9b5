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
  it('passes for brand plus incentive at evaluation', () => {
    expect(findingsOf('MESSAGE-STAGE-FIT', sampleDraft())).toEqual([]);
  });

  it.each(['need-recognition', 'information-search'] as const)('warns about incentives aimed at %s', (stage) => {
    const finding = onlyFinding('MESSAGE-STAGE-FIT', atStage(stage, { messageType: 'incentive' }));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain(stage.replace('-', ' '));
    expect(finding.questionId).toBe('message_type');
  });

  it('accepts a brand message for early stages', () => {
    expect(findingsOf('MESSAGE-STAGE-FIT', atStage('need-recognition', { messageType: 'brand' }))).toEqual([]);
  });

  it('warns when buyers ready to decide get a brand message with no call to action', () => {
    const draft = atStage('purchase-decision', { messageType: 'brand', callToAction: false });
    const finding = onlyFinding('MESSAGE-STAGE-FIT', draft);
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain('no incentive or call to action');
    expect(finding.questionId).toBe('call_to_action');
  });

  it('accepts a brand message with a call to action at the decision stage', () => {
    const draft = atStage('purchase-decision', { messageType: 'brand', callToAction: true });
    expect(findingsOf('MESSAGE-STAGE-FIT', draft)).toEqual([]);
  });
});

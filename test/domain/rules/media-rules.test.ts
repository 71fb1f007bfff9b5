import { describe, expect, it } from 'vitest';
import type { Channel, PlanDraft } from '../../../src/domain/plan/plan.js';
import { sampleChannels, sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

/** The sample plan using only the sample channels that pass the filter. */
function withChannels(keep: (channel: Channel) => boolean): PlanDraft {
  return { ...sampleDraft(), channels: sampleChannels().filter(keep) };
}

/** The sample judged on its audience's stage alone (a one-stage journey). */
function atEvaluation(channels: Channel[]): PlanDraft {
  return { ...sampleDraft(), journey: ['evaluation'], channels };
}

const outdoor: Channel = { id: 'paid-outdoor', name: 'Outdoor', media: 'paid', stages: ['need-recognition'] };
const tv: Channel = { id: 'paid-tv', name: 'TV', media: 'paid', stages: ['need-recognition'] };

describe('MEDIA-MIX', () => {
  it('passes for owned, paid and earned together', () => {
    expect(findingsOf('MEDIA-MIX', sampleDraft())).toEqual([]);
  });

  it('passes for owned and earned without paid', () => {
    expect(findingsOf('MEDIA-MIX', withChannels((c) => c.media !== 'paid'))).toEqual([]);
  });

  it('warns about a paid-only plan: one media type and no owned channel', () => {
    const finding = onlyFinding('MEDIA-MIX', withChannels((c) => c.media === 'paid'));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toBe('The channels use only paid media and there is no owned channel.');
    expect(finding.questionId).toBe('channels');
  });

  it('warns about paid and earned without an owned channel', () => {
    const finding = onlyFinding('MEDIA-MIX', withChannels((c) => c.media !== 'owned'));
    expect(finding.problem).toBe('There is no owned channel.');
  });

  it('warns about an owned-only plan', () => {
    expect(onlyFinding('MEDIA-MIX', withChannels((c) => c.media === 'owned')).problem).toContain('only owned media');
  });

  it('leaves a plan without channels to CHANNEL-STAGE-FIT', () => {
    expect(findingsOf('MEDIA-MIX', { ...sampleDraft(), channels: [] })).toEqual([]);
  });
});

describe('CHANNEL-STAGE-FIT', () => {
  it('passes when every channel reaches the audience stage', () => {
    expect(findingsOf('CHANNEL-STAGE-FIT', sampleDraft())).toEqual([]);
  });

  it('blocks a plan without channels', () => {
    const finding = onlyFinding('CHANNEL-STAGE-FIT', { ...sampleDraft(), channels: [] });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('No channels');
  });

  it('blocks a plan whose channels all miss the stage, naming them', () => {
    const finding = onlyFinding('CHANNEL-STAGE-FIT', atEvaluation([outdoor, tv]));
    expect(finding.severity).toBe('error');
    expect(finding.problem).toBe('None of your channels (Outdoor and TV) reaches people at evaluation of alternatives.');
    expect(finding.fix).toBe('Add a channel that reaches evaluation of alternatives, such as Reviews and word of mouth, Paid influencers (KOL), Brand live streams and live commerce, or Sampling and free trials.');
  });

  it('warns about the channels that miss the stage, naming only those', () => {
    const finding = onlyFinding('CHANNEL-STAGE-FIT', atEvaluation([...sampleChannels(), outdoor, tv]));
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toBe('Outdoor and TV do not reach people at evaluation of alternatives.');
    expect(finding.questionId).toBe('channels');
  });

  it('uses the singular for one off-stage channel', () => {
    const finding = onlyFinding('CHANNEL-STAGE-FIT', atEvaluation([...sampleChannels(), tv]));
    expect(finding.problem).toBe('TV does not reach people at evaluation of alternatives.');
  });

  it('treats a malformed channel without stages as off-stage instead of throwing', () => {
    const broken = { id: 'x', name: 'Mystery channel', media: 'owned' } as unknown as Channel;
    const finding = onlyFinding('CHANNEL-STAGE-FIT', { ...sampleDraft(), channels: [...sampleChannels(), broken] });
    expect(finding.problem).toContain('Mystery channel');
  });
});

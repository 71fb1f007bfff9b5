import { describe, expect, it } from 'vitest';
import { proposeContactPlan } from '../../../src/domain/contact/contact-plan.js';
import type { PlanDraft, Touchpoint } from '../../../src/domain/plan/plan.js';
import { evaluatePlan } from '../../../src/domain/rules/index.js';
import { b2bEvaluationNurture, channelsById, double11LiveCommerce, newCategoryOnDouyin, prOnlyAtPurchase, withProposedContacts } from '../../fixtures/full-funnel.js';
import { SAMPLE_LABELS, SAMPLE_TODAY, sampleDraft } from '../../fixtures/plans.js';
import { CATALOGUE, findingsOf, onlyFinding } from './check-rule.js';
import { problemOf, wordsOf } from '../../support/finding-words.js';

/** The sample with one row of its contact plan changed. */
function withRow(index: number, change: Partial<Touchpoint>, draft: PlanDraft = sampleDraft()): PlanDraft {
  return { ...draft, contactPlan: draft.contactPlan.map((row, i) => (i === index ? { ...row, ...change } : row)) };
}

const FULL_FUNNEL = [
  ['a new category sold on Douyin with a store', newCategoryOnDouyin],
  ['a Double 11 plan with live commerce', double11LiveCommerce],
  ['a B2B evaluation plan with email nurture', b2bEvaluationNurture],
] as const;

describe('CHANNEL-STAGE-FIT, judged per row against the journey', () => {
  it.each(FULL_FUNNEL)('gives %s no off-stage warning', (_name, build) => {
    const draft = build();
    expect(draft.contactPlan.length).toBeGreaterThanOrEqual(draft.channels.length);
    expect(findingsOf('CHANNEL-STAGE-FIT', draft)).toEqual([]);
    expect(findingsOf('JOURNEY-COVERAGE', draft)).toEqual([]);
  });

  it.each(FULL_FUNNEL)('gives %s no warning or error from any rule: the stage, message, incentive and budget rules agree with the journey', (_name, build) => {
    const findings = evaluatePlan(build(), { today: SAMPLE_TODAY, labels: SAMPLE_LABELS, catalogue: CATALOGUE });
    expect(findings.filter((f) => f.severity !== 'tip').map((f) => `${f.rule}: ${problemOf(f)}`)).toEqual([]);
  });

  it.each(FULL_FUNNEL)('would have warned about %s when judged, as before, on the current stage alone and the B2C stages', (_name, build) => {
    const draft = build();
    const oneStage = withProposedContacts({ ...draft, journey: [draft.audience!.stage!], businessModel: 'b2c' });
    expect(findingsOf('CHANNEL-STAGE-FIT', oneStage).map((f) => f.severity)).toContain('warning');
  });

  it('judges B2B channels by their B2B stages: email nurture and LinkedIn ads reach evaluation there, not in B2C', () => {
    const b2b = b2bEvaluationNurture();
    expect(findingsOf('CHANNEL-STAGE-FIT', b2b)).toEqual([]);
    const asB2c = withProposedContacts({ ...b2b, businessModel: 'b2c', journey: ['evaluation'] });
    expect(onlyFinding('CHANNEL-STAGE-FIT', asB2c).problem).toMatch(/^Email and CRM, Webinars.*LinkedIn ads.* do not reach people at evaluation|LinkedIn ads/);
  });

  it('still blocks a PR-only plan aimed at the purchase decision, recommending catalogue channels', () => {
    const finding = onlyFinding('CHANNEL-STAGE-FIT', prOnlyAtPurchase());
    expect(finding.severity).toBe('error');
    expect(finding.problem).toBe('None of your channels (Press coverage (PR)) reaches people at purchase decision.');
    expect(finding.fix).toBe(
      'Add a channel that reaches purchase decision, such as Search ads, E-commerce platform ads (Tmall, JD, Amazon), Programmatic display (DSP) and retargeting, or KOL live commerce (Douyin, Taobao Live).',
    );
  });

  it('never recommends a channel the catalogue lacks, and without a catalogue names none', () => {
    const names = CATALOGUE.map((c) => c.name).sort((a, b) => b.length - a.length);
    for (const draft of [prOnlyAtPurchase(), { ...prOnlyAtPurchase(), businessModel: 'b2b' as const }]) {
      const fix = onlyFinding('CHANNEL-STAGE-FIT', draft).fix;
      let rest = fix.replace(/^.*such as /, '').replace(/\.$/, '');
      for (const name of names) rest = rest.split(name).join('');
      expect(rest, fix).toMatch(/^(?:, |,? or )*$/);
      expect(fix).not.toMatch(/promotions/i);
    }
    const bare = evaluatePlan(prOnlyAtPurchase(), { today: SAMPLE_TODAY, labels: SAMPLE_LABELS }).find((f) => f.rule === 'CHANNEL-STAGE-FIT');
    expect(bare && wordsOf(bare).fix).toBe('Add a channel that reaches purchase decision: each channel in the list shows the stages it reaches.');
  });

  it('warns about a channel no stage of the journey fits, naming it and the journey', () => {
    const draft = withProposedContacts({ ...sampleDraft(), channels: [...sampleDraft().channels, ...channelsById(['paid-tv'])] });
    const finding = onlyFinding('CHANNEL-STAGE-FIT', draft);
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toBe('TV does not reach people at any stage of the journey (evaluation of alternatives or purchase decision).');
    expect(finding.questionId).toBe('channels');
  });

  it('warns about a row that puts its channel at a stage it does not reach, though another stage of the journey fits', () => {
    const draft = sampleDraft();
    const index = draft.contactPlan.findIndex((row) => row.channelId === 'earned-reviews');
    const finding = onlyFinding('CHANNEL-STAGE-FIT', withRow(index, { stage: 'purchase-decision', authored: ['stage'] }, draft));
    expect(finding.problem).toBe(
      `Row ${index + 1} puts Reviews and word of mouth at purchase decision, which it does not reach (it reaches evaluation of alternatives).`,
    );
    expect(finding.fix).toContain(`change row ${index + 1}`);
    expect(finding.questionId).toBe('contact_plan');
  });
});

describe('JOURNEY-COVERAGE', () => {
  it('passes when every stage has a touchpoint and the purchase carries a call to action or the offer', () => {
    expect(findingsOf('JOURNEY-COVERAGE', sampleDraft())).toEqual([]);
  });

  it('names a stage of the journey with no touchpoint, and who could serve it', () => {
    const draft = { ...sampleDraft(), journey: ['evaluation', 'purchase-decision', 'post-purchase'] as PlanDraft['journey'] };
    const finding = onlyFinding('JOURNEY-COVERAGE', draft);
    expect(finding.problem).toBe('No touchpoint reaches the audience at post-purchase, a stage of its journey.');
    expect(finding.fix).toMatch(/add row.*post-purchase.*WeChat official account and mini program/);
  });

  it('recommends catalogue channels when none of the chosen ones reaches the uncovered stage', () => {
    const draft = { ...sampleDraft(), journey: ['need-recognition', 'evaluation', 'purchase-decision'] as PlanDraft['journey'], channels: channelsById(['owned-website', 'paid-search-ads', 'earned-reviews']) };
    const finding = onlyFinding('JOURNEY-COVERAGE', withProposedContacts(draft));
    expect(finding.fix).toContain('such as Short-video ads (Douyin, Kuaishou, TikTok, Reels)');
  });

  it('warns when no purchase-stage row carries a call to action or the incentive', () => {
    const draft = sampleDraft();
    const bare = { ...draft, contactPlan: draft.contactPlan.map((row) => ({ ...row, callToAction: false, usesIncentive: false })) };
    const finding = onlyFinding('JOURNEY-COVERAGE', bare);
    expect(finding.problem).toMatch(/^At the purchase decision, no touchpoint \(rows? [\d, and]+\) carries a call to action or the incentive\.$/);
    expect(finding.fix).toContain('cta: yes');
  });

  it('leaves a plan made before contact plans to the other rules', () => {
    expect(findingsOf('JOURNEY-COVERAGE', { ...sampleDraft(), contactPlan: [] })).toEqual([]);
  });
});

describe('ONE-VOICE', () => {
  it('passes for proposed rows and for a message rewritten in its own words that keeps the concept', () => {
    expect(findingsOf('ONE-VOICE', sampleDraft())).toEqual([]);
    const rewritten = withRow(0, { message: 'Cold brew as smooth as spring mornings, side by side with your usual', authored: ['message'] });
    expect(findingsOf('ONE-VOICE', rewritten)).toEqual([]);
  });

  it('names rows that say something else and rows with no message', () => {
    const draft = withRow(2, { message: '' }, withRow(0, { message: '50 % off this week only', authored: ['message'] }));
    const finding = onlyFinding('ONE-VOICE', draft);
    const names = (i: number) => draft.channels.find((c) => c.id === draft.contactPlan[i]?.channelId)?.name;
    expect(finding.problem).toBe(`Row 3 (${names(2)}) has no message and row 1 (${names(0)}) says something other than the core concept.`);
    expect(finding.fix).toContain('“Spring in every sip: smooth oat-milk cold brew that keeps pace with your day.”');
    expect(finding.questionId).toBe('contact_plan');
  });

  it('judges Chinese messages by shared character pairs', () => {
    const zh = { ...sampleDraft(), concept: '春天的每一口冷萃' };
    const rows = zh.contactPlan.map((row) => ({ ...row, message: '春天喝冷萃，清爽一整天' }));
    expect(findingsOf('ONE-VOICE', { ...zh, contactPlan: rows })).toEqual([]);
    expect(findingsOf('ONE-VOICE', { ...zh, contactPlan: rows.map((row) => ({ ...row, message: '双十一全场五折' })) })).toHaveLength(1);
  });

  it('leaves a plan without a concept to CONCEPT-ONE-LINE', () => {
    expect(findingsOf('ONE-VOICE', { ...sampleDraft(), concept: '' })).toEqual([]);
  });
});

describe('INCENTIVE-FIT', () => {
  it('passes for an offer at the purchase decision with a purchase-intention objective', () => {
    expect(findingsOf('INCENTIVE-FIT', sampleDraft())).toEqual([]);
  });

  it.each(['brand-awareness', 'brand-attitude'] as const)('warns about an incentive-only message for %s', (objective) => {
    const finding = onlyFinding('INCENTIVE-FIT', { ...sampleDraft(), messageType: 'incentive', primaryObjective: objective });
    expect(finding.problem).toContain('incentive only');
    expect(finding.questionId).toBe('message_type');
  });

  it('accepts a brand message with an offer for brand objectives, and an incentive-only purchase plan', () => {
    expect(findingsOf('INCENTIVE-FIT', { ...sampleDraft(), messageType: 'both', primaryObjective: 'brand-attitude' })).toEqual([]);
    expect(findingsOf('INCENTIVE-FIT', { ...sampleDraft(), messageType: 'incentive' })).toEqual([]);
  });

  it('warns about a row that offers the incentive at need recognition', () => {
    const draft = withProposedContacts({
      ...sampleDraft(),
      journey: ['need-recognition', 'evaluation', 'purchase-decision'],
      channels: [...sampleDraft().channels, ...channelsById(['paid-outdoor'])],
    });
    const index = draft.contactPlan.findIndex((row) => row.stage === 'need-recognition');
    expect(findingsOf('INCENTIVE-FIT', draft)).toEqual([]);
    const finding = onlyFinding('INCENTIVE-FIT', withRow(index, { usesIncentive: true, authored: ['usesIncentive'] }, draft));
    expect(finding.problem).toBe(`The incentive is offered at need recognition (row ${index + 1}), to people who are not shopping yet.`);
    expect(finding.fix).toContain('incentive: no');
  });

  it('warns about an offer in a journey that never reaches the purchase', () => {
    const { incentive: _placed, ...unplaced } = sampleDraft();
    const draft = { ...unplaced, audience: { ...unplaced.audience!, stage: 'need-recognition' as const }, journey: ['need-recognition'] as PlanDraft['journey'], contactPlan: [] };
    expect(onlyFinding('INCENTIVE-FIT', draft).questionId).toBe('message_type');
  });
});

describe('the proposal', () => {
  it('gives every chosen channel a row and every reachable journey stage a touchpoint', () => {
    for (const [, build] of FULL_FUNNEL) {
      const draft = build();
      for (const channel of draft.channels) expect(draft.contactPlan.some((row) => row.channelId === channel.id), channel.id).toBe(true);
      for (const stage of draft.journey) expect(draft.contactPlan.some((row) => row.stage === stage), stage).toBe(true);
    }
  });

  it('is empty without a journey or channels', () => {
    const inputs = { journey: [], businessModel: 'b2c' as const, channels: sampleDraft().channels, concept: 'x', messageType: 'brand' as const, callToAction: true };
    expect(proposeContactPlan(inputs)).toEqual([]);
    expect(proposeContactPlan({ ...inputs, journey: ['evaluation'], channels: [] })).toEqual([]);
  });
});

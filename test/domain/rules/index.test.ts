import { describe, expect, it } from 'vitest';
import { PlanDraftSchema, PlanSchema, SEVERITIES, type Finding, type PlanDraft } from '../../../src/domain/plan/plan.js';
import { RULES, evaluatePlan, hasBlockingErrors } from '../../../src/domain/rules/index.js';
import { SAMPLE_LABELS, SAMPLE_SCRIPT, SAMPLE_TODAY, legacyDraft, sampleDraft } from '../../fixtures/plans.js';
import { wordsOf } from '../../support/finding-words.js';

const CATALOGUE = {
  'PROBLEM-KEY': 'error',
  'PROBLEM-NOT-COMMS': 'warning',
  'AUDIENCE-DEFINED': 'error',
  'AUDIENCE-EVERYONE': 'warning',
  'SEGMENT-STAGE-OBJECTIVE': 'warning',
  'OBJECTIVE-ONE-PRIMARY': 'error',
  'OBJECTIVE-MEASURABLE': 'error',
  'OBJECTIVE-KPI-FIT': 'warning',
  'OBJECTIVE-STAGE-FIT': 'warning',
  'GOAL-BEFORE-START': 'warning',
  'GOAL-REALISTIC': 'warning',
  'CONCEPT-ONE-LINE': 'error/warning',
  'MESSAGE-STAGE-FIT': 'warning',
  'SEGMENT-STRATEGY': 'tip',
  'APPEAL-FIT': 'tip',
  'MEDIA-MIX': 'warning',
  'CHANNEL-STAGE-FIT': 'error/warning',
  'JOURNEY-COVERAGE': 'warning',
  'ONE-VOICE': 'warning',
  'INCENTIVE-FIT': 'warning',
  'BUDGET-INPUTS': 'error',
  'BUDGET-ABSURD': 'error',
  'BUDGET-SHORTFALL': 'warning',
  'BUDGET-BASELINE': 'warning',
  'BUDGET-GOALS': 'warning',
  'BUDGET-BUYING': 'warning',
  'BUDGET-ROCI': 'warning',
  'CUSTOMER-VALUE': 'warning',
  'TIMELINE-ORDER': 'error',
  'REVIEW-SCHEDULED': 'error',
  'RESEARCH-INSIGHT': 'warning',
} as const;

/** The ids of the questions the bot asks: a rule may only point at those. */
const QUESTION_IDS = new Set(SAMPLE_SCRIPT.questions.map((question) => question.id));

const ctx = { today: SAMPLE_TODAY, labels: SAMPLE_LABELS, catalogue: SAMPLE_SCRIPT.catalogue };

/** A plan that breaks many rules at once, to see the ordering and the texts. */
function messyDraft(): PlanDraft {
  return {
    ...sampleDraft(),
    keyProblem: 'price',
    problems: ['price'],
    research: [],
    concept: undefined,
    message: undefined,
    journey: ['need-recognition'],
    contactPlan: [],
    audience: { description: 'Anyone', segment: 'loyal', stage: 'need-recognition', involvement: 'high' },
  };
}

describe('the rule catalogue', () => {
  it('holds every rule of the domain catalogue once, with its severity', () => {
    expect(Object.fromEntries(RULES.map((rule) => [rule.id, rule.severity]))).toEqual(CATALOGUE);
    expect(RULES).toHaveLength(Object.keys(CATALOGUE).length);
  });

  it('points every rule at stable question ids', () => {
    for (const rule of RULES) {
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.questionIds.length).toBeGreaterThan(0);
      for (const id of rule.questionIds) expect(QUESTION_IDS.has(id), `${rule.id} -> ${id}`).toBe(true);
    }
  });
});

describe('evaluatePlan', () => {
  it('finds nothing at all in the sample plan, which follows every piece of advice: tips speak only on departures', () => {
    expect(() => PlanSchema.parse(sampleDraft())).not.toThrow();
    const findings = evaluatePlan(sampleDraft(), ctx);
    expect(findings).toEqual([]);
    expect(hasBlockingErrors(findings)).toBe(false);
  });

  it('still judges a plan stored before journeys, message plans and contact plans, on its audience stage', () => {
    expect(evaluatePlan(legacyDraft(), ctx)).toEqual([]);
    // Judged on the audience's stage, an off-stage channel is still named.
    const tv = { id: 'paid-tv', name: 'TV', media: 'paid' as const, stages: ['need-recognition' as const] };
    const findings = evaluatePlan({ ...legacyDraft(), channels: [...legacyDraft().channels, tv] }, ctx);
    expect(findings.map((f) => [f.rule, wordsOf(f).problem])).toEqual([['CHANNEL-STAGE-FIT', 'TV does not reach people at evaluation of alternatives.']]);
  });

  it('gives an empty draft the errors a user must fix, without throwing', () => {
    const findings = evaluatePlan(PlanDraftSchema.parse({}), ctx);
    const errors = findings.filter((f) => f.severity === 'error').map((f) => f.rule);
    expect(errors).toEqual([
      'PROBLEM-KEY',
      'AUDIENCE-DEFINED',
      'OBJECTIVE-ONE-PRIMARY',
      'OBJECTIVE-MEASURABLE',
      'CONCEPT-ONE-LINE',
      'CHANNEL-STAGE-FIT',
      'BUDGET-INPUTS',
      'TIMELINE-ORDER',
      'REVIEW-SCHEDULED',
    ]);
    expect(hasBlockingErrors(findings)).toBe(true);
  });

  it('copes with drafts that skipped the schema: no lists, nulls, junk values', () => {
    const hostile = [
      {},
      { goals: undefined, channels: undefined, audience: { description: 42 } },
      { primaryObjective: 'purchase-intention', budget: { currency: 'CNY', funnel: null } },
      { audience: { stage: 'nowhere', segment: 'aliens', involvement: 'medium' }, channels: [{ name: 'X' }] },
      { goals: [{}], reviewDate: 'soon', startDate: '2027-1-1', concept: 123, primaryObjective: 'purchase-intention' },
    ] as unknown as PlanDraft[];
    for (const draft of hostile) {
      const findings = evaluatePlan(draft, ctx);
      expect(hasBlockingErrors(findings)).toBe(true);
      for (const f of findings) {
        for (const language of ['en', 'zh-CN'] as const) {
          const words = wordsOf(f, language);
          for (const text of [words.problem, words.principle, words.fix]) expect(text).not.toMatch(/undefined|NaN|\[object|\{\{/);
        }
      }
    }
  });

  it('sorts errors first, then warnings, then tips, keeping catalogue order within each', () => {
    const findings = evaluatePlan(messyDraft(), ctx);
    const ranks = findings.map((f) => SEVERITIES.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(findings.map((f) => f.rule)).toEqual([
      'CONCEPT-ONE-LINE',
      'PROBLEM-NOT-COMMS',
      'AUDIENCE-EVERYONE',
      'SEGMENT-STAGE-OBJECTIVE',
      'OBJECTIVE-STAGE-FIT',
      'CHANNEL-STAGE-FIT',
      'RESEARCH-INSIGHT',
      'SEGMENT-STRATEGY',
      'APPEAL-FIT',
    ]);
  });

  it('gives every finding a problem, a principle, a fix and a known question', () => {
    const all = [...evaluatePlan(messyDraft(), ctx), ...evaluatePlan(PlanDraftSchema.parse({}), ctx)];
    for (const f of all) {
      const words = wordsOf(f);
      expect(words.problem.trim()).not.toBe('');
      expect(words.principle.trim()).not.toBe('');
      expect(words.fix.trim()).not.toBe('');
      expect(QUESTION_IDS.has(f.questionId ?? '')).toBe(true);
    }
  });

  it('does not change the draft it judges', () => {
    const draft = messyDraft();
    const before = structuredClone(draft);
    evaluatePlan(draft, ctx);
    expect(draft).toEqual(before);
  });
});

describe('hasBlockingErrors', () => {
  const finding = (severity: Finding['severity']): Finding => ({ rule: 'X', id: 'x', severity, params: {} });

  it('is true only when an error is present', () => {
    expect(hasBlockingErrors([])).toBe(false);
    expect(hasBlockingErrors([finding('warning'), finding('tip')])).toBe(false);
    expect(hasBlockingErrors([finding('tip'), finding('error')])).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { journeyOf, proposeBusinessModel, proposeJourney } from '../../../src/domain/contact/journey.js';
import type { Goal, PlanDraft } from '../../../src/domain/plan/plan.js';
import { channelsById } from '../../fixtures/full-funnel.js';
import { sampleDraft } from '../../fixtures/plans.js';

const goal = (metric: Goal['metric']): Goal => ({ metric, unit: 'count', baseline: 1, target: 2, direction: 'increase', deadline: '2027-04-30' });

function draftWith(change: Partial<PlanDraft>, audience: Partial<NonNullable<PlanDraft['audience']>> = {}): PlanDraft {
  const draft = sampleDraft();
  return { ...draft, goals: [], ...change, audience: { ...draft.audience!, ...audience } };
}

describe('proposeJourney', () => {
  it('runs from the current stage to the stage the objective asks for', () => {
    expect(proposeJourney(draftWith({ primaryObjective: 'purchase-intention' }, { stage: 'evaluation' }))).toEqual(['evaluation', 'purchase-decision']);
    expect(proposeJourney(draftWith({ primaryObjective: 'brand-awareness' }, { stage: 'need-recognition' }))).toEqual(['need-recognition', 'information-search']);
    expect(proposeJourney(draftWith({ primaryObjective: 'brand-attitude' }, { stage: 'information-search', involvement: 'high' }))).toEqual(['information-search', 'evaluation']);
  });

  it('goes as far as a goal asks: orders mean the purchase, repeat rate the time after it', () => {
    const newCategory = draftWith({ primaryObjective: 'category-demand', goals: [goal('orders')] }, { stage: 'need-recognition', involvement: 'high' });
    expect(proposeJourney(newCategory)).toEqual(['need-recognition', 'information-search', 'evaluation', 'purchase-decision']);
    const repeat = draftWith({ primaryObjective: 'purchase-intention', goals: [goal('repeat-rate')] }, { stage: 'evaluation' });
    expect(proposeJourney(repeat)).toEqual(['evaluation', 'purchase-decision', 'post-purchase']);
  });

  it('passes over evaluation for a low-involvement purchase, but keeps it where the journey starts or ends', () => {
    const low = draftWith({ primaryObjective: 'category-demand', goals: [goal('orders')] }, { stage: 'need-recognition', involvement: 'low' });
    expect(proposeJourney(low)).toEqual(['need-recognition', 'information-search', 'purchase-decision']);
    expect(proposeJourney(draftWith({ primaryObjective: 'purchase-intention' }, { stage: 'evaluation', involvement: 'low' }))).toEqual(['evaluation', 'purchase-decision']);
  });

  it('keeps an audience where it is when the objective is behind it, or after the purchase', () => {
    expect(proposeJourney(draftWith({ primaryObjective: 'brand-awareness' }, { stage: 'purchase-decision' }))).toEqual(['purchase-decision']);
    expect(proposeJourney(draftWith({ primaryObjective: 'purchase-intention', goals: [goal('orders')] }, { stage: 'post-purchase' }))).toEqual(['post-purchase']);
  });

  it('proposes nothing until the stage is known, ignoring goals it does not know', () => {
    expect(proposeJourney(draftWith({}, { stage: undefined }))).toEqual([]);
    expect(proposeJourney(draftWith({ primaryObjective: 'brand-awareness', goals: [{ metric: 'nonsense' } as unknown as Goal] }, { stage: 'need-recognition' }))).toEqual([
      'need-recognition',
      'information-search',
    ]);
  });
});

describe('journeyOf', () => {
  it('puts a stored journey in stage order, and falls back to the audience stage for plans stored before journeys', () => {
    expect(journeyOf(draftWith({ journey: ['purchase-decision', 'evaluation'] }))).toEqual(['evaluation', 'purchase-decision']);
    expect(journeyOf(draftWith({ journey: [] }, { stage: 'evaluation' }))).toEqual(['evaluation']);
    expect(journeyOf(draftWith({ journey: [] }, { stage: undefined }))).toEqual([]);
  });
});

describe('proposeBusinessModel', () => {
  it('proposes B2B when the audience or problem speaks of businesses', () => {
    expect(proposeBusinessModel(draftWith({}, { description: 'IT managers at mid-sized manufacturers' }))).toBe('b2b');
    expect(proposeBusinessModel(draftWith({ problemStatement: 'Procurement teams shortlist our rivals first' }))).toBe('b2b');
    expect(proposeBusinessModel(draftWith({}, { description: '采购经理和企业财务' }))).toBe('b2b');
  });

  it('proposes B2B for an account-based channel, and B2C otherwise', () => {
    expect(proposeBusinessModel(draftWith({ channels: channelsById(['paid-abm']) }))).toBe('b2b');
    expect(proposeBusinessModel(sampleDraft())).toBe('b2c');
    // Whole words only: "companion" is not "companies", "accountants" is not "accounts".
    expect(proposeBusinessModel(draftWith({}, { description: 'Dog owners who want a companion on runs; accountants who jog' }))).toBe('b2c');
  });
});

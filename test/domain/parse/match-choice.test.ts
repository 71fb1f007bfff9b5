import { describe, expect, it } from 'vitest';
import { matchChoice, matchChoices } from '../../support/english-parsers.js';
import { labelOf, OBJECTIVES, PROBLEM_TYPES } from '../../../src/domain/plan/plan.js';
import { SAMPLE_LABELS } from '../../fixtures/plans.js';

const OBJECTIVE_CHOICES = OBJECTIVES.map((id) => ({ id, label: labelOf(SAMPLE_LABELS, 'objective', id) }));
const PROBLEM_CHOICES = PROBLEM_TYPES.map((id) => ({ id, label: labelOf(SAMPLE_LABELS, 'problem', id) }));
const MESSAGE_CHOICES = [
  { id: 'brand', label: 'Brand message' },
  { id: 'incentive', label: 'Incentive' },
  { id: 'both', label: 'Brand message and incentive' },
];

describe('matchChoice', () => {
  it.each([
    ['2', 'brand-awareness'],
    ['#3', 'brand-attitude'],
    ['option 4', 'purchase-intention'],
    ['awareness', 'brand-awareness'],
    ['Brand Awareness', 'brand-awareness'],
    ['brand aware', 'brand-awareness'],
    ['purchase-intention', 'purchase-intention'],
    ['category', 'category-demand'],
    ['  *Brand attitude*  ', 'brand-attitude'],
  ])('matches %s to %s', (text, id) => {
    expect(matchChoice(text, OBJECTIVE_CHOICES)).toMatchObject({ ok: true, value: id });
  });

  it('notes a match made from part of a name', () => {
    expect(matchChoice('aware', OBJECTIVE_CHOICES)).toEqual({
      ok: true,
      value: 'brand-awareness',
      note: 'Took `aware` to mean “Brand awareness”.',
    });
    expect(matchChoice('Brand awareness', OBJECTIVE_CHOICES)).toEqual({ ok: true, value: 'brand-awareness' });
  });

  it('prefers an exact name over a longer one it prefixes', () => {
    expect(matchChoice('brand message', MESSAGE_CHOICES)).toEqual({ ok: true, value: 'brand' });
  });

  it('lists the numbered options when the answer is ambiguous or unknown', () => {
    const ambiguous = matchChoice('brand', OBJECTIVE_CHOICES);
    expect(ambiguous).toMatchObject({ ok: false, error: expect.stringMatching(/more than one option/) });
    expect(!ambiguous.ok && ambiguous.error).toContain('1. Category demand\n2. Brand awareness');
    for (const text of ['9', '0', 'xyz', '!!!', '<!channel>', "' OR 1=1 --"]) {
      const result = matchChoice(text, OBJECTIVE_CHOICES);
      expect(result).toMatchObject({ ok: false, error: expect.stringContaining('4. Purchase intention') });
    }
  });
});

describe('matchChoices', () => {
  it.each([
    ['1, 3 and 5', ['market', 'product', 'price']],
    ['1 3 5', ['market', 'product', 'price']],
    ['brand & price', ['brand', 'price']],
    ['brand/price', ['brand', 'price']],
    ['market\nsales\n', ['market', 'sales']],
    ['price, market, price, 1', ['price', 'market']],
    ['channel', ['channel']],
  ])('matches %s', (text, ids) => {
    expect(matchChoices(text, PROBLEM_CHOICES)).toMatchObject({ ok: true, value: ids });
  });

  it('keeps a name that contains `and` whole', () => {
    expect(matchChoices('Brand message and incentive', MESSAGE_CHOICES)).toEqual({ ok: true, value: ['both'] });
    expect(matchChoices('brand message, incentive', MESSAGE_CHOICES)).toEqual({ ok: true, value: ['brand', 'incentive'] });
  });

  it('accepts `none` only when allowed', () => {
    expect(matchChoices('none', PROBLEM_CHOICES, { allowNone: true })).toEqual({ ok: true, value: [] });
    expect(matchChoices('None.', PROBLEM_CHOICES, { allowNone: true })).toEqual({ ok: true, value: [] });
    expect(matchChoices('none', PROBLEM_CHOICES)).toMatchObject({ ok: false, error: expect.stringMatching(/at least one/) });
  });

  it('rejects an unknown piece, naming it and listing options', () => {
    const result = matchChoices('market, weather', PROBLEM_CHOICES);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/`weather`[\s\S]*1\. Market/) });
    expect(matchChoices(', , ,', PROBLEM_CHOICES)).toMatchObject({ ok: false });
    expect(matchChoices('1,'.repeat(50_000), PROBLEM_CHOICES)).toMatchObject({ ok: false, error: expect.stringMatching(/too long/) });
  });
});

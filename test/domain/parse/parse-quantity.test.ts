import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../support/english-parsers.js';

describe('parseQuantity', () => {
  it.each([
    ['2,000,000', 2_000_000],
    ['2m', 2_000_000],
    ['2 million', 2_000_000],
    ['1.5k', 1_500],
    ['3', 3],
    ['3x', 3],
    ['3 times', 3],
    ['×3', 3],
    ['2.5', 2.5],
    ['0', 0],
  ])('reads %s as %d', (text, expected) => {
    expect(parseQuantity(text)).toEqual({ ok: true, value: expected });
  });

  it('enforces whole numbers when asked', () => {
    expect(parseQuantity('1.5k', { integer: true })).toEqual({ ok: true, value: 1500 });
    const result = parseQuantity('2.5', { integer: true, label: 'audience size' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/audience size must be a whole number.*`2,000,000`/) });
  });

  it('enforces the range, in the words and example given', () => {
    const low = parseQuantity('0', { min: 1, label: 'frequency', example: '3' });
    expect(low).toMatchObject({ ok: false, error: expect.stringMatching(/frequency must be at least 1.*`3`/) });
    const high = parseQuantity('50', { max: 20, label: 'frequency', example: '3' });
    expect(high).toMatchObject({ ok: false, error: expect.stringMatching(/at most 20.*`3`/) });
    expect(parseQuantity('-5')).toMatchObject({ ok: false, error: expect.stringMatching(/at least 0/) });
  });

  it.each(['abc', 'NaN', 'Infinity', '1e309', '9'.repeat(400), '<!channel>', '3 apples'])('rejects %s with an example', (text) => {
    const result = parseQuantity(text, { label: 'audience size' });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('`2,000,000`') });
  });

  it('rejects numbers beyond the safe integer range', () => {
    expect(parseQuantity('99999999999999999999')).toMatchObject({ ok: false, error: expect.stringMatching(/at most/) });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBudget, splitExactly } from '../../../src/domain/budget/budget.js';
import type { Channel, MediaType, Stage } from '../../../src/domain/plan/plan.js';
import { MEDIA_TYPES, STAGES } from '../../../src/domain/plan/plan.js';

function channel(id: string, media: MediaType, stages: Stage[]): Channel {
  return { id, name: id, media, stages };
}

const search = channel('paid-search-ads', 'paid', ['information-search', 'purchase-decision']);
const tv = channel('paid-tv', 'paid', ['need-recognition']);
const site = channel('owned-website', 'owned', ['evaluation']);
const press = channel('earned-press', 'earned', ['need-recognition', 'information-search']);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('splitExactly', () => {
  it('splits proportionally and hands leftovers to the largest remainders', () => {
    expect(splitExactly(100, [1, 1, 2])).toEqual([25, 25, 50]);
    // 7 / 3 = 2.33 each: the single leftover unit goes to the earliest.
    expect(splitExactly(7, [1, 1, 1])).toEqual([3, 2, 2]);
    // Quotas 1.4, 3.5, 2.1: the leftover goes to the .5.
    expect(splitExactly(7, [20, 50, 30])).toEqual([1, 4, 2]);
  });

  it.each([1, 7, 1_000_001, Number.MAX_SAFE_INTEGER])('adds up exactly for an awkward total of %d', (total) => {
    for (const weights of [[1, 1, 1], [6, 2, 1, 1, 0, 2, 6], [0.1, 0.2, 0.7], [3]]) {
      const parts = splitExactly(total, weights);
      expect(parts.reduce((a, b) => BigInt(a) + BigInt(b), 0n)).toBe(BigInt(total));
      expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
    }
  });

  it('gives zero-weight parts nothing', () => {
    expect(splitExactly(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(splitExactly(0, [0, 0])).toEqual([0, 0]);
    expect(splitExactly(0, [])).toEqual([]);
  });

  it('refuses splits that cannot add up', () => {
    expect(() => splitExactly(5, [])).toThrow(RangeError);
    expect(() => splitExactly(5, [0, 0])).toThrow(RangeError);
    expect(() => splitExactly(-1, [1])).toThrow(RangeError);
    expect(() => splitExactly(1.5, [1])).toThrow(RangeError);
    expect(() => splitExactly(5, [1, -1])).toThrow(RangeError);
    expect(() => splitExactly(5, [1, Number.NaN])).toThrow(RangeError);
  });
});

describe('allocateBudget', () => {
  it('keeps a 10 % reserve and favours paid channels that reach the stage', () => {
    const { reserve, allocations } = allocateBudget(1_000_000, [search, tv, site, press], 'purchase-decision', 0.1);
    expect(reserve).toBe(100_000);
    // Weights 6 (search on stage), 2 (TV off stage), 1 (owned), 0 (earned) over ¥9,000.
    expect(allocations.map((a) => [a.channelId, a.stageFit, a.amount])).toEqual([
      ['paid-search-ads', 'reaches-stage', 600_000],
      ['paid-tv', 'off-stage', 200_000],
      ['owned-website', 'off-stage', 100_000],
      ['earned-press', 'off-stage', 0],
    ]);
    expect(allocations[0]?.share).toBe(0.6);
  });

  it('keeps a row for earned media at zero', () => {
    const { allocations } = allocateBudget(1000, [press, search], 'information-search', 0.1);
    expect(allocations[0]).toMatchObject({ channelId: 'earned-press', media: 'earned', amount: 0, share: 0, stageFit: 'reaches-stage' });
  });

  it('treats every channel as on stage when the stage is unknown', () => {
    const { allocations } = allocateBudget(800, [search, tv], undefined, 0);
    expect(allocations.map((a) => a.amount)).toEqual([400, 400]);
    expect(allocations.every((a) => a.stageFit === 'reaches-stage')).toBe(true);
  });

  it('leaves everything in reserve when only earned media was chosen, or nothing', () => {
    expect(allocateBudget(1_000_001, [press], 'need-recognition', 0.1)).toMatchObject({ reserve: 1_000_001, allocations: [{ amount: 0 }] });
    expect(allocateBudget(7, [], 'need-recognition', 0.1)).toEqual({ reserve: 7, allocations: [] });
  });

  it.each([
    [1, 3],
    [7, 3],
    [7, 7],
    [1_000_001, 3],
    [1_000_001, 7],
  ])('adds up exactly for %d minor units over %d channels', (total, count) => {
    const mix = [search, tv, site, press, search, site, tv].slice(0, count);
    const { reserve, allocations } = allocateBudget(total, mix, 'need-recognition', 0.1);
    expect(reserve + sum(allocations.map((a) => a.amount))).toBe(total);
  });

  it('clamps a reserve rate outside 0..1 so the total still adds up', () => {
    expect(allocateBudget(1000, [search], undefined, 1.5)).toMatchObject({ reserve: 1000, allocations: [{ amount: 0 }] });
    expect(allocateBudget(1000, [search], undefined, -0.2)).toMatchObject({ reserve: 0, allocations: [{ amount: 1000 }] });
    expect(allocateBudget(1000, [search], undefined, Number.NaN).reserve).toBe(100);
  });

  it('refuses a working budget that is not whole minor units', () => {
    expect(() => allocateBudget(-1, [search], undefined, 0.1)).toThrow(RangeError);
    expect(() => allocateBudget(10.5, [search], undefined, 0.1)).toThrow(RangeError);
  });

  it('for any total and channel mix: sums exactly, never negative, earned gets nothing', () => {
    const channelArb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      name: fc.string({ minLength: 1, maxLength: 8 }),
      media: fc.constantFrom(...MEDIA_TYPES),
      stages: fc.uniqueArray(fc.constantFrom(...STAGES), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.maxSafeNat()),
        fc.array(channelArb, { maxLength: 12 }),
        fc.option(fc.constantFrom(...STAGES), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, channels, stage, reserveRate) => {
          const { reserve, allocations } = allocateBudget(total, channels, stage, reserveRate);
          const amounts = allocations.map((a) => a.amount);
          expect(allocations).toHaveLength(channels.length);
          expect([reserve, ...amounts].reduce((a, b) => a + BigInt(b), 0n)).toBe(BigInt(total));
          expect([reserve, ...amounts].every((n) => Number.isSafeInteger(n) && n >= 0)).toBe(true);
          expect(allocations.filter((a) => a.media === 'earned').every((a) => a.amount === 0)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

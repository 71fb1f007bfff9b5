/** Largest-remainder apportionment: integer parts that add up exactly to a total. */

/**
 * Split `total` into integer parts proportional to `weights` that add up exactly
 * to `total` (largest remainder; ties to the earlier index).
 * Throws a RangeError when that is impossible: a total that is not a
 * non-negative safe integer, a negative or non-finite weight, or a positive
 * total with no positive weight to carry it.
 */
export function splitExactly(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`splitExactly: total must be a non-negative integer, got ${total}`);
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new RangeError('splitExactly: weights must be finite and non-negative');
  const scaled = integerWeights(weights);
  const sum = scaled.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new RangeError('splitExactly: a positive total needs at least one positive weight');
  }
  const big = BigInt(total);
  const floors = scaled.map((w) => (big * w) / sum);
  const remainders = scaled.map((w) => (big * w) % sum);
  let left = big - floors.reduce((a, b) => a + b, 0n);
  // Hand the leftover units out one each, biggest remainder first; the stable
  // sort keeps equal remainders in index order, so ties go to the earlier index.
  const order = remainders.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? 0 : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors.map(Number);
}

/**
 * Weights as BigInts so the apportionment is exact. Integer weights are used as
 * they are; fractional ones are rescaled against the largest weight, to a
 * billionth of it, which is far finer than any money split needs.
 */
function integerWeights(weights: readonly number[]): bigint[] {
  if (weights.every((w) => Number.isSafeInteger(w))) return weights.map((w) => BigInt(w));
  const max = Math.max(...weights);
  return weights.map((w) => BigInt(Math.round((w / max) * 1e9)));
}

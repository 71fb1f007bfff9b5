/**
 * Exact integer arithmetic for the budget maths. Rates arrive as binary floats
 * (0.029 is really 0.0289999…), so multiplying and then rounding up can buy a
 * whole phantom visit; we turn rates into integer parts per billion once and do
 * the rest in BigInt, where nothing is lost.
 */

/** Parts per billion in one whole: the precision rates are kept at. */
export const PPB = 1_000_000_000n;

/** A fraction as integer parts per billion (0.029 -> 29,000,000). */
export function toPpb(rate: number): bigint {
  return BigInt(Math.round(rate * 1e9));
}

/** ⌈n / d⌉ for positive d. */
export function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d < n ? q + 1n : q;
}

/** n / d rounded half up, for non-negative n and positive d. */
export function roundDiv(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** The fraction `rate` of `amount` minor units, rounded to whole minor units. */
export function shareOf(amount: number, rate: number): number {
  return Number(roundDiv(BigInt(amount) * toPpb(rate), PPB));
}

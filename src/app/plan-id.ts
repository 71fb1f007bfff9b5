/**
 * Plan ids people can read aloud and type: `P-` and five characters of
 * Crockford's base 32 (no I, L, O, U), about 33 million values per prefix.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random plan id such as `P-7K3QX`. */
export function randomPlanId(): string {
  let id = 'P-';
  for (let i = 0; i < 5; i += 1) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** What a plan id typed or carried by a button may look like before it reaches the store. */
export function isPlanId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}

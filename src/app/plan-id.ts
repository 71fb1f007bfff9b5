/**
 * Plan ids people can read aloud and type: `P-` and five characters of
 * Crockford's base 32 (no I, L, O, U), about 33 million values per prefix.
 */
import { randomInt } from 'node:crypto';
import { PLAN_ID } from '../store/stored-record.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The ids {@link randomPlanId} makes, e.g. to find one in a reply (not anchored). */
export const NEW_PLAN_ID = new RegExp(`P-[${ALPHABET}]{5}`);

/** A random plan id such as `P-7K3QX`. */
export function randomPlanId(): string {
  let id = 'P-';
  for (let i = 0; i < 5; i += 1) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** Whether a plan id typed or carried by a button is one the store could hold (so it is worth a look-up). */
export function isPlanId(id: string): boolean {
  return PLAN_ID.test(id);
}

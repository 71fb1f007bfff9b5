import { describe, expect, it } from 'vitest';
import { isPlanId, NEW_PLAN_ID, randomPlanId } from '../../src/app/plan-id.js';
import { assertPlanId, PLAN_FILE } from '../../src/store/stored-record.js';

const storeTakes = (id: string): boolean => {
  try {
    assertPlanId(id);
    return true;
  } catch {
    return false;
  }
};

describe('plan ids', () => {
  it('are made readable (P- and five of Crockford base 32) and always valid for the store', () => {
    for (let i = 0; i < 200; i += 1) {
      const id = randomPlanId();
      expect(id).toMatch(new RegExp(`^${NEW_PLAN_ID.source}$`));
      expect(id).not.toMatch(/[ILOU]/);
      expect(isPlanId(id)).toBe(true);
    }
  });

  it('are looked up exactly when the store could hold them: one pattern for services, records and file names', () => {
    const ids = ['P-7K3QX', 'plan_2024-spring', 'x', 'a'.repeat(100), 'a'.repeat(128), 'a'.repeat(129), '', '../etc', 'P 1', 'P.1', 'P-1/2'];
    for (const id of ids) {
      expect(isPlanId(id), id).toBe(storeTakes(id));
      expect(PLAN_FILE.exec(`${id}.json`)?.[1], id).toBe(storeTakes(id) ? id : undefined);
    }
    expect(ids.filter(isPlanId)).toEqual(['P-7K3QX', 'plan_2024-spring', 'x', 'a'.repeat(100), 'a'.repeat(128)]);
    expect(PLAN_FILE.test('.P-1.json.tmp')).toBe(false);
  });
});

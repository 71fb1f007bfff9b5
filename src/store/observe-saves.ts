import type { PlanStore, StoredRecord } from './plan-store.js';

/**
 * The same store (every other method and property as it is), telling `onSaved`
 * about every record it saved: after the save, synchronously; a listener that
 * throws is ignored, never the save. For views that follow the plans, such as the
 * App Home.
 */
export function observeSaves<S extends PlanStore<StoredRecord>>(store: S, onSaved: (record: Parameters<S['save']>[0]) => void): S {
  const save: S['save'] = async (record, options) => {
    await store.save(record, options);
    try {
      onSaved(record);
    } catch {
      // A view that cannot follow must not fail the save that already happened.
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'save') return save;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

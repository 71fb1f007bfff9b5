import type { PlanStore, StoredRecord } from './plan-store.js';

/**
 * Makes `store` tell `onSaved` about every record it saved: after the save,
 * synchronously; a listener that throws is ignored, never the save. For views that
 * follow the plans, such as the App Home. The store's own `save` is wrapped in place,
 * so the store keeps its type and every other method, and code that wraps `save`
 * again later (a test holding saves up) wraps this one.
 */
export function observeSaves<S extends PlanStore<StoredRecord>>(store: S, onSaved: (record: Parameters<S['save']>[0]) => void): S {
  const original = store.save.bind(store);
  store.save = async (record, options) => {
    await original(record, options);
    try {
      onSaved(record);
    } catch {
      // A view that cannot follow must not fail the save that already happened.
    }
  };
  return store;
}

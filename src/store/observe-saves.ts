import type { PlanStore, StoredRecord } from './plan-store.js';

/**
 * Makes `store` tell `onSaved` about every record it saved, whether by `save` or by
 * a unit of work (`withPlan`, which in PostgreSQL writes without going through
 * `save`): after the save, synchronously, once per save; a listener that throws is
 * ignored, never the save. For views that follow the plans, such as the App Home.
 * The store's own methods are wrapped in place, so the store keeps its type and
 * every other method, and code that wraps `save` again later (a test holding saves
 * up) wraps this one.
 */
export function observeSaves<S extends PlanStore<StoredRecord>>(store: S, onSaved: (record: Parameters<S['save']>[0]) => void): S {
  const tell = (record: Parameters<S['save']>[0]) => {
    try {
      onSaved(record);
    } catch {
      // A view that cannot follow must not fail the save that already happened.
    }
  };
  // Records a unit of work saved through `save` (the in-process stores do): told there already.
  const told = new WeakSet<object>();
  const save = store.save.bind(store);
  store.save = async (record, options) => {
    await save(record, options);
    told.add(record);
    tell(record);
  };
  const withPlan = store.withPlan.bind(store);
  store.withPlan = async (id, change) => {
    let saved = false;
    const record = await withPlan(id, async (current) => {
      const result = await change(current);
      saved = Boolean(result);
      return result;
    });
    if (saved && record && !told.has(record)) tell(record);
    return record;
  };
  return store;
}

import type { PlanStore, StoredRecord } from './plan-store.js';

/**
 * The same store, telling `onSaved` about every record it saved (after the save,
 * synchronously; a listener that throws is ignored, never the save). For views
 * that follow the plans, such as the App Home.
 */
export function observeSaves<R extends StoredRecord>(store: PlanStore<R>, onSaved: (record: R) => void): PlanStore<R> {
  return {
    get: (id) => store.get(id),
    async save(record, options) {
      await store.save(record, options);
      try {
        onSaved(record);
      } catch {
        // A view that cannot follow must not fail the save that already happened.
      }
    },
    list: (query) => store.list(query),
    findByThread: (channelId, threadTs) => store.findByThread(channelId, threadTs),
    findByMessage: (channelId, messageTs) => store.findByMessage(channelId, messageTs),
    claimEvent: (key) => store.claimEvent(key),
    close: () => store.close(),
  };
}

import type { IndexEntry, PlanQuery } from '../plan-store.js';
import { indexedFieldsDiffer } from '../stored-record.js';

/**
 * The in-memory index of the memory and file stores: entries by id, plus look-ups
 * from a Slack thread or message (in a channel of a workspace) to the plan that owns it.
 */
export class PlanIndex {
  readonly #entries = new Map<string, IndexEntry>();
  readonly #byThread = new Map<string, Set<string>>();
  readonly #byMessage = new Map<string, Set<string>>();

  /** Adds or replaces an entry; returns true when an indexed field changed (the index file is stale). */
  put(entry: IndexEntry): boolean {
    const previous = this.#entries.get(entry.id);
    if (previous) this.#unlink(previous);
    this.#entries.set(entry.id, entry);
    link(this.#byThread, threadKeys(entry), entry.id);
    link(this.#byMessage, messageKeys(entry), entry.id);
    return indexedFieldsDiffer(previous, entry);
  }

  /** The entry for `id`, if any. */
  get(id: string): IndexEntry | undefined {
    return this.#entries.get(id);
  }

  /** The id of the plan whose thread this is (the most recently updated, should two claim it). */
  idByThread(teamId: string, channelId: string, threadTs: string): string | undefined {
    return this.#newest(this.#byThread.get(key(teamId, channelId, threadTs)));
  }

  /** The id of the plan that posted this top-level message. */
  idByMessage(teamId: string, channelId: string, messageTs: string): string | undefined {
    return this.#newest(this.#byMessage.get(key(teamId, channelId, messageTs)));
  }

  /** Copies of the matching entries, most recently updated first, then by id. */
  list(query: PlanQuery = {}): IndexEntry[] {
    const statuses = query.statuses && new Set(query.statuses);
    return [...this.#entries.values()]
      .filter(
        (entry) =>
          (query.teamId === undefined || entry.teamId === query.teamId) &&
          (query.channelId === undefined || entry.channelId === query.channelId) &&
          (statuses === undefined || statuses.has(entry.status)) &&
          (query.queued === undefined || query.queued === entry.queued > 0) &&
          (query.dueBy === undefined || (entry.dueAt !== undefined && entry.dueAt <= query.dueBy)),
      )
      .sort((a, b) => (a.updatedAt === b.updatedAt ? compare(a.id, b.id) : compare(b.updatedAt, a.updatedAt)))
      .map(copyEntry);
  }

  /** Every entry, sorted by id: a stable order for the index file. */
  entries(): IndexEntry[] {
    return [...this.#entries.values()].sort((a, b) => compare(a.id, b.id)).map(copyEntry);
  }

  #unlink(entry: IndexEntry): void {
    unlink(this.#byThread, threadKeys(entry), entry.id);
    unlink(this.#byMessage, messageKeys(entry), entry.id);
  }

  #newest(ids: Set<string> | undefined): string | undefined {
    let best: IndexEntry | undefined;
    for (const id of ids ?? []) {
      const entry = this.#entries.get(id);
      if (entry && (best === undefined || entry.updatedAt > best.updatedAt)) best = entry;
    }
    return best?.id;
  }
}

// Team, channel and ts cannot contain a space, so the triple is unambiguous.
const key = (teamId: string, channelId: string, ts: string): string => `${teamId} ${channelId} ${ts}`;
const threadKeys = (entry: IndexEntry): string[] =>
  entry.threadTs === undefined ? [] : [key(entry.teamId, entry.channelId, entry.threadTs)];
const messageKeys = (entry: IndexEntry): string[] => (entry.messageTs ?? []).map((ts) => key(entry.teamId, entry.channelId, ts));
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function copyEntry(entry: IndexEntry): IndexEntry {
  return entry.messageTs ? { ...entry, messageTs: [...entry.messageTs] } : { ...entry };
}

function link(map: Map<string, Set<string>>, keys: string[], id: string): void {
  for (const k of keys) {
    const ids = map.get(k) ?? new Set<string>();
    ids.add(id);
    map.set(k, ids);
  }
}

function unlink(map: Map<string, Set<string>>, keys: string[], id: string): void {
  for (const k of keys) {
    const ids = map.get(k);
    ids?.delete(id);
    if (ids?.size === 0) map.delete(k);
  }
}

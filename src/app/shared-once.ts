/**
 * Runs work once per key across every bot instance on the store, and gives each
 * repeated delivery the first one's result: a slash command delivered twice (a proxy
 * or load balancer retrying, possibly to another instance) is run once and both
 * deliveries get the one answer. Within a process a repeat shares the running
 * promise; across instances the first claims the key in the store's shared keys and
 * leaves its result there for the others, who wait for it a short while.
 */
import type { SharedKeys } from '../store/plan-store.js';

type Entry<T> = { state: 'running' } | { state: 'done'; result: T };

/** What a delivery gets: the result, or `pending` when the first delivery (elsewhere) had not finished in time. */
export type OnceOutcome<T> = { kind: 'result'; result: T } | { kind: 'pending' };

export interface SharedOnceOptions {
  /** Key prefix in the shared keys, e.g. `command`. */
  prefix: string;
  /** How long a key and its result are kept. */
  ttlMs: number;
  /** How long a repeat waits for the first delivery's result. */
  waitMs: number;
  /** How many running keys are remembered in this process. */
  localLimit?: number;
}

export class SharedOnce<T> {
  readonly #local = new Map<string, Promise<T>>();

  constructor(
    private readonly keys: SharedKeys,
    private readonly options: SharedOnceOptions,
  ) {}

  /** Runs `work` unless a delivery with this key ran (or runs) it already; a failed run may be tried again. */
  async run(key: string, work: () => Promise<T>): Promise<OnceOutcome<T>> {
    const local = this.#local.get(key);
    if (local) return { kind: 'result', result: await local };
    const shared = `${this.options.prefix}:${key}`;
    // A store that cannot answer: run it here (it most likely fails the same way, and is not acknowledged).
    const first = await this.keys.setIfAbsent(shared, { state: 'running' } satisfies Entry<T>, this.options.ttlMs).catch(() => true);
    if (!first) return this.#waitFor(shared, key, work);
    const running = work();
    this.#remember(key, running);
    try {
      const result = await running;
      await this.keys.set(shared, { state: 'done', result } satisfies Entry<T>, this.options.ttlMs).catch(() => undefined);
      return { kind: 'result', result };
    } catch (error) {
      this.#local.delete(key);
      await this.keys.delete(shared).catch(() => undefined);
      throw error;
    }
  }

  async #waitFor(shared: string, key: string, work: () => Promise<T>): Promise<OnceOutcome<T>> {
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const entry = await this.keys.get<Entry<T>>(shared).catch(() => undefined);
      if (entry?.state === 'done') return { kind: 'result', result: entry.result };
      // The first delivery failed (and gave its claim back): this one may try.
      if (entry === undefined) return this.run(key, work);
      if (Date.now() >= deadline) return { kind: 'pending' };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  #remember(key: string, running: Promise<T>): void {
    this.#local.set(key, running);
    running.catch(() => undefined);
    if (this.#local.size > (this.options.localLimit ?? 500)) this.#local.delete(this.#local.keys().next().value as string);
  }
}

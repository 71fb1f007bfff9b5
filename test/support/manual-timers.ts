/** Outbox timers that only move when a test says so, so minutes of Retry-After take no time. */
import type { OutboxTimers } from '../../src/app/outbox-worker.js';

export class ManualTimers implements OutboxTimers {
  private current = Date.now();
  private pending: { at: number; fn: () => void }[] = [];

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const entry = { at: this.current + ms, fn };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** Moves time on by `ms`, running what falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = target;
  }

  /** When the next timer is due, in ms from now (undefined when none is waiting). */
  nextDueIn(): number | undefined {
    const at = Math.min(...this.pending.map((p) => p.at));
    return Number.isFinite(at) ? at - this.current : undefined;
  }
}

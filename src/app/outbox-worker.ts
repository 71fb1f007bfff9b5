/**
 * Sends the Slack messages a plan owes, in order, after the state that caused
 * them is safely on disk. Listeners only save and enqueue (so acknowledgements
 * stay fast and an acknowledged answer is never lost); this worker does the slow
 * Slack calls, remembers the ts of what it posted, and survives Slack's faults:
 * retryable ones are tried again later, permanent ones are reported and dropped
 * without touching the plan's answers.
 */
import type { KeyedMutex } from './keyed-mutex.js';
import { latestVersion, type MessageRole, type NewEffectItem, type NewOutboxItem, type OutboxItem, type PlanRecord } from './plan-record.js';
import { SlackCallError, type Logger, type Messenger } from './ports.js';
import type { PlanStore } from '../store/plan-store.js';

/** Errors that mean the whole channel is out of reach: nothing else queued for it can succeed. */
const CHANNEL_UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'missing_scope', 'invalid_auth', 'token_revoked', 'account_inactive']);

/** Tells a person (for example through a slash command's response URL) that something failed. */
export type FailureNotifier = (text: string) => Promise<void>;

/**
 * Performs an `effect` item. It may return a change to make to the record once the
 * item is done (for example remembering the id of what it created); throwing a
 * `SlackCallError` is handled like any failed Slack call.
 */
export type EffectPerformer = (record: PlanRecord, item: Extract<OutboxItem, { kind: 'effect' }>) => Promise<{ apply?: (record: PlanRecord) => void } | void>;

export interface OutboxWorkerOptions {
  store: PlanStore<PlanRecord>;
  messenger: Messenger;
  mutex: KeyedMutex;
  logger: Logger;
  /** Delays between retries of a retryable failure, in ms; after the last, the item is dropped. */
  retryDelaysMs?: readonly number[];
}

let counter = 0;
/** Gives a new outbox item a unique id (unique within the process and across restarts by time). */
export function enqueue(record: PlanRecord, ...items: (NewOutboxItem | NewEffectItem)[]): void {
  for (const item of items) {
    counter = (counter + 1) % 1_000_000;
    record.outbox.push({ ...item, id: `${Date.now().toString(36)}-${counter.toString(36)}` } as OutboxItem);
  }
}

/** A sentence a person can act on, for the Slack errors that need one. */
export function describeSlackFailure(code: string): string {
  switch (code) {
    case 'not_in_channel':
      return "I'm not a member of this channel, so I can't post here. Invite me with `/invite @imc-bot`, then type `status` in the plan's thread to pick up where you were (or start again with `/imc plan`).";
    case 'channel_not_found':
      return "I can't see this channel. If it is private, invite me with `/invite @imc-bot` first.";
    case 'is_archived':
      return 'This channel is archived, so I can\'t post in it. Unarchive it or start the plan in another channel.';
    case 'ratelimited':
      return 'Slack is rate-limiting me right now; your answers are saved and I will catch up shortly.';
    default:
      return `Slack refused my message (\`${code}\`). Your answers are saved; type \`status\` in the thread to see where you are.`;
  }
}

export class OutboxWorker {
  private readonly draining = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  private readonly notifiers = new Map<string, FailureNotifier>();
  private readonly rerun = new Set<string>();
  private readonly retryDelaysMs: readonly number[];
  private readonly effects = new Map<string, EffectPerformer>();
  private stopped = false;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 15_000, 60_000, 120_000];
  }

  /** Registers the performer of `effect` items named `name`. */
  registerEffect(name: string, perform: EffectPerformer): void {
    this.effects.set(name, perform);
  }

  /** Lets a failure for this plan be told to someone in real time (kept in memory only). */
  setNotifier(planId: string, notify: FailureNotifier): void {
    this.notifiers.set(planId, notify);
  }

  /** Starts draining a plan's outbox unless a drain is already under way. */
  kick(planId: string): void {
    if (this.stopped) return;
    if (this.draining.has(planId)) {
      this.rerun.add(planId);
      return;
    }
    this.draining.add(planId);
    // Start on the next turn of the event loop, so the acknowledgement that queued
    // these messages goes out before any Slack call is made.
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain(planId))
      .catch((error: unknown) => this.options.logger.error('outbox drain failed', { planId, error: String(error) }))
      .finally(() => {
        this.draining.delete(planId);
        this.running.delete(run);
        if (this.rerun.delete(planId)) this.kick(planId);
      });
    this.running.add(run);
  }

  /** Resolves when no drain is running (pending retries excluded). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Stops retries and new drains; waits for running ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    await this.idle();
  }

  private async drain(planId: string): Promise<void> {
    const { store, mutex } = this.options;
    for (;;) {
      const next = await mutex.run(planId, async () => {
        const record = await store.get(planId);
        const item = record?.outbox[0];
        return record && item ? { record, item } : undefined;
      });
      if (!next || this.stopped) return;
      const outcome = await this.perform(next.record, next.item);
      if (outcome.kind === 'retry') {
        this.scheduleRetry(planId, next.item.id, outcome.code);
        return;
      }
      this.attempts.delete(next.item.id);
      await mutex.run(planId, async () => {
        const record = await store.get(planId);
        if (!record) return;
        const index = record.outbox.findIndex((queued) => queued.id === next.item.id);
        if (index >= 0) record.outbox.splice(index, 1);
        if (outcome.kind === 'posted') rememberTs(record, next.item, outcome.ts);
        if (outcome.kind === 'done') outcome.apply?.(record);
        if (outcome.kind === 'unreachable') {
          record.outbox = [];
          if (next.item.kind === 'post' && next.item.role === 'kickoff') {
            record.status = 'cancelled';
            record.cancelledReason = outcome.code;
          }
        }
        // Bookkeeping only: if it is lost in a crash, the item is sent again after the restart.
        // An effect that recorded what it made (a canvas id) is saved for good: redoing it would make a second one.
        await store.save(record, { durable: outcome.kind === 'done' && outcome.apply !== undefined });
      });
      if (outcome.kind === 'unreachable' || outcome.kind === 'dropped') await this.notify(planId, outcome.code);
    }
  }

  private async perform(
    record: PlanRecord,
    item: OutboxItem,
  ): Promise<{ kind: 'done'; apply?: (record: PlanRecord) => void } | { kind: 'posted'; ts: string } | { kind: 'retry' | 'unreachable' | 'dropped'; code: string }> {
    const { messenger, logger } = this.options;
    try {
      switch (item.kind) {
        case 'post': {
          if (item.where === 'thread' && !record.threadTs) return { kind: 'dropped', code: 'thread_missing' };
          const ts = await messenger.post(record.channelId, item.message, item.where === 'thread' ? record.threadTs : undefined);
          return { kind: 'posted', ts };
        }
        case 'update': {
          const ts = item.ts ?? tsForRole(record, item.role);
          if (!ts) return { kind: 'done' };
          await messenger.update(record.channelId, ts, item.message);
          return { kind: 'done' };
        }
        case 'effect': {
          const perform = this.effects.get(item.effect);
          if (!perform) return { kind: 'dropped', code: 'unknown_effect' };
          const result = await perform(record, item);
          return { kind: 'done', ...(result?.apply ? { apply: result.apply } : {}) };
        }
      }
    } catch (error) {
      const failure = error instanceof SlackCallError ? error : new SlackCallError('unexpected_error', false);
      const context = { planId: record.id, channelId: record.channelId, item: item.kind, code: failure.code };
      if (failure.retryable) {
        logger.warn('Slack call failed; will retry', context);
        return { kind: 'retry', code: failure.code };
      }
      if (CHANNEL_UNREACHABLE.has(failure.code)) {
        logger.warn('channel unreachable; dropping queued messages for this plan', context);
        return { kind: 'unreachable', code: failure.code };
      }
      logger.error('Slack refused a message; dropped it', context);
      return { kind: 'dropped', code: failure.code };
    }
  }

  private scheduleRetry(planId: string, itemId: string, code: string): void {
    const attempt = (this.attempts.get(itemId) ?? 0) + 1;
    this.attempts.set(itemId, attempt);
    const delay = this.retryDelaysMs[attempt - 1];
    if (delay === undefined) {
      this.options.logger.error('giving up on a Slack call after retries', { planId, code });
      this.attempts.delete(itemId);
      void this.options.mutex
        .run(planId, async () => {
          const record = await this.options.store.get(planId);
          if (!record) return;
          record.outbox = record.outbox.filter((queued) => queued.id !== itemId);
          await this.options.store.save(record, { durable: false });
        })
        .then(() => this.kick(planId));
      return;
    }
    if (attempt === 1) void this.notify(planId, code);
    const timer = setTimeout(() => {
      this.retryTimers.delete(planId);
      this.kick(planId);
    }, delay);
    timer.unref();
    this.retryTimers.set(planId, timer);
  }

  private async notify(planId: string, code: string): Promise<void> {
    const notify = this.notifiers.get(planId);
    if (!notify) return;
    try {
      await notify(describeSlackFailure(code));
    } catch (error) {
      this.options.logger.warn('could not tell the user about a Slack failure', { planId, error: String(error) });
    }
  }
}

function tsForRole(record: PlanRecord, role: MessageRole): string | undefined {
  switch (role) {
    case 'kickoff':
      return record.threadTs;
    case 'question':
      return record.questionTs;
    case 'draft':
      return latestVersion(record)?.messageTs;
    case 'budget':
      return latestVersion(record)?.budgetTs;
    case 'review-summary':
      return undefined;
  }
}

function rememberTs(record: PlanRecord, item: OutboxItem, ts: string): void {
  if (item.kind !== 'post' || !item.role) return;
  switch (item.role) {
    case 'kickoff':
      record.threadTs = ts;
      record.messageTs.push(ts);
      break;
    case 'question':
      record.questionTs = ts;
      break;
    case 'review-summary':
      break;
    case 'draft':
    case 'budget': {
      const version = record.versions.find((v) => v.version === item.version) ?? latestVersion(record);
      if (!version) break;
      if (item.role === 'draft') {
        version.messageTs = ts;
        record.messageTs.push(ts);
      } else {
        version.budgetTs = ts;
      }
      break;
    }
  }
}

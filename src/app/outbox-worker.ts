/**
 * Sends the Slack messages a plan owes, in order, after the state that caused
 * them is safely on disk. Listeners only save and enqueue (so acknowledgements
 * stay fast and an acknowledged answer is never lost); this worker does the slow
 * Slack calls, remembers the ts of what it posted, and survives Slack's faults:
 * - a rate limit holds every message for that channel for as long as Slack's
 *   Retry-After says (Slack allows about one post per second per channel), and the
 *   author is told once when their messages are held back for more than a minute;
 * - other retryable faults are tried again on a backoff, permanent ones are
 *   reported and dropped without touching the plan's answers;
 * - every post carries its item's id in message metadata. After a failure that may
 *   have gone through (a timeout, a 5xx) and for every item queued before this worker
 *   started (an earlier process may have died after Slack took the post but before
 *   the bookkeeping), the worker looks for that id in the channel or thread first.
 */
import type { KeyedMutex } from './keyed-mutex.js';
import { latestVersion, type MessageRole, type NewEffectItem, type NewOutboxItem, type OutboxItem, type PlanRecord } from './plan-record.js';
import { mayHaveTakenEffect, SlackCallError, type FoundMessage, type Logger, type MessageMetadata, type Messenger } from './ports.js';
import type { PlanStore } from '../store/plan-store.js';
import { heldBackNotice } from '../slack/blocks/outbox-messages.js';

/** Errors that mean the whole channel is out of reach: nothing else queued for it can succeed. */
const CHANNEL_UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'missing_scope', 'invalid_auth', 'token_revoked', 'account_inactive']);

/** Metadata type of the bot's outbox posts; the payload names the plan and the item. */
export const OUTBOX_EVENT_TYPE = 'imc_outbox_item';

/** How many recent top-level messages are searched for a channel post that may have gone out. */
const HISTORY_LOOKBACK = 100;

/** Tells a person (for example through a slash command's response URL) that something failed. */
export type FailureNotifier = (text: string) => Promise<void>;

/**
 * Performs an `effect` item. It may return a change to make to the record once the
 * item is done (for example remembering the id of what it created); throwing a
 * `SlackCallError` is handled like any failed Slack call.
 */
export type EffectPerformer = (record: PlanRecord, item: Extract<OutboxItem, { kind: 'effect' }>) => Promise<{ apply?: (record: PlanRecord) => void } | void>;

/** The time and the timers the worker waits with; tests pass a manual pair to skip minutes of waiting. */
export interface OutboxTimers {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. Must not keep the process alive. */
  setTimeout(fn: () => void, ms: number): () => void;
}

const REAL_TIMERS: OutboxTimers = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface OutboxWorkerOptions {
  store: PlanStore<PlanRecord>;
  messenger: Messenger;
  mutex: KeyedMutex;
  logger: Logger;
  /** Delays between retries of a retryable failure other than a rate limit, in ms; after the last, the item is dropped. */
  retryDelaysMs?: readonly number[];
  timers?: OutboxTimers;
  /** How long messages may be held back before the author is told (default a minute). */
  heldNoticeAfterMs?: number;
}

let counter = 0;
/** Gives a new outbox item a unique id (unique within the process and across restarts by time): `<ms, base 36>-<counter>`. */
export function enqueue(record: PlanRecord, ...items: (NewOutboxItem | NewEffectItem)[]): void {
  for (const item of items) {
    counter = (counter + 1) % 1_000_000;
    record.outbox.push({ ...item, id: `${Date.now().toString(36)}-${counter.toString(36)}` } as OutboxItem);
  }
}

/** When an item was queued (ms), read from its id; NaN for an id of another shape. */
function queuedAt(item: OutboxItem): number {
  return parseInt(item.id.split('-')[0] ?? '', 36);
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

type Outcome =
  | { kind: 'done'; apply?: (record: PlanRecord) => void }
  | { kind: 'posted'; ts: string }
  | { kind: 'retry'; failure: SlackCallError }
  | { kind: 'unreachable' | 'dropped'; code: string };

export class OutboxWorker {
  private readonly draining = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly wakeUps = new Map<string, () => void>();
  private readonly attempts = new Map<string, number>();
  private readonly notifiers = new Map<string, FailureNotifier>();
  private readonly rerun = new Set<string>();
  /** Channel -> the time (ms) before which nothing is sent there (Slack's Retry-After). */
  private readonly channelHolds = new Map<string, number>();
  /** Plan -> since when (ms) its next message has been held back. */
  private readonly heldSince = new Map<string, number>();
  /** Plans whose author was told about the current hold. */
  private readonly toldHeld = new Set<string>();
  /** Items whose last try may have reached Slack: looked for before they are posted again. */
  private readonly uncertain = new Set<string>();
  /** Items queued before this worker started and already looked for in Slack (not found). */
  private readonly checked = new Set<string>();
  /** Items queued before this moment may come from an earlier process (or bot instance) that died mid-post. */
  private readonly startedAt = Date.now();
  private readonly retryDelaysMs: readonly number[];
  private readonly effects = new Map<string, EffectPerformer>();
  private readonly timers: OutboxTimers;
  private stopped = false;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 15_000, 60_000, 120_000];
    this.timers = options.timers ?? REAL_TIMERS;
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
    for (const cancel of this.wakeUps.values()) cancel();
    this.wakeUps.clear();
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
      const hold = this.channelHolds.get(next.record.channelId) ?? 0;
      if (next.item.kind !== 'note' && hold > this.timers.now()) {
        this.holdBack(next.record, hold);
        return;
      }
      const outcome = await this.perform(next.record, next.item);
      if (outcome.kind === 'retry') {
        this.retryLater(next.record, next.item, outcome.failure);
        return;
      }
      this.attempts.delete(next.item.id);
      this.uncertain.delete(next.item.id);
      this.checked.delete(next.item.id);
      this.heldSince.delete(planId);
      this.toldHeld.delete(planId);
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
        // Bookkeeping only: if it is lost in a crash, the post is found in Slack after the restart.
        // An effect that recorded what it made (a canvas id) is saved for good: redoing it would make a second one.
        await store.save(record, { durable: outcome.kind === 'done' && outcome.apply !== undefined });
      });
      if (outcome.kind === 'unreachable' || outcome.kind === 'dropped') await this.notify(planId, describeSlackFailure(outcome.code));
    }
  }

  private async perform(record: PlanRecord, item: OutboxItem): Promise<Outcome> {
    const { messenger, logger } = this.options;
    try {
      switch (item.kind) {
        case 'post': {
          const threadTs = item.where === 'thread' ? record.threadTs : undefined;
          if (item.where === 'thread' && !threadTs) return { kind: 'dropped', code: 'thread_missing' };
          if (this.mayBePosted(item)) {
            const already = await this.findPosted(record, item, threadTs);
            if (already) {
              logger.info('a message was already posted before a failure or restart; not posting it again', { planId: record.id, item: item.id });
              return { kind: 'posted', ts: already };
            }
            // Not there: only a failure of the post below makes it uncertain again.
            this.uncertain.delete(item.id);
            this.checked.add(item.id);
          }
          const metadata: MessageMetadata = { event_type: OUTBOX_EVENT_TYPE, event_payload: { plan_id: record.id, item_id: item.id } };
          const ts = await messenger.post(record.channelId, item.message, threadTs, metadata);
          return { kind: 'posted', ts };
        }
        case 'update': {
          const ts = item.ts ?? tsForRole(record, item.role);
          if (!ts) return { kind: 'done' };
          await messenger.update(record.channelId, ts, item.message);
          return { kind: 'done' };
        }
        case 'note':
          return await this.sendNote(record, item);
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
        return { kind: 'retry', failure };
      }
      if (CHANNEL_UNREACHABLE.has(failure.code)) {
        logger.warn('channel unreachable; dropping queued messages for this plan', context);
        return { kind: 'unreachable', code: failure.code };
      }
      logger.error('Slack refused a message; dropped it', context);
      return { kind: 'dropped', code: failure.code };
    }
  }

  /** A note for one person, sent once: one that cannot be delivered is logged and dropped, never holding up the plan. */
  private async sendNote(record: PlanRecord, item: Extract<OutboxItem, { kind: 'note' }>): Promise<Outcome> {
    try {
      if (item.via === 'dm') await this.options.messenger.post(item.userId, item.message);
      else await this.options.messenger.postEphemeral(record.channelId, item.userId, item.message);
    } catch (error) {
      this.options.logger.warn('could not send a note to one person; dropped it', { planId: record.id, code: error instanceof SlackCallError ? error.code : 'unexpected_error' });
    }
    return { kind: 'done' };
  }

  /**
   * Whether Slack may have this post already: its last try failed uncertainly, or it was
   * queued before this worker started, by a process that may have died after Slack took
   * the post and before it wrote that down. (Judged by the item's own time, not by when
   * the outbox is resumed, so a request that kicks the plan first cannot skip the check.)
   */
  private mayBePosted(item: OutboxItem): boolean {
    if (this.uncertain.has(item.id)) return true;
    const at = queuedAt(item);
    return !this.checked.has(item.id) && !(at >= this.startedAt);
  }

  /** The ts of this item's post if it is already in the channel (or the plan's thread). */
  private async findPosted(record: PlanRecord, item: OutboxItem, threadTs: string | undefined): Promise<string | undefined> {
    const { messenger } = this.options;
    const candidates: FoundMessage[] = threadTs
      ? await messenger.threadMessages(record.channelId, threadTs)
      : await messenger.recentMessages(record.channelId, HISTORY_LOOKBACK);
    return candidates.find(
      (m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && m.metadata.event_payload.item_id === item.id && m.metadata.event_payload.plan_id === record.id,
    )?.ts;
  }

  /** Schedules the next try of the plan's first item after a retryable failure. */
  private retryLater(record: PlanRecord, item: OutboxItem, failure: SlackCallError): void {
    const planId = record.id;
    if (mayHaveTakenEffect(failure)) this.uncertain.add(item.id);
    const now = this.timers.now();
    if (failure.code === 'ratelimited') {
      // Slack says when: hold every message for this channel until then, without using up the item's tries.
      const until = now + Math.max(0, failure.retryAfterSeconds ?? 1) * 1000;
      this.channelHolds.set(record.channelId, Math.max(until, this.channelHolds.get(record.channelId) ?? 0));
      this.holdBack(record, this.channelHolds.get(record.channelId) ?? until);
      return;
    }
    const attempt = (this.attempts.get(item.id) ?? 0) + 1;
    this.attempts.set(item.id, attempt);
    const delay = this.retryDelaysMs[attempt - 1];
    if (delay === undefined) {
      this.options.logger.error('giving up on a Slack call after retries', { planId, code: failure.code });
      this.attempts.delete(item.id);
      this.uncertain.delete(item.id);
      this.checked.delete(item.id);
      void this.options.mutex
        .run(planId, async () => {
          const latest = await this.options.store.get(planId);
          if (!latest) return;
          latest.outbox = latest.outbox.filter((queued) => queued.id !== item.id);
          await this.options.store.save(latest, { durable: false });
        })
        .then(() => this.notify(planId, describeSlackFailure(failure.code)))
        .then(() => this.kick(planId));
      return;
    }
    this.holdBack(record, now + delay);
  }

  /** Wakes the plan's drain at `until`, telling the author once when the hold passes a minute. */
  private holdBack(record: PlanRecord, until: number): void {
    const planId = record.id;
    const now = this.timers.now();
    const since = this.heldSince.get(planId) ?? now;
    this.heldSince.set(planId, since);
    if (until - since > (this.options.heldNoticeAfterMs ?? 60_000) && !this.toldHeld.has(planId)) {
      this.toldHeld.add(planId);
      void this.tellAuthorHeld(record, Math.ceil((until - now) / 60_000));
    }
    this.wakeUps.get(planId)?.();
    const cancel = this.timers.setTimeout(() => {
      if (this.wakeUps.get(planId) === cancel) this.wakeUps.delete(planId);
      this.kick(planId);
    }, Math.max(0, until - now));
    this.wakeUps.set(planId, cancel);
  }

  /** Through the command's response URL when there is one, else only to the author in the channel. */
  private async tellAuthorHeld(record: PlanRecord, minutes: number): Promise<void> {
    const notice = heldBackNotice(minutes);
    this.options.logger.warn('messages held back by a Slack rate limit for over a minute; telling the author', { planId: record.id, minutes });
    if (this.notifiers.has(record.id)) {
      await this.notify(record.id, notice.text);
      return;
    }
    try {
      await this.options.messenger.postEphemeral(record.channelId, record.authorId, notice);
    } catch (error) {
      this.options.logger.warn('could not tell the author that messages are held back', { planId: record.id, error: String(error) });
    }
  }

  private async notify(planId: string, text: string): Promise<void> {
    const notify = this.notifiers.get(planId);
    if (!notify) return;
    try {
      await notify(text);
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

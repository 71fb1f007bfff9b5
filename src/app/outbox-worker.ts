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
 *
 * Several instances may share the store. Only the holder of a plan's lease
 * (`outbox:<plan>`) sends its messages; it renews the lease before every Slack call
 * and keeps it through a retry's wait. A lease that ran out without being given back
 * (its instance died) is taken over, and then every queued item is looked for in
 * Slack before it is posted. Each instance looks every few seconds for plans that owe
 * messages. A rate limit is shared through the store, so every instance holds that
 * channel, and the author is told once, whichever instance sends.
 */
import { latestVersion, type MessageRole, type NewEffectItem, type NewOutboxItem, type OutboxItem, type PlanRecord } from './plan-record.js';
import {
  APP_NOT_INSTALLED,
  mayHaveTakenEffect,
  SlackCallError,
  type FoundMessage,
  type Logger,
  type MessageMetadata,
  type MessagePresenter,
  type Messenger,
  type OutgoingMessage,
  type Reader,
} from './ports.js';
import { notice } from './message-intent.js';
import type { Lease, PlanStore } from '../store/plan-store.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';
import { inWorkspace } from './workspace-context.js';

/** Errors that mean the whole channel is out of reach: nothing else queued for it can succeed. */
const CHANNEL_UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'missing_scope', 'invalid_auth', 'token_revoked', 'account_inactive']);

/** Metadata type of the bot's outbox posts; the payload names the plan and the item. */
export const OUTBOX_EVENT_TYPE = 'imc_outbox_item';

/** How many recent top-level messages are searched for a channel post that may have gone out. */
const HISTORY_LOOKBACK = 100;

/** Longer than one Slack call's timeout, renewed before each call. */
const DEFAULT_LEASE_MS = 30_000;
/** How often every outbox is looked at for work left by an instance that died. */
const DEFAULT_POLL_MS = 5_000;
/** How long "the author was told about this hold" is remembered. */
const HELD_TOLD_TTL_MS = 3_600_000;

/** The shared key of a channel's rate-limit hold (its value: until when, in ms). */
const holdKey = (record: PlanRecord): string => `slack-hold:${record.teamId}/${record.channelId}`;
/** The shared key saying the plan's author was told that its messages are held back. */
const heldToldKey = (planId: string): string => `held-told:${planId}`;

/** Tells a person (for example through a slash command's response URL) that something failed; the Slack layer says it in their language. */
export type FailureNotifier = (text: Phrase) => Promise<void>;

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
  /** Renders each item's intent for its reader when it is sent. */
  presenter: MessagePresenter;
  logger: Logger;
  /**
   * How long a worker's claim on a plan's messages lasts unless renewed (default 30 s):
   * when its instance dies, another takes them over after this.
   */
  leaseMs?: number;
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

/** Slack errors a person gets a sentence of their own for; any other is named by its code. */
const DESCRIBED = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'ratelimited']);

/** What a person is told about a Slack error, and what to do next. */
export function describeSlackFailure(code: string): Phrase {
  return DESCRIBED.has(code) ? phrase(`outbox.failure.${code}`) : phrase('outbox.failure.other', { code });
}

/** Who reads an item: a note its person, a channel post (or an update of one) the channel, the thread the person whose conversation it is. */
export function readerOf(record: PlanRecord, item: MessageItem): Reader {
  if (item.kind === 'note') return { userId: item.userId };
  const inThread = item.kind === 'post' ? item.where === 'thread' : item.role === 'question';
  if (!inThread) return { channel: true };
  return { userId: record.status === 'reviewing' && record.review ? record.review.reviewerId : record.authorId };
}

/** An item that sends a message (every kind but an effect). */
type MessageItem = Exclude<OutboxItem, { kind: 'effect' }>;

type Outcome =
  | { kind: 'done'; apply?: (record: PlanRecord) => void }
  | { kind: 'posted'; ts: string }
  | { kind: 'retry'; failure: SlackCallError }
  | { kind: 'unreachable' | 'dropped'; code: string }
  /** The workspace has no installation any more: everything the plan owes is dropped. */
  | { kind: 'uninstalled' };

export class OutboxWorker {
  private readonly draining = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly wakeUps = new Map<string, () => void>();
  private readonly attempts = new Map<string, number>();
  private readonly notifiers = new Map<string, FailureNotifier>();
  private readonly rerun = new Set<string>();
  /** The leases this worker holds on plans' outboxes: only the holder sends them. */
  private readonly leases = new Map<string, Lease>();
  /** Plan -> since when (ms) its next message has been held back. */
  private readonly heldSince = new Map<string, number>();
  /** Items whose last try may have reached Slack (item id -> plan id): looked for before they are posted again. */
  private readonly uncertain = new Map<string, string>();
  /** Plans with a Slack call under way (stopping then leaves their lease marked unfinished). */
  private readonly performing = new Set<string>();
  /** Items queued before this worker started and already looked for in Slack (not found). */
  private readonly checked = new Set<string>();
  /** Items queued before this moment may come from an earlier process (or bot instance) that died mid-post. */
  private readonly startedAt = Date.now();
  private readonly retryDelaysMs: readonly number[];
  private readonly effects = new Map<string, EffectPerformer>();
  private readonly timers: OutboxTimers;
  private readonly leaseMs: number;
  private poller: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 15_000, 60_000, 120_000];
    this.timers = options.timers ?? REAL_TIMERS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Registers the performer of `effect` items named `name`. */
  registerEffect(name: string, perform: EffectPerformer): void {
    this.effects.set(name, perform);
  }

  /** Lets a failure for this plan be told to someone in real time (kept in memory only: it answers through this instance's request). */
  setNotifier(planId: string, notify: FailureNotifier): void {
    this.notifiers.set(planId, notify);
  }

  /**
   * Starts sending what every plan owes (after a start), then looks again every
   * `pollMs`: outboxes an instance left when it died are taken over once its lease ran out.
   * Resolves with how many plans owed something at the start.
   */
  async start(pollMs = DEFAULT_POLL_MS): Promise<number> {
    const owing = await this.kickOwing();
    if (pollMs > 0 && !this.stopped) {
      this.poller = setInterval(() => {
        this.kickOwing().catch((error: unknown) => this.options.logger.warn('could not look for queued messages; trying again shortly', { code: (error as { code?: string }).code, error: String(error) }));
      }, pollMs);
      this.poller.unref();
    }
    return owing;
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
      .catch((error: unknown) => this.options.logger.error('outbox drain failed; trying again shortly', { planId, code: (error as { code?: string }).code, error: String(error) }))
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

  /**
   * Stops retries and new drains; waits for running ones. The leases held are given
   * back (marked unfinished where a Slack call may half have happened), so another
   * instance, or the next start, goes on at once.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    for (const cancel of this.wakeUps.values()) cancel();
    this.wakeUps.clear();
    await this.idle();
    await this.releaseAll();
  }

  /** Gives back every lease still held (at once, without waiting for Slack calls under way). */
  async releaseAll(): Promise<void> {
    const held = [...this.leases];
    this.leases.clear();
    const uncertainPlans = new Set(this.uncertain.values());
    await Promise.all(
      held.map(([planId, lease]) =>
        this.options.store.leases.release(lease, { unfinished: this.performing.has(planId) || uncertainPlans.has(planId) }).catch(() => undefined),
      ),
    );
  }

  /** Kicks every plan that owes messages and is not being sent or waited for here; how many owe. */
  private async kickOwing(): Promise<number> {
    if (this.stopped) return 0;
    const owing = await this.options.store.list({ queued: true });
    for (const entry of owing) {
      if (!this.draining.has(entry.id) && !this.wakeUps.has(entry.id)) this.kick(entry.id);
    }
    return owing.length;
  }

  /** The lease on the plan's outbox: the one held (extended), or a new one; undefined while another instance holds it. */
  private async claim(planId: string): Promise<Lease | undefined> {
    const { leases } = this.options.store;
    const held = this.leases.get(planId);
    if (held && (await leases.extend(held, this.leaseMs))) return held;
    this.leases.delete(planId);
    const lease = await leases.acquire(`outbox:${planId}`, this.leaseMs);
    if (!lease) return undefined;
    this.leases.set(planId, lease);
    if (lease.tookOver) {
      // Whoever held it stopped mid-way: what it owed may already be in Slack, so each item is looked for first.
      const record = await this.options.store.get(planId);
      for (const item of record?.outbox ?? []) this.uncertain.set(item.id, planId);
      this.options.logger.info('took over the queued messages of a plan from an instance that stopped', { planId, items: record?.outbox.length ?? 0 });
    }
    return lease;
  }

  /** Keeps the lease until `until` (ms, by the worker's timers) and a lease period beyond; false when it was lost. */
  private async holdLease(planId: string, until: number): Promise<boolean> {
    const lease = this.leases.get(planId);
    if (!lease) return false;
    const kept = await this.options.store.leases.extend(lease, Math.max(0, until - this.timers.now()) + this.leaseMs).catch(() => false);
    if (!kept) this.leases.delete(planId);
    return kept;
  }

  /** Gives the lease back once the outbox is empty; true when something was queued meanwhile (drain again). */
  private async finish(planId: string): Promise<boolean> {
    const lease = this.leases.get(planId);
    this.leases.delete(planId);
    if (lease) await this.options.store.leases.release(lease);
    // Queued between our last look and the release, by a request whose own kick found the lease still held.
    const record = await this.options.store.get(planId);
    return (record?.outbox.length ?? 0) > 0;
  }

  /** The time (ms) before which nothing may be posted in the plan's channel (Slack's Retry-After, seen by any instance). */
  private async channelHold(record: PlanRecord): Promise<number> {
    return (await this.options.store.keys.get<number>(holdKey(record))) ?? 0;
  }

  private async drain(planId: string): Promise<void> {
    const { store } = this.options;
    if (!(await this.claim(planId))) return; // another instance is sending this plan's messages
    // Read once; then each item's bookkeeping gives the record as it is now (a read saved per message).
    let record = await store.get(planId);
    for (;;) {
      if (this.stopped) return;
      const item = record?.outbox[0];
      if (!record || !item) {
        if (await this.finish(planId)) this.rerun.add(planId);
        return;
      }
      const hold = item.kind === 'note' ? 0 : await this.channelHold(record);
      if (hold > this.timers.now()) {
        const held = record;
        await inWorkspace({ teamId: held.teamId }, () => this.holdBack(held, hold));
        return;
      }
      // Renewed before each Slack call: a worker that lost its lease (it stalled past it) must not post.
      if (!(await this.claim(planId)) || this.stopped) return;
      this.performing.add(planId);
      // Made with the token of the plan's own workspace, whatever request kicked the drain.
      const current = record;
      const outcome = await inWorkspace({ teamId: current.teamId }, () => this.perform(current, item)).finally(() => this.performing.delete(planId));
      if (outcome.kind === 'retry') {
        await this.retryLater(record, item, outcome.failure);
        return;
      }
      this.attempts.delete(item.id);
      this.uncertain.delete(item.id);
      this.checked.delete(item.id);
      // The hold (if there was one) is over: the author may be told about the next one.
      if (this.heldSince.delete(planId)) await store.keys.delete(heldToldKey(planId)).catch(() => undefined);
      record = await store.withPlan(planId, (latest) => {
        const index = latest.outbox.findIndex((queued) => queued.id === item.id);
        if (index >= 0) latest.outbox.splice(index, 1);
        if (outcome.kind === 'posted') rememberTs(latest, item, outcome.ts);
        if (outcome.kind === 'done') outcome.apply?.(latest);
        if (outcome.kind === 'uninstalled') latest.outbox = [];
        if (outcome.kind === 'unreachable') {
          latest.outbox = [];
          if (item.kind === 'post' && item.role === 'kickoff') {
            latest.status = 'cancelled';
            latest.cancelledReason = outcome.code;
          }
        }
        // Bookkeeping only: if it is lost in a crash, the post is found in Slack after the restart.
        // An effect that recorded what it made (a canvas id) is saved for good: redoing it would make a second one.
        return { durable: outcome.kind === 'done' && outcome.apply !== undefined };
      });
      if (outcome.kind === 'unreachable' || outcome.kind === 'dropped') await inWorkspace({ teamId: current.teamId }, () => this.notify(planId, describeSlackFailure(outcome.code)));
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
          const message = await this.messageOf(record, item);
          if (!message) {
            // What it showed is gone (a version no longer stored): nothing to post, nothing to tell anyone.
            logger.warn('a queued message has nothing left to show; skipped it', { planId: record.id, item: item.id, intent: item.intent?.kind });
            return { kind: 'done' };
          }
          const metadata: MessageMetadata = { event_type: OUTBOX_EVENT_TYPE, event_payload: { plan_id: record.id, item_id: item.id } };
          const ts = await messenger.post(record.channelId, message, threadTs, metadata);
          return { kind: 'posted', ts };
        }
        case 'update': {
          const ts = item.ts ?? tsForRole(record, item.role);
          if (!ts) return { kind: 'done' };
          const message = await this.messageOf(record, item);
          if (!message) return { kind: 'done' };
          await messenger.update(record.channelId, ts, message);
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
      if ((error as { code?: unknown } | null)?.code === 'STORE_UNAVAILABLE') {
        // Drawing the message read the store (the channel's language) and the database did not answer: nothing was sent, it waits.
        logger.warn('the store did not answer while a queued message was drawn; will retry', { planId: record.id, item: item.kind });
        return { kind: 'retry', failure: new SlackCallError('store_unavailable', true) };
      }
      const failure = error instanceof SlackCallError ? error : new SlackCallError('unexpected_error', false);
      const context = { planId: record.id, channelId: record.channelId, item: item.kind, code: failure.code };
      if (failure.code === APP_NOT_INSTALLED) {
        logger.warn('the app is no longer installed in this workspace; dropped the messages the plan still owed', { ...context, teamId: record.teamId, items: record.outbox.length });
        return { kind: 'uninstalled' };
      }
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

  /**
   * The message an item sends, rendered now for its reader (so it is in the language
   * the reader has when it goes out); an item queued before intents sends its stored message.
   */
  private async messageOf(record: PlanRecord, item: MessageItem): Promise<OutgoingMessage | undefined> {
    if (item.intent === undefined) return item.message;
    return this.options.presenter.present(record, item.intent, readerOf(record, item));
  }

  /**
   * A note for one person, sent once: one that cannot be delivered is logged and dropped,
   * never holding up the plan. (Drawing it comes first: a store that does not answer makes it wait.)
   */
  private async sendNote(record: PlanRecord, item: Extract<OutboxItem, { kind: 'note' }>): Promise<Outcome> {
    const message = await this.messageOf(record, item);
    if (!message) return { kind: 'done' };
    try {
      if (item.via === 'dm') await this.options.messenger.post(item.userId, message);
      else await this.options.messenger.postEphemeral(record.channelId, item.userId, message);
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
  private async retryLater(record: PlanRecord, item: OutboxItem, failure: SlackCallError): Promise<void> {
    const planId = record.id;
    const { store } = this.options;
    if (mayHaveTakenEffect(failure)) this.uncertain.set(item.id, planId);
    const now = this.timers.now();
    if (failure.code === 'ratelimited') {
      // Slack says when: hold every message for this channel (on every instance) until then, without using up the item's tries.
      const until = Math.max(now + Math.max(0, failure.retryAfterSeconds ?? 1) * 1000, await this.channelHold(record));
      await store.keys.set(holdKey(record), until, Math.max(1_000, until - now)).catch((error: unknown) =>
        this.options.logger.warn('could not share a rate-limit hold with the other instances', { code: (error as { code?: string }).code }),
      );
      await this.holdBack(record, until);
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
      await store.withPlan(planId, (latest) => {
        latest.outbox = latest.outbox.filter((queued) => queued.id !== item.id);
        return { durable: false };
      });
      await this.notify(planId, describeSlackFailure(failure.code));
      this.rerun.add(planId);
      return;
    }
    await this.holdBack(record, now + delay);
  }

  /** Wakes the plan's drain at `until` (keeping its lease till then), telling the author once when the hold passes a minute. */
  private async holdBack(record: PlanRecord, until: number): Promise<void> {
    const planId = record.id;
    const now = this.timers.now();
    // Kept through the wait, so no other instance sends this plan's messages before it is time.
    if (!(await this.holdLease(planId, until))) return;
    const since = this.heldSince.get(planId) ?? now;
    this.heldSince.set(planId, since);
    if (until - since > (this.options.heldNoticeAfterMs ?? 60_000)) {
      // Told once per hold, by whichever instance holds the plan's messages.
      const first = await this.options.store.keys.setIfAbsent(heldToldKey(planId), true, HELD_TOLD_TTL_MS).catch(() => false);
      if (first) void this.tellAuthorHeld(record, Math.ceil((until - now) / 60_000));
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
    const held = phrase('outbox.held_back', { count: Math.max(1, minutes) });
    this.options.logger.warn('messages held back by a Slack rate limit for over a minute; telling the author', { planId: record.id, minutes });
    if (this.notifiers.has(record.id)) {
      await this.notify(record.id, held);
      return;
    }
    try {
      const message = await this.options.presenter.present(record, notice(held), { userId: record.authorId });
      if (message) await this.options.messenger.postEphemeral(record.channelId, record.authorId, message);
    } catch (error) {
      this.options.logger.warn('could not tell the author that messages are held back', { planId: record.id, error: String(error) });
    }
  }

  private async notify(planId: string, text: Phrase): Promise<void> {
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

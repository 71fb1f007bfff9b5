/**
 * Review reminders. Each reminder is stored with its plan; a tick (every minute,
 * and at start) sends the ones that are due for approved plans. A reminder is
 * claimed (`sending`, saved) before it is posted and marked `sent` after, and the
 * post carries metadata naming the plan, the reminder and its date: if the bot dies
 * between the two, or the post timed out but may have gone through, the next tick
 * looks for that message in the channel before sending again. So a bot that was
 * down sends a due reminder once when it returns, and never twice; after downtime
 * past both dates it sends the reminder, and the nudge three days after that.
 *
 * Several instances tick at the same time: each plan's reminders are worked on under
 * a lease (`reminders:<plan>`), so only one instance sends them; a reminder still
 * claimed when the lease is taken was left by an instance that died mid-send, and is
 * looked for in the channel first. The tick reads only the plans due by now (the
 * store indexes each plan's next due time).
 */
import { dueReminders, markReminderSent, moveReminders, reminderDate, type Reminder, type ReminderSchedule } from '../domain/review/reminders.js';
import { parseDate } from '../domain/parse/index.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';
import type { PlanStore } from '../store/plan-store.js';
import { latestVersion, type PlanRecord } from './plan-record.js';
import type { PlanService } from './plan-service.js';
import { mayHaveTakenEffect, SlackCallError, type Clock, type Logger, type MessageMetadata, type MessagePresenter, type Messenger } from './ports.js';
import { inWorkspace } from './workspace-context.js';
import type { PlanStatus } from './plan-record.js';

/** Plans whose reminder date can be moved: posted and not yet in review (a draft keeps the date for when it is approved). */
const MOVABLE: readonly PlanStatus[] = ['draft', 'changes-requested', 'approved', 'planning'];

function cannotMove(record: PlanRecord): Phrase {
  switch (record.status) {
    case 'reviewing':
      return phrase('remind.reviewing', { planId: record.id });
    case 'reviewed':
      return phrase('remind.reviewed', { planId: record.id });
    case 'cancelled':
      return phrase('remind.cancelled', { planId: record.id });
    default:
      return phrase('remind.not_posted', { planId: record.id });
  }
}

/** Metadata type of reminder messages, used to find them again after a crash. */
export const REMINDER_EVENT_TYPE = 'imc_review_reminder';

export interface ReminderServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  messenger: Messenger;
  /** Draws the reminder for the channel, in its language, when it is sent. */
  presenter: MessagePresenter;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  reviewHour: number;
  /** How long one instance may hold a plan's reminders before another may take them over (default 2 minutes). */
  leaseMs?: number;
}

/** Long enough for a history look-up and a post, each at most one Slack timeout. */
const DEFAULT_LEASE_MS = 120_000;

export class ReminderService {
  private ticking: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ReminderServiceOptions) {}

  /** Ticks now and then every `intervalMs`. */
  start(intervalMs = 60_000): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends every due reminder; returns how many were sent. Overlapping calls share one run. */
  tick(): Promise<number> {
    this.ticking ??= this.sendDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** `/imc remind <plan> <date>`: moves the plan's pending reminders. Returns the reply. */
  async move(planId: string, when: string | undefined, teamId: string): Promise<Phrase> {
    if (!when) return phrase('remind.when');
    const parsed = parseDate(when, this.options.clock.now(), this.options.timeZone);
    if (!parsed.ok) return parsed.error;
    const today = parseDate('today', this.options.clock.now(), this.options.timeZone);
    if (today.ok && parsed.value < today.value) return phrase('remind.in_the_past', { date: { date: parsed.value } });
    let reply = phrase('command.no_such_plan', { planId });
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.teamId !== teamId) return false;
      if (!latestVersion(record) || !MOVABLE.includes(record.status)) {
        reply = cannotMove(record);
        return false;
      }
      const before = record.reminders?.find((r) => r.kind === 'review');
      record.reminders = moveReminders(record.reminders ?? [], parsed.value, this.schedule, this.options.clock.now());
      const at = phrase('remind.at', { date: { date: parsed.value }, time: `${String(this.options.reviewHour).padStart(2, '0')}:00` });
      const nudge = record.reminders.find((r) => r.kind === 'nudge');
      const nudgeOn = nudge ? { date: reminderDate(nudge, this.options.timeZone) } : '';
      reply =
        record.status !== 'approved'
          ? phrase('remind.once_approved', { planId: record.id, at })
          : before?.status === 'sent' && before.sentAt
            ? phrase('remind.again', { planId: record.id, sent: { date: reminderDate({ ...before, dueAt: before.sentAt }, this.options.timeZone) }, at, nudge: nudgeOn })
            : phrase('remind.moved', { planId: record.id, at, nudge: nudgeOn });
      return true;
    });
    return reply;
  }

  private get schedule(): ReminderSchedule {
    return { timeZone: this.options.timeZone, hour: this.options.reviewHour };
  }

  private async sendDue(): Promise<number> {
    const { store, logger } = this.options;
    let entries;
    try {
      entries = await store.list({ dueBy: this.options.clock.now().toISOString() });
    } catch (error) {
      logger.error('reminder tick could not read the due plans; the next tick tries again', { code: (error as { code?: string }).code, error: String(error) });
      return 0;
    }
    let sent = 0;
    for (const entry of entries) {
      try {
        const lease = await store.leases.acquire(`reminders:${entry.id}`, this.options.leaseMs ?? DEFAULT_LEASE_MS);
        if (!lease) continue; // another instance is sending this plan's reminders
        try {
          sent += await this.sendDueFor(entry.id);
        } finally {
          await store.leases.release(lease).catch(() => undefined);
        }
      } catch (error) {
        logger.error('reminder tick failed for a plan', { planId: entry.id, error: String(error) });
      }
    }
    return sent;
  }

  private async sendDueFor(planId: string): Promise<number> {
    const { plans, clock } = this.options;
    let claimed: { record: PlanRecord; reminder: Reminder; recovering: boolean }[] = [];
    await plans.withRecord(planId, async (record) => {
      const reminders = record.reminders ?? [];
      const now = clock.now();
      const stuck = reminders.filter((r) => r.status === 'sending');
      // Only an approved plan is reminded; a review under way needs no reminder or nudge.
      const due = record.status === 'approved' ? dueReminders(reminders, now, false) : [];
      if (due.length === 0 && stuck.length === 0) return false;
      for (const reminder of due) reminder.status = 'sending';
      claimed = [...stuck.map((reminder) => ({ record, reminder, recovering: true })), ...due.map((reminder) => ({ record, reminder, recovering: false }))];
      return due.length > 0;
    });
    let sent = 0;
    for (const { record, reminder, recovering } of claimed) {
      const outcome = await inWorkspace({ teamId: record.teamId }, () => this.deliver(record, reminder, recovering));
      await plans.withRecord(planId, async (latest) => {
        const stored = latest.reminders?.find((r) => r.id === reminder.id);
        if (!stored || stored.status !== 'sending') return false;
        if (stored.dueAt !== reminder.dueAt || outcome === 'retry') {
          // Moved while it was being sent (it waits for its new date), or Slack surely did not take it.
          stored.status = 'pending';
        } else if (outcome !== 'uncertain') {
          // An uncertain failure stays claimed: the next tick looks for it in the channel first.
          latest.reminders = markReminderSent(latest.reminders ?? [], stored.id, clock.now(), this.schedule);
        }
        return true;
      });
      if (outcome === 'sent') sent += 1;
    }
    return sent;
  }

  /** Posts the reminder unless a crashed earlier attempt already did. */
  private async deliver(record: PlanRecord, reminder: Reminder, recovering: boolean): Promise<'sent' | 'already-sent' | 'dropped' | 'retry' | 'uncertain'> {
    const { messenger, logger } = this.options;
    // The date tells a reminder armed again by a move from the one that went out before it.
    const metadata: MessageMetadata = { event_type: REMINDER_EVENT_TYPE, event_payload: { plan_id: record.id, reminder_id: reminder.id, due_at: reminder.dueAt } };
    const version = latestVersion(record);
    if (!version) return 'dropped';
    try {
      if (recovering) {
        const recent = await messenger.recentMessages(record.channelId, 100);
        const found = recent.some(
          (m) =>
            m.metadata?.event_type === REMINDER_EVENT_TYPE &&
            m.metadata.event_payload.plan_id === record.id &&
            m.metadata.event_payload.reminder_id === reminder.id &&
            (m.metadata.event_payload.due_at ?? reminder.dueAt) === reminder.dueAt,
        );
        if (found) {
          logger.info('reminder was already posted before a restart', { planId: record.id, reminder: reminder.id });
          return 'already-sent';
        }
      }
      const message = await this.options.presenter.present(record, { kind: 'reminder', reminder: reminder.kind }, { channel: true });
      if (!message) return 'dropped';
      await messenger.post(record.channelId, message, undefined, metadata);
      logger.info('review reminder sent', { planId: record.id, reminder: reminder.id });
      return 'sent';
    } catch (error) {
      const failure = error instanceof SlackCallError ? error : new SlackCallError('unexpected_error', false);
      if (failure.retryable) {
        logger.warn('review reminder failed; will retry on the next tick', { planId: record.id, code: failure.code });
        return mayHaveTakenEffect(failure) ? 'uncertain' : 'retry';
      }
      logger.error('review reminder could not be posted; dropped', { planId: record.id, code: failure.code });
      return 'dropped';
    }
  }
}

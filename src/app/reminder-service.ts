/**
 * Review reminders. Each reminder is stored with its plan; a tick (every minute,
 * and at start) sends the ones that are due. A reminder is claimed (`sending`,
 * saved) before it is posted and marked `sent` after, and the post carries
 * metadata naming the plan and reminder: if the bot dies between the two, the
 * next start looks for that message in the channel before sending again. So a bot
 * that was down sends a due reminder once when it returns, and never twice.
 */
import { dueReminders, moveReminders, type Reminder } from '../domain/review/reminders.js';
import { formatDate } from '../domain/plan/format.js';
import { parseDate } from '../domain/parse/index.js';
import type { PlanStore } from '../store/plan-store.js';
import { reminderMessage } from '../slack/blocks/review-messages.js';
import { latestVersion, type PlanRecord } from './plan-record.js';
import type { PlanService } from './plan-service.js';
import { SlackCallError, type Clock, type Logger, type MessageMetadata, type Messenger } from './ports.js';

/** Metadata type of reminder messages, used to find them again after a crash. */
export const REMINDER_EVENT_TYPE = 'imc_review_reminder';

export interface ReminderServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  reviewHour: number;
}

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
  async move(planId: string, when: string | undefined, teamId: string): Promise<string> {
    if (!when) return 'When? For example `/imc remind P-7K3QX 2027-04-20`.';
    const parsed = parseDate(when, this.options.clock.now(), this.options.timeZone);
    if (!parsed.ok) return parsed.error;
    const today = parseDate('today', this.options.clock.now(), this.options.timeZone);
    if (today.ok && parsed.value < today.value) return `${formatDate(parsed.value)} is in the past. Give a date from today on.`;
    let reply = `There is no plan \`${planId}\`. \`/imc list\` shows the plans of this channel.`;
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.teamId !== teamId) return false;
      const pending = (record.reminders ?? []).some((r) => r.status === 'pending');
      if (!pending) {
        reply =
          record.status === 'draft' || record.status === 'changes-requested'
            ? `Plan \`${record.id}\` is not approved yet: its review reminder is scheduled when it is approved (for its review date, ${formatDate(latestVersion(record)?.plan.reviewDate ?? '')}).`
            : `Plan \`${record.id}\` has no reminder waiting to be sent.`;
        return false;
      }
      record.reminders = moveReminders(record.reminders ?? [], parsed.value, this.options.timeZone, this.options.reviewHour);
      reply = `The review reminder of \`${record.id}\` moved to ${formatDate(parsed.value)} at ${String(this.options.reviewHour).padStart(2, '0')}:00.`;
      return true;
    });
    return reply;
  }

  private async sendDue(): Promise<number> {
    const entries = await this.options.store.list({ statuses: ['approved', 'reviewing'] });
    let sent = 0;
    for (const entry of entries) {
      try {
        sent += await this.sendDueFor(entry.id);
      } catch (error) {
        this.options.logger.error('reminder tick failed for a plan', { planId: entry.id, error: String(error) });
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
      const reviewStarted = record.status !== 'approved';
      const stuck = reminders.filter((r) => r.status === 'sending');
      const due = dueReminders(reminders, now, reviewStarted);
      if (due.length === 0 && stuck.length === 0) return false;
      for (const reminder of due) reminder.status = 'sending';
      claimed = [...stuck.map((reminder) => ({ record, reminder, recovering: true })), ...due.map((reminder) => ({ record, reminder, recovering: false }))];
      return due.length > 0;
    });
    let sent = 0;
    for (const { record, reminder, recovering } of claimed) {
      const outcome = await this.deliver(record, reminder, recovering);
      await plans.withRecord(planId, async (latest) => {
        const stored = latest.reminders?.find((r) => r.id === reminder.id);
        if (!stored || stored.status !== 'sending') return false;
        stored.status = outcome === 'retry' ? 'pending' : 'sent';
        if (outcome !== 'retry') stored.sentAt = clock.now().toISOString();
        return true;
      });
      if (outcome === 'sent') sent += 1;
    }
    return sent;
  }

  /** Posts the reminder unless a crashed earlier attempt already did. */
  private async deliver(record: PlanRecord, reminder: Reminder, recovering: boolean): Promise<'sent' | 'already-sent' | 'dropped' | 'retry'> {
    const { messenger, logger } = this.options;
    const metadata: MessageMetadata = { event_type: REMINDER_EVENT_TYPE, event_payload: { plan_id: record.id, reminder_id: reminder.id } };
    const version = latestVersion(record);
    if (!version) return 'dropped';
    try {
      if (recovering) {
        const recent = await messenger.recentMessages(record.channelId, 100);
        const found = recent.some(
          (m) => m.metadata?.event_type === REMINDER_EVENT_TYPE && m.metadata.event_payload.plan_id === record.id && m.metadata.event_payload.reminder_id === reminder.id,
        );
        if (found) {
          logger.info('reminder was already posted before a restart', { planId: record.id, reminder: reminder.id });
          return 'already-sent';
        }
      }
      await messenger.post(record.channelId, reminderMessage(record, version.plan, reminder.kind), undefined, metadata);
      logger.info('review reminder sent', { planId: record.id, reminder: reminder.id });
      return 'sent';
    } catch (error) {
      const failure = error instanceof SlackCallError ? error : new SlackCallError('unexpected_error', false);
      if (failure.retryable) {
        logger.warn('review reminder failed; will retry on the next tick', { planId: record.id, code: failure.code });
        return 'retry';
      }
      logger.error('review reminder could not be posted; dropped', { planId: record.id, code: failure.code });
      return 'dropped';
    }
  }
}

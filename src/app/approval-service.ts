/**
 * Approval by reaction. On every reaction event that could matter, the bot re-reads
 * the draft's current reactions and the channel's members and derives the state
 * from scratch (the domain's `deriveApproval`), so redelivered, duplicated or
 * out-of-order events can never make it drift. The reaction listener does not wait
 * for this: it is idempotent, and on start every posted draft is derived again,
 * which also catches reactions made while the bot was down.
 */
import { deriveApproval, describeApproval, baseEmoji, type ApprovalOutcome, type ApprovalPolicy } from '../domain/approval/approval.js';
import { effectivePolicy } from '../domain/approval/channel-config.js';
import { formatDate } from '../domain/plan/format.js';
import { cancelReminders, scheduleReviewReminders } from '../domain/review/reminders.js';
import type { ChannelSettingsStore } from '../store/channel-settings-store.js';
import type { PlanStore } from '../store/plan-store.js';
import { textMessage } from '../slack/blocks/flow-messages.js';
import { escapeMrkdwn } from '../render/escape.js';
import { enqueue } from './outbox-worker.js';
import { latestVersion, type ApprovalRecord, type PlanRecord, type PlanStatus } from './plan-record.js';
import type { PlanService } from './plan-service.js';
import type { Clock, Logger, Messenger } from './ports.js';

/** Statuses in which reactions on the draft decide the approval. Once the review starts, they no longer do. */
const APPROVABLE: readonly PlanStatus[] = ['draft', 'changes-requested', 'approved'];

export interface ApprovalServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  messenger: Messenger;
  settings: ChannelSettingsStore;
  defaults: ApprovalPolicy;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  reviewHour: number;
  botUserId: () => string | undefined;
  /** Called (under the plan's lock, before it is saved) when a version becomes approved. */
  onApproved?: (record: PlanRecord) => void;
}

export class ApprovalService {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: ApprovalServiceOptions) {}

  /** The policy in force in a channel. */
  policyFor(teamId: string, channelId: string): ApprovalPolicy {
    return effectivePolicy(this.options.defaults, this.options.settings.get(teamId, channelId));
  }

  /** The approval line of a draft message: the state now and how to approve. */
  statusLine(record: PlanRecord): string {
    const policy = this.policyFor(record.teamId, record.channelId);
    const approval = currentApproval(record);
    const outcome: ApprovalOutcome = {
      state: approval?.state ?? 'draft',
      approvers: approval?.approvers ?? [],
      changeRequesters: approval?.changeRequesters ?? [],
      ignored: [],
      needed: policy.approvalsNeeded,
    };
    const when = approval?.state === 'approved' && approval.approvedAt ? ` Approved on ${formatDate(approval.approvedAt.slice(0, 10))}.` : '';
    return `${describeApproval(outcome, policy)}${when}`;
  }

  /** A reaction was added or removed somewhere: re-derive if it may concern a draft. Does not wait. */
  onReaction(event: { teamId?: string; channelId: string; messageTs: string; reaction: string; userId: string }): void {
    if (event.userId === this.options.botUserId()) return;
    const run = this.reactionChanged(event)
      .catch((error: unknown) => this.options.logger.error('approval update failed', { channelId: event.channelId, error: String(error) }))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when no derivation is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Derives every posted draft again (on start: catches reactions made while the bot was down). */
  async rederiveAll(): Promise<number> {
    const entries = await this.options.store.list({ statuses: [...APPROVABLE] });
    let updated = 0;
    for (const entry of entries) {
      try {
        if (await this.derive(entry.id)) updated += 1;
      } catch (error) {
        this.options.logger.warn('could not re-derive an approval at start', { planId: entry.id, error: String(error) });
      }
    }
    return updated;
  }

  private async reactionChanged(event: { channelId: string; messageTs: string; reaction: string }): Promise<void> {
    const record = await this.options.store.findByMessage(event.channelId, event.messageTs);
    if (!record || !APPROVABLE.includes(record.status)) return;
    if (latestVersion(record)?.messageTs !== event.messageTs) return;
    const policy = this.policyFor(record.teamId, record.channelId);
    const emoji = baseEmoji(event.reaction);
    if (emoji !== policy.approveEmoji && emoji !== policy.rejectEmoji) return;
    await this.derive(record.id);
  }

  /** Re-reads the draft's reactions and members and applies the derived state; true when it changed. */
  async derive(planId: string): Promise<boolean> {
    const snapshot = await this.options.store.get(planId);
    const version = snapshot && latestVersion(snapshot);
    if (!snapshot || !version?.messageTs || !APPROVABLE.includes(snapshot.status)) return false;
    const { messenger } = this.options;
    const [reactions, members] = await Promise.all([
      messenger.reactions(snapshot.channelId, version.messageTs),
      messenger.members(snapshot.channelId),
    ]);
    const policy = this.policyFor(snapshot.teamId, snapshot.channelId);
    const outcome = deriveApproval({
      reactions,
      authorId: snapshot.authorId,
      botUserId: this.options.botUserId() ?? '',
      isMember: (userId) => members.has(userId),
      policy,
    });
    let changed = false;
    await this.options.plans.withRecord(planId, async (record) => {
      const latest = latestVersion(record);
      // The plan moved on while Slack was being read (new version, review started): this reading no longer applies.
      if (!latest || latest.version !== version.version || !APPROVABLE.includes(record.status)) return false;
      changed = this.apply(record, latest.version, outcome, policy);
      return changed;
    });
    return changed;
  }

  private apply(record: PlanRecord, version: number, outcome: ApprovalOutcome, policy: ApprovalPolicy): boolean {
    const before = currentApproval(record);
    // No approval recorded yet reads as a draft with nobody's reactions.
    const same =
      (before?.state ?? 'draft') === outcome.state &&
      sameList(before?.approvers ?? [], outcome.approvers) &&
      sameList(before?.changeRequesters ?? [], outcome.changeRequesters);
    if (same && record.status === outcome.state) return false;
    const now = this.options.clock.now().toISOString();
    const wasApproved = record.status === 'approved';
    const next: ApprovalRecord = {
      version,
      state: outcome.state,
      approvers: outcome.approvers,
      changeRequesters: outcome.changeRequesters,
      ...(outcome.state === 'approved' ? { approvedAt: wasApproved && before?.approvedAt ? before.approvedAt : now } : {}),
    };
    record.approval = next;
    record.status = outcome.state;
    const plan = latestVersion(record)?.plan;
    const mentions = (ids: string[]) => ids.map((id) => `<@${id}>`).join(', ');
    if (outcome.state === 'approved' && !wasApproved && plan) {
      record.reminders = scheduleReviewReminders(plan.reviewDate, this.options.timeZone, this.options.reviewHour);
      enqueue(record, {
        kind: 'post',
        where: 'thread',
        message: textMessage(
          `:white_check_mark: <@${record.authorId}> your plan *${escapeMrkdwn(plan.campaign)}* is approved by ${mentions(outcome.approvers)}. ` +
            `I'll remind the channel to review it on ${formatDate(plan.reviewDate)}.`,
          'Plan approved',
        ),
      });
      this.options.onApproved?.(record);
    } else if (wasApproved && outcome.state !== 'approved') {
      record.reminders = cancelReminders(record.reminders ?? []);
      delete record.approval?.approvedAt;
      enqueue(record, {
        kind: 'post',
        where: 'thread',
        message: textMessage(
          outcome.state === 'changes-requested'
            ? `:x: ${mentions(outcome.changeRequesters)} asked for changes: the plan is no longer approved. <@${record.authorId}>, type \`change &lt;question&gt;\` here to revise it.`
            : `:arrow_backward: Approvals were withdrawn (${outcome.approvers.length} of ${policy.approvalsNeeded}): the plan is a draft again.`,
          'Approval withdrawn',
        ),
      });
    } else if (outcome.state === 'changes-requested' && before?.state !== 'changes-requested') {
      enqueue(record, {
        kind: 'post',
        where: 'thread',
        message: textMessage(
          `:x: ${mentions(outcome.changeRequesters)} asked for changes. <@${record.authorId}>, type \`change &lt;question&gt;\` here (or click *Edit* on the draft) to revise it.`,
          'Changes requested',
        ),
      });
    }
    this.options.plans.refreshDraft(record);
    this.options.logger.info('approval changed', { planId: record.id, state: outcome.state, approvers: outcome.approvers.length });
    return true;
  }
}

/** The approval of the latest version, if it was derived for that version. */
export function currentApproval(record: PlanRecord): ApprovalRecord | undefined {
  const version = latestVersion(record)?.version;
  return record.approval && record.approval.version === version ? record.approval : undefined;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

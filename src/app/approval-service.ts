/**
 * Approval by reaction and by the draft's Approve / Request changes buttons. On every
 * reaction event or click that could matter, the bot re-reads the draft's current
 * reactions and the channel's members and derives the state from scratch (the
 * domain's `deriveApproval`, with the stored button votes), so redelivered,
 * duplicated or out-of-order events can never make it drift.
 *
 * Derivations of one plan run one after another in this process, and a request that
 * arrives while one runs is served by a single fresh derivation after it. Across bot
 * instances each reading takes a ticket (a number stored with the plan) before it asks
 * Slack, and applies only if no reading that started after it has been applied: a
 * slow, older reading of the reactions can never land after a newer one, on whichever
 * instance it ran. The reaction listener does not wait; on start every posted draft
 * is derived again, which also catches reactions made while the bot was down.
 *
 * Each version is derived under the approval rules it was posted with, so changing
 * the channel's rules never approves a plan already waiting; only admins and owners
 * (or `IMC_ADMINS`) may loosen the rules, and every change is announced.
 */
import { baseEmoji, deriveApproval, describeApproval, type ApprovalOutcome, type ApprovalPolicy, type Vote } from '../domain/approval/approval.js';
import { applySettings, effectivePolicy, policyChanges, type ChannelSettings, type ConfigRequest } from '../domain/approval/channel-config.js';
import { joined, phrase, type Phrase } from '../domain/message/phrase.js';
import type { Language } from '../domain/message/language.js';
import { ensureReminders, reminderDate } from '../domain/review/reminders.js';
import type { ChannelSettingsStore, PlanStore } from '../store/plan-store.js';
import {
  approvalWithdrawnNotice,
  approvedNotice,
  changeRequestWithdrawnNotice,
  changesRequestedNotice,
  languageChangedAnnouncement,
  settingsChangedAnnouncement,
  settingsRefusal,
  settingsText,
  uncountedReactionNote,
  voteReply,
  type DraftRef,
} from './approval-notices.js';
import { notice } from './message-intent.js';
import { enqueue } from './outbox-worker.js';
import { isPlanId } from './plan-id.js';
import { within } from './within.js';
import { latestVersion, markSeen, type ApprovalRecord, type PlanRecord, type PlanStatus, type PlanVersion } from './plan-record.js';
import type { PlanService } from './plan-service.js';
import { currentWorkspace, inWorkspace, type Workspace } from './workspace-context.js';
import { SlackCallError, type Clock, type Logger, type Messenger } from './ports.js';

/** Statuses in which votes on the draft decide the approval. Once the review starts, they no longer do. */
const APPROVABLE: readonly PlanStatus[] = ['draft', 'changes-requested', 'approved'];

/** How long the admin look-up of `/imc config` may take. */
const ADMIN_CHECK_TIMEOUT_MS = 1_500;

/** Waits before reading a draft's reactions again after Slack failed to answer (a Retry-After wins). */
const DERIVE_RETRY_MS = [2_000, 10_000, 30_000, 120_000];

export interface ApprovalServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  messenger: Messenger;
  settings: ChannelSettingsStore;
  defaults: ApprovalPolicy;
  /** The language of a channel's posts until `/imc config language` sets one (`IMC_LANGUAGE`). */
  defaultLanguage?: Language;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  reviewHour: number;
  botUserId: () => string | undefined;
  /** Called (under the plan's lock, before it is saved) when a version becomes approved. */
  onApproved?: (record: PlanRecord) => void;
  /** Members who may loosen approval rules besides workspace admins and owners (`IMC_ADMINS`). */
  admins?: readonly string[];
}

/** What `/imc config` answers: only to the caller, or (a change) to the whole channel. */
export interface ConfigReply {
  text: Phrase;
  inChannel: boolean;
}

interface Derived {
  outcome: ApprovalOutcome;
  changed: boolean;
}

interface DeriveChain {
  tail: Promise<unknown>;
  /** A derivation not started yet: whoever asks now is served by it, and it reads the newest state. */
  queued?: Promise<Derived | undefined>;
}

export class ApprovalService {
  private readonly running = new Set<Promise<unknown>>();
  private readonly chains = new Map<string, DeriveChain>();
  private readonly retries = new Map<string, { attempt: number; timer?: NodeJS.Timeout }>();
  private stopped = false;

  constructor(private readonly options: ApprovalServiceOptions) {}

  /** The policy in force in a channel now (for drafts posted from now on). */
  async policyFor(teamId: string, channelId: string): Promise<ApprovalPolicy> {
    return effectivePolicy(this.options.defaults, await this.options.settings.get(teamId, channelId));
  }

  /** The rules a version is approved under: those it was posted with. */
  async policyOf(record: PlanRecord, version: PlanVersion | undefined = latestVersion(record)): Promise<ApprovalPolicy> {
    return version?.policy ?? this.policyFor(record.teamId, record.channelId);
  }

  /** The approval line of a draft message: the state now, who approved, and how to vote. */
  async statusLine(record: PlanRecord): Promise<Phrase> {
    const policy = await this.policyOf(record);
    const approval = currentApproval(record);
    const outcome: ApprovalOutcome = {
      state: approval?.state ?? 'draft',
      approvers: approval?.approvers ?? [],
      changeRequesters: approval?.changeRequesters ?? [],
      ignored: [],
      needed: Math.max(1, policy.approvalsNeeded),
    };
    const when = approval?.state === 'approved' && approval.approvedAt ? phrase('approval.line.approved_on', { date: { date: approval.approvedAt.slice(0, 10) } }) : undefined;
    return joined(describeApproval(outcome, policy), when);
  }

  /** A reaction was added or removed somewhere: re-derive if it may concern a draft. Does not wait. */
  onReaction(event: { teamId: string; channelId: string; messageTs: string; reaction: string; userId: string }): void {
    if (event.userId === this.options.botUserId()) return;
    this.track(this.reactionChanged(event), 'approval update failed');
  }

  /**
   * A click on the draft's Approve or Request changes button: casts that vote, or takes
   * it back when it is the person's vote already. Counted exactly like the reaction.
   * Returns the reply for the clicker (undefined for a repeated delivery of one click).
   */
  async vote(input: { planId: string; version: number; userId: string; vote: Vote; dedupeKey: string }): Promise<Phrase | undefined> {
    if (!isPlanId(input.planId)) return phrase('plan.not_found');
    let reply: Phrase | undefined = phrase('plan.not_found_any_more');
    let cast: { click: 'cast' | 'withdrawn'; draft: DraftRef; policy: ApprovalPolicy } | undefined;
    await this.options.plans.withRecord(input.planId, async (record) => {
      const latest = latestVersion(record);
      if (!latest) return false;
      if (latest.version !== input.version) {
        reply = phrase('approval.vote.replaced', { version: String(input.version), latest: String(latest.version) });
        return false;
      }
      if (!APPROVABLE.includes(record.status)) {
        reply = phrase(record.status === 'planning' ? 'approval.vote.being_revised' : record.status === 'cancelled' ? 'approval.vote.cancelled' : 'approval.vote.reviewed');
        return false;
      }
      reply = undefined;
      if (!markSeen(record, input.dedupeKey)) return false;
      const policy = await this.policyOf(record, latest);
      const draft = draftRef(record, latest);
      if (input.userId === this.options.botUserId()) return true;
      if (input.vote === 'approve' && input.userId === record.authorId && !policy.authorCanApprove) {
        reply = voteReply({ draft, policy, vote: input.vote, click: 'cast', counts: false, ignored: 'author', approvals: 0, needed: policy.approvalsNeeded });
        return true;
      }
      const approval: ApprovalRecord = currentApproval(record) ?? { version: latest.version, state: 'draft', approvers: [], changeRequesters: [] };
      const votes = approval.votes ?? [];
      const click = votes.some((v) => v.userId === input.userId && v.vote === input.vote) ? 'withdrawn' : 'cast';
      const others = votes.filter((v) => v.userId !== input.userId);
      record.approval = { ...approval, votes: click === 'withdrawn' ? others : [...others, { userId: input.userId, vote: input.vote }] };
      cast = { click, draft, policy };
      return true;
    });
    if (!cast) return reply;
    const { click, draft, policy } = cast;
    const outcome = await this.derive(input.planId).catch(() => undefined);
    if (!outcome) return phrase('approval.vote.saved_slack_slow');
    const ignored = outcome.ignored.find((i) => i.userId === input.userId)?.reason;
    const counts = (input.vote === 'approve' ? outcome.approvers : outcome.changeRequesters).includes(input.userId);
    return voteReply({
      draft,
      policy,
      vote: input.vote,
      click,
      counts,
      ...(ignored && ignored !== 'bot' && click === 'cast' ? { ignored } : {}),
      approvals: outcome.approvers.length,
      needed: outcome.needed,
    });
  }

  /**
   * `/imc config`: shows the rules, or changes them. Anyone in the channel may make
   * them stricter; loosening needs a workspace admin or owner or someone in
   * `IMC_ADMINS`. A change is announced to the channel, naming who made it.
   */
  async configure(ctx: { teamId: string; channelId: string; userId: string }, request: ConfigRequest): Promise<ConfigReply> {
    const { settings, defaults } = this.options;
    const current = await settings.get(ctx.teamId, ctx.channelId);
    const languageOf = (channel: ChannelSettings) => channel.language ?? this.options.defaultLanguage ?? 'en';
    const shown = (channel: ChannelSettings) => settingsText(effectivePolicy(defaults, channel), languageOf(channel));
    if (request.kind === 'show') return { text: shown(current), inChannel: false };
    let next: ChannelSettings = {};
    if (request.kind === 'set') {
      const merged = applySettings(defaults, current, request.settings);
      if (!merged.ok) return { text: merged.error, inChannel: false };
      next = merged.value;
    }
    const changes = policyChanges(effectivePolicy(defaults, current), effectivePolicy(defaults, next));
    // The language of the channel's posts is no approval rule: anyone in the channel may set it.
    const language = languageOf(next) !== languageOf(current) ? languageOf(next) : undefined;
    if (changes.length === 0 && !language) return { text: phrase('config.nothing_to_change', { settings: shown(current) }), inChannel: false };
    if (changes.some((change) => change.loosens)) {
      const allowed = await this.mayLoosen(ctx.userId);
      if (allowed === 'unknown') return { text: phrase('config.admin_check_failed'), inChannel: false };
      if (!allowed) return { text: settingsRefusal(changes), inChannel: false };
    }
    await settings.set(ctx.teamId, ctx.channelId, next);
    this.options.logger.info('channel settings changed', { channelId: ctx.channelId, userId: ctx.userId, settings: changes.map((c) => c.setting), language });
    // A stored plan has no language: its drafts waiting in the channel are drawn again in the new one.
    if (language) await this.options.plans.redrawDrafts(ctx.teamId, ctx.channelId);
    const announcements = [
      ...(changes.length > 0 ? [settingsChangedAnnouncement(ctx.userId, changes)] : []),
      ...(language ? [languageChangedAnnouncement(ctx.userId, language)] : []),
    ] as [Phrase, ...Phrase[]];
    return { text: joined(...announcements), inChannel: true };
  }

  /** Resolves when no derivation is running (tests, shutdown); scheduled retries excluded. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Cancels scheduled retries and waits for running derivations. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
    this.retries.clear();
    await this.idle();
  }

  /** Derives every posted draft again (on start: catches reactions made while the bot was down). */
  async rederiveAll(): Promise<number> {
    const entries = await this.options.store.list({ statuses: [...APPROVABLE] });
    let updated = 0;
    for (const entry of entries) {
      try {
        if ((await this.derivation(entry.id))?.changed) updated += 1;
      } catch (error) {
        this.options.logger.warn('could not re-derive an approval at start', { planId: entry.id, error: String(error) });
      }
    }
    return updated;
  }

  /**
   * Re-reads the draft's reactions and members and applies the derived state, after
   * any derivation of the plan already running; callers that ask while one waits to
   * start share it. Resolves with the outcome (undefined when the plan has no draft
   * to derive).
   */
  derive(planId: string): Promise<ApprovalOutcome | undefined> {
    return this.derivation(planId).then((result) => result?.outcome);
  }

  /** One serialised derivation of the plan, with whether it changed the record. */
  private derivation(planId: string): Promise<Derived | undefined> {
    const chain = this.chains.get(planId) ?? { tail: Promise.resolve() };
    this.chains.set(planId, chain);
    if (chain.queued) return this.track(chain.queued);
    const queued: Promise<Derived | undefined> = chain.tail.then(() => {
      if (chain.queued === queued) delete chain.queued;
      return this.deriveNow(planId);
    });
    chain.queued = queued;
    const tail = queued.then(
      () => undefined,
      () => undefined,
    );
    chain.tail = tail;
    void tail.then(() => {
      if (chain.tail === tail && !chain.queued) this.chains.delete(planId);
    });
    return this.track(queued);
  }

  /** Counts `promise` as running until it settles (for `idle`); with `failure`, logs it under that message. */
  private track<T>(promise: Promise<T>, failure?: string): Promise<T> {
    const settled: Promise<unknown> = promise
      .catch((error: unknown) => failure && this.options.logger.error(failure, { error: String(error) }))
      .finally(() => this.running.delete(settled));
    this.running.add(settled);
    return promise;
  }

  private async reactionChanged(event: { teamId: string; channelId: string; messageTs: string; reaction: string }): Promise<void> {
    const planId = await this.options.store.findIdByMessage(event.teamId, event.channelId, event.messageTs);
    const record = planId === undefined ? undefined : await this.options.store.get(planId);
    if (!record || !APPROVABLE.includes(record.status)) return;
    const version = latestVersion(record);
    if (version?.messageTs !== event.messageTs) return;
    const policy = await this.policyOf(record, version);
    const emoji = baseEmoji(event.reaction);
    if (emoji !== baseEmoji(policy.approveEmoji) && emoji !== baseEmoji(policy.rejectEmoji)) return;
    await this.derive(record.id);
  }

  private async deriveNow(planId: string): Promise<Derived | undefined> {
    // A ticket first, saved with the plan: the reading it starts applies only if no later one already did.
    let ticket = 0;
    let snapshot: PlanRecord | undefined;
    await this.options.plans.withRecord(planId, async (record) => {
      const latest = latestVersion(record);
      if (!latest?.messageTs || !APPROVABLE.includes(record.status)) return false;
      const readings = record.approvalReadings ?? { taken: 0, applied: 0 };
      ticket = Math.max(readings.taken, readings.applied) + 1;
      record.approvalReadings = { ...readings, taken: ticket };
      snapshot = structuredClone(record);
      return 'bookkeeping';
    });
    const version = snapshot && latestVersion(snapshot);
    if (!snapshot || !version?.messageTs || ticket === 0) return undefined;
    const { messenger } = this.options;
    let reactions: Record<string, string[]>;
    let members: Set<string>;
    try {
      const { channelId, teamId } = snapshot;
      const draftTs = version.messageTs;
      // Read with the token of the plan's workspace, whatever started the reading (a start, a retry).
      [reactions, members] = await inWorkspace(currentWorkspace()?.teamId === teamId ? (currentWorkspace() as Workspace) : { teamId }, () => Promise.all([messenger.reactions(channelId, draftTs), messenger.members(channelId)]));
    } catch (error) {
      this.retryLater(planId, error);
      throw error;
    }
    this.retries.delete(planId);
    let result: Derived | undefined;
    await this.options.plans.withRecord(planId, async (record) => {
      const latest = latestVersion(record);
      // The plan moved on while Slack was being read (new version, review started): this reading no longer applies.
      if (!latest || latest.version !== version.version || !APPROVABLE.includes(record.status)) return false;
      const readings = record.approvalReadings ?? { taken: ticket, applied: 0 };
      // A reading that started after this one (here or on another instance) is already in: this one is older news.
      if (ticket <= readings.applied) return false;
      record.approvalReadings = { ...readings, applied: ticket };
      const policy = await this.policyOf(record, latest);
      const outcome = deriveApproval({
        reactions,
        // Read under the lock, so a click saved while Slack was being read is counted.
        buttonVotes: currentApproval(record)?.votes ?? [],
        authorId: record.authorId,
        botUserId: this.options.botUserId() ?? '',
        isMember: (userId) => members.has(userId),
        policy,
      });
      result = { outcome, changed: await this.apply(record, latest, outcome, policy) };
      // Saved either way: which reading is in must be known to the readings still under way.
      return result.changed ? true : 'bookkeeping';
    });
    return result;
  }

  /** Reads the draft again later when Slack could not answer now (a Retry-After wins); gives up after a few tries. */
  private retryLater(planId: string, error: unknown): void {
    if (this.stopped || !(error instanceof SlackCallError) || !error.retryable) return;
    const retry = this.retries.get(planId) ?? { attempt: 0 };
    if (retry.timer) return;
    retry.attempt += 1;
    const delay = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : DERIVE_RETRY_MS[retry.attempt - 1];
    if (delay === undefined) {
      this.retries.delete(planId);
      this.options.logger.error('gave up reading a draft\'s reactions; the next reaction or start derives it again', { planId, code: error.code });
      return;
    }
    this.options.logger.warn("could not read a draft's reactions; trying again", { planId, code: error.code, inMs: delay });
    retry.timer = setTimeout(() => {
      delete retry.timer;
      void this.derive(planId).catch(() => undefined);
    }, delay);
    retry.timer.unref();
    this.retries.set(planId, retry);
  }

  /** Whether `userId` may loosen approval rules; 'unknown' when Slack does not say in time (the change is refused). */
  private async mayLoosen(userId: string): Promise<boolean | 'unknown'> {
    if (this.options.admins?.includes(userId)) return true;
    try {
      // Asked before the command is acknowledged: it must leave time inside Slack's 3 seconds.
      const role = await within(this.options.messenger.userRole(userId), ADMIN_CHECK_TIMEOUT_MS);
      if (!role) return 'unknown';
      return role.isAdmin || role.isOwner;
    } catch (error) {
      this.options.logger.warn('could not look up whether a user is an admin', { code: error instanceof SlackCallError ? error.code : String(error) });
      return 'unknown';
    }
  }

  /** Applies a derived outcome to the record, queuing the notices it calls for; true when the record changed. */
  private async apply(record: PlanRecord, version: PlanVersion, outcome: ApprovalOutcome, policy: ApprovalPolicy): Promise<boolean> {
    const before = currentApproval(record);
    const draft = draftRef(record, version);
    // Tell people once per draft when their reaction does not count (a click is answered where it is made).
    const told = new Set(before?.told ?? []);
    const untold = outcome.ignored.filter((i) => i.reason !== 'bot' && i.sources.includes('reaction') && !told.has(i.userId));
    for (const { userId, reason } of untold) {
      if (reason === 'bot') continue;
      told.add(userId);
      // Slack shows an ephemeral only to a member of the channel: someone outside it gets a direct message.
      enqueue(record, { kind: 'note', userId, via: reason === 'not-member' ? 'dm' : 'ephemeral', intent: notice(uncountedReactionNote(reason, draft, policy)) });
    }
    const same =
      (before?.state ?? 'draft') === outcome.state &&
      sameList(before?.approvers ?? [], outcome.approvers) &&
      sameList(before?.changeRequesters ?? [], outcome.changeRequesters) &&
      record.status === outcome.state;
    if (same && untold.length === 0) return false;
    const previous = record.status;
    const now = this.options.clock.now().toISOString();
    record.approval = {
      version: version.version,
      state: outcome.state,
      approvers: outcome.approvers,
      changeRequesters: outcome.changeRequesters,
      ...(outcome.state === 'approved' ? { approvedAt: previous === 'approved' && before?.approvedAt ? before.approvedAt : now } : {}),
      ...(before?.votes ? { votes: before.votes } : {}),
      ...(told.size > 0 ? { told: [...told] } : {}),
    };
    if (same) return true;
    record.status = outcome.state;
    const newRequesters = outcome.changeRequesters.filter((id) => !(before?.changeRequesters ?? []).includes(id));
    if (outcome.state === 'approved' && previous !== 'approved') {
      // The reminders are the plan's: approving again keeps them as they are (sent, moved or waiting).
      const schedule = { timeZone: this.options.timeZone, hour: this.options.reviewHour };
      record.reminders = ensureReminders(record.reminders, version.plan.reviewDate, schedule);
      const upcoming = record.reminders.find((r) => r.kind === 'review' && r.status === 'pending');
      const said = approvedNotice(draft, outcome.approvers, upcoming && reminderDate(upcoming, this.options.timeZone));
      enqueue(record, { kind: 'post', where: 'thread', intent: notice(said.text, said.fallback) });
      this.options.onApproved?.(record);
    } else if (outcome.state === 'changes-requested' && newRequesters.length > 0) {
      const said = changesRequestedNotice(draft, newRequesters, previous === 'approved');
      enqueue(record, { kind: 'post', where: 'thread', intent: notice(said.text, said.fallback) });
    } else if (previous === 'approved' && outcome.state === 'draft') {
      const withdrawn = (before?.approvers ?? []).filter((id) => !outcome.approvers.includes(id));
      const said = approvalWithdrawnNotice(draft, withdrawn, outcome.approvers.length, outcome.needed);
      enqueue(record, { kind: 'post', where: 'thread', intent: notice(said.text, said.fallback) });
    } else if (previous === 'changes-requested' && outcome.state === 'draft') {
      const withdrawn = (before?.changeRequesters ?? []).filter((id) => !outcome.changeRequesters.includes(id));
      const said = changeRequestWithdrawnNotice(draft, withdrawn, outcome.approvers.length, outcome.needed);
      enqueue(record, { kind: 'post', where: 'thread', intent: notice(said.text, said.fallback) });
    }
    await this.options.plans.refreshDraft(record);
    this.options.logger.info('approval changed', { planId: record.id, state: outcome.state, approvers: outcome.approvers.length });
    return true;
  }
}

/** The approval of the latest version, if it was derived for that version. */
export function currentApproval(record: PlanRecord): ApprovalRecord | undefined {
  const version = latestVersion(record)?.version;
  return record.approval && record.approval.version === version ? record.approval : undefined;
}

function draftRef(record: PlanRecord, version: PlanVersion): DraftRef {
  return { campaign: version.plan.campaign, version: version.version, authorId: record.authorId };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

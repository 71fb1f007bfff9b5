/**
 * The planning conversation as a service: load the plan, run one step of the
 * pure flow, save, and queue the Slack messages the step produced. Every
 * accepted input is on disk before this returns, so a listener that awaits it
 * acknowledges only what is safe; the messages follow through the outbox.
 */
import { startFlow, stepFlow } from '../domain/conversation/flow.js';
import type { CarriedRates, FlowEffect, FlowInput, FlowState, Suggestion } from '../domain/conversation/flow-state.js';
import { interpretReply } from '../domain/conversation/interpret-reply.js';
import { currencyOf } from '../domain/conversation/flow-answer.js';
import type { Plan, StoredFinding } from '../domain/plan/plan.js';
import type { QuestionScript } from '../domain/conversation/script.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';
import { unescapeSlackText } from '../render/escape.js';
import type { PlanStore } from '../store/plan-store.js';
import { isPlanId } from './plan-id.js';
import { enqueue, type FailureNotifier, type OutboxWorker } from './outbox-worker.js';
import { intentsOfEffects, shownAnswer } from './effect-intents.js';
import { notice, type MessageIntent } from './message-intent.js';
import { latestVersion, markSeen, nextDueAt, titleOf, UNTITLED, type NewOutboxItem, type PlanRecord, type PlanStatus, type PlanVersion } from './plan-record.js';
import { cancelReminders, type Reminder } from '../domain/review/reminders.js';
import type { ApprovalPolicy } from '../domain/approval/approval.js';
import type { Clock, Logger } from './ports.js';

export interface PlanServiceOptions {
  store: PlanStore<PlanRecord>;
  outbox: OutboxWorker;
  clock: Clock;
  logger: Logger;
  script: QuestionScript;
  timeZone: string;
  newId: () => string;
  /** Suggested answers for a new plan in a channel of a workspace (the last review's actuals there). */
  suggestionsFor?: (teamId: string, channelId: string) => Promise<Record<string, Suggestion>>;
  /** The last review's per-channel rates in a channel of a workspace, shown beside the proposed contact plan and carried into the budget. */
  carriedFor?: (teamId: string, channelId: string) => Promise<CarriedRates | undefined>;
  /** The approval line of a posted draft. */
  approvalHint?: (record: PlanRecord) => Promise<Phrase | undefined>;
  /** The channel's approval rules now; each new version keeps the ones it was posted under. */
  approvalPolicy?: (record: PlanRecord) => Promise<ApprovalPolicy>;
  /** Moves the review reminders of a new version whose review date changed (kept otherwise). */
  carryReminders?: (reminders: Reminder[] | undefined, previousReviewDate: string | undefined, reviewDate: string) => Reminder[] | undefined;
}

/** Statuses of a posted plan whose answers can still be changed for a new version. */
export const EDITABLE: readonly PlanStatus[] = ['draft', 'changes-requested', 'approved'];

/** A message in a thread, in a channel of a workspace. */
export interface ThreadReply {
  teamId: string;
  channelId: string;
  threadTs: string;
  userId: string;
  text: string;
  ts: string;
}

/** What a person did on one of the plan's buttons or menus. */
export type PlanAction =
  | { kind: 'choose'; questionId: string; values: string[] }
  | { kind: 'select-pending'; questionId: string; values: string[] }
  | { kind: 'control'; control: string; questionId?: string }
  | { kind: 'fix'; questionId: string };

/** The reply to show only to the person who clicked, if any (said in their language). */
export interface ActionOutcome {
  ephemeral?: Phrase;
}

export class PlanService {
  /** Buttons on the questions of a review go to the review service. */
  reviewActions?: (planId: string, userId: string, action: PlanAction, dedupeKey: string) => Promise<ActionOutcome>;

  constructor(private readonly options: PlanServiceOptions) {}

  /** `/imc plan [name]`: creates the plan, queues the kickoff message and the first question. */
  async startPlan(input: {
    teamId: string;
    channelId: string;
    userId: string;
    campaign?: string;
    notify?: FailureNotifier;
    /** Answers to offer as suggestions (e.g. a message's text as the problem statement); they win over the channel's. */
    offers?: Record<string, Suggestion>;
  }): Promise<PlanRecord> {
    const { store, clock, script, timeZone } = this.options;
    const now = clock.now();
    const id = await this.freshId();
    const suggestions = { ...((await this.options.suggestionsFor?.(input.teamId, input.channelId)) ?? {}), ...input.offers };
    const carried = await this.options.carriedFor?.(input.teamId, input.channelId);
    const result = startFlow(script, { campaign: input.campaign, now, timeZone, suggestions, ...(carried ? { carried } : {}) });
    const record: PlanRecord = {
      id,
      teamId: input.teamId,
      channelId: input.channelId,
      messageTs: [],
      status: 'planning',
      title: input.campaign ?? UNTITLED,
      authorId: input.userId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      flow: result.state,
      versions: [],
      outbox: [],
      seen: [],
    };
    enqueue(record, { kind: 'post', where: 'channel', role: 'kickoff', intent: { kind: 'kickoff' } });
    await this.present(record, result.effects, undefined);
    await store.save(record);
    if (input.notify) this.options.outbox.setNotifier(id, input.notify);
    this.options.outbox.kick(id);
    this.options.logger.info('plan started', { planId: id, channelId: input.channelId });
    return record;
  }

  /**
   * A message in a thread. Only the plan's author answers; everyone else's replies
   * are discussion. Returns false when the message was not for this service.
   */
  async handleThreadReply(input: ThreadReply): Promise<boolean> {
    // One read of the record, under the plan's lock (the index gives its id).
    const planId = await this.options.store.findIdByThread(input.teamId, input.channelId, input.threadTs);
    if (!planId) return false;
    let handled = false;
    await this.withRecord(planId, async (record) => {
      if (record.authorId !== input.userId) return false;
      const reply = interpretReply(unescapeSlackText(input.text), this.options.script.words?.thread);
      if (record.status !== 'planning' && !(EDITABLE.includes(record.status) && reopens(reply))) return false;
      handled = true;
      if (!markSeen(record, `msg:${input.ts}`)) return false;
      if (record.status !== 'planning') this.reopen(record);
      await this.apply(record, reply);
      return true;
    });
    return handled;
  }

  /** The Edit button of a posted draft: re-opens the answers for a new version. */
  async editPlan(planId: string, userId: string): Promise<ActionOutcome> {
    if (!isPlanId(planId)) return { ephemeral: phrase('plan.not_found') };
    let outcome: ActionOutcome = {};
    await this.withRecord(planId, async (record) => {
      if (record.authorId !== userId) {
        outcome = { ephemeral: phrase('plan.edit.only_author', { author: { user: record.authorId } }) };
        return false;
      }
      if (!EDITABLE.includes(record.status)) {
        outcome = { ephemeral: record.status === 'planning' ? phrase('plan.edit.already_open') : phrase('plan.edit.closed', { status: phrase(`plan.status.${record.status}`) }) };
        return false;
      }
      this.reopen(record);
      await this.apply(record, { type: 'status' });
      enqueue(record, { kind: 'post', where: 'thread', intent: notice(phrase('plan.edit.what_to_change'), phrase('plan.edit.fallback')) });
      outcome = { ephemeral: phrase('plan.edit.open') };
      return true;
    });
    return outcome;
  }

  /**
   * Takes the state an edit made of a posted plan (the Edit form's changes, already
   * read and checked): the plan is open again with that state, the thread is told what
   * changed, and the step's messages follow as the thread path queues them (a new
   * version when the plan is finished, with its approvals starting over).
   */
  async commitEdit(record: PlanRecord, state: FlowState, effects: FlowEffect[], note: MessageIntent): Promise<void> {
    record.status = 'planning';
    record.flow = state;
    enqueue(record, { kind: 'post', where: 'thread', intent: note });
    await this.present(record, effects, undefined);
  }

  /** Re-queues an update of the latest draft message (e.g. after its approval changed). */
  async refreshDraft(record: PlanRecord): Promise<void> {
    const version = latestVersion(record);
    if (!version?.messageTs) return;
    enqueue(record, { kind: 'update', role: 'draft', ts: version.messageTs, intent: await this.draftIntent(record, version) });
  }

  /** The draft of `version` as it stands: the plan's status now and its approval line. */
  private async draftIntent(record: PlanRecord, version: PlanVersion): Promise<NewOutboxItem['intent']> {
    const approval = await this.options.approvalHint?.(record);
    return { kind: 'draft', version: version.version, status: record.status, ...(approval ? { approval } : {}) };
  }

  /**
   * Queues a fresh drawing of the newest draft and budget sketch of every plan of the
   * channel still waiting for (or holding) its approval: after the channel's language
   * changed, they are shown in the new one. Returns how many plans it redrew.
   */
  async redrawDrafts(teamId: string, channelId: string): Promise<number> {
    const entries = await this.options.store.list({ teamId, channelId, statuses: [...EDITABLE] });
    let redrawn = 0;
    for (const entry of entries) {
      await this.withRecord(entry.id, async (record) => {
        const version = latestVersion(record);
        if (!version?.messageTs || !EDITABLE.includes(record.status)) return false;
        await this.refreshDraft(record);
        if (version.budgetTs) enqueue(record, { kind: 'update', role: 'budget', ts: version.budgetTs, intent: { kind: 'budget', version: version.version } });
        redrawn += 1;
        return true;
      });
    }
    return redrawn;
  }

  /** Back to the answers of a posted plan: the flow waits at the check of its answers, the status is planning again. */
  private reopen(record: PlanRecord): void {
    record.status = 'planning';
    record.flow = { ...record.flow, status: 'checking', current: undefined, acceptedWarnings: [] };
  }

  /** A button or menu on one of the plan's messages. */
  async handleAction(planId: string, userId: string, action: PlanAction, dedupeKey: string): Promise<ActionOutcome> {
    if (!isPlanId(planId)) return { ephemeral: phrase('plan.not_found') };
    let outcome: ActionOutcome | undefined;
    let underReview = false;
    // One read of the record, under the plan's lock.
    await this.withRecord(planId, async (record) => {
      if (record.status === 'reviewing' && this.reviewActions) {
        underReview = true;
        return false;
      }
      if (record.authorId !== userId) {
        outcome = { ephemeral: phrase('plan.action.only_author', { author: { user: record.authorId } }) };
        return false;
      }
      outcome = {};
      if (record.status !== 'planning') {
        outcome = { ephemeral: phrase('plan.action.no_longer_asking', { planId: record.id }) };
        return false;
      }
      if (!markSeen(record, dedupeKey)) return false;
      const input = this.actionInput(record, action);
      if ('ephemeral' in input) {
        outcome = input;
        return input.save ?? false;
      }
      await this.apply(record, input);
      return true;
    });
    if (underReview && this.reviewActions) return this.reviewActions(planId, userId, action, dedupeKey);
    return outcome ?? { ephemeral: phrase('plan.action.gone') };
  }

  /** Cancels a plan on request of its author (or anyone, once it is posted). */
  async cancelPlan(planId: string, userId: string): Promise<Phrase> {
    let reply = phrase('plan.cancel.no_such_plan', { planId });
    await this.withRecord(planId, async (record) => {
      if (record.status === 'cancelled') {
        reply = phrase('plan.cancel.already', { planId: record.id });
        return false;
      }
      if (record.status === 'planning' && record.authorId !== userId) {
        reply = phrase('plan.cancel.only_author', { author: { user: record.authorId } });
        return false;
      }
      if (record.status === 'planning') record.flow = stepFlow(this.options.script, record.flow, { type: 'cancel' }, this.options.clock.now()).state;
      record.status = 'cancelled';
      record.cancelledReason = `cancelled by ${userId}`;
      if (record.reminders) record.reminders = cancelReminders(record.reminders);
      enqueue(record, { kind: 'post', where: 'thread', intent: notice(phrase('plan.cancel.notice', { user: { user: userId } }), phrase('plan.cancelled_fallback')) });
      reply = phrase('plan.cancel.done', { planId: record.id, title: titleOf(record) });
      return true;
    });
    return reply;
  }

  /**
   * Runs `change` on the record in the store's unit of work (the plan locked against
   * every instance), saving when it returns true, with its update time and the time
   * its next reminder is due; then sends what it queued. `'bookkeeping'` saves without
   * a new update time, as a save that may be redone (not durable in the file store).
   */
  async withRecord(planId: string, change: (record: PlanRecord) => Promise<boolean | 'bookkeeping'>): Promise<void> {
    const { store, clock, outbox } = this.options;
    let saved = false;
    const record = await store.withPlan(planId, async (current) => {
      const changed = await change(current);
      if (!changed) return false;
      // Bookkeeping (which reading of the reactions is in): saved, but not an update anyone made.
      if (changed === 'bookkeeping') return { durable: false };
      current.updatedAt = clock.now().toISOString();
      const due = nextDueAt(current);
      if (due === undefined) delete current.dueAt;
      else current.dueAt = due;
      saved = true;
      return true;
    });
    if (saved && record && record.outbox.length > 0) outbox.kick(record.id);
  }

  private actionInput(record: PlanRecord, action: PlanAction): FlowInput | { ephemeral: Phrase; save?: boolean } {
    const current = record.flow.current;
    switch (action.kind) {
      case 'choose':
        if (action.questionId !== current) return { ephemeral: staleQuestion(record, action.questionId) };
        return { type: 'choose', questionId: action.questionId, values: action.values };
      case 'select-pending':
        if (action.questionId !== current) return { ephemeral: staleQuestion(record, action.questionId) };
        record.pending = { questionId: action.questionId, values: action.values };
        return { ephemeral: phrase('plan.action.selected', { count: action.values.length }), save: true };
      case 'fix':
        return { type: 'change', target: action.questionId };
      case 'control':
        return this.controlInput(record, action.control, action.questionId);
    }
  }

  private controlInput(record: PlanRecord, control: string, questionId: string | undefined): FlowInput | { ephemeral: Phrase } {
    const current = record.flow.current;
    const questionBound = ['back', 'skip', 'use-suggestion', 'done'];
    if (questionBound.includes(control) && questionId && questionId !== current) return { ephemeral: staleQuestion(record, questionId) };
    switch (control) {
      case 'done': {
        const pending = record.pending;
        if (!pending || pending.questionId !== current || pending.values.length === 0) {
          return { ephemeral: phrase('plan.action.pick_first') };
        }
        delete record.pending;
        return { type: 'choose', questionId: pending.questionId, values: pending.values };
      }
      case 'back':
      case 'skip':
      case 'status':
      case 'help':
      case 'cancel':
      case 'use-suggestion':
      case 'accept-warnings':
      case 'scale-down':
        return { type: control };
      default:
        return { ephemeral: phrase('plan.action.unknown_button') };
    }
  }

  /** One step of the flow on the record, with its messages queued. */
  private async apply(record: PlanRecord, input: FlowInput): Promise<void> {
    const before = record.flow;
    const result = stepFlow(this.options.script, before, input, this.options.clock.now());
    record.flow = result.state;
    await this.present(record, result.effects, before);
    if (result.state.status === 'cancelled') record.status = 'cancelled';
    if (typeof result.state.answers.campaign?.value === 'string') record.title = result.state.answers.campaign.value;
  }

  /** Queues the messages for a step's effects, marking the question just answered. */
  private async present(record: PlanRecord, effects: ReturnType<typeof startFlow>['effects'], before: FlowState | undefined): Promise<void> {
    const { script } = this.options;
    const previous = before?.current;
    const movedOn = previous !== undefined && (record.flow.current !== previous || effects.some((e) => e.type === 'ask'));
    const answered = previous ? record.flow.answers[previous] : undefined;
    const previousQuestion = script.questions.find((q) => q.id === previous);
    // Posted, or still on its way (an answer may come in before the outbox has noted the question's ts).
    const questionShown = record.questionTs !== undefined || record.outbox.some((item) => item.kind === 'post' && item.role === 'question');
    if (movedOn && previousQuestion && answered && questionShown && !effects.some((e) => e.type === 'reask')) {
      // The question's ts is looked up when the update is sent: the outbox sends in order, so it is
      // the question this answers even when its post was still on its way (or found after a crash).
      const answer = shownAnswer(answered, currencyOf(record.flow.answers));
      enqueue(record, { kind: 'update', role: 'question', intent: { kind: 'answered', questionId: previousQuestion.id, answer } });
    }
    enqueue(record, ...intentsOfEffects(effects, { canGoBack: record.flow.history.length > 0 }));
    const finished = effects.find((e) => e.type === 'finished');
    if (finished) await this.postVersion(record, finished.plan, finished.findings);
  }

  /** Records a new version and queues the draft and budget messages for the channel. */
  private async postVersion(record: PlanRecord, plan: Plan, findings: StoredFinding[]): Promise<void> {
    const now = this.options.clock.now().toISOString();
    const previous = latestVersion(record);
    if (previous && !previous.supersededAt) previous.supersededAt = now;
    const policy = await this.options.approvalPolicy?.(record);
    const version: PlanVersion = { version: record.versions.length + 1, plan, findings, postedAt: now, ...(policy ? { policy } : {}) };
    record.versions.push(version);
    record.status = 'draft';
    // A new version starts its approval over; the old draft stays in the channel, marked as replaced.
    // Its reminders stay the plan's (sent stays sent) unless the new version moved the review date.
    delete record.approval;
    const reminders = this.options.carryReminders?.(record.reminders, previous?.plan.reviewDate, plan.reviewDate);
    if (reminders) record.reminders = reminders;
    if (previous?.messageTs) {
      enqueue(record, { kind: 'update', role: 'draft', ts: previous.messageTs, intent: { kind: 'superseded', version: previous.version, by: version.version } });
    }
    record.title = plan.campaign;
    enqueue(
      record,
      { kind: 'post', where: 'channel', role: 'draft', version: version.version, intent: await this.draftIntent(record, version) },
      { kind: 'post', where: 'channel', role: 'budget', version: version.version, intent: { kind: 'budget', version: version.version } },
      // The chart follows the sketch it belongs to; the performer registered for it draws it at send time.
      { kind: 'effect', effect: 'budget-chart', version: version.version },
      {
        kind: 'post',
        where: 'thread',
        intent: notice(phrase('plan.posted', { version: String(version.version), campaign: plan.campaign, planId: record.id }), phrase('plan.posted_fallback')),
      },
    );
  }

  private async freshId(): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const id = this.options.newId();
      if (!(await this.options.store.get(id))) return id;
    }
    throw new Error('could not find a free plan id');
  }
}

function staleQuestion(record: PlanRecord, questionId: string): Phrase {
  return phrase(record.flow.current ? 'plan.action.stale_question_asking' : 'plan.action.stale_question', { questionId });
}

/** Replies that re-open a posted plan for a new version: `change <question>` and the contact plan's row commands. */
function reopens(reply: FlowInput): boolean {
  return ['change', 'edit-row', 'add-row', 'remove-row'].includes(reply.type);
}

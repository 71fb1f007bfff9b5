/**
 * The post-campaign review: started by `/imc review` or the reminder's button, run
 * as a conversation in the plan's thread (the pure `stepReview`), finished with a
 * review summary in the channel. Its actual rates become the suggested answers of
 * the next plan in the same channel: the loop closes.
 */
import { buildBudgetSketch } from '../domain/budget/budget.js';
import type { FlowInput } from '../domain/conversation/flow-state.js';
import { interpretReply } from '../domain/conversation/interpret-reply.js';
import type { InputWords } from '../domain/locale/input-words.js';
import { startReview, stepReview, type ReviewEffect } from '../domain/review/review-flow.js';
import type { ReviewScript } from '../domain/review/review-script.js';
import { carriedFrom, suggestionsFromReview } from '../domain/review/review.js';
import type { CarriedRates, Suggestion } from '../domain/conversation/flow-state.js';
import { phrase, type Param, type Phrase } from '../domain/message/phrase.js';
import { unescapeSlackText } from '../render/escape.js';
import type { PlanStore } from '../store/plan-store.js';
import { intentsOfEffects } from './effect-intents.js';
import { notice } from './message-intent.js';
import { enqueue } from './outbox-worker.js';
import { isPlanId } from './plan-id.js';
import { latestVersion, markSeen, type PlanRecord } from './plan-record.js';
import type { ActionOutcome, PlanAction, PlanService, ThreadReply } from './plan-service.js';
import type { Clock, Logger, Messenger } from './ports.js';
import { within } from './within.js';

/** How long the link to the thread may take: `/imc review` answers inside Slack's 3 seconds. */
const PERMALINK_TIMEOUT_MS = 1_500;

export interface ReviewServiceOptions {
  store: PlanStore<PlanRecord>;
  /** The review's questions (prompts/review.yml). */
  script: ReviewScript;
  plans: PlanService;
  /** For the link to the plan's thread. */
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** What people may type in other languages (`返回`, `修改 实际花费`…), from the locale files. */
  words?: InputWords;
}

export class ReviewService {
  constructor(private readonly options: ReviewServiceOptions) {}

  /**
   * `/imc review <plan>` or the reminder's button (with its `dedupeKey`): starts the
   * review. Returns the reply for the caller, with a link to the plan's thread (it may
   * be months up the channel); empty for a repeated click.
   */
  async start(planId: string, userId: string, teamId: string, dedupeKey?: string): Promise<Phrase | undefined> {
    if (!isPlanId(planId)) return phrase('review.which_plan');
    let reply: Phrase | undefined = phrase('command.no_such_plan', { planId });
    /** For a review started or running: the reply, given how to name the thread (with its link when Slack gives one). */
    let inThread: { channelId: string; ts: string; words: Phrase; reply: (thread: Param) => Phrase } | undefined;
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.teamId !== teamId) return false;
      if (dedupeKey && record.seen.includes(dedupeKey)) {
        reply = undefined; // a repeated delivery of the same click: the first one already answered
        return false;
      }
      const version = latestVersion(record);
      switch (record.status) {
        case 'reviewing': {
          const reviewer = { user: record.review?.reviewerId ?? record.authorId };
          const running = (thread: Param) => phrase('review.already_running', { planId: record.id, thread, reviewer });
          const words = phrase('review.its_thread');
          reply = running(words);
          if (record.threadTs) inThread = { channelId: record.channelId, ts: record.threadTs, words, reply: running };
          return false;
        }
        case 'reviewed':
          reply = phrase('review.already_reviewed', { planId: record.id });
          return false;
        case 'approved':
          break;
        default:
          reply = phrase(record.status === 'cancelled' ? 'review.cancelled_plan' : 'review.not_approved', { planId: record.id });
          return false;
      }
      if (!version) return false;
      const result = startReview(this.options.script, version.plan, buildBudgetSketch(version.plan), { now: this.options.clock.now(), timeZone: this.options.timeZone });
      record.status = 'reviewing';
      record.review = { reviewerId: userId, state: result.state };
      if (dedupeKey) markSeen(record, dedupeKey);
      enqueue(record, {
        kind: 'post',
        where: 'thread',
        intent: notice(phrase('review.started_notice', { reviewer: { user: userId }, campaign: version.plan.campaign }), phrase('review.started_fallback')),
      });
      this.present(record, result.effects);
      const started = (thread: Param) => phrase('review.started', { planId: record.id, thread });
      const words = phrase('review.the_plans_thread');
      reply = started(words);
      if (record.threadTs) inThread = { channelId: record.channelId, ts: record.threadTs, words, reply: started };
      return true;
    });
    if (!inThread) return reply;
    const link = await this.threadLink(inThread.channelId, inThread.ts);
    return inThread.reply(link ? { link, text: inThread.words } : inThread.words);
  }

  /** The permalink of the plan's thread, or undefined when Slack does not give it in time. */
  private async threadLink(channelId: string, ts: string): Promise<string | undefined> {
    try {
      return await within(this.options.messenger.permalink(channelId, ts), PERMALINK_TIMEOUT_MS);
    } catch (error) {
      this.options.logger.warn('could not get the link to a plan thread', { channelId, error: String(error) });
      return undefined;
    }
  }

  /** A thread reply: an answer when it is the reviewer's, in a plan under review. */
  async handleThreadReply(input: ThreadReply): Promise<boolean> {
    // One read of the record, under the plan's lock (the index gives its id).
    const planId = await this.options.store.findIdByThread(input.teamId, input.channelId, input.threadTs);
    if (!planId) return false;
    let handled = false;
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.status !== 'reviewing' || record.review?.reviewerId !== input.userId) return false;
      handled = true;
      if (!markSeen(record, `msg:${input.ts}`)) return false;
      this.step(record, interpretReply(unescapeSlackText(input.text), this.options.words?.thread));
      return true;
    });
    return handled;
  }

  /**
   * A button on a review question (back, skip, status, help, cancel the review). A
   * click after the review ended changes nothing: cancelling a review never cancels the plan.
   */
  async handleAction(planId: string, userId: string, action: PlanAction, dedupeKey: string): Promise<ActionOutcome> {
    if (!isPlanId(planId)) return { ephemeral: phrase('plan.not_found') };
    let outcome: ActionOutcome = { ephemeral: phrase('review.not_running', { planId }) };
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.status !== 'reviewing' || !record.review) return false;
      outcome = {};
      if (record.review.reviewerId !== userId) {
        outcome = { ephemeral: phrase('review.only_reviewer', { reviewer: { user: record.review.reviewerId } }) };
        return false;
      }
      if (action.kind !== 'control' || !markSeen(record, dedupeKey)) return false;
      if (action.questionId && ['back', 'skip'].includes(action.control) && action.questionId !== record.review.state.current) {
        outcome = { ephemeral: phrase('review.stale_question') };
        return false;
      }
      const input = toInput(action.control);
      if (!input) return false;
      this.step(record, input);
      return true;
    });
    return outcome;
  }

  /** The suggested answers for a new plan in a channel of a workspace: the newest review's actual rates there. */
  async suggestionsFor(teamId: string, channelId: string): Promise<Record<string, Suggestion>> {
    return (await this.latestReview(teamId, channelId))?.suggestions ?? {};
  }

  /** The per-channel actual rates of the newest review in a channel of a workspace, for the next plan's contact plan and budget. */
  async carriedFor(teamId: string, channelId: string): Promise<CarriedRates | undefined> {
    return (await this.latestReview(teamId, channelId))?.carried;
  }

  /** The newest review in that channel of that workspace (never another team's channel with the same id). */
  private async latestReview(teamId: string, channelId: string) {
    const [latest] = await this.options.store.list({ teamId, channelId, statuses: ['reviewed'] });
    if (!latest) return undefined;
    return (await this.options.store.get(latest.id))?.review;
  }

  private step(record: PlanRecord, input: FlowInput): void {
    const version = latestVersion(record);
    if (!version || !record.review) return;
    const result = stepReview(this.options.script, version.plan, record.review.state, input, this.options.clock.now(), this.options.words);
    record.review.state = result.state;
    this.present(record, result.effects);
  }

  private present(record: PlanRecord, effects: ReviewEffect[]): void {
    const version = latestVersion(record);
    if (!version || !record.review) return;
    const shown = effects.filter((e): e is Exclude<ReviewEffect, { type: 'finished' | 'cancelled' }> => e.type !== 'finished' && e.type !== 'cancelled');
    const review = { version: version.version, plannedSpend: record.review.state.plannedSpend };
    enqueue(record, ...intentsOfEffects(shown, { canGoBack: record.review.state.history.length > 0, review }));
    if (effects.some((e) => e.type === 'cancelled')) {
      record.status = 'approved';
      delete record.review;
      enqueue(record, { kind: 'post', where: 'thread', intent: notice(phrase('review.cancelled', { planId: record.id }), phrase('review.cancelled_fallback')) });
      return;
    }
    const finished = effects.find((e) => e.type === 'finished');
    if (!finished) return;
    const reviewerId = record.review.reviewerId;
    const suggestions = suggestionsFromReview(finished.summary, version.plan, { planId: record.id, reviewedOn: finished.reviewedOn });
    record.review = {
      ...record.review,
      summary: finished.summary,
      actuals: finished.actuals,
      reviewedOn: finished.reviewedOn,
      suggestions,
      ...carriedFrom(finished.summary, version.plan, { planId: record.id, reviewedOn: finished.reviewedOn }),
    };
    record.status = 'reviewed';
    enqueue(
      record,
      {
        kind: 'post',
        where: 'channel',
        role: 'review-summary',
        intent: { kind: 'review-summary', version: version.version, summary: finished.summary, reviewerId, carried: Object.keys(suggestions) },
      },
      { kind: 'post', where: 'thread', intent: notice(phrase(Object.keys(suggestions).length > 0 ? 'review.done_carried' : 'review.done'), phrase('review.done_fallback')) },
    );
    this.options.logger.info('review finished', { planId: record.id });
  }
}

function toInput(control: string): FlowInput | undefined {
  switch (control) {
    case 'back':
    case 'skip':
    case 'status':
    case 'help':
    case 'cancel':
      return { type: control };
    default:
      return undefined;
  }
}

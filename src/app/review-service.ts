/**
 * The post-campaign review: started by `/imc review` or the reminder's button, run
 * as a conversation in the plan's thread (the pure `stepReview`), finished with a
 * review summary in the channel. Its actual rates become the suggested answers of
 * the next plan in the same channel: the loop closes.
 */
import { buildBudgetSketch } from '../domain/budget/budget.js';
import type { FlowEffect, FlowInput } from '../domain/conversation/flow-state.js';
import { interpretReply } from '../domain/conversation/interpret-reply.js';
import type { InputWords } from '../domain/locale/input-words.js';
import { startReview, stepReview, type ReviewEffect } from '../domain/review/review-flow.js';
import type { ReviewScript } from '../domain/review/review-script.js';
import { carriedFrom, suggestionsFromReview } from '../domain/review/review.js';
import type { Labels } from '../domain/plan/plan.js';
import type { CarriedRates, Suggestion } from '../domain/conversation/flow-state.js';
import { escapeMrkdwn, unescapeSlackText } from '../render/escape.js';
import type { Renderer } from '../render/renderer.js';
import type { PlanStore } from '../store/plan-store.js';
import { presentEffects, textMessage } from '../slack/blocks/flow-messages.js';
import { reviewSummaryMessage } from '../slack/blocks/review-messages.js';
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
  renderer: Renderer;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** What people may type in other languages (`返回`, `修改 实际花费`…), from the locale files. */
  words?: InputWords;
  /** The plan script's labels, for naming stages in the review's touchpoints. */
  labels?: Labels;
}

export class ReviewService {
  constructor(private readonly options: ReviewServiceOptions) {}

  /**
   * `/imc review <plan>` or the reminder's button (with its `dedupeKey`): starts the
   * review. Returns the reply for the caller, with a link to the plan's thread (it may
   * be months up the channel); empty for a repeated click.
   */
  async start(planId: string, userId: string, teamId: string, dedupeKey?: string): Promise<string> {
    if (!isPlanId(planId)) return 'Which plan? For example `/imc review P-7K3QX`.';
    let reply = `There is no plan \`${planId}\`. \`/imc list\` shows the plans of this channel.`;
    /** For a review started or running: the reply, given how to name the thread (with its link when Slack gives one). */
    let inThread: { channelId: string; ts: string; reply: (thread: (words: string) => string) => string } | undefined;
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.teamId !== teamId) return false;
      if (dedupeKey && record.seen.includes(dedupeKey)) {
        reply = ''; // a repeated delivery of the same click: the first one already answered
        return false;
      }
      const version = latestVersion(record);
      switch (record.status) {
        case 'reviewing':
          reply = `The review of \`${record.id}\` is already running in its thread, with <@${record.review?.reviewerId ?? record.authorId}>.`;
          if (record.threadTs) {
            const reviewer = record.review?.reviewerId ?? record.authorId;
            inThread = { channelId: record.channelId, ts: record.threadTs, reply: (thread) => `The review of \`${record.id}\` is already running in ${thread('its thread')}, with <@${reviewer}>.` };
          }
          return false;
        case 'reviewed':
          reply = `\`${record.id}\` has been reviewed already. \`/imc show ${record.id}\` shows the plan.`;
          return false;
        case 'approved':
          break;
        default:
          reply = `\`${record.id}\` is ${record.status === 'cancelled' ? 'cancelled' : 'not approved yet'}: only an approved plan is reviewed.`;
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
        message: textMessage(
          `:mag: <@${userId}> started the post-campaign review of *${escapeMrkdwn(version.plan.campaign)}*. I'll ask for the actual figures here, one at a time; only <@${userId}> answers. Type \`help\` any time.`,
          'Review started',
        ),
      });
      this.present(record, result.effects);
      reply = `The review of \`${record.id}\` has started in the plan's thread.`;
      if (record.threadTs) inThread = { channelId: record.channelId, ts: record.threadTs, reply: (thread) => `The review of \`${record.id}\` has started in ${thread("the plan's thread")}.` };
      return true;
    });
    if (!inThread) return reply;
    const link = await this.threadLink(inThread.channelId, inThread.ts);
    return inThread.reply((words) => (link ? `<${link}|${words}>` : words));
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
    if (!isPlanId(planId)) return { ephemeral: "I can't find that plan." };
    let outcome: ActionOutcome = { ephemeral: 'That review is not running any more; nothing changed. `/imc review ' + planId + '` starts it again.' };
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.status !== 'reviewing' || !record.review) return false;
      outcome = {};
      if (record.review.reviewerId !== userId) {
        outcome = { ephemeral: `Only <@${record.review.reviewerId}> answers this review. Share your thoughts in the thread.` };
        return false;
      }
      if (action.kind !== 'control' || !markSeen(record, dedupeKey)) return false;
      if (action.questionId && ['back', 'skip'].includes(action.control) && action.questionId !== record.review.state.current) {
        outcome = { ephemeral: 'That question is not open any more; scroll down to the newest one.' };
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
    enqueue(
      record,
      ...presentEffects(shown as FlowEffect[], {
        planId: record.id,
        renderer: this.options.renderer,
        canGoBack: record.review.state.history.length > 0,
        questionById: () => undefined,
        review: true,
      }),
    );
    if (effects.some((e) => e.type === 'cancelled')) {
      record.status = 'approved';
      delete record.review;
      enqueue(record, {
        kind: 'post',
        where: 'thread',
        message: textMessage(`Review cancelled; nothing was recorded. The plan stays approved: start again with \`/imc review ${record.id}\`.`, 'Review cancelled'),
      });
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
        message: reviewSummaryMessage(this.options.renderer, record, version.plan, finished.summary, reviewerId, Object.keys(suggestions), this.options.labels),
      },
      {
        kind: 'post',
        where: 'thread',
        message: textMessage(
          Object.keys(suggestions).length > 0
            ? ':white_check_mark: Review done and posted to the channel. The next `/imc plan` here will offer its figures as suggestions.'
            : ':white_check_mark: Review done and posted to the channel.',
          'Review done',
        ),
      },
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

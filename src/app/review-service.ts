/**
 * The post-campaign review: started by `/imc review` or the reminder's button, run
 * as a conversation in the plan's thread (the pure `stepReview`), finished with a
 * review summary in the channel. Its actual rates become the suggested answers of
 * the next plan in the same channel: the loop closes.
 */
import { buildBudgetSketch } from '../domain/budget/budget.js';
import type { FlowEffect, FlowInput } from '../domain/conversation/flow-state.js';
import { interpretReply } from '../domain/conversation/interpret-reply.js';
import { startReview, stepReview, type ReviewEffect } from '../domain/review/review-flow.js';
import { carriedFrom, suggestionsFromReview } from '../domain/review/review.js';
import type { CarriedRates, Suggestion } from '../domain/conversation/flow-state.js';
import { escapeMrkdwn, unescapeSlackText } from '../render/escape.js';
import type { Renderer } from '../render/renderer.js';
import type { PlanStore } from '../store/plan-store.js';
import { presentEffects, textMessage } from '../slack/blocks/flow-messages.js';
import { reviewSummaryMessage } from '../slack/blocks/review-messages.js';
import { enqueue } from './outbox-worker.js';
import { isPlanId } from './plan-id.js';
import { latestVersion, markSeen, type PlanRecord } from './plan-record.js';
import type { ActionOutcome, PlanAction, PlanService } from './plan-service.js';
import type { Clock, Logger } from './ports.js';

export interface ReviewServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  renderer: Renderer;
  clock: Clock;
  logger: Logger;
  timeZone: string;
}

export class ReviewService {
  constructor(private readonly options: ReviewServiceOptions) {}

  /** `/imc review <plan>` or the reminder's button (with its `dedupeKey`): starts the review. Returns the reply for the caller; empty for a repeated click. */
  async start(planId: string, userId: string, teamId: string, dedupeKey?: string): Promise<string> {
    if (!isPlanId(planId)) return 'Which plan? For example `/imc review P-7K3QX`.';
    let reply = `There is no plan \`${planId}\`. \`/imc list\` shows the plans of this channel.`;
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
      const result = startReview(version.plan, buildBudgetSketch(version.plan), { now: this.options.clock.now(), timeZone: this.options.timeZone });
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
      return true;
    });
    return reply;
  }

  /** A thread reply: an answer when it is the reviewer's, in a plan under review. */
  async handleThreadReply(input: { channelId: string; threadTs: string; userId: string; text: string; ts: string }): Promise<boolean> {
    const found = await this.options.store.findByThread(input.channelId, input.threadTs);
    if (!found || found.status !== 'reviewing' || found.review?.reviewerId !== input.userId) return false;
    await this.options.plans.withRecord(found.id, async (record) => {
      if (record.status !== 'reviewing' || !markSeen(record, `msg:${input.ts}`)) return false;
      this.step(record, interpretReply(unescapeSlackText(input.text)));
      return true;
    });
    return true;
  }

  /** A button on a review question (back, skip, status, help, cancel). */
  async handleAction(planId: string, userId: string, action: PlanAction, dedupeKey: string): Promise<ActionOutcome> {
    let outcome: ActionOutcome = {};
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.status !== 'reviewing' || !record.review) return false;
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

  /** The suggested answers for a new plan in a channel: the newest review's actual rates. */
  async suggestionsFor(channelId: string): Promise<Record<string, Suggestion>> {
    return (await this.latestReview(channelId))?.suggestions ?? {};
  }

  /** The per-channel actual rates of the newest review in a channel, for the next plan's contact plan and budget. */
  async carriedFor(channelId: string): Promise<CarriedRates | undefined> {
    return (await this.latestReview(channelId))?.carried;
  }

  private async latestReview(channelId: string) {
    const [latest] = await this.options.store.list({ channelId, statuses: ['reviewed'] });
    if (!latest) return undefined;
    return (await this.options.store.get(latest.id))?.review;
  }

  private step(record: PlanRecord, input: FlowInput): void {
    const version = latestVersion(record);
    if (!version || !record.review) return;
    const result = stepReview(version.plan, record.review.state, input, this.options.clock.now());
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
    record.review = {
      ...record.review,
      summary: finished.summary,
      actuals: finished.actuals,
      reviewedOn: finished.reviewedOn,
      suggestions: suggestionsFromReview(finished.summary, version.plan, { planId: record.id, reviewedOn: finished.reviewedOn }),
      ...carriedFrom(finished.summary, version.plan, { planId: record.id, reviewedOn: finished.reviewedOn }),
    };
    record.status = 'reviewed';
    enqueue(
      record,
      { kind: 'post', where: 'channel', role: 'review-summary', message: reviewSummaryMessage(this.options.renderer, record, version.plan, finished.summary, reviewerId) },
      {
        kind: 'post',
        where: 'thread',
        message: textMessage(':white_check_mark: Review done and posted to the channel. The next `/imc plan` here will offer these actual rates as suggestions.', 'Review done'),
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

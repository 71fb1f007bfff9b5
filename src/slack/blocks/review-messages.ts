/**
 * Messages of the closed loop: the review reminder (with a button to start the
 * review), and the review summary posted when the review is done.
 */
import { formatDate } from '../../domain/plan/format.js';
import { formatGoal } from '../../domain/conversation/flow-answer.js';
import type { Labels, Plan } from '../../domain/plan/plan.js';
import type { ReviewSummary } from '../../domain/review/review.js';
import type { PlanRecord } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { toSlackMessage } from '../../render/slack-message.js';
import { escapeMrkdwn } from '../../render/escape.js';
import type { Renderer } from '../../render/renderer.js';
import { reviewSummaryView } from '../../render/review-view.js';
import { ACTION, encodeValue } from './action-ids.js';
import { actions, button, context, section } from './block-kit.js';

/** The reminder on the review date, or the nudge a few days later. */
export function reminderMessage(record: PlanRecord, plan: Plan, kind: 'review' | 'nudge'): OutgoingMessage {
  const name = escapeMrkdwn(plan.campaign);
  const goals = plan.goals.map((goal) => `• ${escapeMrkdwn(formatGoal(goal, plan.budget.currency))}`).join('\n');
  const lead =
    kind === 'review'
      ? `:calendar: *Time to review ${name}* (plan \`${record.id}\`). The campaign ran from ${formatDate(plan.startDate)} to ${formatDate(plan.endDate)}; the review closes the loop, and its actual figures become the starting point of the next plan.`
      : `:wave: *Reminder: ${name} has not been reviewed yet* (plan \`${record.id}\`). It takes a few minutes: actual spend, each goal's actual value, and what you learned.`;
  const text = `${lead}\n*Goals*\n${goals}`;
  return {
    text: kind === 'review' ? `Time to review ${name} (${record.id})` : `Reminder: review ${name} (${record.id})`,
    blocks: [
      section(text),
      actions(encodeValue('review', record.id), [button('Start the review', ACTION.review, record.id, 'primary')]),
      context(`Or type \`/imc review ${record.id}\`. Planned by <@${record.authorId}>.`),
    ],
  };
}

/** The review summary, posted to the channel. */
export function reviewSummaryMessage(
  renderer: Renderer,
  record: PlanRecord,
  plan: Plan,
  summary: ReviewSummary,
  reviewerId: string,
  carried: readonly string[] = [],
  labels?: Labels,
): OutgoingMessage {
  const rendered = renderer.render('review-summary', reviewSummaryView(plan, summary, { planId: record.id, reviewerId, carried, ...(labels ? { labels } : {}) }));
  const message = toSlackMessage(rendered, { header: `Review: ${plan.campaign}`, planId: record.id });
  return { text: message.text, blocks: message.blocks };
}

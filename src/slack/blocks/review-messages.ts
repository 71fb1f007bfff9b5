/**
 * Messages of the closed loop: the review reminder (with a button to start the
 * review), and the review summary posted when the review is done, in the reader's language.
 */
import type { Labels, Plan } from '../../domain/plan/plan.js';
import type { ReviewSummary } from '../../domain/review/review.js';
import type { PlanRecord } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { toSlackMessage } from '../../render/slack-message.js';
import { escapeMrkdwn } from '../../render/escape.js';
import type { Renderer } from '../../render/renderer.js';
import type { Translator } from '../../render/i18n/translator.js';
import { goalText } from '../../render/i18n/answer-text.js';
import { reviewSummaryView } from '../../render/review-view.js';
import { ACTION, encodeValue } from './action-ids.js';
import { actions, button, context, section } from './block-kit.js';

/** The reminder on the review date, or the nudge a few days later. */
export function reminderMessage(t: Translator, record: PlanRecord, plan: Plan, kind: 'review' | 'nudge'): OutgoingMessage {
  const campaign = plan.campaign;
  const goals = plan.goals.map((goal) => `• ${escapeMrkdwn(goalText(t, goal, plan.budget.currency))}`).join('\n');
  const lead =
    kind === 'review'
      ? t.t('reminder.review', { campaign, planId: record.id, start: { date: plan.startDate }, end: { date: plan.endDate } })
      : t.t('reminder.nudge', { campaign, planId: record.id });
  return {
    text: t.t(kind === 'review' ? 'reminder.review_fallback' : 'reminder.nudge_fallback', { campaign, planId: record.id }),
    blocks: [
      section(`${lead}\n${t.t('reminder.goals')}\n${goals}`),
      actions(encodeValue('review', record.id), [button(t.plain({ key: 'reminder.button' }), ACTION.review, record.id, 'primary')]),
      context(t.t('reminder.context', { planId: record.id, author: { user: record.authorId } })),
    ],
  };
}

/** The review summary, posted to the channel. */
export function reviewSummaryMessage(
  t: Translator,
  renderer: Renderer,
  record: PlanRecord,
  plan: Plan,
  summary: ReviewSummary,
  reviewerId: string,
  carried: readonly string[] = [],
  labels?: Labels,
): OutgoingMessage {
  const rendered = renderer.render('review-summary', reviewSummaryView(plan, summary, { planId: record.id, reviewerId, carried, ...(labels ? { labels } : {}) }));
  const header = t.plain({ key: 'review.summary_header', params: { campaign: plan.campaign } });
  const message = toSlackMessage(rendered, { header, planId: record.id, cutNotice: t.t('plan.cut_notice', { planId: record.id }) });
  return { text: message.text, blocks: message.blocks };
}

/**
 * Buttons on posted plans: Edit (re-opens the answers for a new version) and
 * Start the review (on the review reminder).
 */
import type { App, BlockAction } from '@slack/bolt';
import type { PlanService } from '../../app/plan-service.js';
import type { Logger } from '../../app/ports.js';
import type { ReviewService } from '../../app/review-service.js';
import { ACTION, actionDedupeKey } from '../blocks/action-ids.js';
import { replyEphemeral, unlessUnsaved } from './reply-ephemeral.js';

export function registerDraftActions(app: App, plans: PlanService, reviews: ReviewService, logger: Logger): void {
  app.action<BlockAction>(ACTION.edit, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    replyEphemeral(respond, (await unlessUnsaved(respond, logger, () => plans.editPlan(planId, body.user.id))).ephemeral, logger);
  });
  app.action<BlockAction>(ACTION.review, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    const key = actionDedupeKey(body.container?.message_ts, action as { action_id: string; action_ts?: string });
    replyEphemeral(respond, await unlessUnsaved(respond, logger, () => reviews.start(planId, body.user.id, body.team?.id ?? '', key)), logger);
  });
}

/**
 * Buttons on posted plans: Edit (re-opens the answers for a new version) and
 * Start the review (on the review reminder).
 */
import type { App, BlockAction } from '@slack/bolt';
import type { PlanService } from '../../app/plan-service.js';
import type { Logger } from '../../app/ports.js';
import type { ReviewService } from '../../app/review-service.js';
import { ACTION } from '../blocks/action-ids.js';

export function registerDraftActions(app: App, plans: PlanService, reviews: ReviewService, logger: Logger): void {
  const tell = (respond: (message: object) => Promise<unknown>, text: string | undefined) => {
    if (!text) return;
    respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
      logger.warn('could not send an ephemeral reply', { error: String((error as Error).message ?? error) }),
    );
  };
  app.action<BlockAction>(ACTION.edit, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    tell(respond, (await plans.editPlan(planId, body.user.id)).ephemeral);
  });
  app.action<BlockAction>(ACTION.review, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    const element = action as { action_id: string; action_ts?: string };
    const key = `act:${body.container?.message_ts ?? ''}:${element.action_id}:${element.action_ts ?? ''}`;
    tell(respond, await reviews.start(planId, body.user.id, body.team?.id ?? '', key));
  });
}

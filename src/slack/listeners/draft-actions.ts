/**
 * Buttons on posted plans: Approve and Request changes (counted like the reactions),
 * Start the review (on the review
 * reminder) and the controls of the review's questions.
 */
import type { Listeners } from './listener-router.js';
import type { BlockAction } from '@slack/bolt';
import type { ApprovalService } from '../../app/approval-service.js';
import type { PlanService } from '../../app/plan-service.js';
import type { Logger } from '../../app/ports.js';
import type { ReviewService } from '../../app/review-service.js';
import { ACTION, actionDedupeKey, decodeValue } from '../blocks/action-ids.js';
import type { Voice } from '../voice.js';
import { clicker, replyEphemeral, unlessUnsaved } from './reply-ephemeral.js';

interface Services {
  plans: PlanService;
  reviews: ReviewService;
  approvals: ApprovalService;
}

type Element = { action_id: string; action_ts?: string; value?: string };

export function registerDraftActions(app: Listeners, { plans, reviews, approvals }: Services, voice: Voice, logger: Logger): void {
  app.action<BlockAction>(ACTION.review, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    const key = actionDedupeKey(body.container?.message_ts, action as Element);
    const person = clicker(body);
    replyEphemeral(respond, voice, person, await unlessUnsaved(respond, voice, person, logger, () => reviews.start(planId, body.user.id, body.team?.id ?? '', key)), logger);
  });
  for (const [actionId, vote] of [
    [ACTION.approve, 'approve'],
    [ACTION.requestChanges, 'reject'],
  ] as const) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const [planId = '', version = ''] = decodeValue((action as Element).value);
      const key = actionDedupeKey(body.container?.message_ts, action as Element);
      const person = clicker(body);
      const reply = await unlessUnsaved(respond, voice, person, logger, () => approvals.vote({ planId, version: Number(version), userId: body.user.id, vote, dedupeKey: key }));
      replyEphemeral(respond, voice, person, reply, logger);
    });
  }
  app.action<BlockAction>(new RegExp(`^${ACTION.reviewControl}:`), async ({ ack, body, action, respond }) => {
    await ack();
    const [planId = '', control = '', questionId] = decodeValue((action as Element).value);
    const key = actionDedupeKey(body.container?.message_ts, action as Element);
    const person = clicker(body);
    const outcome = await unlessUnsaved(respond, voice, person, logger, () => reviews.handleAction(planId, body.user.id, { kind: 'control', control, ...(questionId ? { questionId } : {}) }, key));
    replyEphemeral(respond, voice, person, outcome.ephemeral, logger);
  });
}

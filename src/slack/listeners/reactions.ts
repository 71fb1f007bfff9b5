/**
 * Reactions added or removed anywhere the bot can see. The approval service
 * decides whether one concerns a draft; the listener returns at once.
 */
import type { Listeners } from './listener-router.js';
import type { ApprovalService } from '../../app/approval-service.js';
import { teamOf } from './team-of.js';

type ReactionArgs = {
  event: { user: string; reaction: string; item: { type: string; channel?: string; ts?: string } };
  body: unknown;
  context: { teamId?: string };
};

export function registerReactions(app: Listeners, approvals: ApprovalService): void {
  const handle = async ({ event, body, context }: ReactionArgs) => {
    if (event.item.type !== 'message' || !event.item.channel || !event.item.ts) return;
    approvals.onReaction({ teamId: teamOf(body, context), channelId: event.item.channel, messageTs: event.item.ts, reaction: event.reaction, userId: event.user });
  };
  app.event('reaction_added', handle);
  app.event('reaction_removed', handle);
}

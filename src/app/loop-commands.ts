/**
 * The subcommands of the closed loop: `/imc review`, `/imc remind` and `/imc config`.
 */
import { parseConfigArgs } from '../domain/approval/channel-config.js';
import { phrase } from '../domain/message/phrase.js';
import type { ApprovalService } from './approval-service.js';
import { ephemeralReply as reply, type ExtraCommand } from './command-service.js';
import type { ReminderService } from './reminder-service.js';
import type { ReviewService } from './review-service.js';

/** `/imc review`, `/imc remind` and `/imc config`. */
export function loopCommands(reviews: ReviewService, reminders: ReminderService, approvals: ApprovalService): ExtraCommand {
  return async (command, ctx) => {
    switch (command.kind) {
      case 'review':
        if (!command.planId) return reply(phrase('command.review.which'));
        return reply((await reviews.start(command.planId, ctx.userId, ctx.teamId)) ?? phrase('command.review.which'));
      case 'remind':
        if (!command.planId) return reply(phrase('command.remind.which'));
        return reply(await reminders.move(command.planId, command.when, ctx.teamId));
      case 'config': {
        const request = parseConfigArgs(command.args);
        if (!request.ok) return reply(request.error);
        const answer = await approvals.configure(ctx, request.value);
        // A change is announced to everyone in the channel, as the command's public response.
        return { ...reply(answer.text), responseType: answer.inChannel ? 'in_channel' : 'ephemeral' };
      }
      default:
        return undefined;
    }
  };
}

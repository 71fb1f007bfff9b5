/**
 * The subcommands of the closed loop: `/imc review`, `/imc remind` and `/imc config`.
 */
import type { ApprovalPolicy } from '../domain/approval/approval.js';
import { applySettings, CONFIG_USAGE, effectivePolicy, parseConfigArgs } from '../domain/approval/channel-config.js';
import { escapeMrkdwn } from '../render/escape.js';
import type { ChannelSettingsStore } from '../store/channel-settings-store.js';
import { ephemeralReply as reply, type ExtraCommand } from './command-service.js';
import type { ReminderService } from './reminder-service.js';
import type { ReviewService } from './review-service.js';

/** `/imc review`, `/imc remind` and `/imc config`. */
export function loopCommands(
  reviews: ReviewService,
  reminders: ReminderService,
  settings: ChannelSettingsStore,
  defaults: ApprovalPolicy,
): ExtraCommand {
  return async (command, ctx) => {
    switch (command.kind) {
      case 'review':
        if (!command.planId) return reply('Which plan? For example `/imc review P-7K3QX`. `/imc list` shows the plan ids.');
        return reply(await reviews.start(command.planId, ctx.userId, ctx.teamId));
      case 'remind':
        if (!command.planId) return reply('Which plan and when? For example `/imc remind P-7K3QX 2027-04-20`.');
        return reply(escapeMrkdwn(await reminders.move(command.planId, command.when, ctx.teamId)));
      case 'config': {
        const request = parseConfigArgs(command.args);
        if (!request.ok) return reply(escapeMrkdwn(request.error));
        const current = settings.get(ctx.teamId, ctx.channelId);
        if (request.value.kind === 'reset') await settings.set(ctx.teamId, ctx.channelId, {});
        if (request.value.kind === 'set') {
          const next = applySettings(defaults, current, request.value.settings);
          if (!next.ok) return reply(escapeMrkdwn(next.error));
          await settings.set(ctx.teamId, ctx.channelId, next.value);
        }
        const policy = effectivePolicy(defaults, settings.get(ctx.teamId, ctx.channelId));
        return reply(
          `*Approval settings of this channel*\n• approve with :${policy.approveEmoji}:, ask for changes with :${policy.rejectEmoji}:\n` +
            `• approvals needed: ${policy.approvalsNeeded}\n• the author may approve their own plan: ${policy.authorCanApprove ? 'yes' : 'no'}\n${CONFIG_USAGE}`,
        );
      }
      default:
        return undefined;
    }
  };
}

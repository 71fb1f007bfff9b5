/**
 * `/imc …`: acknowledged with the answer itself. Everything the command does
 * before answering is local (store and pure domain), so the acknowledgement stays
 * well inside Slack's 3 seconds; slow Slack calls happen afterwards in the outbox.
 */
import type { App } from '@slack/bolt';
import type { CommandService } from '../../app/command-service.js';
import type { Logger } from '../../app/ports.js';

export function registerImcCommand(app: App, commands: CommandService, logger: Logger): void {
  app.command(/^\/imc/, async ({ command, ack, respond }) => {
    const notify = async (text: string) => {
      await respond({ response_type: 'ephemeral', text, replace_original: false });
    };
    try {
      const reply = await commands.handle(command.text ?? '', {
        teamId: command.team_id,
        channelId: command.channel_id,
        userId: command.user_id,
        notify,
      });
      await ack({ response_type: reply.responseType ?? 'ephemeral', text: reply.text, ...(reply.blocks ? { blocks: reply.blocks as never[] } : {}) });
    } catch (error) {
      logger.error('slash command failed', { code: (error as { code?: string }).code, error: String(error) });
      await ack({
        response_type: 'ephemeral',
        text: 'Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.',
      });
    }
  });
}

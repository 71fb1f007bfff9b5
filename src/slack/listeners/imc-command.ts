/**
 * `/imc …`: acknowledged with the answer itself. Everything the command does
 * before answering is local (store and pure domain), so the acknowledgement stays
 * well inside Slack's 3 seconds; slow Slack calls happen afterwards in the outbox.
 *
 * The text arrives HTML-escaped like any text a person typed (`&` as `&amp;`) and
 * is unescaped once here; replies escape what they repeat. The same command
 * delivered twice (same trigger_id, e.g. a proxy retrying) is run once and both
 * deliveries get the one answer.
 */
import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { CommandReply, CommandService } from '../../app/command-service.js';
import type { Logger } from '../../app/ports.js';
import { unescapeSlackText } from '../../render/escape.js';
import { isUnsaved } from './unsaved.js';

/** How many recent commands are remembered for spotting a repeated delivery. */
const REMEMBERED = 500;

export function registerImcCommand(app: App, commands: CommandService, logger: Logger): void {
  const recent = new Map<string, Promise<CommandReply>>();
  app.command(/^\/imc/, async ({ command, ack, respond }) => {
    const notify = async (text: string) => {
      await respond({ response_type: 'ephemeral', text, replace_original: false });
    };
    const run = () =>
      commands.handle(unescapeSlackText(command.text ?? ''), {
        teamId: command.team_id,
        channelId: command.channel_id,
        userId: command.user_id,
        notify,
      });
    // The trigger_id itself is a secret-ish value (never logged or kept): only its hash is the key.
    const key = command.trigger_id ? createHash('sha256').update(command.trigger_id).digest('hex') : undefined;
    let reply = key ? recent.get(key) : undefined;
    if (!reply) {
      reply = run();
      if (key) remember(recent, key, reply);
    }
    try {
      const answer = await reply;
      await ack({ response_type: answer.responseType ?? 'ephemeral', text: answer.text, ...(answer.blocks ? { blocks: answer.blocks as never[] } : {}) });
    } catch (error) {
      if (key) recent.delete(key);
      logger.error('slash command failed', { code: (error as { code?: string }).code, error: String(error) });
      await ack({
        response_type: 'ephemeral',
        text: isUnsaved(error)
          ? ":warning: I couldn't save that: my storage is full or failing. Nothing was changed; please try the command again in a few minutes."
          : 'Sorry, something went wrong on my side. Please try again in a moment; `/imc list` shows the plans of this channel.',
      });
    }
  });
}

function remember(recent: Map<string, Promise<CommandReply>>, key: string, reply: Promise<CommandReply>): void {
  recent.set(key, reply);
  reply.catch(() => undefined);
  if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value as string);
}

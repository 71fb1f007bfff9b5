/**
 * `/imc …`: acknowledged with the answer itself. Everything the command does
 * before answering is local (store and pure domain), so the acknowledgement stays
 * well inside Slack's 3 seconds; slow Slack calls happen afterwards in the outbox.
 *
 * The text arrives HTML-escaped like any text a person typed (`&` as `&amp;`) and
 * is unescaped once here; replies escape what they repeat. The same command
 * delivered twice (same trigger_id, e.g. a proxy retrying), to this instance or
 * another one on the same store, is run once and both deliveries get the one answer.
 */
import type { Listeners } from './listener-router.js';
import { createHash } from 'node:crypto';
import type { CommandReply, CommandService } from '../../app/command-service.js';
import type { Logger } from '../../app/ports.js';
import { SharedOnce } from '../../app/shared-once.js';
import type { SharedKeys } from '../../store/plan-store.js';
import { unescapeSlackText } from '../../render/escape.js';
import { isUnsaved, UNSAVED } from './unsaved.js';
import { phrase, type Phrase } from '../../domain/message/phrase.js';
import { ACK_LOOKUP_MS, type Voice } from '../voice.js';

/** How long a command is remembered for spotting a repeated delivery (on any instance). */
const REMEMBERED_MS = 10 * 60_000;
/** How long a repeat waits for the first delivery's answer: Slack gives up after 3 s. */
const REPEAT_WAIT_MS = 2_000;

export function registerImcCommand(app: Listeners, commands: CommandService, voice: Voice, keys: SharedKeys, logger: Logger): void {
  const once = new SharedOnce<CommandReply>(keys, { prefix: 'command', ttlMs: REMEMBERED_MS, waitMs: REPEAT_WAIT_MS });
  app.command(/^\/imc/, async ({ command, ack, respond }) => {
    const person = { userId: command.user_id, teamId: command.team_id, channelId: command.channel_id };
    // Asked at once, beside the command's own work: the reply waits for it at most ACK_LOOKUP_MS.
    const language = voice.languageOf(person, ACK_LOOKUP_MS);
    const notify = async (text: Phrase) => {
      await respond({ response_type: 'ephemeral', text: voice.text(await voice.languageOf(person), text), replace_original: false });
    };
    const run = () => commands.handle(unescapeSlackText(command.text ?? ''), { ...person, notify });
    // The trigger_id itself is a secret-ish value (never logged or kept): only its hash is the key.
    const key = command.trigger_id ? createHash('sha256').update(command.trigger_id).digest('hex') : undefined;
    try {
      // The answer is an intent (no words yet), so a repeat delivery on another instance says it the same way.
      const outcome = key ? await once.run(key, run) : { kind: 'result' as const, result: await run() };
      if (outcome.kind === 'pending') {
        await ack({ response_type: 'ephemeral', text: voice.text(await language, phrase('slack.command_pending')) });
        return;
      }
      const answer = outcome.result;
      // What the whole channel sees is said in the channel's language (read now: the command may just have changed it).
      const inChannel = answer.responseType === 'in_channel';
      const message = voice.reply(inChannel ? await voice.channelLanguage(person.teamId, person.channelId) : await language, answer.intent);
      await ack({ response_type: answer.responseType ?? 'ephemeral', text: message.text, ...(message.blocks ? { blocks: message.blocks as never[] } : {}) });
    } catch (error) {
      logger.error('slash command failed', { code: (error as { code?: string }).code, error: String(error) });
      await ack({ response_type: 'ephemeral', text: voice.text(await language, isUnsaved(error) ? UNSAVED.command : phrase('slack.command_failed')) });
    }
  });
}

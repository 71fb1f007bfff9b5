/**
 * Messages in a plan's thread. Only plain messages by people count (no edits,
 * bot messages or joins). The handlers decide whether the message is theirs.
 * A reply that could not be saved is not acknowledged, and its author is told in
 * the thread (only they see it) to send it again; Slack's redelivery of it is dropped.
 */
import type { Listeners } from './listener-router.js';
import type { Logger } from '../../app/ports.js';
import type { ThreadReply } from '../../app/plan-service.js';
import type { SharedKeys } from '../../store/plan-store.js';
import { teamOf } from './team-of.js';
import { isUnsaved, ToldToRetry, UNSAVED } from './unsaved.js';
import { ACK_LOOKUP_MS, type Voice } from '../voice.js';

export type ThreadReplyHandler = (reply: ThreadReply) => Promise<boolean>;

export function registerThreadReplies(app: Listeners, handlers: ThreadReplyHandler[], voice: Voice, keys: SharedKeys, logger: Logger): void {
  const told = new ToldToRetry(keys);
  app.event('message', async ({ event, client, body, context }) => {
    const message = event as { subtype?: string; bot_id?: string; thread_ts?: string; ts: string; user?: string; text?: string; channel: string };
    if (message.subtype !== undefined && message.subtype !== 'thread_broadcast') return;
    if (message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    const teamId = teamOf(body, context);
    const reply = { teamId, channelId: message.channel, threadTs: message.thread_ts, userId: message.user, text: message.text ?? '', ts: message.ts };
    const key = `${teamId} ${reply.channelId} ${reply.ts}`;
    if (await told.has(key, context.retryNum !== undefined)) return;
    try {
      for (const handle of handlers) {
        if (await handle(reply)) return;
      }
    } catch (error) {
      if (isUnsaved(error)) {
        told.add(key);
        try {
          const person = { userId: reply.userId, teamId, channelId: reply.channelId };
          const text = await voice.say(person, UNSAVED.reply, ACK_LOOKUP_MS);
          await client.chat.postEphemeral({ channel: reply.channelId, user: reply.userId, thread_ts: reply.threadTs, text });
        } catch (notified) {
          told.delete(key); // they were not told, so Slack's redelivery may still apply it
          logger.warn('could not tell the author that their reply was not saved', { error: String(notified) });
        }
      }
      throw error;
    }
  });
}

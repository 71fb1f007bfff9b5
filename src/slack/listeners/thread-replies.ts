/**
 * Messages in a plan's thread. Only plain messages by people count (no edits,
 * bot messages or joins). The handlers decide whether the message is theirs.
 */
import type { App } from '@slack/bolt';

export type ThreadReplyHandler = (reply: { channelId: string; threadTs: string; userId: string; text: string; ts: string }) => Promise<boolean>;

export function registerThreadReplies(app: App, handlers: ThreadReplyHandler[]): void {
  app.event('message', async ({ event }) => {
    const message = event as { subtype?: string; bot_id?: string; thread_ts?: string; ts: string; user?: string; text?: string; channel: string };
    if (message.subtype !== undefined && message.subtype !== 'thread_broadcast') return;
    if (message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    const reply = { channelId: message.channel, threadTs: message.thread_ts, userId: message.user, text: message.text ?? '', ts: message.ts };
    for (const handle of handlers) {
      if (await handle(reply)) return;
    }
  });
}

import { messageContent, stringArg, type MethodArgs } from './fake-slack-methods.js';
import type { FakeWorkspace } from './fake-workspace.js';
import { SlackMethodError } from './slack-method-error.js';

/** Where a response_url came from: the channel and user of the command, and the message for block actions. */
export interface ResponseUrlContext {
  channelId?: string;
  userId?: string;
  messageTs?: string;
}

/** What a response_url POST did, in Slack's terms. */
export type ResponseUrlEffect = 'deleted_original' | 'replaced_original' | 'posted_in_channel' | 'posted_ephemeral';

/** Apply a response_url payload like Slack: delete or replace the original, post in channel, or show it ephemerally. */
export function applyResponseUrlPost(workspace: FakeWorkspace, context: ResponseUrlContext, args: MethodArgs): ResponseUrlEffect {
  const channel = workspace.findChannel(context.channelId ?? '');
  const original = channel && context.messageTs ? workspace.findMessage(channel, context.messageTs) : undefined;
  if (isTrue(args.delete_original)) {
    if (!channel || !original) throw new SlackMethodError('message_not_found');
    channel.messages = channel.messages.filter((message) => message !== original);
    workspace.emit({ type: 'message_deleted', message: original });
    return 'deleted_original';
  }
  const content = messageContent(args);
  if (isTrue(args.replace_original) && original) {
    original.text = content.text;
    if (content.blocks !== undefined) original.blocks = content.blocks;
    workspace.emit({ type: 'message_updated', message: original });
    return 'replaced_original';
  }
  if (stringArg(args, 'response_type') === 'in_channel') {
    if (!channel) throw new SlackMethodError('channel_not_found');
    // Command responses post as the app even where the bot has not joined, as in Slack.
    const threadTs = stringArg(args, 'thread_ts');
    workspace.post(channel, { ...content, ...(threadTs ? { thread_ts: threadTs } : {}), user: workspace.botUserId, bot_id: workspace.botId });
    return 'posted_in_channel';
  }
  const ephemeral = { ...content, channel: context.channelId ?? '', user: context.userId ?? '', ts: workspace.nextTs(), via: 'response_url' as const };
  workspace.ephemerals.push(ephemeral);
  workspace.emit({ type: 'ephemeral_posted', ephemeral });
  return 'posted_ephemeral';
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

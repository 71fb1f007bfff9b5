/**
 * The `Messenger` port over Slack's Web API (`slack-clients.ts`: the poster thread or
 * the main thread's client). Every Slack failure leaves here as a `SlackCallError` with
 * Slack's own code and whether retrying can help, so services never need to know the
 * client's error classes.
 */
import { SlackCallError, type FoundMessage, type MessageMetadata, type Messenger, type OutgoingMessage } from '../app/ports.js';
import type { SlackClients } from './slack-clients.js';

/**
 * Creates the production messenger. Posts go through `postClient` (one try per call:
 * whoever posts decides whether and how to try again), everything else through `client`;
 * both are those of the workspace the call is made for.
 */
export function createWebMessenger(clients: SlackClients): Messenger {
  const blocksOf = (message: OutgoingMessage) => (message.blocks ? { blocks: message.blocks } : {});
  return {
    async post(channel, message, threadTs, metadata) {
      const result = await (await clients.postClient()).call(
        'chat.postMessage',
        {
          channel,
          text: message.text,
          ...blocksOf(message),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(metadata ? { metadata } : {}),
          unfurl_links: false,
        },
        ['ts'],
      );
      if (typeof result.ts !== 'string' || !result.ts) throw new SlackCallError('no_ts_returned', false);
      return result.ts;
    },
    async update(channel, ts, message) {
      await (await clients.client()).call('chat.update', { channel, ts, text: message.text, ...blocksOf(message) }, []);
    },
    async reactions(channel, ts) {
      const result = (await (await clients.client()).call('reactions.get', { channel, timestamp: ts, full: true }, ['message'])) as {
        message?: { reactions?: { name?: string; users?: string[] }[] };
      };
      const reactions = result.message?.reactions ?? [];
      return Object.fromEntries(reactions.filter((r) => r.name).map((r) => [r.name as string, r.users ?? []]));
    },
    async members(channel) {
      const members = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = (await (await clients.client()).call('conversations.members', { channel, limit: 200, ...(cursor ? { cursor } : {}) }, PAGE)) as Page<'members', string>;
        for (const member of page.members ?? []) members.add(member);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    },
    async recentMessages(channel, limit, oldest) {
      const result = (await (await clients.client()).call('conversations.history', { channel, limit, include_all_metadata: true, ...(oldest ? { oldest } : {}) }, ['messages'])) as Page<'messages', SlackMessage>;
      return (result.messages ?? []).map(found);
    },
    async threadMessages(channel, threadTs, oldest) {
      const messages: FoundMessage[] = [];
      let cursor: string | undefined;
      do {
        const page = (await (await clients.client()).call(
          'conversations.replies',
          { channel, ts: threadTs, limit: 200, include_all_metadata: true, ...(oldest ? { oldest } : {}), ...(cursor ? { cursor } : {}) },
          ['messages', 'response_metadata'],
        )) as Page<'messages', SlackMessage>;
        // The parent comes first on every page; it is not a reply.
        for (const message of page.messages ?? []) if (message.ts !== threadTs) messages.push(found(message));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return messages;
    },
    async postEphemeral(channel, user, message) {
      await (await clients.client()).call('chat.postEphemeral', { channel, user, text: message.text, ...blocksOf(message) }, []);
    },
    async permalink(channel, ts) {
      const result = await (await clients.client()).call('chat.getPermalink', { channel, message_ts: ts }, ['permalink']);
      if (typeof result.permalink !== 'string' || !result.permalink) throw new SlackCallError('no_permalink_returned', false);
      return result.permalink;
    },
    async userRole(user) {
      const result = (await (await clients.client()).call('users.info', { user }, ['user'])) as { user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } };
      const info = result.user;
      return { isAdmin: info?.is_admin === true || info?.is_owner === true, isOwner: info?.is_owner === true || info?.is_primary_owner === true };
    },
    async userLocale(user) {
      const result = (await (await clients.client()).call('users.info', { user, include_locale: true }, ['user'])) as { user?: { locale?: unknown } };
      const locale = result.user?.locale;
      return typeof locale === 'string' ? locale : undefined;
    },
  };
}

/** The fields of a page of a paginated method. */
const PAGE = ['members', 'messages', 'response_metadata'] as const;
type Page<K extends string, T> = { [key in K]?: T[] } & { response_metadata?: { next_cursor?: string } };
type SlackMessage = { ts?: string; metadata?: MessageMetadata };

function found(message: SlackMessage): FoundMessage {
  const metadata = message.metadata;
  return { ts: message.ts ?? '', ...(metadata ? { metadata } : {}) };
}

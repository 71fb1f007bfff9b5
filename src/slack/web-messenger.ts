/**
 * The `Messenger` port over Slack's Web API client. Every Slack failure leaves
 * here as a `SlackCallError` with Slack's own code and whether retrying can help,
 * so services never need to know the client's error classes.
 */
import { SlackCallError, type FoundMessage, type MessageMetadata, type Messenger, type OutgoingMessage } from '../app/ports.js';
import type { SlackClients } from './slack-clients.js';

/** Slack error codes that a later attempt may get past. */
const RETRYABLE_CODES = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** Maps anything the Web API client throws to a `SlackCallError`. */
export function toSlackCallError(error: unknown): SlackCallError {
  if (error instanceof SlackCallError) return error;
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  switch (e?.code) {
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      return new SlackCallError(code, RETRYABLE_CODES.has(code));
    }
    case 'slack_webapi_rate_limited_error':
      return new SlackCallError('ratelimited', true, e.retryAfter);
    case 'slack_webapi_http_error':
      return new SlackCallError(`http_${e.statusCode ?? 'error'}`, (e.statusCode ?? 500) >= 500 || e.statusCode === 429);
    case 'slack_webapi_request_error':
      return new SlackCallError('request_failed', true);
    default:
      return new SlackCallError('unexpected_error', false);
  }
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toSlackCallError(error);
  }
}

/**
 * Creates the production messenger. Posts go through `postClient` (one try per call:
 * whoever posts decides whether and how to try again), everything else through `client`;
 * both are those of the workspace the call is made for.
 */
export function createWebMessenger(clients: SlackClients): Messenger {
  const blocksOf = (message: OutgoingMessage) => (message.blocks ? { blocks: message.blocks as never[] } : {});
  return {
    async post(channel, message, threadTs, metadata) {
      const result = await call(async () =>
        (await clients.postClient()).chat.postMessage({
          channel,
          text: message.text,
          ...blocksOf(message),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(metadata ? { metadata } : {}),
          unfurl_links: false,
        }),
      );
      if (!result.ts) throw new SlackCallError('no_ts_returned', false);
      return result.ts;
    },
    async update(channel, ts, message) {
      await call(async () => (await clients.client()).chat.update({ channel, ts, text: message.text, ...blocksOf(message) }));
    },
    async reactions(channel, ts) {
      const result = await call(async () => (await clients.client()).reactions.get({ channel, timestamp: ts, full: true }));
      const reactions = (result.message as { reactions?: { name?: string; users?: string[] }[] } | undefined)?.reactions ?? [];
      return Object.fromEntries(reactions.filter((r) => r.name).map((r) => [r.name as string, r.users ?? []]));
    },
    async members(channel) {
      const members = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await call(async () => (await clients.client()).conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) }));
        for (const member of page.members ?? []) members.add(member);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    },
    async recentMessages(channel, limit, oldest) {
      const result = await call(async () => (await clients.client()).conversations.history({ channel, limit, include_all_metadata: true, ...(oldest ? { oldest } : {}) }));
      return (result.messages ?? []).map(found);
    },
    async threadMessages(channel, threadTs, oldest) {
      const messages: FoundMessage[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(async () =>
          (await clients.client()).conversations.replies({ channel, ts: threadTs, limit: 200, include_all_metadata: true, ...(oldest ? { oldest } : {}), ...(cursor ? { cursor } : {}) }),
        );
        // The parent comes first on every page; it is not a reply.
        for (const message of page.messages ?? []) if (message.ts !== threadTs) messages.push(found(message));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return messages;
    },
    async postEphemeral(channel, user, message) {
      await call(async () => (await clients.client()).chat.postEphemeral({ channel, user, text: message.text, ...blocksOf(message) }));
    },
    async permalink(channel, ts) {
      const result = await call(async () => (await clients.client()).chat.getPermalink({ channel, message_ts: ts }));
      if (!result.permalink) throw new SlackCallError('no_permalink_returned', false);
      return result.permalink;
    },
    async userRole(user) {
      const result = await call(async () => (await clients.client()).users.info({ user }));
      const info = result.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
      return { isAdmin: info?.is_admin === true || info?.is_owner === true, isOwner: info?.is_owner === true || info?.is_primary_owner === true };
    },
    async userLocale(user) {
      const result = await call(async () => (await clients.client()).users.info({ user, include_locale: true }));
      const locale = (result.user as { locale?: unknown } | undefined)?.locale;
      return typeof locale === 'string' ? locale : undefined;
    },
  };
}

function found(message: { ts?: string }): FoundMessage {
  const metadata = (message as { metadata?: MessageMetadata }).metadata;
  return { ts: message.ts ?? '', ...(metadata ? { metadata } : {}) };
}

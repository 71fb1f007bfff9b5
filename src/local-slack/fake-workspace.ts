import { canonicalTimeZone } from '../domain/plan/calendar-date.js';

/** A reaction on a message, in the shape Slack reports it. */
export interface FakeReaction {
  name: string;
  users: string[];
  count: number;
}

/** One message the fake workspace holds: top-level, or a thread reply when `thread_ts` differs from `ts`. */
export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  bot_id?: string;
  text: string;
  blocks?: Record<string, unknown>[];
  metadata?: Record<string, unknown>;
  /** Files shared with the message (a file upload shared in a channel). */
  files?: Record<string, unknown>[];
  reactions: FakeReaction[];
  edited?: { user: string; ts: string };
}

/** A channel as the fake sees it; `members` never lists the bot, `botIsMember` says whether it is in. */
export interface FakeChannel {
  id: string;
  name: string;
  members: string[];
  archived: boolean;
  botIsMember: boolean;
  messages: FakeMessage[];
}

/** A workspace member the fake can describe through `users.info`. */
export interface FakeUser {
  id: string;
  name: string;
  tz: string;
  isBot: boolean;
  /** Workspace admin or owner, as `users.info` reports it (`is_admin`, `is_owner`). */
  role: 'member' | 'admin' | 'owner';
  /** The Slack locale `users.info` reports with `include_locale` (`en-US` unless told), changeable as in Slack's preferences. */
  locale: string;
}

/** A message only one user saw (from `chat.postEphemeral` or an ephemeral `response_url` reply). */
export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: Record<string, unknown>[];
  thread_ts?: string;
  ts: string;
  via: 'chat.postEphemeral' | 'response_url';
}

/** What a test or the playground passes to describe a channel. */
export interface FakeChannelInit {
  id: string;
  name: string;
  members: string[];
  archived?: boolean;
  botIsMember?: boolean;
}

/** What a test or the playground passes to describe a user. */
export interface FakeUserInit {
  id: string;
  name: string;
  tz?: string;
  /** `member` unless told; an owner is an admin too, as in Slack. */
  role?: 'member' | 'admin' | 'owner';
  /** The user's Slack language and region, e.g. `zh-CN`; `en-US` unless told. */
  locale?: string;
}

/** Something that changed in the workspace, so an interactive client can print it as it happens. */
export type FakeSlackChange =
  | { type: 'message_posted'; message: FakeMessage }
  | { type: 'message_updated'; message: FakeMessage }
  | { type: 'message_deleted'; message: FakeMessage }
  | { type: 'ephemeral_posted'; ephemeral: FakeEphemeral }
  | { type: 'reaction_added' | 'reaction_removed'; message: FakeMessage; reaction: string; user: string }
  | { type: 'view_opened'; view: Record<string, unknown>; viewId: string }
  | { type: 'view_updated'; view: Record<string, unknown>; viewId: string }
  | { type: 'view_closed'; viewId: string }
  | { type: 'home_published'; userId: string; view: Record<string, unknown> }
  | { type: 'file_shared'; files: { id: string; filename: string; bytes?: Buffer }[]; message: FakeMessage };

/** Identity of the bot inside the fake workspace. */
export interface FakeBotIdentity {
  botUserId: string;
  botId: string;
  teamId: string;
}

/** The mutable state behind the fake Web API: channels, users, messages and a ts clock. */
export interface FakeWorkspace extends FakeBotIdentity {
  channels: Map<string, FakeChannel>;
  users: Map<string, FakeUser>;
  ephemerals: FakeEphemeral[];
  now: () => number;
  nextTs(): string;
  addChannel(init: FakeChannelInit): FakeChannel;
  addUser(init: FakeUserInit): FakeUser;
  findChannel(idOrName: string): FakeChannel | undefined;
  findMessage(channel: FakeChannel, ts: string): FakeMessage | undefined;
  post(channel: FakeChannel, message: Omit<FakeMessage, 'channel' | 'ts' | 'reactions'>): FakeMessage;
  react(message: FakeMessage, name: string, userId: string, add: boolean): boolean;
  emit(change: FakeSlackChange): void;
}

/** The channel and users a fake starts with when none are given. */
export const DEFAULT_FAKE_CHANNELS: readonly FakeChannelInit[] = [
  { id: 'C0PLANNING', name: 'campaign-planning', members: ['U0ALICE', 'U0BOB'] },
];

/** The people a fake starts with when none are given. */
export const DEFAULT_FAKE_USERS: readonly FakeUserInit[] = [
  { id: 'U0ALICE', name: 'alice', tz: 'Europe/London' },
  { id: 'U0BOB', name: 'bob', tz: 'America/New_York' },
];

/** Build a workspace from the options; `emit` receives every change. */
export function createFakeWorkspace(
  identity: FakeBotIdentity,
  seed: { channels: readonly FakeChannelInit[]; users: readonly FakeUserInit[]; now: () => number },
  emit: (change: FakeSlackChange) => void,
): FakeWorkspace {
  const channels = new Map<string, FakeChannel>();
  const users = new Map<string, FakeUser>();

  const workspace: FakeWorkspace = {
    ...identity,
    channels,
    users,
    ephemerals: [],
    now: seed.now,
    emit,
    nextTs: createTsClock(seed.now),
    addChannel(init) {
      const channel: FakeChannel = {
        id: init.id,
        name: init.name,
        members: init.members.filter((id) => id !== identity.botUserId),
        archived: init.archived ?? false,
        botIsMember: init.botIsMember ?? true,
        messages: [],
      };
      channels.set(channel.id, channel);
      return channel;
    },
    addUser(init) {
      const tz = init.tz ?? 'UTC';
      assertTimeZone(tz, init.id);
      const user: FakeUser = { id: init.id, name: init.name, tz, isBot: false, role: init.role ?? 'member', locale: init.locale ?? 'en-US' };
      users.set(user.id, user);
      return user;
    },
    findChannel(idOrName) {
      const byId = channels.get(idOrName);
      if (byId) return byId;
      const name = idOrName.replace(/^#/, '');
      return [...channels.values()].find((channel) => channel.name === name);
    },
    findMessage(channel, ts) {
      return channel.messages.find((message) => message.ts === ts);
    },
    post(channel, input) {
      const message: FakeMessage = { ...input, channel: channel.id, ts: workspace.nextTs(), reactions: [] };
      if (input.thread_ts !== undefined) {
        // Replying to a reply lands in the same thread, as in Slack.
        const parent = workspace.findMessage(channel, input.thread_ts);
        message.thread_ts = parent?.thread_ts ?? input.thread_ts;
      }
      channel.messages.push(message);
      emit({ type: 'message_posted', message });
      return message;
    },
    react(message, name, userId, add) {
      const changed = add ? addReaction(message, name, userId) : removeReaction(message, name, userId);
      if (changed) emit({ type: add ? 'reaction_added' : 'reaction_removed', message, reaction: name, user: userId });
      return changed;
    },
  };

  users.set(identity.botUserId, { id: identity.botUserId, name: 'imc-bot', tz: 'UTC', isBot: true, role: 'member', locale: 'en-US' });
  seed.users.forEach((user) => workspace.addUser(user));
  seed.channels.forEach((channel) => workspace.addChannel(channel));
  return workspace;
}

/** Members as `conversations.members` lists them: the bot included when it has joined. */
export function listMembers(channel: FakeChannel, botUserId: string): string[] {
  return channel.botIsMember ? [...channel.members, botUserId] : [...channel.members];
}

/** Thread replies (without the parent), oldest first. */
export function threadReplies(channel: FakeChannel, threadTs: string): FakeMessage[] {
  return channel.messages.filter((message) => message.thread_ts === threadTs && message.ts !== threadTs);
}

/** Top-level messages, oldest first. */
export function topLevelMessages(channel: FakeChannel): FakeMessage[] {
  return channel.messages.filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);
}

/** A message as the Web API returns it: empty reactions omitted, thread counters on parents. */
export function toApiMessage(channel: FakeChannel, message: FakeMessage, teamId: string): Record<string, unknown> {
  const { channel: _channel, reactions, ...fields } = message;
  const api: Record<string, unknown> = { type: 'message', ...fields, team: teamId };
  // Slack leaves `reactions` out entirely when there are none; bots must cope with that.
  if (reactions.length > 0) api.reactions = reactions.map((reaction) => ({ ...reaction, users: [...reaction.users] }));
  const replies = threadReplies(channel, message.ts);
  if (replies.length > 0) {
    api.thread_ts = message.ts;
    api.reply_count = replies.length;
    api.reply_users = [...new Set(replies.map((reply) => reply.user))];
    api.latest_reply = replies[replies.length - 1]?.ts;
  }
  return api;
}

/** A source of Slack ts values (`1732300000.000100`) that follow `now` (ms) and never repeat or go back. */
export function createTsClock(now: () => number): () => string {
  let lastMicros = 0;
  return () => {
    // Slack's ts is seconds.microseconds and strictly increasing per workspace; tests rely on ordering.
    lastMicros = Math.max(Math.floor(now()) * 1000, lastMicros + 100);
    return `${Math.floor(lastMicros / 1_000_000)}.${String(lastMicros % 1_000_000).padStart(6, '0')}`;
  };
}

function addReaction(message: FakeMessage, name: string, userId: string): boolean {
  const existing = message.reactions.find((reaction) => reaction.name === name);
  if (existing?.users.includes(userId)) return false;
  if (existing) {
    existing.users.push(userId);
    existing.count = existing.users.length;
  } else {
    message.reactions.push({ name, users: [userId], count: 1 });
  }
  return true;
}

function removeReaction(message: FakeMessage, name: string, userId: string): boolean {
  const existing = message.reactions.find((reaction) => reaction.name === name);
  if (!existing?.users.includes(userId)) return false;
  existing.users = existing.users.filter((id) => id !== userId);
  existing.count = existing.users.length;
  if (existing.count === 0) message.reactions = message.reactions.filter((reaction) => reaction !== existing);
  return true;
}

function assertTimeZone(tz: string, userId: string): void {
  if (canonicalTimeZone(tz) === undefined) {
    throw new Error(`Fake Slack user ${userId} has an unknown time zone "${tz}"; use an IANA name such as "Europe/Berlin".`);
  }
}

import { findBlockKitProblem, type BlockCheckContext } from './block-kit-limits.js';
import { createCanvas, createChannelCanvas, editCanvas, type FakeCanvas } from './fake-canvases.js';
import { completeUpload, fileInfo, getUploadUrl, type FakeFileStore } from './fake-files.js';
import {
  listMembers,
  threadReplies,
  toApiMessage,
  topLevelMessages,
  type FakeChannel,
  type FakeMessage,
  type FakeWorkspace,
} from './fake-workspace.js';
import { SlackMethodError } from './slack-method-error.js';

/** A modal the bot opened with `views.open` (or pushed with `views.push`), as it is shown now. */
export interface OpenedView {
  id: string;
  triggerId: string;
  /** The view as last opened or updated (`views.update`, or a `response_action: update`). */
  view: Record<string, unknown>;
  /** Changes with every update; an update that passes an older one gets `hash_conflict`. */
  hash: string;
  /** Who the trigger was issued to, when the driver said so. */
  userId?: string;
  /** The view below it on the stack (`views.push`). */
  parentId?: string;
  /** Closed by the user, by the bot (`response_action: clear`) or replaced by a new `views.open`. */
  closed?: boolean;
  /** How many times it was updated. */
  updates: number;
}

/** A message waiting in `chat.scheduleMessage`'s queue. */
export interface ScheduledMessage {
  id: string;
  channel: string;
  postAt: number;
  text: string;
  blocks?: Record<string, unknown>[];
  thread_ts?: string;
  metadata?: Record<string, unknown>;
}

/** A user's App Home as last published with `views.publish`. */
export interface PublishedHome {
  userId: string;
  view: Record<string, unknown>;
  /** Changes with every publish; a publish that passes an older one gets `hash_conflict`. */
  hash: string;
  publishedAt: number;
}

/** Everything a fake Web API method may read or change. */
export interface MethodContext {
  workspace: FakeWorkspace;
  views: OpenedView[];
  scheduled: ScheduledMessage[];
  /** The App Home of each user who has one, by user id. */
  homes: Map<string, PublishedHome>;
  files: FakeFileStore;
  canvases: Map<string, FakeCanvas>;
  /** Base of upload URLs (`http://127.0.0.1:PORT/upload/`). */
  uploadBase: string;
  /** Runs `work` after `ms` (asynchronous processing, e.g. of an upload). */
  schedule: (work: () => void, ms: number) => void;
  /** Block types this fake workspace refuses, to stand for a Slack without them. */
  unsupportedBlocks: ReadonlySet<string>;
  /** trigger ids the driver handed out, with when (ms), whether one was already used and for whom */
  triggers: Map<string, { issuedAt: number; used: boolean; userId?: string }>;
  /** caps every paginated page, so a bot's default `limit` still has to follow cursors */
  pageSize?: number;
}

/** Parsed request arguments (form or JSON). */
export type MethodArgs = Record<string, unknown>;

type Handler = (args: MethodArgs, ctx: MethodContext) => Record<string, unknown>;

const MAX_TEXT = 40_000;
const TRIGGER_LIFETIME_MS = 3_000;
/** Slack keeps at most three modals on a stack. */
const MAX_VIEW_STACK = 3;
const MAX_SCHEDULE_AHEAD_S = 120 * 24 * 60 * 60;

/** The Web API methods the fake implements, by method name. */
export const FAKE_SLACK_METHODS: Readonly<Record<string, Handler>> = {
  'auth.test': (_args, { workspace }) => ({
    url: 'https://fake-workspace.slack.com/',
    team: 'Fake Workspace',
    user: 'imc-bot',
    team_id: workspace.teamId,
    user_id: workspace.botUserId,
    bot_id: workspace.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (args, ctx) => {
    const { workspace } = ctx;
    const channel = directMessageChannel(args, workspace) ?? channelArg(args, workspace, { mustBeMember: true });
    const content = messageContent(args, blockCheck(ctx));
    const message = workspace.post(channel, {
      ...content,
      ...optional('thread_ts', stringArg(args, 'thread_ts')),
      ...optional('metadata', metadataArg(args)),
      user: workspace.botUserId,
      bot_id: workspace.botId,
    });
    return { channel: channel.id, ts: message.ts, message: toApiMessage(channel, message, workspace.teamId) };
  },

  'chat.update': (args, ctx) => {
    const { workspace } = ctx;
    const channel = channelArg(args, workspace, { mustBeMember: false });
    const message = ownMessage(channel, args, 'ts', workspace, 'cant_update_message');
    const content = messageContent(args, blockCheck(ctx));
    message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks;
    message.edited = { user: workspace.botUserId, ts: workspace.nextTs() };
    workspace.emit({ type: 'message_updated', message });
    return { channel: channel.id, ts: message.ts, text: message.text, message: toApiMessage(channel, message, workspace.teamId) };
  },

  'chat.delete': (args, { workspace }) => {
    const channel = channelArg(args, workspace, { mustBeMember: false });
    const message = ownMessage(channel, args, 'ts', workspace, 'cant_delete_message');
    channel.messages = channel.messages.filter((candidate) => candidate !== message);
    workspace.emit({ type: 'message_deleted', message });
    return { channel: channel.id, ts: message.ts };
  },

  'chat.postEphemeral': (args, { workspace }) => {
    const channel = channelArg(args, workspace, { mustBeMember: true });
    const user = stringArg(args, 'user');
    if (user === undefined || !workspace.users.has(user)) throw new SlackMethodError('user_not_found');
    if (!channel.members.includes(user)) throw new SlackMethodError('user_not_in_channel');
    const ephemeral = {
      ...messageContent(args),
      ...optional('thread_ts', stringArg(args, 'thread_ts')),
      channel: channel.id,
      user,
      ts: workspace.nextTs(),
      via: 'chat.postEphemeral' as const,
    };
    workspace.ephemerals.push(ephemeral);
    workspace.emit({ type: 'ephemeral_posted', ephemeral });
    return { message_ts: ephemeral.ts };
  },

  'chat.getPermalink': (args, { workspace }) => {
    const channel = channelArg(args, workspace, { mustBeMember: false });
    const message = messageArg(channel, args, 'message_ts', workspace);
    const base = `https://fake-workspace.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
    const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
    return { channel: channel.id, permalink: isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base };
  },

  'chat.scheduleMessage': (args, ctx) => {
    const channel = channelArg(args, ctx.workspace, { mustBeMember: true });
    const postAt = Number(args.post_at);
    const nowS = Math.floor(ctx.workspace.now() / 1000);
    if (!Number.isInteger(postAt)) throw new SlackMethodError('invalid_time');
    if (postAt <= nowS) throw new SlackMethodError('time_in_past');
    if (postAt - nowS > MAX_SCHEDULE_AHEAD_S) throw new SlackMethodError('time_too_far');
    const scheduled: ScheduledMessage = {
      ...messageContent(args),
      ...optional('thread_ts', stringArg(args, 'thread_ts')),
      ...optional('metadata', metadataArg(args)),
      id: `Q${String(ctx.scheduled.length + 1).padStart(8, '0')}`,
      channel: channel.id,
      postAt,
    };
    ctx.scheduled.push(scheduled);
    return { channel: channel.id, scheduled_message_id: scheduled.id, post_at: postAt };
  },

  'chat.deleteScheduledMessage': (args, ctx) => {
    const id = stringArg(args, 'scheduled_message_id');
    const index = ctx.scheduled.findIndex((scheduled) => scheduled.id === id);
    if (index < 0) throw new SlackMethodError('invalid_scheduled_message_id');
    ctx.scheduled.splice(index, 1);
    return {};
  },

  'chat.scheduledMessages.list': (args, ctx) => {
    const channel = stringArg(args, 'channel');
    const matching = ctx.scheduled.filter((scheduled) => channel === undefined || scheduled.channel === channel);
    const { page, nextCursor } = paginate(matching, args, ctx);
    return {
      scheduled_messages: page.map((s) => ({ id: s.id, channel_id: s.channel, post_at: s.postAt, text: s.text })),
      response_metadata: { next_cursor: nextCursor },
    };
  },

  'reactions.get': (args, { workspace }) => {
    const channel = channelArg(args, workspace, { mustBeMember: false });
    const message = messageArg(channel, args, 'timestamp', workspace);
    return { type: 'message', channel: channel.id, message: toApiMessage(channel, message, workspace.teamId) };
  },

  'reactions.add': (args, { workspace }) => {
    const { message, name } = reactionArgs(args, workspace);
    if (!workspace.react(message, name, workspace.botUserId, true)) throw new SlackMethodError('already_reacted');
    return {};
  },

  'reactions.remove': (args, { workspace }) => {
    const { message, name } = reactionArgs(args, workspace);
    if (!workspace.react(message, name, workspace.botUserId, false)) throw new SlackMethodError('no_reaction');
    return {};
  },

  'conversations.members': (args, ctx) => {
    const channel = channelArg(args, ctx.workspace, { mustBeMember: false });
    const { page, nextCursor } = paginate(listMembers(channel, ctx.workspace.botUserId), args, ctx);
    return { members: page, response_metadata: { next_cursor: nextCursor } };
  },

  'conversations.info': (args, { workspace }) => {
    const channel = channelArg(args, workspace, { mustBeMember: false });
    return {
      channel: {
        id: channel.id,
        name: channel.name,
        is_channel: channel.id.startsWith('C'),
        is_group: channel.id.startsWith('G'),
        is_im: channel.id.startsWith('D'),
        is_private: !channel.id.startsWith('C'),
        is_archived: channel.archived,
        is_member: channel.botIsMember,
        num_members: listMembers(channel, workspace.botUserId).length,
      },
    };
  },

  'conversations.replies': (args, ctx) => {
    const channel = channelArg(args, ctx.workspace, { mustBeMember: true });
    const parent = ctx.workspace.findMessage(channel, stringArg(args, 'ts') ?? '');
    if (!parent) throw new SlackMethodError('thread_not_found');
    const rootTs = parent.thread_ts ?? parent.ts;
    const root = ctx.workspace.findMessage(channel, rootTs) ?? parent;
    // As in Slack, the parent always comes first; `oldest` and `latest` bound the replies.
    const oldest = Number(stringArg(args, 'oldest') ?? 0);
    const latest = Number(stringArg(args, 'latest') ?? Number.POSITIVE_INFINITY);
    const replies = threadReplies(channel, rootTs).filter((m) => Number(m.ts) >= oldest && Number(m.ts) <= latest);
    const thread = [root, ...replies];
    return messagePage(channel, thread, args, ctx);
  },

  'conversations.history': (args, ctx) => {
    const channel = channelArg(args, ctx.workspace, { mustBeMember: true });
    const oldest = Number(stringArg(args, 'oldest') ?? 0);
    const latest = Number(stringArg(args, 'latest') ?? Number.POSITIVE_INFINITY);
    const inRange = topLevelMessages(channel).filter((m) => Number(m.ts) >= oldest && Number(m.ts) <= latest);
    return messagePage(channel, inRange.reverse(), args, ctx);
  },

  'users.info': (args, { workspace }) => {
    const user = workspace.users.get(stringArg(args, 'user') ?? '');
    if (!user) throw new SlackMethodError('user_not_found');
    const now = workspace.now();
    return {
      user: {
        id: user.id,
        team_id: workspace.teamId,
        name: user.name,
        real_name: user.name,
        tz: user.tz,
        tz_label: timeZoneLabel(user.tz, now),
        tz_offset: timeZoneOffsetSeconds(user.tz, now),
        is_bot: user.isBot,
        is_admin: user.role !== 'member',
        is_owner: user.role === 'owner',
        is_primary_owner: false,
        deleted: false,
        profile: { real_name: user.name, display_name: user.name },
        // As Slack: the locale only when asked for it.
        ...(booleanArg(args, 'include_locale') ? { locale: user.locale } : {}),
      },
    };
  },

  'views.publish': (args, ctx) => {
    const userId = stringArg(args, 'user_id');
    const view = args.view;
    if (userId === undefined || !isJson(view)) throw new SlackMethodError('invalid_arguments', ['[ERROR] user_id and view are required']);
    const user = ctx.workspace.users.get(userId);
    if (!user || user.isBot) throw new SlackMethodError('user_not_found');
    const previous = ctx.homes.get(userId);
    const hash = stringArg(args, 'hash');
    if (hash !== undefined && previous && hash !== previous.hash) throw new SlackMethodError('hash_conflict');
    if (view.type !== 'home') throw new SlackMethodError('invalid_arguments', ['[ERROR] must be "home" [json-pointer:/view/type]']);
    const problem = findBlockKitProblem(view.blocks, 'home', blockCheck(ctx));
    if (problem) throw new SlackMethodError('invalid_arguments', [problem.message]);
    const published: PublishedHome = { userId, view, hash: `${ctx.workspace.now()}.${(ctx.homes.size + 1).toString(36)}${Math.random().toString(36).slice(2, 8)}`, publishedAt: ctx.workspace.now() };
    ctx.homes.set(userId, published);
    ctx.workspace.emit({ type: 'home_published', userId, view });
    return { view: { id: `VH${userId}`, team_id: ctx.workspace.teamId, ...view, hash: published.hash, state: { values: {} } } };
  },

  'files.getUploadURLExternal': (args, ctx) => getUploadUrl(args, ctx.files, ctx.uploadBase),

  'files.completeUploadExternal': (args, ctx) => completeUpload(args, ctx.files, ctx.workspace, ctx.schedule),

  'files.info': (args, ctx) => fileInfo(args, ctx.files),

  'conversations.canvases.create': (args, ctx) => createChannelCanvas(args, ctx.canvases, ctx.workspace),

  'canvases.create': (args, ctx) => createCanvas(args, ctx.canvases, ctx.workspace),

  'canvases.edit': (args, ctx) => editCanvas(args, ctx.canvases),

  'views.open': (args, ctx) => openView(args, ctx, undefined),

  'views.push': (args, ctx) => {
    const top = [...ctx.views].reverse().find((view) => !view.closed);
    if (!top) throw new SlackMethodError('not_found', ['[ERROR] no modal is open to push onto']);
    return openView(args, ctx, top);
  },

  'views.update': (args, ctx) => {
    const viewId = stringArg(args, 'view_id');
    const view = args.view;
    if (viewId === undefined || !isJson(view)) throw new SlackMethodError('invalid_arguments', ['[ERROR] view_id and view are required']);
    const opened = ctx.views.find((candidate) => candidate.id === viewId);
    if (!opened || opened.closed) throw new SlackMethodError('not_found');
    const hash = stringArg(args, 'hash');
    if (hash !== undefined && hash !== opened.hash) throw new SlackMethodError('hash_conflict');
    const problem = checkModal(view);
    if (problem) throw new SlackMethodError('invalid_arguments', [problem]);
    updateOpenedView(opened, view);
    ctx.workspace.emit({ type: 'view_updated', view, viewId });
    return { view: viewResponse(opened, ctx) };
  },
};

/** `views.open`, or `views.push` on top of `parent`. */
function openView(args: MethodArgs, ctx: MethodContext, parent: OpenedView | undefined) {
  const triggerId = stringArg(args, 'trigger_id');
  const view = args.view;
  if (triggerId === undefined || !isJson(view)) throw new SlackMethodError('invalid_arguments');
  const userId = useTrigger(triggerId, ctx);
  const problem = checkModal(view);
  if (problem) throw new SlackMethodError('invalid_arguments', [problem]);
  if (parent && ctx.views.filter((candidate) => !candidate.closed).length >= MAX_VIEW_STACK) throw new SlackMethodError('push_limit_reached');
  // A new modal replaces whatever this user had open; a pushed one goes on top of it.
  if (!parent) for (const other of ctx.views) if (other.userId === userId && userId !== undefined) other.closed = true;
  const id = `V${String(ctx.views.length + 1).padStart(8, '0')}`;
  const opened: OpenedView = {
    id,
    triggerId,
    view,
    hash: `${id}.0`,
    updates: 0,
    ...(userId ? { userId } : {}),
    ...(parent ? { parentId: parent.id } : {}),
  };
  ctx.views.push(opened);
  ctx.workspace.emit({ type: 'view_opened', view, viewId: opened.id });
  return { view: viewResponse(opened, ctx) };
}

/** Replaces what a modal shows, as `views.update` or a `response_action: update` does. */
export function updateOpenedView(opened: OpenedView, view: Record<string, unknown>): void {
  opened.view = view;
  opened.updates += 1;
  opened.hash = `${opened.id}.${opened.updates}`;
}

function viewResponse(opened: OpenedView, ctx: MethodContext): Record<string, unknown> {
  return { id: opened.id, team_id: ctx.workspace.teamId, ...opened.view, hash: opened.hash, state: { values: {} } };
}

function channelArg(args: MethodArgs, workspace: FakeWorkspace, rules: { mustBeMember: boolean }): FakeChannel {
  const channel = workspace.findChannel(stringArg(args, 'channel') ?? '');
  if (!channel) throw new SlackMethodError('channel_not_found');
  if (rules.mustBeMember && channel.archived) throw new SlackMethodError('is_archived');
  if (rules.mustBeMember && !channel.botIsMember) throw new SlackMethodError('not_in_channel');
  return channel;
}

/**
 * A user id as `channel` posts to the bot's direct messages with that user (the app's
 * Messages tab), as Slack does for bot tokens; the DM channel is opened on first use.
 */
function directMessageChannel(args: MethodArgs, workspace: FakeWorkspace): FakeChannel | undefined {
  const userId = stringArg(args, 'channel') ?? '';
  const user = workspace.users.get(userId);
  if (!/^[UW]/.test(userId) || !user || user.isBot) return undefined;
  const id = `D${userId}`;
  return workspace.findChannel(id) ?? workspace.addChannel({ id, name: `dm-${user.name}`, members: [userId] });
}

function messageArg(channel: FakeChannel, args: MethodArgs, key: string, workspace: FakeWorkspace): FakeMessage {
  const message = workspace.findMessage(channel, stringArg(args, key) ?? '');
  if (!message) throw new SlackMethodError('message_not_found');
  return message;
}

function ownMessage(channel: FakeChannel, args: MethodArgs, key: string, workspace: FakeWorkspace, notOwn: string): FakeMessage {
  const message = messageArg(channel, args, key, workspace);
  if (message.bot_id !== workspace.botId) throw new SlackMethodError(notOwn);
  if (channel.archived) throw new SlackMethodError('is_archived');
  return message;
}

function reactionArgs(args: MethodArgs, workspace: FakeWorkspace): { message: FakeMessage; name: string } {
  const channel = channelArg(args, workspace, { mustBeMember: false });
  const message = messageArg(channel, args, 'timestamp', workspace);
  const name = (stringArg(args, 'name') ?? '').replace(/^:|:$/g, '');
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackMethodError('invalid_name');
  return { message, name };
}

/** Text and blocks of a message, validated like Slack does (also used for response_url posts). */
export function messageContent(args: MethodArgs, check: BlockCheckContext = {}): { text: string; blocks?: Record<string, unknown>[] } {
  const text = stringArg(args, 'text') ?? '';
  const blocks = args.blocks;
  if (typeof blocks === 'string') throw new SlackMethodError('invalid_blocks_format');
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (text.trim() === '' && !hasBlocks) throw new SlackMethodError('no_text');
  if (text.length > MAX_TEXT) throw new SlackMethodError('msg_too_long');
  if (blocks === undefined || (Array.isArray(blocks) && blocks.length === 0)) return { text };
  const problem = findBlockKitProblem(blocks, 'message', check);
  if (problem) throw new SlackMethodError(problem.error, [problem.message]);
  return { text, blocks: blocks as Record<string, unknown>[] };
}

function metadataArg(args: MethodArgs): Record<string, unknown> | undefined {
  const metadata = args.metadata;
  if (metadata === undefined) return undefined;
  if (!isJson(metadata) || typeof metadata.event_type !== 'string' || !isJson(metadata.event_payload)) {
    throw new SlackMethodError('invalid_metadata_format');
  }
  return metadata;
}

/** Slack's limits on a modal: title, submit and close at most 24 characters, metadata 3,000, callback id 255. */
export function checkModal(view: Record<string, unknown>): string | undefined {
  if (view.type !== 'modal') return '[ERROR] must be "modal" [json-pointer:/view/type]';
  for (const key of ['title', 'submit', 'close'] as const) {
    const text = view[key];
    if (key !== 'title' && text === undefined) continue;
    if (!isJson(text) || text.type !== 'plain_text' || typeof text.text !== 'string' || text.text.length === 0 || text.text.length > 24) {
      return `[ERROR] ${key} must be plain_text of 1 to 24 characters [json-pointer:/view/${key}]`;
    }
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) return '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]';
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) return '[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]';
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  if (view.submit === undefined && blocks.some((block) => isJson(block) && block.type === 'input')) {
    return '[ERROR] a view with input blocks needs a submit button [json-pointer:/view/submit]';
  }
  return findBlockKitProblem(view.blocks, 'modal')?.message;
}

/** What block checks need from the workspace: which uploads are ready, which block types it refuses. */
function blockCheck(ctx: MethodContext): BlockCheckContext {
  return { fileReady: (id) => ctx.files.files.get(id)?.state === 'ready', unsupported: ctx.unsupportedBlocks };
}

/** Uses a trigger id once, within its 3 s; returns whom it was issued to, when known. */
function useTrigger(triggerId: string, ctx: MethodContext): string | undefined {
  const trigger = ctx.triggers.get(triggerId) ?? { issuedAt: ctx.workspace.now(), used: false };
  if (trigger.used) throw new SlackMethodError('exchanged_trigger_id');
  if (ctx.workspace.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) throw new SlackMethodError('expired_trigger_id');
  ctx.triggers.set(triggerId, { ...trigger, used: true });
  return trigger.userId;
}

function messagePage(channel: FakeChannel, messages: FakeMessage[], args: MethodArgs, ctx: MethodContext) {
  const { page, nextCursor } = paginate(messages, args, ctx);
  return {
    messages: page.map((message) => toApiMessage(channel, message, ctx.workspace.teamId)),
    has_more: nextCursor !== '',
    response_metadata: { next_cursor: nextCursor },
  };
}

function paginate<T>(items: T[], args: MethodArgs, ctx: MethodContext): { page: T[]; nextCursor: string } {
  const offset = decodeCursor(stringArg(args, 'cursor'));
  const requested = Number(stringArg(args, 'limit') ?? 100);
  const limit = Math.min(requested > 0 ? Math.floor(requested) : 100, ctx.pageSize ?? 1000, 1000);
  const end = offset + limit;
  return { page: items.slice(offset, end), nextCursor: end < items.length ? encodeCursor(end) : '' };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new SlackMethodError('invalid_cursor');
  return Number(match[1]);
}

/** A string argument; numbers and booleans from JSON bodies are read as Slack reads form fields. */
export function stringArg(args: MethodArgs, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A flag argument: `true` as JSON, or `true` / `1` as a form field. */
function booleanArg(args: MethodArgs, key: string): boolean {
  const value = stringArg(args, key);
  return value === 'true' || value === '1';
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function timeZoneOffsetSeconds(tz: string, at: number): number {
  const name = timeZonePart(tz, at, 'longOffset');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

function timeZoneLabel(tz: string, at: number): string {
  return timeZonePart(tz, at, 'long');
}

function timeZonePart(tz: string, at: number, style: 'long' | 'longOffset'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

function isJson(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

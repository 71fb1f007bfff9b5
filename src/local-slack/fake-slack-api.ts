import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyResponseUrlPost, type ResponseUrlContext, type ResponseUrlEffect } from './apply-response-url-post.js';
import type { FakeCanvas } from './fake-canvases.js';
import { receiveUpload, type FakeFile } from './fake-files.js';
import { checkModal, FAKE_SLACK_METHODS, updateOpenedView, type MethodArgs, type MethodContext, type OpenedView, type PublishedHome, type ScheduledMessage } from './fake-slack-methods.js';
import {
  createFakeWorkspace,
  DEFAULT_FAKE_CHANNELS,
  DEFAULT_FAKE_USERS,
  threadReplies,
  topLevelMessages,
  type FakeChannel,
  type FakeChannelInit,
  type FakeEphemeral,
  type FakeMessage,
  type FakeSlackChange,
  type FakeUser,
  type FakeUserInit,
  type FakeWorkspace,
} from './fake-workspace.js';
import { parseMethodArgs } from './parse-method-args.js';
import { SlackMethodError } from './slack-method-error.js';
import { createFakeSocketMode, type FakeSocketMode } from './socket-mode-server.js';
import { readBody } from '../slack/receivers/read-body.js';

export type { ResponseUrlContext } from './apply-response-url-post.js';
export type { OpenedView, PublishedHome, ScheduledMessage } from './fake-slack-methods.js';
export type { FakeFile } from './fake-files.js';
export type { FakeCanvas } from './fake-canvases.js';
export type * from './fake-workspace.js';

/** How the fake workspace starts; every field has a sensible default. */
export interface FakeSlackOptions {
  botToken?: string;
  /** The app-level token `apps.connections.open` accepts (Socket Mode). */
  appToken?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  channels?: FakeChannelInit[];
  users?: FakeUserInit[];
  /** clock in ms, for message ts, trigger and response_url lifetimes */
  now?: () => number;
  /** cap every paginated page (members, history, replies) so cursor handling gets exercised */
  pageSize?: number;
  /** block types this workspace refuses with `invalid_blocks` (e.g. `data_visualization`, for a Slack without charts) */
  unsupportedBlocks?: string[];
  /** ms an upload takes to process after `files.completeUploadExternal` (default 30) */
  fileProcessingMs?: number;
  /** The app's OAuth credentials `oauth.v2.access` accepts (defaults shown in {@link FAKE_OAUTH}). */
  oauth?: { clientId: string; clientSecret: string };
}

/** The fake app's OAuth credentials unless a test gives others. */
export const FAKE_OAUTH = { clientId: '1111.2222', clientSecret: 'fake-client-secret' } as const;

/** A workspace that approved an install in the fake's authorize page: the code to hand to the redirect. */
export interface FakeInstallGrant {
  teamId: string;
  teamName?: string;
  /** Who clicked Allow. */
  userId?: string;
  /** An org-wide install of an Enterprise Grid organisation. */
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** What the fake knows about a bot token it issued. */
export interface FakeIssuedToken {
  token: string;
  teamId: string;
  enterpriseId?: string;
  botUserId: string;
  botId: string;
  revoked: boolean;
}

/**
 * A fault to inject into the next call(s) of a method. `delayMs` waits before the call is
 * handled; the others after it: `respondAfterMs` answers what the workspace held on arrival,
 * late (a slow reading that can overtake a newer one); `accepted: 'drop'` does the call and
 * closes the connection unanswered (a call that timed out but succeeded); `accepted: 'hang'`
 * does it and never answers (the bot dies or times out waiting).
 */
export type FakeSlackFault =
  | { error: string }
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { delayMs: number }
  | { respondAfterMs: number }
  | { accepted: 'drop' | 'hang' };

type AfterFault = Extract<FakeSlackFault, { respondAfterMs: number } | { accepted: 'drop' | 'hang' }>;

/** One Web API call the fake received, with what it answered. */
export interface RecordedCall {
  method: string;
  /** parsed arguments, without any `token` */
  args: MethodArgs;
  /** The workspace whose token made the call (the default workspace for the fake's own bot token). */
  teamId?: string;
  /** size of the request body as sent, in bytes (token included) */
  bytes: number;
  time: number;
  response?: { status: number; body: Record<string, unknown> };
  /** Set when the call was done but its answer dropped or withheld (an `accepted` fault). */
  accepted?: 'drop' | 'hang';
}

/** One POST to a response_url. */
export interface RecordedResponse {
  id: string;
  body: MethodArgs;
  time: number;
  status: number;
  effect?: ResponseUrlEffect;
  error?: string;
}

/** Options for `waitFor`. */
export interface WaitForOptions {
  timeoutMs?: number;
  /** what is being waited for, to make the timeout message say so */
  description?: string;
}

/** A user's message to add to the workspace, as if typed in Slack. */
export interface UserMessageInput {
  channelId: string;
  userId: string;
  text: string;
  threadTs?: string;
}

/** A running fake Slack Web API and the workspace behind it. */
export interface FakeSlack {
  /** base URL ending in `/api/`, for `clientOptions.slackApiUrl` */
  readonly url: string;
  readonly port: number;
  readonly botToken: string;
  readonly appToken: string;
  /** Slack's Socket Mode side: connections, envelopes and their acknowledgements. */
  readonly socketMode: FakeSocketMode;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly calls: readonly RecordedCall[];
  /**
   * Slack's authorize page, after a person allowed the install for `grant`'s workspace:
   * the `code` Slack puts in the redirect (exchanged once by `oauth.v2.access` for a bot
   * token of that workspace's own).
   */
  grantInstall(grant: FakeInstallGrant): string;
  /** Bot tokens issued by `oauth.v2.access`, by token. */
  readonly issuedTokens: ReadonlyMap<string, FakeIssuedToken>;
  /** Revokes every token issued for the workspace (an uninstall); Slack refuses them from then on. */
  revokeTokens(teamId: string): void;
  /** TCP connections accepted so far (a client that keeps connections alive opens few) */
  readonly connections: number;
  readonly responses: readonly RecordedResponse[];
  readonly ephemerals: readonly FakeEphemeral[];
  readonly views: readonly OpenedView[];
  readonly scheduled: readonly ScheduledMessage[];
  /** Uploaded files by id, with their bytes. */
  readonly files: ReadonlyMap<string, FakeFile>;
  /** Canvases by id. */
  readonly canvases: ReadonlyMap<string, FakeCanvas>;
  /** Deletes a canvas as a person could in Slack; false when there was none. */
  deleteCanvas(canvasId: string): boolean;
  /** The App Home a user sees now (the last `views.publish` for them). */
  home(userId: string): PublishedHome | undefined;
  /** Calls to one method, oldest first. */
  callsTo(method: string): RecordedCall[];
  /** URL of a response_url; `context` says which channel, user and message it answers. */
  responseUrl(id: string, context?: ResponseUrlContext): string;
  /** A fresh trigger_id that expires 3 s later (by `now`) and works once; `userId` is whom it belongs to. */
  issueTriggerId(userId?: string): string;
  /** A modal by its id, as it is shown now. */
  view(viewId: string): OpenedView | undefined;
  /** The modal a user sees now: the top of their stack, if one is open. */
  openModal(userId: string): OpenedView | undefined;
  /**
   * What Slack does with the bot's answer to a `view_submission`: `update` replaces the
   * modal, `push` stacks a new one, `clear` closes them all, `errors` (or anything else) leaves it.
   */
  applyViewResponse(viewId: string, response: unknown): void;
  /** The user closed a modal (Cancel or ×). */
  closeView(viewId: string): void;
  /** Make the next `times` calls of `method` (or `response_url`) fail with `fault`. */
  failNext(method: string, fault: FakeSlackFault, times?: number): void;
  /** Clear faults and records (calls, responses); `{ state: true }` also rebuilds the workspace. */
  reset(options?: { state?: boolean }): void;
  /** Top-level messages of a channel, or with `threadTs` the replies of that thread (parent excluded), oldest first. */
  messages(channelId: string, options?: { threadTs?: string }): FakeMessage[];
  /** Newest message in a channel, thread replies included. */
  lastMessage(channelId: string): FakeMessage | undefined;
  /** The live channel (tests may archive it or remove the bot). */
  channel(channelId: string): FakeChannel | undefined;
  user(userId: string): FakeUser | undefined;
  addChannel(init: FakeChannelInit): FakeChannel;
  addUser(init: FakeUserInit): FakeUser;
  /** Record a user's message without sending any event. */
  addUserMessage(input: UserMessageInput): FakeMessage;
  addReaction(channelId: string, ts: string, name: string, userId: string): void;
  removeReaction(channelId: string, ts: string, name: string, userId: string): void;
  /** Post scheduled messages that are due by `now`; those carrying metadata never post, as in Slack. */
  deliverDueScheduled(): FakeMessage[];
  /** Poll until `predicate` is truthy and resolve with its value; rejects with the recent calls on timeout. */
  waitFor<T>(predicate: (fake: FakeSlack) => T, options?: WaitForOptions): Promise<T>;
  /** Listen to workspace changes (messages, updates, reactions, ephemerals, views); returns an unsubscribe. */
  onChange(listener: (change: FakeSlackChange) => void): () => void;
  /** Stop the server and drop every socket so the process can exit. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/** Start a fake Slack Web API on 127.0.0.1 at a free port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const identity = {
    botUserId: options.botUserId ?? 'U0BOT',
    botId: options.botId ?? 'B0BOT',
    teamId: options.teamId ?? 'T0FAKE',
  };
  const botToken = options.botToken ?? 'xoxb-fake-token';
  const appToken = options.appToken ?? 'xapp-1-fake-app-token';
  const listeners = new Set<(change: FakeSlackChange) => void>();
  const emit = (change: FakeSlackChange): void => listeners.forEach((listener) => listener(change));
  const buildWorkspace = (): FakeWorkspace =>
    createFakeWorkspace(
      identity,
      { channels: options.channels ?? DEFAULT_FAKE_CHANNELS, users: options.users ?? DEFAULT_FAKE_USERS, now },
      emit,
    );

  const closeOne = (view: OpenedView): void => {
    if (view.closed) return;
    view.closed = true;
    emit({ type: 'view_closed', viewId: view.id });
  };
  const timers = new Set<NodeJS.Timeout>();
  const schedule = (work: () => void, ms: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timers.add(timer);
  };
  const ctx: MethodContext = {
    workspace: buildWorkspace(),
    views: [],
    scheduled: [],
    triggers: new Map(),
    homes: new Map(),
    files: { files: new Map(), processingMs: options.fileProcessingMs ?? 30 },
    canvases: new Map(),
    uploadBase: '',
    schedule,
    unsupportedBlocks: new Set(options.unsupportedBlocks ?? []),
    ...pageSizeOf(options),
  };
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const faults = new Map<string, FakeSlackFault[]>();
  const responseUrls = new Map<string, ResponseUrlContext & { issuedAt: number; uses: number }>();
  const hanging = new Set<ServerResponse>();
  let triggerCount = 0;
  const oauthApp = options.oauth ?? FAKE_OAUTH;
  const grants = new Map<string, FakeInstallGrant>();
  const issued = new Map<string, FakeIssuedToken>();
  let grantCount = 0;
  let codeCount = 0;

  /** `oauth.v2.access`: the app's credentials (form fields or Basic auth) and a code granted once. */
  function exchangeCode(req: IncomingMessage, args: MethodArgs): Record<string, unknown> {
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = typeof args.client_id === 'string' ? args.client_id : basicId;
    const clientSecret = typeof args.client_secret === 'string' ? args.client_secret : basicSecret;
    if (clientId !== oauthApp.clientId) throw new SlackMethodError('invalid_client_id');
    if (clientSecret !== oauthApp.clientSecret) throw new SlackMethodError('bad_client_secret');
    const code = typeof args.code === 'string' ? args.code : '';
    const grant = grants.get(code);
    if (!grant) throw new SlackMethodError('invalid_code');
    grants.delete(code);
    grantCount += 1;
    const n = String(grantCount).padStart(3, '0');
    const minted: FakeIssuedToken = {
      token: `xoxb-${grant.teamId.toLowerCase()}-${n}`,
      teamId: grant.teamId,
      ...(grant.enterpriseId ? { enterpriseId: grant.enterpriseId } : {}),
      botUserId: `U0BOT${grant.teamId.slice(-4)}`,
      botId: `B0BOT${grant.teamId.slice(-4)}`,
      revoked: false,
    };
    issued.set(minted.token, minted);
    const orgWide = grant.isEnterpriseInstall === true;
    return {
      app_id: 'A0FAKEAPP',
      authed_user: { id: grant.userId ?? 'U0INSTALLER' },
      scope: 'chat:write,commands',
      token_type: 'bot',
      access_token: minted.token,
      bot_user_id: minted.botUserId,
      team: orgWide ? null : { id: grant.teamId, name: grant.teamName ?? grant.teamId },
      enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: grant.enterpriseId } : null,
      is_enterprise_install: orgWide,
    };
  }

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /**
   * Answers with an injected fault, if one is queued: true when it answered; a fault that
   * acts after the call is handled is returned instead, for `handleApi` to apply.
   */
  async function answerFault(method: string, res: ServerResponse, record: { response?: RecordedCall['response'] }): Promise<boolean | AfterFault> {
    const fault = faults.get(method)?.shift();
    if (!fault) return false;
    if ('delayMs' in fault) {
      await sleep(fault.delayMs);
      return false;
    }
    if ('respondAfterMs' in fault || 'accepted' in fault) return fault;
    if ('error' in fault) record.response = send(res, 200, { ok: false, error: fault.error });
    else if (fault.status === 429) {
      record.response = send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
    } else record.response = send(res, 500, { ok: false, error: 'internal_error' });
    return true;
  }

  /** The POST of a file's bytes to its upload URL (recorded as a call to `upload`). */
  async function handleUpload(fileId: string, body: Buffer, res: ServerResponse): Promise<void> {
    const call: RecordedCall = { method: 'upload', args: { file_id: fileId }, bytes: body.length, time: now() };
    calls.push(call);
    if (await answerFault('upload', res, call)) return;
    const answer = receiveUpload(fileId, body, ctx.files);
    call.response = { status: answer.status, body: { text: answer.text } };
    if (!res.headersSent) {
      res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(answer.text);
    }
  }

  async function handleApi(method: string, req: IncomingMessage, raw: string, res: ServerResponse): Promise<void> {
    const call: RecordedCall = { method, args: {}, bytes: Buffer.byteLength(raw), time: now() };
    calls.push(call);
    try {
      const { token, ...args } = parseMethodArgs(raw, req.headers['content-type']);
      call.args = args;
      const fault = await answerFault(method, res, call);
      if (fault === true) return;
      if (method === 'oauth.v2.access') {
        // Takes the app's credentials, not a token.
        call.response = send(res, 200, { ok: true, ...exchangeCode(req, args) });
        return;
      }
      const given = bearer(req.headers.authorization) ?? (typeof token === 'string' ? token : undefined);
      if (given === undefined) throw new SlackMethodError('not_authed');
      if (method === 'apps.connections.open') {
        // The one method that takes the app-level token, not the bot token.
        if (given !== appToken) throw new SlackMethodError(given?.startsWith('xoxb-') ? 'not_allowed_token_type' : 'invalid_auth');
        call.response = send(res, 200, { ok: true, url: socketMode.connectionUrl() });
        return;
      }
      const minted = issued.get(given);
      if (given !== botToken && !minted) throw new SlackMethodError('invalid_auth');
      call.teamId = minted?.teamId ?? identity.teamId;
      if (minted?.revoked) throw new SlackMethodError('token_revoked');
      const handler = FAKE_SLACK_METHODS[method];
      if (!handler) throw new SlackMethodError('unknown_method');
      const body =
        minted && method === 'auth.test'
          ? {
              ok: true,
              url: `https://${minted.teamId.toLowerCase()}.slack.com/`,
              team_id: minted.teamId,
              user_id: minted.botUserId,
              bot_id: minted.botId,
              ...(minted.enterpriseId ? { enterprise_id: minted.enterpriseId } : {}),
              is_enterprise_install: false,
            }
          : { ok: true, ...handler(args, ctx) };
      if (fault && 'accepted' in fault) {
        call.accepted = fault.accepted;
        if (fault.accepted === 'drop') res.destroy();
        else hanging.add(res);
        return;
      }
      if (fault) await sleep(fault.respondAfterMs);
      call.response = send(res, 200, body);
    } catch (error) {
      call.response = send(res, 200, errorBody(error));
    }
  }

  async function handleResponseUrl(id: string, req: IncomingMessage, raw: string, res: ServerResponse): Promise<void> {
    const record: RecordedResponse = { id, body: {}, time: now(), status: 200 };
    responses.push(record);
    try {
      record.body = parseMethodArgs(raw, req.headers['content-type'] ?? 'application/json');
      const fault = { response: undefined as RecordedCall['response'] };
      if ((await answerFault('response_url', res, fault)) === true) {
        record.status = fault.response?.status ?? 500;
        record.error = String(fault.response?.body.error);
        return;
      }
      const entry = responseUrls.get(id);
      if (entry) entry.uses += 1;
      if (!entry || now() - entry.issuedAt > RESPONSE_URL_LIFETIME_MS) throw new SlackMethodError('expired_url');
      if (entry.uses > RESPONSE_URL_USES) throw new SlackMethodError('used_url');
      record.effect = applyResponseUrlPost(ctx.workspace, entry, record.body);
      send(res, 200, { ok: true });
    } catch (error) {
      const body = errorBody(error);
      record.error = String(body.error);
      record.status = record.error === 'expired_url' || record.error === 'used_url' ? 404 : 400;
      send(res, record.status, body);
    }
  }

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => send(res, 500, errorBody(error)));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const api = /^\/api\/([\w.]+)$/.exec(path);
    const respond = /^\/respond\/([\w.-]+)$/.exec(path);
    const upload = /^\/upload\/([\w.-]+)$/.exec(path);
    if (req.method !== 'POST' || (!api && !respond && !upload)) {
      send(res, 404, { ok: false, error: 'not_found' });
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === undefined) {
      send(res, 413, { ok: false, error: 'request_too_large' });
      return;
    }
    if (upload?.[1]) await handleUpload(upload[1], body, res);
    else if (api?.[1]) await handleApi(api[1], req, body.toString('utf8'), res);
    else if (respond?.[1]) await handleResponseUrl(respond[1], req, body.toString('utf8'), res);
  }

  let connections = 0;
  server.on('connection', () => (connections += 1));
  const port = await listen(server);
  const base = `http://127.0.0.1:${port}`;
  ctx.uploadBase = `${base}/upload/`;
  const socketMode = createFakeSocketMode(base, now);
  server.on('upgrade', (req, socket, head) => socketMode.handleUpgrade(req, socket, head));

  const requireChannel = (channelId: string): FakeChannel => {
    const channel = ctx.workspace.findChannel(channelId);
    if (!channel) throw new Error(`Fake Slack has no channel ${channelId}; add it with fake.addChannel(...) first.`);
    return channel;
  };
  const requireMessage = (channelId: string, ts: string): FakeMessage => {
    const message = ctx.workspace.findMessage(requireChannel(channelId), ts);
    if (!message) throw new Error(`Fake Slack has no message ${ts} in ${channelId}.`);
    return message;
  };

  const fake: FakeSlack = {
    url: `${base}/api/`,
    port,
    botToken,
    appToken,
    socketMode,
    ...identity,
    get calls() {
      return calls;
    },
    get connections() {
      return connections;
    },
    grantInstall(grant) {
      codeCount += 1;
      const code = `code-${grant.teamId}-${codeCount}`;
      grants.set(code, grant);
      return code;
    },
    get issuedTokens() {
      return issued;
    },
    revokeTokens(teamId) {
      for (const minted of issued.values()) if (minted.teamId === teamId) minted.revoked = true;
    },
    get responses() {
      return responses;
    },
    get ephemerals() {
      return ctx.workspace.ephemerals;
    },
    get views() {
      return ctx.views;
    },
    get scheduled() {
      return ctx.scheduled;
    },
    get files() {
      return ctx.files.files;
    },
    get canvases() {
      return ctx.canvases;
    },
    home: (userId) => ctx.homes.get(userId),
    deleteCanvas: (canvasId) => ctx.canvases.delete(canvasId),
    callsTo: (method) => calls.filter((call) => call.method === method),
    responseUrl(id, context) {
      if (!/^[\w.-]+$/.test(id)) throw new Error(`A response_url id may hold letters, digits, "_", "." and "-" only, e.g. "cmd-1"; got "${id}".`);
      const existing = responseUrls.get(id);
      responseUrls.set(id, { ...existing, ...context, issuedAt: existing?.issuedAt ?? now(), uses: existing?.uses ?? 0 });
      return `${base}/respond/${id}`;
    },
    issueTriggerId(userId) {
      triggerCount += 1;
      const id = `${triggerCount}.${port}.fake${String(triggerCount).padStart(6, '0')}`;
      ctx.triggers.set(id, { issuedAt: now(), used: false, ...(userId ? { userId } : {}) });
      return id;
    },
    view: (viewId) => ctx.views.find((view) => view.id === viewId),
    openModal: (userId) => [...ctx.views].reverse().find((view) => view.userId === userId && !view.closed),
    applyViewResponse(viewId, response) {
      const opened = ctx.views.find((view) => view.id === viewId);
      if (!opened || opened.closed || typeof response !== 'object' || response === null) return;
      const { response_action: action, view } = response as { response_action?: unknown; view?: unknown };
      const valid = typeof view === 'object' && view !== null && checkModal(view as Record<string, unknown>) === undefined;
      if (action === 'update' && valid) {
        updateOpenedView(opened, view as Record<string, unknown>);
        ctx.workspace.emit({ type: 'view_updated', view: view as Record<string, unknown>, viewId });
      } else if (action === 'push' && valid) {
        const id = `V${String(ctx.views.length + 1).padStart(8, '0')}`;
        ctx.views.push({ id, triggerId: opened.triggerId, view: view as Record<string, unknown>, hash: `${id}.0`, updates: 0, parentId: opened.id, ...(opened.userId ? { userId: opened.userId } : {}) });
        ctx.workspace.emit({ type: 'view_opened', view: view as Record<string, unknown>, viewId: id });
      } else if (action === 'clear') {
        for (const other of ctx.views) if (other.userId === opened.userId || other.id === viewId) closeOne(other);
      }
    },
    closeView(viewId) {
      const opened = ctx.views.find((view) => view.id === viewId);
      if (opened) closeOne(opened);
    },
    failNext(method, fault, times = 1) {
      const queue = faults.get(method) ?? [];
      queue.push(...Array.from({ length: times }, () => fault));
      faults.set(method, queue);
    },
    reset(resetOptions) {
      faults.clear();
      calls.length = 0;
      responses.length = 0;
      if (resetOptions?.state) {
        ctx.workspace = buildWorkspace();
        ctx.views.length = 0;
        ctx.scheduled.length = 0;
        ctx.triggers.clear();
        ctx.homes.clear();
        ctx.files.files.clear();
        ctx.canvases.clear();
        responseUrls.clear();
      }
    },
    messages(channelId, messageOptions) {
      const channel = requireChannel(channelId);
      return messageOptions?.threadTs ? threadReplies(channel, messageOptions.threadTs) : topLevelMessages(channel);
    },
    lastMessage: (channelId) => requireChannel(channelId).messages.at(-1),
    channel: (channelId) => ctx.workspace.findChannel(channelId),
    user: (userId) => ctx.workspace.users.get(userId),
    addChannel: (init) => ctx.workspace.addChannel(init),
    addUser: (init) => ctx.workspace.addUser(init),
    addUserMessage(input) {
      return ctx.workspace.post(requireChannel(input.channelId), {
        user: input.userId,
        text: input.text,
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      });
    },
    addReaction(channelId, ts, name, userId) {
      ctx.workspace.react(requireMessage(channelId, ts), name, userId, true);
    },
    removeReaction(channelId, ts, name, userId) {
      ctx.workspace.react(requireMessage(channelId, ts), name, userId, false);
    },
    deliverDueScheduled() {
      const nowS = now() / 1000;
      const due = ctx.scheduled.filter((scheduled) => scheduled.postAt <= nowS);
      ctx.scheduled.splice(0, ctx.scheduled.length, ...ctx.scheduled.filter((scheduled) => !due.includes(scheduled)));
      return due
        .filter((scheduled) => scheduled.metadata === undefined)
        .map(({ channel, text, blocks, thread_ts }) =>
          ctx.workspace.post(requireChannel(channel), {
            text,
            ...(blocks ? { blocks } : {}),
            ...(thread_ts ? { thread_ts } : {}),
            user: identity.botUserId,
            bot_id: identity.botId,
          }),
        );
    },
    waitFor: (predicate, waitOptions) => pollUntil(fake, predicate, waitOptions ?? {}),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      timers.forEach((timer) => clearTimeout(timer));
      timers.clear();
      hanging.forEach((res) => res.destroy());
      hanging.clear();
      listeners.clear();
      socketMode.close();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}

async function pollUntil<T>(fake: FakeSlack, predicate: (fake: FakeSlack) => T, options: WaitForOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = predicate(fake);
      if (value) return value;
    } catch (error) {
      // A predicate may use expect(); keep its message for the timeout report.
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const recent = fake.calls.slice(-8).map((call) => `${call.method}${call.response?.body.ok === false ? ` (${String(call.response.body.error)})` : ''}`);
  const what = options.description ? ` for ${options.description}` : '';
  const why = lastError instanceof Error ? ` Last predicate error: ${lastError.message}.` : '';
  throw new Error(`fake.waitFor gave up after ${timeoutMs} ms${what}. Recent Web API calls: ${recent.join(', ') || 'none'}.${why}`);
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  if (!res.headersSent && !res.destroyed) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }
  return { status, body };
}

function errorBody(error: unknown): Record<string, unknown> {
  if (error instanceof SlackMethodError) return error.toBody();
  // A bug in the fake itself: say so instead of pretending Slack refused.
  return { ok: false, error: 'fatal_error', detail: error instanceof Error ? error.message : String(error) };
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function pageSizeOf(options: FakeSlackOptions): { pageSize?: number } {
  return options.pageSize === undefined ? {} : { pageSize: options.pageSize };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

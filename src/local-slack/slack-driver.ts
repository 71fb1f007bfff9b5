import type { FakeSlack } from './fake-slack-api.js';
import { createTsClock, type FakeMessage } from './fake-workspace.js';
import { signSlackRequest } from './sign-request.js';
import type { EnvelopeType, FakeSocketMode } from './socket-mode-server.js';

/** How to reach the bot and whom to pretend to be. */
export interface SlackDriverOptions {
  /** the bot's events endpoint, e.g. http://127.0.0.1:PORT/slack/events (HTTP mode) */
  botUrl?: string;
  /** Socket Mode instead: requests go as envelopes over the bot's WebSocket (signatures do not apply) */
  socketMode?: FakeSocketMode;
  /** Socket Mode: how long to wait for an envelope's acknowledgement (Slack waits 3 s) */
  ackTimeoutMs?: number;
  signingSecret: string;
  /** when given, response URLs, trigger ids, messages and reactions go through this fake workspace */
  fake?: FakeSlack;
  teamId?: string;
  /** clock in ms for signatures, ts and event_time; defaults to Date.now */
  now?: () => number;
}

/** Ways to tamper with a request, for security tests. */
export interface ForgeOptions {
  /** send no signature headers at all */
  unsigned?: boolean;
  /** sign with the wrong secret */
  badSignature?: boolean;
  /** override x-slack-request-timestamp (seconds), e.g. ten minutes ago for a stale request */
  timestamp?: number;
}

/** What the bot answered, and what the driver sent. */
export interface DriverResponse {
  /** The HTTP status; in Socket Mode 200 for an acknowledged envelope and 504 for one not acknowledged in time. */
  status: number;
  body: string;
  headers: Record<string, string>;
  elapsedMs: number;
  /** the payload as sent (form fields, block_actions payload or event envelope) */
  sent: Record<string, unknown>;
}

/** A slash command as typed by a user. */
export interface SlashCommandInput extends ForgeOptions {
  userId: string;
  channelId: string;
  command?: string;
  text: string;
  triggerId?: string;
  /** send `text` exactly, instead of escaping `&`, `<`, `>` as Slack does with typed text */
  rawText?: boolean;
}

/** A click on a button or a choice in a select menu. */
export interface BlockActionInput extends ForgeOptions {
  userId: string;
  channelId: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  blockId?: string;
  value?: string;
  selectedOption?: string;
  selectedOptions?: string[];
  responseUrl?: string;
}

/** A click on a button in a user's App Home (no response_url: Slack sends none from a view). */
export interface HomeActionInput extends ForgeOptions {
  userId: string;
  actionId: string;
  blockId?: string;
  value?: string;
}

/** A value a person gives one input of a modal: an option value (or several), a date, a number or text; `null` empties it. */
export type ViewInputValue = string | string[] | null;

/** A choice or click inside an open modal (e.g. a section picked in its menu). */
export interface ViewActionInput extends ForgeOptions {
  userId: string;
  viewId: string;
  actionId: string;
  value?: string;
  selectedOption?: string;
  selectedOptions?: string[];
  /** What the inputs hold when the action fires, by block id (the rest keep their initial values). */
  values?: Record<string, ViewInputValue>;
}

/** A modal submitted by a person: the inputs they changed, by block id (the rest keep their initial values). */
export interface ViewSubmissionInput extends ForgeOptions {
  userId: string;
  viewId: string;
  values?: Record<string, ViewInputValue>;
}

/** A message shortcut ("…" menu on a message) chosen by a user. */
export interface MessageShortcutInput extends ForgeOptions {
  userId: string;
  channelId: string;
  messageTs: string;
  callbackId: string;
  /** the message's text when the fake does not know the message */
  text?: string;
}

/** Options for a raw Events API delivery. */
export interface EventDeliveryOptions extends ForgeOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

/** A message a user types in a channel or thread. */
export interface UserMessageEventInput extends EventDeliveryOptions {
  userId: string;
  channelId: string;
  text: string;
  threadTs?: string;
  rawText?: boolean;
}

/** A reaction a user adds to or removes from a message. */
export interface ReactionEventInput extends EventDeliveryOptions {
  userId: string;
  channelId: string;
  messageTs: string;
  reaction: string;
  /** author of the reacted message when the fake does not know it */
  itemUser?: string;
}

/** Sends Slack-shaped, signed requests to a running bot. */
export interface SlackDriver {
  slashCommand(input: SlashCommandInput): Promise<DriverResponse>;
  blockAction(input: BlockActionInput): Promise<DriverResponse>;
  event(event: Record<string, unknown>, options?: EventDeliveryOptions): Promise<DriverResponse & { eventId: string }>;
  message(input: UserMessageEventInput): Promise<DriverResponse & { ts: string; eventId: string }>;
  reactionAdded(input: ReactionEventInput): Promise<DriverResponse>;
  reactionRemoved(input: ReactionEventInput): Promise<DriverResponse>;
  /** The user opened the app's Home (or Messages) tab. */
  appHomeOpened(input: { userId: string; tab?: 'home' | 'messages' } & EventDeliveryOptions): Promise<DriverResponse & { eventId: string }>;
  homeAction(input: HomeActionInput): Promise<DriverResponse>;
  messageShortcut(input: MessageShortcutInput): Promise<DriverResponse>;
  /** A `block_actions` from a modal the fake has open. */
  viewAction(input: ViewActionInput): Promise<DriverResponse>;
  /**
   * A `view_submission` of a modal the fake has open; the bot's answer (`response`, parsed)
   * is applied to the fake's modal as Slack would (update, push, clear; errors leave it open).
   */
  viewSubmission(input: ViewSubmissionInput): Promise<DriverResponse & { response?: Record<string, unknown> }>;
}

const API_APP_ID = 'A0FAKEAPP';
const VERIFICATION_TOKEN = 'fake-verification-token';

/** Create a driver that talks to the bot the way Slack's servers do. */
export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const now = options.now ?? Date.now;
  const fake = options.fake;
  const teamId = options.teamId ?? fake?.teamId ?? 'T0FAKE';
  let counter = 0;
  const nextId = (): number => (counter += 1);
  const nextTs = createTsClock(now);

  async function deliver(body: string, contentType: string, forge: ForgeOptions, sent: Record<string, unknown>, extra: Record<string, string> = {}): Promise<DriverResponse> {
    if (options.socketMode) return deliverOverSocket(options.socketMode, sent, extra);
    if (!options.botUrl) throw new Error('createSlackDriver needs botUrl (HTTP mode) or socketMode');
    const timestamp = forge.timestamp ?? Math.floor(now() / 1000);
    const secret = forge.badSignature ? `${options.signingSecret}-forged` : options.signingSecret;
    const signature = forge.unsigned ? {} : signSlackRequest(secret, body, timestamp);
    const started = performance.now();
    const response = await fetch(options.botUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signature, ...extra },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text, headers: Object.fromEntries(response.headers), elapsedMs: performance.now() - started, sent };
  }

  /** The same request as a Socket Mode envelope: its kind follows from what is sent. */
  async function deliverOverSocket(socketMode: FakeSocketMode, sent: Record<string, unknown>, extra: Record<string, string>): Promise<DriverResponse> {
    const type: EnvelopeType = sent.type === 'event_callback' ? 'events_api' : typeof sent.command === 'string' ? 'slash_commands' : 'interactive';
    const retry = extra['x-slack-retry-num'];
    const result = await socketMode.send(type, sent, {
      ...(retry ? { retryAttempt: Number(retry) } : {}),
      ...(extra['x-slack-retry-reason'] ? { retryReason: extra['x-slack-retry-reason'] } : {}),
      ...(options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
    });
    return { status: result.acked ? 200 : 504, body: result.payload ? JSON.stringify(result.payload) : '', headers: {}, elapsedMs: result.elapsedMs, sent };
  }

  const sendForm = (fields: Record<string, string>, forge: ForgeOptions, sent: Record<string, unknown> = fields) =>
    deliver(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', forge, sent);

  const triggerId = (given: string | undefined, userId?: string): string => given ?? fake?.issueTriggerId(userId) ?? `${nextId()}.fake.trigger`;

  /** The modal a view request is about, as the fake shows it now. */
  const openedView = (viewId: string): { view: Json; hash: string } => {
    const opened = fake?.view(viewId);
    if (!opened || opened.closed) throw new Error(`The fake Slack has no open modal ${viewId}; open one with views.open first.`);
    return { view: opened.view, hash: opened.hash };
  };
  const viewPayload = (viewId: string, values: Record<string, ViewInputValue> | undefined): Json => {
    const { view, hash } = openedView(viewId);
    return { id: viewId, team_id: teamId, app_id: API_APP_ID, bot_id: fake?.botId ?? 'B0BOT', ...view, hash, state: { values: viewState(view.blocks as Json[] | undefined, values ?? {}) } };
  };
  const userOf = (userId: string): Json => ({ id: userId, username: fake?.user(userId)?.name ?? userId.toLowerCase(), name: fake?.user(userId)?.name ?? userId.toLowerCase(), team_id: teamId });
  const responseUrl = (kind: string, context: { channelId: string; userId: string; messageTs?: string }): string =>
    fake?.responseUrl(`${kind}-${nextId()}-${Math.floor(now())}`, context) ?? `http://127.0.0.1:9/respond/${kind}-${nextId()}`;

  async function event(body: Record<string, unknown>, delivery: EventDeliveryOptions = {}) {
    const eventId = delivery.eventId ?? `Ev${String(nextId()).padStart(8, '0')}${Math.floor(now())}`;
    const envelope = {
      token: VERIFICATION_TOKEN,
      team_id: teamId,
      api_app_id: API_APP_ID,
      event: { event_ts: nextTs(), ...body },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: teamId, user_id: fake?.botUserId ?? 'U0BOT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-fake-${eventId}`,
    };
    const retry: Record<string, string> = {};
    if (delivery.retryNum !== undefined) retry['x-slack-retry-num'] = String(delivery.retryNum);
    if (delivery.retryReason !== undefined) retry['x-slack-retry-reason'] = delivery.retryReason;
    const response = await deliver(JSON.stringify(envelope), 'application/json', delivery, envelope, retry);
    return { ...response, eventId };
  }

  async function reaction(type: 'reaction_added' | 'reaction_removed', input: ReactionEventInput) {
    const message = knownMessage(fake, input.channelId, input.messageTs);
    if (message) {
      if (type === 'reaction_added') fake?.addReaction(input.channelId, input.messageTs, input.reaction, input.userId);
      else fake?.removeReaction(input.channelId, input.messageTs, input.reaction, input.userId);
    }
    const itemUser = message?.user ?? input.itemUser;
    return event(
      {
        type,
        user: input.userId,
        reaction: input.reaction,
        item: { type: 'message', channel: input.channelId, ts: input.messageTs },
        ...(itemUser ? { item_user: itemUser } : {}),
      },
      input,
    );
  }

  return {
    slashCommand(input) {
      const fields = {
        token: VERIFICATION_TOKEN,
        team_id: teamId,
        team_domain: 'fake-workspace',
        channel_id: input.channelId,
        channel_name: fake?.channel(input.channelId)?.name ?? 'unknown-channel',
        user_id: input.userId,
        user_name: fake?.user(input.userId)?.name ?? input.userId.toLowerCase(),
        command: input.command ?? '/imc',
        text: input.rawText ? input.text : escapeLikeSlack(input.text),
        api_app_id: API_APP_ID,
        is_enterprise_install: 'false',
        response_url: responseUrl('cmd', { channelId: input.channelId, userId: input.userId }),
        trigger_id: triggerId(input.triggerId, input.userId),
      };
      return sendForm(fields, input);
    },

    blockAction(input) {
      const original = knownMessage(fake, input.channelId, input.messageTs);
      const found = findActionElement(original?.blocks, input.actionId);
      const payload = {
        type: 'block_actions',
        user: { id: input.userId, username: fake?.user(input.userId)?.name ?? input.userId.toLowerCase(), team_id: teamId },
        api_app_id: API_APP_ID,
        token: VERIFICATION_TOKEN,
        container: {
          type: 'message',
          message_ts: input.messageTs,
          channel_id: input.channelId,
          is_ephemeral: false,
          ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
        },
        trigger_id: triggerId(undefined, input.userId),
        team: { id: teamId, domain: 'fake-workspace' },
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: input.channelId, name: fake?.channel(input.channelId)?.name ?? 'unknown-channel' },
        message: actionMessage(original, input),
        state: { values: {} },
        response_url: input.responseUrl ?? responseUrl('action', { channelId: input.channelId, userId: input.userId, messageTs: input.messageTs }),
        actions: [actionOf(input, found, nextTs())],
      };
      return sendForm({ payload: JSON.stringify(payload) }, input, payload);
    },

    event,

    async message(input) {
      const text = input.rawText ? input.text : escapeLikeSlack(input.text);
      const recorded = fake?.channel(input.channelId)
        ? fake.addUserMessage({ channelId: input.channelId, userId: input.userId, text, ...(input.threadTs ? { threadTs: input.threadTs } : {}) })
        : undefined;
      const ts = recorded?.ts ?? nextTs();
      const parent = input.threadTs ? knownMessage(fake, input.channelId, input.threadTs) : undefined;
      const response = await event(
        {
          type: 'message',
          channel: input.channelId,
          user: input.userId,
          text,
          ts,
          event_ts: ts,
          team: teamId,
          channel_type: channelType(input.channelId),
          client_msg_id: `fake-${nextId()}`,
          ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
          ...(parent ? { parent_user_id: parent.user } : {}),
        },
        input,
      );
      return { ...response, ts };
    },

    reactionAdded: (input) => reaction('reaction_added', input),
    reactionRemoved: (input) => reaction('reaction_removed', input),

    appHomeOpened(input) {
      const published = fake?.home(input.userId);
      return event(
        {
          type: 'app_home_opened',
          user: input.userId,
          channel: `D${input.userId.slice(1)}`,
          tab: input.tab ?? 'home',
          ...(published ? { view: { id: `VH${input.userId}`, type: 'home', hash: published.hash, blocks: published.view.blocks } } : {}),
        },
        input,
      );
    },

    homeAction(input) {
      const published = fake?.home(input.userId);
      const found = findActionElement(published?.view.blocks as Json[] | undefined, input.actionId);
      const payload = {
        type: 'block_actions',
        user: { id: input.userId, username: fake?.user(input.userId)?.name ?? input.userId.toLowerCase(), team_id: teamId },
        api_app_id: API_APP_ID,
        token: VERIFICATION_TOKEN,
        container: { type: 'view', view_id: `VH${input.userId}` },
        trigger_id: triggerId(undefined, input.userId),
        team: { id: teamId, domain: 'fake-workspace' },
        enterprise: null,
        is_enterprise_install: false,
        view: { id: `VH${input.userId}`, type: 'home', team_id: teamId, blocks: published?.view.blocks ?? [], hash: published?.hash ?? '', state: { values: {} } },
        actions: [actionOf({ ...input, channelId: '', messageTs: '' }, found, nextTs())],
      };
      return sendForm({ payload: JSON.stringify(payload) }, input, payload);
    },

    messageShortcut(input) {
      const original = knownMessage(fake, input.channelId, input.messageTs);
      const payload = {
        type: 'message_action',
        callback_id: input.callbackId,
        trigger_id: triggerId(undefined, input.userId),
        action_ts: nextTs(),
        team: { id: teamId, domain: 'fake-workspace' },
        user: { id: input.userId, name: fake?.user(input.userId)?.name ?? input.userId.toLowerCase(), team_id: teamId },
        channel: { id: input.channelId, name: fake?.channel(input.channelId)?.name ?? 'unknown-channel' },
        is_enterprise_install: false,
        enterprise: null,
        token: VERIFICATION_TOKEN,
        api_app_id: API_APP_ID,
        message_ts: input.messageTs,
        message: {
          type: 'message',
          ts: input.messageTs,
          text: original?.text ?? input.text ?? '',
          user: original?.user ?? input.userId,
          ...(original?.thread_ts ? { thread_ts: original.thread_ts } : {}),
        },
        response_url: responseUrl('shortcut', { channelId: input.channelId, userId: input.userId }),
      };
      return sendForm({ payload: JSON.stringify(payload) }, input, payload);
    },

    viewAction(input) {
      const view = viewPayload(input.viewId, input.values);
      const found = findActionElement(view.blocks as Json[] | undefined, input.actionId);
      const payload = {
        type: 'block_actions',
        user: userOf(input.userId),
        api_app_id: API_APP_ID,
        token: VERIFICATION_TOKEN,
        container: { type: 'view', view_id: input.viewId },
        trigger_id: triggerId(undefined, input.userId),
        team: { id: teamId, domain: 'fake-workspace' },
        enterprise: null,
        is_enterprise_install: false,
        view,
        actions: [actionOf({ ...input, channelId: '', messageTs: '' }, found, nextTs())],
      };
      return sendForm({ payload: JSON.stringify(payload) }, input, payload);
    },

    async viewSubmission(input) {
      const view = viewPayload(input.viewId, input.values);
      const payload = {
        type: 'view_submission',
        team: { id: teamId, domain: 'fake-workspace' },
        user: userOf(input.userId),
        api_app_id: API_APP_ID,
        token: VERIFICATION_TOKEN,
        trigger_id: triggerId(undefined, input.userId),
        view,
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const sent = await sendForm({ payload: JSON.stringify(payload) }, input, payload);
      let response: Record<string, unknown> | undefined;
      try {
        response = sent.body ? (JSON.parse(sent.body) as Record<string, unknown>) : undefined;
      } catch {
        response = undefined;
      }
      // Slack closes a modal that was acknowledged with nothing, and applies any response_action.
      if (sent.status === 200) fake?.applyViewResponse(input.viewId, response ?? { response_action: 'clear' });
      return { ...sent, ...(response ? { response } : {}) };
    },
  };
}

/** The `state.values` Slack sends with a view: every input's current value, initial unless given in `values`. */
function viewState(blocks: Json[] | undefined, values: Record<string, ViewInputValue>): Record<string, Record<string, Json>> {
  const state: Record<string, Record<string, Json>> = {};
  for (const block of blocks ?? []) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
    if (!blockId) continue;
    const elements = block.type === 'input' && isJsonObject(block.element) ? [block.element] : block.type === 'actions' && Array.isArray(block.elements) ? (block.elements as Json[]) : [];
    for (const element of elements) {
      const actionId = typeof element.action_id === 'string' ? element.action_id : undefined;
      if (!actionId) continue;
      const given = Object.hasOwn(values, blockId) ? values[blockId] : undefined;
      const entry = inputState(element, given, Object.hasOwn(values, blockId));
      if (entry) (state[blockId] ??= {})[actionId] = entry;
    }
  }
  return state;
}

function inputState(element: Json, given: ViewInputValue | undefined, isGiven: boolean): Json | undefined {
  const options = allOptions(element);
  const option = (value: string): Json => options.find((candidate) => candidate.value === value) ?? { text: { type: 'plain_text', text: value }, value };
  const list = (value: ViewInputValue | undefined): string[] => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const one = (value: ViewInputValue | undefined): string | null => (value === null || value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : value);
  const type = element.type;
  switch (type) {
    case 'static_select': {
      const initial = isJsonObject(element.initial_option) ? element.initial_option : null;
      const chosen = isGiven ? one(given) : null;
      return { type, selected_option: isGiven ? (chosen === null ? null : option(chosen)) : initial };
    }
    case 'multi_static_select':
    case 'checkboxes': {
      const initial = Array.isArray(element.initial_options) ? element.initial_options : [];
      return { type, selected_options: isGiven ? list(given).map(option) : initial };
    }
    case 'datepicker':
      return { type, selected_date: isGiven ? one(given) : (element.initial_date ?? null) };
    case 'number_input':
    case 'plain_text_input':
      return { type, value: isGiven ? one(given) : (element.initial_value ?? null) };
    default:
      return undefined;
  }
}

function allOptions(element: Json): Json[] {
  const direct = Array.isArray(element.options) ? (element.options as Json[]) : [];
  const grouped = Array.isArray(element.option_groups) ? (element.option_groups as Json[]).flatMap((group) => (Array.isArray(group.options) ? (group.options as Json[]) : [])) : [];
  return [...direct, ...grouped];
}

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Escape typed text the way Slack does before sending it to an app. */
export function escapeLikeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function channelType(channelId: string): string {
  if (channelId.startsWith('D')) return 'im';
  if (channelId.startsWith('G')) return 'group';
  return 'channel';
}

function knownMessage(fake: FakeSlack | undefined, channelId: string, ts: string): FakeMessage | undefined {
  const channel = fake?.channel(channelId);
  return channel?.messages.find((message) => message.ts === ts);
}

function actionMessage(original: FakeMessage | undefined, input: BlockActionInput): Record<string, unknown> {
  const threadTs = input.threadTs ?? original?.thread_ts;
  return {
    type: 'message',
    ts: input.messageTs,
    text: original?.text ?? '',
    ...(original?.user ? { user: original.user } : {}),
    ...(original?.bot_id ? { bot_id: original.bot_id } : {}),
    ...(original?.blocks ? { blocks: original.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
}

type Json = Record<string, unknown>;

function actionOf(input: BlockActionInput, found: { blockId: string; element: Json } | undefined, actionTs: string): Json {
  const base = { action_id: input.actionId, block_id: input.blockId ?? found?.blockId ?? 'fake-block', action_ts: actionTs };
  const option = (value: string) => ({ text: { type: 'plain_text', text: optionText(found?.element, value) }, value });
  if (input.selectedOptions !== undefined) {
    return { ...base, type: 'multi_static_select', selected_options: input.selectedOptions.map(option) };
  }
  if (input.selectedOption !== undefined) return { ...base, type: 'static_select', selected_option: option(input.selectedOption) };
  return {
    ...base,
    type: 'button',
    text: found?.element.text ?? { type: 'plain_text', text: input.actionId },
    ...(input.value !== undefined ? { value: input.value } : {}),
  };
}

function findActionElement(blocks: Json[] | undefined, actionId: string): { blockId: string; element: Json } | undefined {
  for (const block of blocks ?? []) {
    const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
    const inner = block.element && typeof block.element === 'object' ? [block.element as Json] : [];
    const candidates = [...elements, ...inner, ...(block.accessory ? [block.accessory as Json] : [])];
    const element = candidates.find((candidate) => candidate.action_id === actionId);
    if (element) return { blockId: typeof block.block_id === 'string' ? block.block_id : 'fake-block', element };
  }
  return undefined;
}

function optionText(element: Json | undefined, value: string): string {
  const options = element ? allOptions(element) : [];
  const match = options.find((option) => option.value === value);
  const text = match?.text as Json | undefined;
  return typeof text?.text === 'string' ? text.text : value;
}

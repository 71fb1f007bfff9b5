import { ErrorCode, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackError } from '../support/slack-error.js';
import { createSilentSlackLogger } from '../../src/local-slack/create-silent-slack-logger.js';
import { startFakeSlack, type FakeSlack, type FakeSlackChange } from '../../src/local-slack/fake-slack-api.js';

const CHANNEL = 'C0PLANNING';
const ALICE = 'U0ALICE';

let fake: FakeSlack;
let client: WebClient;
let clock: number;

beforeEach(async () => {
  clock = Date.UTC(2024, 10, 22, 18, 26, 40);
  fake = await startFakeSlack({
    now: () => clock,
    channels: [
      { id: CHANNEL, name: 'campaign-planning', members: [ALICE, 'U0BOB', 'U0CAROL'] },
      { id: 'C0ARCHIVED', name: 'old', members: [ALICE], archived: true },
      { id: 'C0OUTSIDE', name: 'outside', members: [ALICE], botIsMember: false },
    ],
    users: [
      { id: ALICE, name: 'alice', tz: 'Asia/Kolkata' },
      { id: 'U0BOB', name: 'bob' },
      { id: 'U0CAROL', name: 'carol', tz: 'America/New_York' },
    ],
  });
  client = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createSilentSlackLogger() });
});

afterEach(async () => {
  await fake.close();
});


describe('posting messages', () => {
  it('posts, threads and updates messages as the bot, with increasing ts', async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'Plan for *Spring launch*' });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.message).toMatchObject({ user: fake.botUserId, bot_id: fake.botId, text: 'Plan for *Spring launch*' });

    const reply = await client.chat.postMessage({ channel: CHANNEL, thread_ts: posted.ts!, text: 'Question 1' });
    expect(Number(reply.ts)).toBeGreaterThan(Number(posted.ts));
    expect(fake.messages(CHANNEL, { threadTs: posted.ts! }).map((m) => m.text)).toEqual(['Question 1']);
    expect(fake.messages(CHANNEL)).toHaveLength(1);

    await client.chat.update({ channel: CHANNEL, ts: posted.ts!, text: 'Plan (updated)' });
    expect(fake.messages(CHANNEL)[0]).toMatchObject({ text: 'Plan (updated)', edited: { user: fake.botUserId } });
    expect(fake.lastMessage(CHANNEL)?.text).toBe('Question 1');
  });

  it('keeps blocks and metadata sent as JSON strings in a form body', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello *team*' } }];
    const metadata = { event_type: 'imc_plan', event_payload: { plan_id: 'p1' } };
    await client.chat.postMessage({ channel: CHANNEL, text: 'Hello team', blocks, metadata });
    expect(fake.lastMessage(CHANNEL)).toMatchObject({ blocks, metadata });
    const call = fake.callsTo('chat.postMessage')[0];
    expect(call?.args).toMatchObject({ channel: CHANNEL, blocks });
    expect(call?.args).not.toHaveProperty('token');
  });

  it('accepts JSON bodies too', async () => {
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: CHANNEL, text: 'from json' }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: CHANNEL });
    expect(fake.lastMessage(CHANNEL)?.text).toBe('from json');
  });

  it.each([
    ['an unknown channel', { channel: 'C0NOPE', text: 'hi' }, 'channel_not_found'],
    ['a channel without the bot', { channel: 'C0OUTSIDE', text: 'hi' }, 'not_in_channel'],
    ['an archived channel', { channel: 'C0ARCHIVED', text: 'hi' }, 'is_archived'],
    ['neither text nor blocks', { channel: CHANNEL, text: '' }, 'no_text'],
    ['blocks without a type', { channel: CHANNEL, text: 'x', blocks: [{ text: 'no type' }] }, 'invalid_blocks'],
    ['an unknown block type', { channel: CHANNEL, text: 'x', blocks: [{ type: 'carousel' }] }, 'invalid_blocks'],
    ['51 blocks', { channel: CHANNEL, text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, 'msg_blocks_too_long'],
    ['a 3,001 character section', { channel: CHANNEL, text: 'x', blocks: [section('a'.repeat(3001))] }, 'invalid_blocks'],
    ['over 12,000 characters of block text', { channel: CHANNEL, text: 'x', blocks: Array.from({ length: 5 }, () => section('b'.repeat(2500))) }, 'msg_blocks_too_long'],
    ['an empty section text', { channel: CHANNEL, text: 'x', blocks: [section('')] }, 'invalid_blocks'],
    ['a 76 character button', { channel: CHANNEL, text: 'x', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'c'.repeat(76) } }] }] }, 'invalid_blocks'],
    ['a header over 150 characters', { channel: CHANNEL, text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }, 'invalid_blocks'],
    ['11 section fields', { channel: CHANNEL, text: 'x', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] }, 'invalid_blocks'],
    ['a select with 101 options', { channel: CHANNEL, text: 'x', blocks: [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `v${i}` })) }] }] }, 'invalid_blocks'],
    ['malformed metadata', { channel: CHANNEL, text: 'x', metadata: { event_type: 'x' } }, 'invalid_metadata_format'],
  ])('rejects %s', async (_what, args, expected) => {
    const error = await slackError(client.chat.postMessage(args as never));
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data.error).toBe(expected);
    expect(fake.messages(CHANNEL)).toHaveLength(0);
  });

  it('explains a block problem with a JSON pointer, as Slack does', async () => {
    const error = await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'x', blocks: [section('ok'), section('a'.repeat(3001))] }));
    expect(error.data.response_metadata?.messages?.[0]).toContain('[json-pointer:/blocks/1/text/text]');
  });

  it('accepts exactly 50 blocks and a 3,000 character section', async () => {
    await client.chat.postMessage({ channel: CHANNEL, text: 'x', blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })) });
    await client.chat.postMessage({ channel: CHANNEL, text: 'x', blocks: [section('a'.repeat(3000))] });
    expect(fake.messages(CHANNEL)).toHaveLength(2);
  });

  it('only lets the bot update or delete its own messages', async () => {
    const human = fake.addUserMessage({ channelId: CHANNEL, userId: ALICE, text: 'mine' });
    expect((await slackError(client.chat.update({ channel: CHANNEL, ts: human.ts, text: 'x' }))).data.error).toBe('cant_update_message');
    expect((await slackError(client.chat.delete({ channel: CHANNEL, ts: human.ts }))).data.error).toBe('cant_delete_message');
    expect((await slackError(client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }))).data.error).toBe('message_not_found');
    const own = await client.chat.postMessage({ channel: CHANNEL, text: 'temp' });
    await client.chat.delete({ channel: CHANNEL, ts: own.ts! });
    expect(fake.messages(CHANNEL).map((m) => m.text)).toEqual(['mine']);
  });

  it('posts ephemerals only to members and gives permalinks', async () => {
    await client.chat.postEphemeral({ channel: CHANNEL, user: ALICE, text: 'only you' });
    expect(fake.ephemerals).toMatchObject([{ channel: CHANNEL, user: ALICE, text: 'only you', via: 'chat.postEphemeral' }]);
    fake.addUser({ id: 'U0DAVE', name: 'dave' });
    expect((await slackError(client.chat.postEphemeral({ channel: CHANNEL, user: 'U0DAVE', text: 'x' }))).data.error).toBe('user_not_in_channel');

    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'parent' });
    const reply = await client.chat.postMessage({ channel: CHANNEL, text: 'reply', thread_ts: parent.ts! });
    const link = await client.chat.getPermalink({ channel: CHANNEL, message_ts: reply.ts! });
    expect(link.permalink).toContain(`thread_ts=${parent.ts}`);
  });
});

describe('reading the workspace', () => {
  it('reports reactions and lets the bot add its own', async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'Approve?' });
    const before = await client.reactions.get({ channel: CHANNEL, timestamp: posted.ts! });
    expect(before.message).not.toHaveProperty('reactions');

    fake.addReaction(CHANNEL, posted.ts!, 'white_check_mark', ALICE);
    fake.addReaction(CHANNEL, posted.ts!, 'white_check_mark', 'U0BOB');
    fake.addReaction(CHANNEL, posted.ts!, 'white_check_mark', ALICE);
    await client.reactions.add({ channel: CHANNEL, timestamp: posted.ts!, name: 'eyes' });
    const after = await client.reactions.get({ channel: CHANNEL, timestamp: posted.ts! });
    expect(after.message?.reactions).toEqual([
      { name: 'white_check_mark', users: [ALICE, 'U0BOB'], count: 2 },
      { name: 'eyes', users: [fake.botUserId], count: 1 },
    ]);
    expect((await slackError(client.reactions.add({ channel: CHANNEL, timestamp: posted.ts!, name: 'eyes' }))).data.error).toBe('already_reacted');

    fake.removeReaction(CHANNEL, posted.ts!, 'white_check_mark', ALICE);
    const removed = await client.reactions.get({ channel: CHANNEL, timestamp: posted.ts! });
    expect(removed.message?.reactions?.[0]).toEqual({ name: 'white_check_mark', users: ['U0BOB'], count: 1 });
  });

  it('pages channel members with cursors, bot included', async () => {
    const firstPage = await client.conversations.members({ channel: CHANNEL, limit: 2 });
    expect(firstPage.members).toEqual([ALICE, 'U0BOB']);
    expect(firstPage.response_metadata?.next_cursor).not.toBe('');

    const all: string[] = [];
    for await (const page of client.paginate('conversations.members', { channel: CHANNEL, limit: 2 })) {
      all.push(...((page as unknown as { members: string[] }).members));
    }
    expect(all).toEqual([ALICE, 'U0BOB', 'U0CAROL', fake.botUserId]);
    expect(fake.callsTo('conversations.members').length).toBeGreaterThanOrEqual(3);
    expect((await slackError(client.conversations.members({ channel: CHANNEL, cursor: 'garbage!' }))).data.error).toBe('invalid_cursor');
  });

  it('describes channels, threads, history and users', async () => {
    const info = await client.conversations.info({ channel: 'C0OUTSIDE' });
    expect(info.channel).toMatchObject({ name: 'outside', is_member: false, is_archived: false });

    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'parent' });
    fake.addUserMessage({ channelId: CHANNEL, userId: ALICE, text: 'answer', threadTs: parent.ts! });
    const replies = await client.conversations.replies({ channel: CHANNEL, ts: parent.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual(['parent', 'answer']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 1, reply_users: [ALICE] });

    await client.chat.postMessage({ channel: CHANNEL, text: 'later' });
    const history = await client.conversations.history({ channel: CHANNEL });
    expect(history.messages?.map((m) => m.text)).toEqual(['later', 'parent']);

    const alice = await client.users.info({ user: ALICE });
    expect(alice.user).toMatchObject({ id: ALICE, tz: 'Asia/Kolkata', tz_offset: 19800 });
    const bob = await client.users.info({ user: 'U0BOB' });
    expect(bob.user?.tz).toBe('UTC');
    expect((await slackError(client.users.info({ user: 'U0GHOST' }))).data.error).toBe('user_not_found');
    expect(bob.user).toMatchObject({ is_admin: false, is_owner: false });
    fake.addUser({ id: 'U0DAN', name: 'dan', role: 'owner' });
    expect((await client.users.info({ user: 'U0DAN' })).user).toMatchObject({ is_admin: true, is_owner: true });
  });

  it('posts to a user id as a direct message from the bot, and bounds thread replies by oldest', async () => {
    const dm = await client.chat.postMessage({ channel: 'U0BOB', text: 'Only for you' });
    expect(dm.channel).toBe('DU0BOB');
    expect(fake.messages('DU0BOB').map((m) => m.text)).toEqual(['Only for you']);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'parent' });
    await client.chat.postMessage({ channel: CHANNEL, thread_ts: parent.ts!, text: 'early' });
    clock += 60_000;
    const late = await client.chat.postMessage({ channel: CHANNEL, thread_ts: parent.ts!, text: 'late', metadata: { event_type: 'x', event_payload: { id: 1 } } });
    const replies = await client.conversations.replies({ channel: CHANNEL, ts: parent.ts!, oldest: late.ts!, include_all_metadata: true });
    expect(replies.messages?.map((m) => m.text)).toEqual(['parent', 'late']);
    expect(replies.messages?.[1]).toMatchObject({ metadata: { event_type: 'x' } });
  });

  it('answers auth.test and records views.open, refusing a reused trigger', async () => {
    expect(await client.auth.test()).toMatchObject({ user_id: fake.botUserId, bot_id: fake.botId, team_id: fake.teamId });
    const triggerId = fake.issueTriggerId();
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Plan' }, blocks: [section('Hi')] };
    await client.views.open({ trigger_id: triggerId, view });
    expect(fake.views).toMatchObject([{ triggerId, view }]);
    expect((await slackError(client.views.open({ trigger_id: triggerId, view }))).data.error).toBe('exchanged_trigger_id');
  });

  it('expires a trigger id after 3 seconds', async () => {
    const triggerId = fake.issueTriggerId();
    clock += 3001;
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Plan' }, blocks: [] };
    expect((await slackError(client.views.open({ trigger_id: triggerId, view }))).data.error).toBe('expired_trigger_id');
  });

  it('delivers due scheduled messages, but never those with metadata', async () => {
    const postAt = Math.floor(clock / 1000) + 3600;
    await client.chat.scheduleMessage({ channel: CHANNEL, text: 'Review time', post_at: postAt });
    await client.chat.scheduleMessage({
      channel: CHANNEL,
      text: 'lost',
      post_at: postAt,
      metadata: { event_type: 'x', event_payload: {} },
    });
    expect((await slackError(client.chat.scheduleMessage({ channel: CHANNEL, text: 'x', post_at: postAt - 7200 }))).data.error).toBe('time_in_past');
    expect(fake.deliverDueScheduled()).toEqual([]);
    clock += 3600_000;
    expect(fake.deliverDueScheduled().map((m) => m.text)).toEqual(['Review time']);
    expect(fake.scheduled).toHaveLength(0);
  });
});

describe('authentication and unknown methods', () => {
  it('rejects a wrong token and a missing one', async () => {
    const intruder = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createSilentSlackLogger() });
    expect((await slackError(intruder.chat.postMessage({ channel: CHANNEL, text: 'x' }))).data.error).toBe('invalid_auth');
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createSilentSlackLogger() });
    expect((await slackError(anonymous.auth.test())).data.error).toBe('not_authed');
    expect(fake.messages(CHANNEL)).toHaveLength(0);
  });

  it('answers unknown_method for methods it does not implement', async () => {
    expect((await slackError(client.apiCall('admin.teams.create', {}))).data.error).toBe('unknown_method');
  });

  it('answers a malformed JSON body with invalid_json', async () => {
    const response = await fetch(`${fake.url}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json' },
      body: '{"oops',
    });
    expect(await response.json()).toEqual({ ok: false, error: 'invalid_json' });
  });
});

describe('fault injection', () => {
  it('fails the next call with a Slack error, then recovers', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect((await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'x' }))).data.error).toBe('channel_not_found');
    await client.chat.postMessage({ channel: CHANNEL, text: 'second try' });
    expect(fake.messages(CHANNEL).map((m) => m.text)).toEqual(['second try']);
  });

  it('rate limits with Retry-After', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const limited = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createSilentSlackLogger(), rejectRateLimitedCalls: true });
    const error = (await slackError(limited.chat.postMessage({ channel: CHANNEL, text: 'x' }))) as unknown as { code: string; retryAfter: number };
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
  });

  it('answers HTTP 500 as an HTTP error, the given number of times', async () => {
    fake.failNext('reactions.get', { status: 500 }, 2);
    for (let i = 0; i < 2; i += 1) {
      const error = (await slackError(client.reactions.get({ channel: CHANNEL, timestamp: '1.1' }))) as unknown as { code: string; statusCode: number };
      expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    }
    expect((await slackError(client.reactions.get({ channel: CHANNEL, timestamp: '1.1' }))).data.error).toBe('message_not_found');
  });

  it('answers late when asked to, so a client with a short timeout gives up', async () => {
    fake.failNext('auth.test', { delayMs: 400 });
    const impatient = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createSilentSlackLogger(), timeout: 20 });
    const error = (await slackError(impatient.auth.test())) as unknown as { code: string };
    expect(error.code).toBe(ErrorCode.RequestError);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('records each call’s body size and counts the connections clients open', async () => {
    const text = 'x'.repeat(2_000);
    await client.chat.postMessage({ channel: CHANNEL, text });
    await client.chat.postMessage({ channel: CHANNEL, text: 'short' });
    const [long, short] = fake.callsTo('chat.postMessage');
    expect(long?.bytes).toBeGreaterThan(2_000);
    expect((long?.bytes ?? 0) - (short?.bytes ?? 0)).toBe(2_000 - 'short'.length);
    // the client keeps its connections alive: ten more calls one after the other open none or one more
    for (let n = 0; n < 10; n += 1) await client.chat.postMessage({ channel: CHANNEL, text: 'again' });
    expect(fake.connections).toBeGreaterThan(0);
    expect(fake.connections).toBeLessThanOrEqual(2);
  });

  it('answers a reading late with what the workspace held when it arrived, so a newer reading can overtake it', async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'Draft' });
    fake.addReaction(CHANNEL, posted.ts!, 'white_check_mark', 'U0BOB');
    fake.failNext('reactions.get', { respondAfterMs: 300 });
    let olderAnswered = false;
    const older = client.reactions.get({ channel: CHANNEL, timestamp: posted.ts!, full: true }).finally(() => (olderAnswered = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    fake.addReaction(CHANNEL, posted.ts!, 'white_check_mark', 'U0CAROL');
    const newer = await client.reactions.get({ channel: CHANNEL, timestamp: posted.ts!, full: true });
    const users = (r: { message?: { reactions?: { users?: string[] }[] } }) => r.message?.reactions?.[0]?.users;
    expect(users(newer)).toEqual(['U0BOB', 'U0CAROL']);
    expect(olderAnswered).toBe(false);
    expect(users(await older)).toEqual(['U0BOB']);
  });

  it('can do a call and drop or withhold its answer, as when a call times out but succeeded', async () => {
    fake.failNext('chat.postMessage', { accepted: 'drop' });
    const error = (await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'landed anyway' }))) as unknown as { code: string };
    expect(error.code).toBe(ErrorCode.RequestError);
    expect(fake.messages(CHANNEL).map((m) => m.text)).toEqual(['landed anyway']);
    fake.failNext('chat.postMessage', { accepted: 'hang' });
    const impatient = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createSilentSlackLogger(), timeout: 100 });
    expect(((await slackError(impatient.chat.postMessage({ channel: CHANNEL, text: 'also landed' }))) as unknown as { code: string }).code).toBe(ErrorCode.RequestError);
    expect(fake.messages(CHANNEL).map((m) => m.text)).toEqual(['landed anyway', 'also landed']);
    expect(fake.callsTo('chat.postMessage').map((c) => c.accepted)).toEqual(['drop', 'hang']);
  });

  it('reset clears pending faults and recorded calls', async () => {
    fake.failNext('auth.test', { error: 'boom' });
    await client.auth.test().catch(() => undefined);
    fake.failNext('auth.test', { error: 'boom' });
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });
});

describe('response_url', () => {
  it('posts in_channel responses to the channel and records ephemeral ones for the user', async () => {
    const url = fake.responseUrl('cmd-1', { channelId: CHANNEL, userId: ALICE });
    await postJson(url, { response_type: 'in_channel', text: 'Everyone sees this' });
    await postJson(url, { text: 'Only Alice sees this' });
    expect(fake.lastMessage(CHANNEL)).toMatchObject({ text: 'Everyone sees this', bot_id: fake.botId });
    expect(fake.ephemerals).toMatchObject([{ user: ALICE, channel: CHANNEL, text: 'Only Alice sees this', via: 'response_url' }]);
    expect(fake.responses.map((r) => r.effect)).toEqual(['posted_in_channel', 'posted_ephemeral']);
  });

  it('replaces the original message of a block action', async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'Pick one' });
    const url = fake.responseUrl('action-1', { channelId: CHANNEL, userId: ALICE, messageTs: posted.ts! });
    await postJson(url, { replace_original: true, text: 'Picked' });
    expect(fake.messages(CHANNEL).map((m) => m.text)).toEqual(['Picked']);
  });

  it('refuses a sixth use, an unknown url, invalid blocks and an expired url', async () => {
    const url = fake.responseUrl('cmd-2', { channelId: CHANNEL, userId: ALICE });
    for (let i = 0; i < 5; i += 1) expect((await postJson(url, { text: `use ${i}` })).status).toBe(200);
    expect(await postJson(url, { text: 'sixth' })).toMatchObject({ status: 404, body: { error: 'used_url' } });
    expect(await postJson(url.replace('cmd-2', 'cmd-unknown'), { text: 'x' })).toMatchObject({ status: 404 });
    const other = fake.responseUrl('cmd-3', { channelId: CHANNEL, userId: ALICE });
    expect(await postJson(other, { text: 'x', blocks: [{ type: 'section' }] })).toMatchObject({ status: 400, body: { error: 'invalid_blocks' } });
    clock += 31 * 60 * 1000;
    expect(await postJson(other, { text: 'late' })).toMatchObject({ status: 404, body: { error: 'expired_url' } });
  });
});

describe('helpers', () => {
  it('waitFor resolves when the state changes and rejects clearly on timeout', async () => {
    const changes: FakeSlackChange[] = [];
    fake.onChange((change) => changes.push(change));
    const waiting = fake.waitFor((f) => f.lastMessage(CHANNEL)?.text === 'done' && f.lastMessage(CHANNEL));
    await client.chat.postMessage({ channel: CHANNEL, text: 'done' });
    expect((await waiting) || undefined).toMatchObject({ text: 'done' });
    expect(changes.map((c) => c.type)).toEqual(['message_posted']);

    await expect(fake.waitFor(() => false, { timeoutMs: 30, description: 'a summary' })).rejects.toThrow(
      /gave up after 30 ms for a summary\. Recent Web API calls: chat\.postMessage/,
    );
  });

  it('throws a helpful error when a test refers to a channel that does not exist', () => {
    expect(() => fake.addUserMessage({ channelId: 'C0MISSING', userId: ALICE, text: 'x' })).toThrow(/no channel C0MISSING/);
  });

  it('reset with state rebuilds the starting workspace', async () => {
    await client.chat.postMessage({ channel: CHANNEL, text: 'x' });
    fake.reset({ state: true });
    expect(fake.messages(CHANNEL)).toEqual([]);
  });
});

function section(text: string) {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentSlackLogger } from '../../src/local-slack/create-silent-slack-logger.js';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../../src/local-slack/slack-driver.js';

const SECRET = 'test-signing-secret';
const CHANNEL = 'C0PLANNING';
const ALICE = 'U0ALICE';

let fake: FakeSlack;
let app: App;
let driver: SlackDriver;
let seen: { kind: string; body: Record<string, unknown>; context: Record<string, unknown> }[];

beforeEach(async () => {
  fake = await startFakeSlack();
  seen = [];
  app = new App({
    token: fake.botToken,
    signingSecret: SECRET,
    botId: fake.botId,
    botUserId: fake.botUserId,
    convoStore: false,
    logger: createSilentSlackLogger(),
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  });
  const server = (await app.start(0)) as Server;
  driver = createSlackDriver({
    botUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    signingSecret: SECRET,
    fake,
  });
});

afterEach(async () => {
  await app.stop();
  await fake.close();
});

describe('slash commands', () => {
  it('reach the command listener, and respond() lands in the fake', async () => {
    app.command('/imc', async ({ ack, command, respond }) => {
      await ack();
      seen.push({ kind: 'command', body: { ...command }, context: {} });
      await respond({ response_type: 'in_channel', text: `Planning: ${command.text}` });
      await respond('Only you can see this');
    });
    const result = await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan <Spring> & more' });
    expect(result.status).toBe(200);
    expect(seen[0]?.body).toMatchObject({ command: '/imc', user_id: ALICE, channel_id: CHANNEL, user_name: 'alice' });
    // Slack escapes what people type; the bot must unescape it once.
    expect(seen[0]?.body.text).toBe('plan &lt;Spring&gt; &amp; more');

    await fake.waitFor((f) => f.ephemerals.length === 1, { description: 'the ephemeral reply' });
    expect(fake.lastMessage(CHANNEL)).toMatchObject({ text: 'Planning: plan &lt;Spring&gt; &amp; more', bot_id: fake.botId });
    expect(fake.ephemerals[0]).toMatchObject({ user: ALICE, channel: CHANNEL, text: 'Only you can see this' });
    // botId and botUserId spare Bolt its auth.test call at start.
    expect(fake.callsTo('auth.test')).toEqual([]);
  });

  it.each([
    ['a forged signature', { badSignature: true }],
    ['an unsigned request', { unsigned: true }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])('refuses %s with 401 without running the listener', async (_what, forge) => {
    app.command('/imc', async ({ ack }) => {
      await ack();
      seen.push({ kind: 'command', body: {}, context: {} });
    });
    const result = await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan', ...forge });
    expect(result.status).toBe(401);
    expect(seen).toEqual([]);
  });
});

describe('events', () => {
  it('deliver thread messages with retry headers and the same event id when asked', async () => {
    app.message(async ({ message, body, context }) => {
      seen.push({ kind: 'message', body: { ...message, event_id: body.event_id }, context: { ...context } });
    });
    const parent = await app.client.chat.postMessage({ channel: CHANNEL, text: 'What is the campaign called?' });
    const first = await driver.message({ userId: ALICE, channelId: CHANNEL, text: 'Spring launch', threadTs: parent.ts! });
    expect(first.status).toBe(200);
    await driver.event(first.sent.event as Record<string, unknown>, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });

    await fake.waitFor(() => seen.length === 2, { description: 'both deliveries' });
    expect(seen[0]?.body).toMatchObject({
      text: 'Spring launch',
      user: ALICE,
      thread_ts: parent.ts,
      ts: first.ts,
      channel_type: 'channel',
      parent_user_id: fake.botUserId,
    });
    expect(seen[1]?.body.event_id).toBe(seen[0]?.body.event_id);
    expect(seen[1]?.context).toMatchObject({ retryNum: 1, retryReason: 'http_timeout' });
    expect(fake.messages(CHANNEL, { threadTs: parent.ts! }).map((m) => m.text)).toEqual(['Spring launch']);
  });

  it('deliver reactions with the item and its author, and update the fake', async () => {
    app.event('reaction_added', async ({ event }) => {
      seen.push({ kind: 'reaction_added', body: { ...event }, context: {} });
    });
    app.event('reaction_removed', async ({ event }) => {
      seen.push({ kind: 'reaction_removed', body: { ...event }, context: {} });
    });
    const posted = await app.client.chat.postMessage({ channel: CHANNEL, text: 'Approve the plan?' });
    await driver.reactionAdded({ userId: ALICE, channelId: CHANNEL, messageTs: posted.ts!, reaction: 'white_check_mark' });
    expect(fake.messages(CHANNEL)[0]?.reactions).toEqual([{ name: 'white_check_mark', users: [ALICE], count: 1 }]);
    await driver.reactionRemoved({ userId: ALICE, channelId: CHANNEL, messageTs: posted.ts!, reaction: 'white_check_mark' });

    await fake.waitFor(() => seen.length === 2);
    expect(seen[0]?.body).toMatchObject({
      type: 'reaction_added',
      user: ALICE,
      reaction: 'white_check_mark',
      item: { type: 'message', channel: CHANNEL, ts: posted.ts },
      item_user: fake.botUserId,
    });
    expect(seen[1]?.kind).toBe('reaction_removed');
    expect(fake.messages(CHANNEL)[0]?.reactions).toEqual([]);
  });

  it('still deliver events about channels and messages the fake does not know', async () => {
    app.event('reaction_added', async ({ event }) => {
      seen.push({ kind: 'reaction_added', body: { ...event }, context: {} });
    });
    app.message(async ({ message }) => {
      seen.push({ kind: 'message', body: { ...message }, context: {} });
    });
    await driver.reactionAdded({ userId: ALICE, channelId: 'C0ELSEWHERE', messageTs: '1.000100', reaction: 'thumbsup' });
    await driver.message({ userId: ALICE, channelId: 'D0ALICE', text: '<@U0BOT> hi', rawText: true });
    await fake.waitFor(() => seen.length === 2);
    expect(seen[0]?.body).not.toHaveProperty('item_user');
    expect(seen[1]?.body).toMatchObject({ channel_type: 'im', text: '<@U0BOT> hi' });
  });
});

describe('block actions', () => {
  it('deliver button clicks shaped like Slack, and respond() can replace the original', async () => {
    app.action('approve', async ({ ack, body, action, respond }) => {
      await ack();
      seen.push({ kind: 'action', body: { ...body, action }, context: {} });
      await respond({ replace_original: true, text: 'Approved by alice' });
    });
    const parent = await app.client.chat.postMessage({ channel: CHANNEL, text: 'thread' });
    const posted = await app.client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: parent.ts!,
      text: 'Approve?',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Approve?' } },
        { type: 'actions', block_id: 'approval', elements: [{ type: 'button', action_id: 'approve', value: 'plan-1', text: { type: 'plain_text', text: 'Approve' } }] },
      ],
    });
    const result = await driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: posted.ts!, actionId: 'approve', value: 'plan-1' });
    expect(result.status).toBe(200);
    expect(seen[0]?.body).toMatchObject({
      type: 'block_actions',
      user: { id: ALICE },
      channel: { id: CHANNEL },
      message: { ts: posted.ts, thread_ts: parent.ts, text: 'Approve?' },
      action: { type: 'button', action_id: 'approve', block_id: 'approval', value: 'plan-1', text: { text: 'Approve' } },
    });
    await fake.waitFor((f) => f.messages(CHANNEL, { threadTs: parent.ts! })[0]?.text === 'Approved by alice');
  });

  it('deliver single and multiple select choices with the option labels from the message', async () => {
    app.action(/^pick_/, async ({ ack, action }) => {
      await ack();
      seen.push({ kind: 'action', body: { ...action }, context: {} });
    });
    const options = [
      { text: { type: 'plain_text', text: 'Brand awareness' }, value: 'brand_awareness' },
      { text: { type: 'plain_text', text: 'Purchase intention' }, value: 'purchase_intention' },
    ] as const;
    const posted = await app.client.chat.postMessage({
      channel: CHANNEL,
      text: 'Pick',
      blocks: [
        { type: 'section', block_id: 'objective', text: { type: 'mrkdwn', text: 'Objective?' }, accessory: { type: 'static_select', action_id: 'pick_one', options: [...options] } },
        { type: 'actions', block_id: 'objectives', elements: [{ type: 'multi_static_select', action_id: 'pick_many', options: [...options] }] },
      ],
    });
    await driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: posted.ts!, actionId: 'pick_one', selectedOption: 'brand_awareness' });
    await driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: posted.ts!, actionId: 'pick_many', selectedOptions: ['brand_awareness', 'purchase_intention'] });
    expect(seen[0]?.body).toMatchObject({ type: 'static_select', block_id: 'objective', selected_option: options[0] });
    expect(seen[1]?.body).toMatchObject({ type: 'multi_static_select', block_id: 'objectives', selected_options: options });
  });
});

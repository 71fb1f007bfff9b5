/**
 * Correctly signed requests that are not what Slack sends (a `null` body, an event
 * without `event`, a click without a user…) get a 4xx, change nothing, and the
 * process stays up. Requests dated more than five minutes away, either way, get 401.
 * A promise rejection nobody handled is logged and the bot keeps serving.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { signSlackRequest } from '../../src/local-slack/sign-request.js';
import { createSlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOT_TOKEN, CHANNEL, SIGNING_SECRET } from '../support/bot-harness.js';
import { freePort, killBot, spawnBot, waitForHealth, type BotProcess } from './bot-process.js';

let root: string;
let fake: FakeSlack;
let bot: BotProcess;
let url: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'imc-bot-hostile-'));
  fake = await startFakeSlack({ botToken: BOT_TOKEN, channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE] }] });
  bot = spawnBot({ cwd: root, dataDir: join(root, 'data'), slackApiUrl: fake.url, port: await freePort() });
  await waitForHealth(bot);
  url = `http://127.0.0.1:${bot.port}/slack/events`;
}, 30_000);

afterAll(async () => {
  await killBot(bot);
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

/** Posts `body`, correctly signed with the bot's secret, dated `skewSeconds` from now. */
async function signed(body: string, contentType: string, skewSeconds = 0): Promise<number> {
  const headers = { 'content-type': contentType, ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) + skewSeconds) };
  return (await fetch(url, { method: 'POST', headers, body })).status;
}

const json = (value: unknown) => signed(JSON.stringify(value), 'application/json');
const form = (fields: Record<string, string> | string) =>
  signed(typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');

const event = { token: 'x', team_id: 'T0FAKE', api_app_id: 'A0FAKEAPP', type: 'event_callback', event_id: 'Ev1', event_time: 1 };
const action = { type: 'block_actions', team: { id: 'T0FAKE' }, api_app_id: 'A0FAKEAPP', actions: [{ action_id: 'imc_answer', value: 'P-AAAAA|brand|x' }] };

describe('signed requests that are not what Slack sends', () => {
  const cases: [string, () => Promise<number>][] = [
    ['a JSON body of null', () => json(null)],
    ['a form with payload=null', () => form({ payload: 'null' })],
    ['a JSON array', () => json([])],
    ['a JSON number', () => signed('42', 'application/json')],
    ['a JSON body that does not parse', () => signed('{"type":', 'application/json')],
    ['an event of null', () => json({ ...event, event: null })],
    ['an event without a type', () => json({ ...event, event: { user: ALICE } })],
    ['an event whose item is a string', () => json({ ...event, event: { type: 'reaction_added', user: ALICE, reaction: 'x', item: 'oops' } })],
    ['a block action without a user', () => form({ payload: JSON.stringify(action) })],
    ['a block action whose user is null', () => form({ payload: JSON.stringify({ ...action, user: null }) })],
    ['a block action without actions', () => form({ payload: JSON.stringify({ ...action, user: { id: ALICE }, actions: [] }) })],
    ['a slash command without a channel', () => form({ command: '/imc', text: 'plan X', team_id: 'T0FAKE', user_id: ALICE })],
    ['a slash command with its text twice', () => form(`command=%2Fimc&text=plan&text=again&team_id=T0FAKE&channel_id=${CHANNEL}&user_id=${ALICE}`)],
    ['an unknown type', () => json({ type: 'something_else' })],
    ['a body that is neither JSON nor a form', () => signed('plan X', 'text/plain')],
  ];

  it.each(cases)('%s: 4xx, nothing changed, the process stays up', async (_name, send) => {
    const status = await send();
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect(await readdir(join(root, 'data', 'plans'))).toEqual([]);
  });

  it('still serves a real command after all of them', async () => {
    const driver = createSlackDriver({ botUrl: url, signingSecret: SIGNING_SECRET, fake });
    const response = await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'help' });
    expect(response.status).toBe(200);
    expect(response.body).toContain('/imc plan');
    expect(bot.output().stderr).not.toContain('unhandled');
  });
});

describe("Slack's SSL check", () => {
  it('is answered 200 unsigned, and whatever else the form holds is not run', async () => {
    const body = new URLSearchParams({ ssl_check: '1', command: '/imc', text: 'plan Smuggled', team_id: 'T0FAKE', channel_id: CHANNEL, user_id: ALICE }).toString();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(await readdir(join(root, 'data', 'plans'))).toEqual([]);
  });
});

describe('request timestamps', () => {
  const command = () => new URLSearchParams({ command: '/imc', text: 'help', team_id: 'T0FAKE', channel_id: CHANNEL, user_id: ALICE, response_url: 'http://127.0.0.1:9/r' }).toString();
  it.each([
    ['six minutes in the future', 360, 401],
    ['six minutes in the past', -360, 401],
    ['four minutes in the future', 240, 200],
    ['four minutes in the past', -240, 200],
  ])('%s: %i', async (_name, skew, expected) => {
    expect(await signed(command(), 'application/x-www-form-urlencoded', skew)).toBe(expected);
  });
});

describe('a promise rejection nobody handled', () => {
  it('is logged with what it carried, and the bot keeps serving (Socket Mode, an envelope @slack/socket-mode cannot read)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imc-bot-guard-'));
    const socketBot = spawnBot({ cwd: dir, dataDir: join(dir, 'data'), slackApiUrl: fake.url, port: await freePort(), env: { SLACK_APP_TOKEN: fake.appToken } });
    try {
      await waitForHealth(socketBot);
      await fake.socketMode.waitForConnection();
      // The client reads payload.event.type of every events_api envelope before anything of ours runs.
      fake.socketMode.sendRaw({ envelope_id: 'hostile-1', type: 'events_api', payload: null, accepts_response_payload: false, retry_attempt: 0 });
      const deadline = Date.now() + 10_000;
      while (!socketBot.output().stderr.includes('unhandled promise rejection') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const line = socketBot.output().stderr.split('\n').find((l) => l.includes('unhandled promise rejection'));
      expect(JSON.parse(line as string)).toMatchObject({ level: 'error', error: { name: 'TypeError', message: expect.stringContaining('null'), stack: expect.any(Array) } });
      const driver = createSlackDriver({ socketMode: fake.socketMode, signingSecret: SIGNING_SECRET, fake, ackTimeoutMs: 10_000 });
      const response = await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'help' });
      expect(response.status).toBe(200);
      expect(socketBot.child.exitCode).toBeNull();
    } finally {
      await killBot(socketBot);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

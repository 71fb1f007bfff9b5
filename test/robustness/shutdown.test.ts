/**
 * Stopping while Slack's Web API hangs: SIGTERM stops the bot within 10 s (it stops
 * taking requests, gives up on the hanging calls and closes the store), the message
 * it was sending stays queued and goes out after the next start, and a second
 * signal ends the process at once.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOT_TOKEN, CHANNEL, SIGNING_SECRET } from '../support/bot-harness.js';
import { freePort, killBot, readPlan, spawnBot, waitForHealth, type BotProcess } from './bot-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(mode: 'http' | 'socket') {
  const root = await mkdtemp(join(tmpdir(), 'imc-bot-stop-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const fake: FakeSlack = await startFakeSlack({ botToken: BOT_TOKEN, channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE] }] });
  cleanups.push(() => fake.close());
  const dataDir = join(root, 'data');
  const start = async (): Promise<BotProcess> => {
    const bot = spawnBot({ cwd: root, dataDir, slackApiUrl: fake.url, port: await freePort(), env: mode === 'socket' ? { SLACK_APP_TOKEN: fake.appToken, LOG_LEVEL: 'info' } : { LOG_LEVEL: 'info' } });
    cleanups.push(() => killBot(bot));
    await waitForHealth(bot);
    return bot;
  };
  const driverFor = (bot: BotProcess) =>
    mode === 'socket'
      ? createSlackDriver({ socketMode: fake.socketMode, signingSecret: SIGNING_SECRET, fake, ackTimeoutMs: 10_000 })
      : createSlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
  return { fake, dataDir, start, driverFor };
}

describe.each(['http', 'socket'] as const)('SIGTERM with the Web API hanging (%s)', (mode) => {
  it('stops within 10 s, keeps the unsent message queued, and sends it after the next start', async () => {
    const { fake, dataDir, start, driverFor } = await setUp(mode);
    const bot = await start();
    fake.failNext('chat.postMessage', { delayMs: 120_000 }, 50);
    const response = await driverFor(bot).slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Hanging launch' });
    const planId = /`(P-[0-9A-Z]{5})`/.exec(response.body)?.[1] as string;
    await fake.waitFor((f) => f.callsTo('chat.postMessage').length > 0, { description: 'the kickoff post to hang' });

    const signalled = performance.now();
    bot.child.kill('SIGTERM');
    const { code } = await bot.exited;
    const stoppedMs = performance.now() - signalled;
    expect(code).toBe(0);
    expect(stoppedMs).toBeLessThan(10_000);
    expect(bot.output().stderr).toContain('their messages stay queued');
    expect(await readdir(dataDir)).not.toContain('.lock');
    expect((await readPlan(dataDir, planId)).outbox.map((item) => item.kind)).toContain('post');

    fake.reset();
    await start();
    await fake.waitFor((f) => f.messages(CHANNEL).some((m) => m.text.includes(planId)), { description: 'the kickoff after the restart', timeoutMs: 15_000 });
  }, 60_000);
});

describe('a second signal', () => {
  it('ends the process at once while the first stop is still waiting for Slack', async () => {
    const { fake, start, driverFor } = await setUp('http');
    const bot = await start();
    fake.failNext('chat.postMessage', { delayMs: 120_000 }, 50);
    await driverFor(bot).slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Hanging launch' });
    await fake.waitFor((f) => f.callsTo('chat.postMessage').length > 0, { description: 'the kickoff post to hang' });
    bot.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.child.exitCode).toBeNull(); // still stopping: the hanging call has its grace period
    const second = performance.now();
    bot.child.kill('SIGINT');
    const { code } = await bot.exited;
    expect(code).toBe(130);
    expect(performance.now() - second).toBeLessThan(2_000);
    expect(bot.output().stderr).toContain('second signal');
  }, 60_000);
});

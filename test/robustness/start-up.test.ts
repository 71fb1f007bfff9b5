/**
 * Starting up: what an operator sees when the token is revoked, Slack does not
 * answer, the port is taken, or a plan file was deleted behind the bot's back; and
 * that `/healthz` says 200 only once the bot can really serve.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/create-bot.js';
import { createLogger } from '../../src/app/create-logger.js';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { ALICE, BOT_TOKEN, CHANNEL, SIGNING_SECRET, startHarness } from '../support/bot-harness.js';
import { answerCurrent, startPlan } from '../support/plan-conversation.js';
import { freePort, killBot, spawnBot, waitForHealth, type BotProcess } from './bot-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'imc-bot-start-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  return root;
}

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN });
  cleanups.push(() => fake.close());
  return fake;
}

function spawned(bot: BotProcess): BotProcess {
  cleanups.push(() => killBot(bot));
  return bot;
}

/** Runs the bot until it exits; its exit code and stderr lines. */
async function runToExit(bot: BotProcess): Promise<{ code: number | null; lines: string[] }> {
  const { code } = await bot.exited;
  return { code, lines: bot.output().stderr.split('\n').filter(Boolean) };
}

describe('start-up failures are one clear line', () => {
  it.each([['token_revoked'], ['invalid_auth']])('a bot token Slack refuses (%s) names SLACK_BOT_TOKEN, with no stack trace and no lock left', async (error) => {
    const root = await tempRoot();
    const fake = await fakeSlack();
    fake.failNext('auth.test', { error });
    const dataDir = join(root, 'data');
    const { code, lines } = await runToExit(spawned(spawnBot({ cwd: root, dataDir, slackApiUrl: fake.url, port: await freePort() })));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^imc-bot could not start: Slack refused SLACK_BOT_TOKEN \\(${error}\\)`));
    expect(await readdir(dataDir)).not.toContain('.lock');
  });

  it('a port in use names PORT, in HTTP and in Socket Mode', async () => {
    const root = await tempRoot();
    const fake = await fakeSlack();
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise((resolve) => busy.close(resolve)));
    const port = (busy.address() as { port: number }).port;
    for (const env of [{}, { SLACK_APP_TOKEN: fake.appToken }] as Record<string, string>[]) {
      const dataDir = join(root, `data-${Object.keys(env).length}`);
      const { code, lines } = await runToExit(spawned(spawnBot({ cwd: root, dataDir, slackApiUrl: fake.url, port, env })));
      expect(code).toBe(1);
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^imc-bot could not start: PORT ${port} is already in use`))]);
      expect(await readdir(dataDir)).not.toContain('.lock');
    }
  });

  it('an app-level token Slack refuses names SLACK_APP_TOKEN', async () => {
    const root = await tempRoot();
    const fake = await fakeSlack();
    const { code, lines } = await runToExit(
      spawned(spawnBot({ cwd: root, dataDir: join(root, 'data'), slackApiUrl: fake.url, port: await freePort(), env: { SLACK_APP_TOKEN: 'xapp-1-revoked-token' } })),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^imc-bot could not start: Slack refused SLACK_APP_TOKEN \(invalid_auth\)/)]);
  });

  it('an auth.test that never answers times out with a clear message; meanwhile /healthz and Slack requests get 503', async () => {
    const root = await tempRoot();
    const fake = await fakeSlack();
    fake.failNext('auth.test', { delayMs: 60_000 });
    const port = await freePort();
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url, IMC_DATA_DIR: join(root, 'data'), PORT: String(port) });
    const bot = await createBot(config, { host: '127.0.0.1', slackRetries: 0, startTimeoutMs: 1_500, logger: createLogger({ write: () => undefined }) });
    const starting = bot.start().catch((error: unknown) => error as Error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, status: 'starting' });
    const event = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    expect(event.status).toBe(503);
    const error = await starting;
    expect(error).toMatchObject({ code: 'SLACK_UNREACHABLE' });
    expect((error as Error).message).toMatch(/did not answer auth\.test within 2 s/);
    // Everything was closed again: the port and the data directory are free.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(await readdir(join(root, 'data'))).not.toContain('.lock');
  });

  it('/healthz says 200 only after auth.test, and the bot serves from then on', async () => {
    const root = await tempRoot();
    const fake = await fakeSlack();
    fake.failNext('auth.test', { delayMs: 800 });
    const bot = spawned(spawnBot({ cwd: root, dataDir: join(root, 'data'), slackApiUrl: fake.url, port: await freePort() }));
    const statuses: number[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const status = await fetch(`http://127.0.0.1:${bot.port}/healthz`).then((r) => r.status, () => 0);
      statuses.push(status);
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statuses).toContain(503);
    expect(statuses.at(-1)).toBe(200);
    expect(fake.callsTo('auth.test').at(-1)?.response?.body.ok).toBe(true);
  });
});

describe('data changed behind the bot\'s back', () => {
  it('a plan file deleted while the index still names it is reported at start, naming the file', async () => {
    const root = await tempRoot();
    const dataDir = join(root, 'data');
    const h = await startHarness({ dataDir });
    const planId = await startPlan(h, ALICE, CHANNEL, 'Deleted launch');
    await answerCurrent(h, planId);
    await h.close();
    const path = join(dataDir, 'plans', `${planId}.json`);
    await rm(path);
    const fake = await fakeSlack();
    const bot = spawned(spawnBot({ cwd: root, dataDir, slackApiUrl: fake.url, port: await freePort() }));
    await waitForHealth(bot);
    const warning = bot.output().stderr.split('\n').find((line) => line.includes('deleted outside the bot'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning as string)).toMatchObject({ level: 'warn', planId, path, title: 'Deleted launch' });
  });
});

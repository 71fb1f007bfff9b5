/**
 * Installed in many workspaces, two instances on one PostgreSQL: a workspace installed
 * through instance A is served through instance B at once (B has no cached "not
 * installed"), and an uninstall delivered to B stops A from posting for it once A's
 * cached copy runs out (the TTL is short here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/create-logger.js';
import { loadConfig } from '../../src/config.js';
import { createBot, type Bot } from '../../src/create-bot.js';
import { createSlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOB, CHANNEL, SIGNING_SECRET, startHarness, type Harness } from '../support/bot-harness.js';
import { install, OAUTH_ENV } from '../support/install.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres/test-database.js';

let database: TestDatabase;
let a: Harness;
let b: Bot;
let bPort: number;
const bLogs: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startHarness({ env: { ...OAUTH_ENV, DATABASE_URL: database.url }, bot: { installationCacheMs: 300 } });
  const config = loadConfig({ ...OAUTH_ENV, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', SLACK_API_URL: a.fake.url, DATABASE_URL: database.url, LOG_LEVEL: 'debug' });
  b = await createBot(config, { host: '127.0.0.1', slackRetries: 0, installationCacheMs: 300, logger: createLogger({ level: 'debug', write: (line) => bLogs.push(line) }) });
  bPort = (await b.start()).port;
});

afterAll(async () => {
  await b?.stop();
  await a?.close();
  await database?.drop();
});

const through = (port: number, teamId: string) => createSlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, fake: a.fake, teamId });

describe('two instances, many workspaces', () => {
  it('serves through B a workspace installed through A, with its own token; an uninstall through B holds for A too', async () => {
    const beforeInstall = await through(bPort, 'T0ACME').slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Too early' });
    expect(beforeInstall.status).toBe(200);
    expect(await b.store.list()).toEqual([]);

    expect((await install(a, 'T0ACME')).status).toBe(200);
    await through(bPort, 'T0ACME').slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Through B' });
    await b.idle();
    await a.settle();
    const posts = a.fake.callsTo('chat.postMessage').filter((call) => String(call.args.text).includes('Through B'));
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((call) => call.teamId === 'T0ACME')).toBe(true);

    // A has the installation cached; B hears of the uninstall.
    await through(a.port, 'T0ACME').slashCommand({ userId: BOB, channelId: CHANNEL, text: 'list' });
    a.fake.revokeTokens('T0ACME');
    expect((await through(bPort, 'T0ACME').event({ type: 'app_uninstalled' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const callsBefore = a.fake.calls.length;
    const late = await through(a.port, 'T0ACME').slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan After uninstall' });
    expect(late.status).toBe(200);
    await a.settle();
    expect(a.fake.calls.slice(callsBefore).filter((call) => call.teamId === 'T0ACME')).toEqual([]);
    expect((await a.plans()).map((plan) => plan.title)).not.toContain('After uninstall');
  });
});

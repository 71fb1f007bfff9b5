/**
 * Installed in many workspaces: the OAuth flow end to end against the fake Slack.
 * GET /slack/install sets the state cookie and sends the browser to Slack's authorize
 * page with the manifest's scopes; the redirect with the code and that state saves the
 * installation; from then on each workspace is answered with its own bot token. A bad
 * or missing state is refused; after an uninstall nothing more goes out for that
 * workspace (no stale token, its queued messages dropped), and the other goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_OAUTH } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver } from '../../src/local-slack/slack-driver.js';
import { BOT_SCOPES } from '../../src/slack/oauth/install-routes.js';
import { ALICE, BOB, CHANNEL, SIGNING_SECRET, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { install, installUrl, OAUTH_ENV } from '../support/install.js';
import { approvedPlan, reminderPosts } from '../support/approved-plan.js';

const manifest = parse(readFileSync(join(import.meta.dirname, '../../manifest.yml'), 'utf8')) as {
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: { event_subscriptions: { bot_events: string[] }; token_rotation_enabled: boolean };
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const startOAuth = () => startHarness({ env: OAUTH_ENV, bot: { installationCacheMs: 60_000 } });
const driverFor = (harness: Harness, teamId: string) =>
  createSlackDriver({ botUrl: `http://127.0.0.1:${harness.port}/slack/events`, signingSecret: SIGNING_SECRET, fake: harness.fake, teamId });
const postsBy = (harness: Harness, teamId: string) => harness.fake.callsTo('chat.postMessage').filter((call) => call.teamId === teamId);

describe('installing in many workspaces', () => {
  it('sends the browser to Slack with the state cookie and the manifest’s scopes, saves the installation, and answers that workspace with its own token', async () => {
    h = await startOAuth();
    const started = await installUrl(h.port);
    expect(started.status).toBe(302);
    const authorize = new URL(started.location);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(new URL('/oauth/v2/authorize', h.fake.url).toString());
    expect(authorize.searchParams.get('client_id')).toBe(FAKE_OAUTH.clientId);
    expect(authorize.searchParams.get('scope')?.split(',')).toEqual(manifest.oauth_config.scopes.bot);
    expect([...BOT_SCOPES]).toEqual(manifest.oauth_config.scopes.bot);
    expect(started.cookie).toContain(`=${authorize.searchParams.get('state')}`);
    expect(started.cookie).toMatch(/HttpOnly/i);

    const done = await install(h, 'T0ACME');
    expect(done.status).toBe(200);
    const token = [...h.fake.issuedTokens.values()].find((t) => t.teamId === 'T0ACME')?.token;
    expect((await h.bot.installations?.find({ teamId: 'T0ACME' }))?.bot?.token).toBe(token);
    expect(h.logs.join('\n')).not.toContain(token);

    const acme = driverFor(h, 'T0ACME');
    const started2 = await acme.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Spring launch' });
    expect(started2.status).toBe(200);
    await h.settle();
    expect(postsBy(h, 'T0ACME').length).toBeGreaterThan(0);
    // Nothing was sent with any other token (the fake's default workspace has none here).
    expect(h.fake.calls.filter((call) => call.method !== 'oauth.v2.access').every((call) => call.teamId === 'T0ACME')).toBe(true);
  });

  it('serves a second workspace beside the first, each with its own token', async () => {
    h = await startOAuth();
    await install(h, 'T0ACME');
    await install(h, 'T0BETA');
    expect(h.fake.issuedTokens.size).toBe(2);
    await driverFor(h, 'T0ACME').slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Acme spring' });
    await driverFor(h, 'T0BETA').slashCommand({ userId: BOB, channelId: CHANNEL, text: 'plan Beta autumn' });
    await h.settle();
    const acmePosts = postsBy(h, 'T0ACME').map((call) => String(call.args.text));
    const betaPosts = postsBy(h, 'T0BETA').map((call) => String(call.args.text));
    expect(acmePosts.join('\n')).toContain('Acme spring');
    expect(acmePosts.join('\n')).not.toContain('Beta autumn');
    expect(betaPosts.join('\n')).toContain('Beta autumn');
    expect(betaPosts.join('\n')).not.toContain('Acme spring');
    const teams = (await h.plans()).map((plan) => plan.teamId).sort();
    expect(teams).toEqual(['T0ACME', 'T0BETA']);
  });

  it("asks a person's Slack locale with their own workspace's token, and answers them in it", async () => {
    h = await startOAuth();
    await install(h, 'T0ACME');
    await install(h, 'T0BETA');
    const alice = h.fake.user(ALICE);
    if (!alice) throw new Error('no Alice');
    alice.locale = 'zh-CN';
    await driverFor(h, 'T0ACME').slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Acme spring' });
    await driverFor(h, 'T0BETA').slashCommand({ userId: BOB, channelId: CHANNEL, text: 'plan Beta autumn' });
    await h.settle();
    const lookups = h.fake.callsTo('users.info').filter((call) => call.args.include_locale !== undefined);
    expect(lookups.find((call) => call.args.user === ALICE)?.teamId).toBe('T0ACME');
    expect(lookups.find((call) => call.args.user === BOB)?.teamId).toBe('T0BETA');
    // Alice's thread question in Chinese (its buttons and position; the question's own text joins the catalogue later), Bob's in English.
    const threadOf = (teamId: string) => postsBy(h as Harness, teamId).filter((call) => call.args.thread_ts !== undefined).map((call) => JSON.stringify(call.args.blocks ?? call.args.text));
    expect(threadOf('T0ACME').join('\n')).toMatch(/\p{Script=Han}/u);
    expect(threadOf('T0BETA').join('\n')).not.toMatch(/\p{Script=Han}/u);
  });

  it('refuses a redirect whose state is missing, forged or not this browser’s, and saves nothing', async () => {
    h = await startOAuth();
    const base = `http://127.0.0.1:${h.port}/slack/oauth_redirect`;
    const code = () => h?.fake.grantInstall({ teamId: 'T0EVIL' }) ?? '';
    const missing = await fetch(`${base}?code=${code()}`, { redirect: 'manual' });
    expect(missing.status).toBe(400);
    const { state, cookie } = await installUrl(h.port).then((r) => ({ state: new URL(r.location).searchParams.get('state') ?? '', cookie: r.cookie.split(';')[0] ?? '' }));
    const noCookie = await fetch(`${base}?code=${code()}&state=${encodeURIComponent(state)}`, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    const forged = `${state.slice(0, -4)}AAAA`;
    const wrong = await fetch(`${base}?code=${code()}&state=${encodeURIComponent(forged)}`, { redirect: 'manual', headers: { cookie: cookie.replace(state, forged) } });
    expect(wrong.status).toBe(400);
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(0);
    expect(await h.bot.installations?.find({ teamId: 'T0EVIL' })).toBeUndefined();
    // A workspace that never installed is not answered, and no token is used for it.
    const evil = await driverFor(h, 'T0EVIL').slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Sneaky' });
    expect(evil.status).toBe(200);
    await h.settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(await h.plans()).toEqual([]);
  });

  it('after app_uninstalled answers nothing with the stale token and drops the messages still queued, while the other workspace goes on', async () => {
    h = await startOAuth();
    await install(h, 'T0ACME');
    await install(h, 'T0BETA');
    const acme = driverFor(h, 'T0ACME');
    // Slack holds the channel back for a second: the kickoff waits in the outbox.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    await acme.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Held back' });
    await waitUntil(async () => ((await h?.plans())?.[0]?.outbox.length ?? 0) > 0 && h?.fake.callsTo('chat.postMessage').length === 1, 'the kickoff held back');
    expect(h.fake.callsTo('chat.postMessage')[0]?.response?.status).toBe(429);

    h.fake.revokeTokens('T0ACME');
    const uninstalled = await acme.event({ type: 'app_uninstalled' });
    expect(uninstalled.status).toBe(200);
    expect(await h.bot.installations?.find({ teamId: 'T0ACME' })).toBeUndefined();
    const callsAtUninstall = h.fake.calls.length;

    await waitUntil(async () => (await h?.plans())?.[0]?.outbox.length === 0, 'the held messages dropped', 5_000);
    await h.settle();
    const plan = (await h.plans())[0];
    expect(plan?.status).not.toBe('cancelled'); // kept until deleted, as it was
    expect(h.logs.filter((line) => line.includes('no longer installed'))).toHaveLength(1);

    const after = await acme.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Another' });
    expect(after.status).toBe(200);
    await h.settle();
    expect(h.fake.calls.slice(callsAtUninstall).filter((call) => call.teamId === 'T0ACME')).toEqual([]);
    expect((await h.plans()).filter((p) => p.teamId === 'T0ACME')).toHaveLength(1);

    await driverFor(h, 'T0BETA').slashCommand({ userId: BOB, channelId: CHANNEL, text: 'plan Beta goes on' });
    await h.settle();
    expect(postsBy(h, 'T0BETA').map((call) => String(call.args.text)).join('\n')).toContain('Beta goes on');
  });

  it('stops an uninstalled workspace’s review reminders: dropped once with one log line, never posted, never tried again', async () => {
    h = await startOAuth();
    // The harness's own driver speaks for the fake's default workspace: install that one.
    await install(h, h.fake.teamId);
    const planId = await approvedPlan(h);
    await driverFor(h, h.fake.teamId).event({ type: 'app_uninstalled' });
    h.fake.revokeTokens(h.fake.teamId);
    const posted = reminderPosts(h).length;
    h.clock.current = new Date('2027-04-15T02:00:00Z');
    expect(await h.bot.tick()).toBe(0);
    await h.settle();
    const dropped = () => h?.logs.filter((line) => line.includes('review reminder could not be posted') && line.includes('app_not_installed')).length;
    expect(dropped()).toBe(1);
    // Not tried again at the next ticks.
    h.clock.current = new Date('2027-04-15T03:00:00Z');
    expect(await h.bot.tick()).toBe(0);
    h.clock.current = new Date('2027-04-15T04:00:00Z');
    expect(await h.bot.tick()).toBe(0);
    await h.settle();
    expect(reminderPosts(h).length).toBe(posted);
    expect(dropped()).toBe(1);
    expect((await h.record(planId)).status).toBe('approved');
  });

  it('on tokens_revoked forgets only people’s tokens when no bot token is named, and the installation when the bot’s is', async () => {
    h = await startOAuth();
    await install(h, 'T0ACME');
    const acme = driverFor(h, 'T0ACME');
    expect((await acme.event({ type: 'tokens_revoked', tokens: { oauth: ['U0INSTALLER'] } })).status).toBe(200);
    expect((await h.bot.installations?.find({ teamId: 'T0ACME' }))?.bot?.token).toBeDefined();
    expect((await acme.event({ type: 'tokens_revoked', tokens: { bot: ['U0BOTACME'] } })).status).toBe(200);
    expect(await h.bot.installations?.find({ teamId: 'T0ACME' })).toBeUndefined();
    expect(h.logs.some((line) => line.includes('removed the installation') && line.includes('tokens_revoked'))).toBe(true);
  });

  it('serves the install pages beside /healthz in Socket Mode too, and answers over the socket with the workspace’s token', async () => {
    h = await startHarness({ socketMode: true, env: OAUTH_ENV });
    expect((await fetch(`http://127.0.0.1:${h.port}/healthz`)).status).toBe(200);
    expect((await installUrl(h.port)).status).toBe(302);
    expect((await install(h, 'T0SOCK')).status).toBe(200);
    const overSocket = createSlackDriver({ socketMode: h.fake.socketMode, signingSecret: SIGNING_SECRET, fake: h.fake, teamId: 'T0SOCK' });
    await overSocket.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Over the socket' });
    await h.settle();
    const posts = postsBy(h, 'T0SOCK').map((call) => String(call.args.text));
    expect(posts.join('\n')).toContain('Over the socket');
  });

  it('declares the install redirect, the uninstall events and no token rotation in the manifest', () => {
    expect(manifest.oauth_config.redirect_urls?.every((url) => url.endsWith('/slack/oauth_redirect'))).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
    expect(manifest.settings.token_rotation_enabled).toBe(false);
  });
});

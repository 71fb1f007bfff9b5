/** Installing the bot in a workspace of the fake Slack through the OAuth flow, as a browser would. */
import { FAKE_OAUTH } from '../../src/local-slack/fake-slack-api.js';
import type { FakeSlack } from '../../src/local-slack/fake-slack-api.js';

/** The environment of a bot installed in many workspaces (SLACK_BOT_TOKEN left empty). */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: FAKE_OAUTH.clientId,
  SLACK_CLIENT_SECRET: FAKE_OAUTH.clientSecret,
  SLACK_STATE_SECRET: 'test-state-secret-0123456789abcdef',
};

/** GET /slack/install: the redirect to Slack's authorize page and the state cookie. */
export async function installUrl(port: number): Promise<{ status: number; location: string; cookie: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/slack/install`, { redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') ?? '', cookie: response.headers.get('set-cookie') ?? '' };
}

/** The whole flow for `teamId`: the install link, Slack's grant, the redirect with its code and state (and the cookie). */
export async function install(target: { port: number; fake: FakeSlack }, teamId: string, grant: { enterpriseId?: string; isEnterpriseInstall?: boolean } = {}): Promise<{ status: number; body: string }> {
  const started = await installUrl(target.port);
  const state = new URL(started.location).searchParams.get('state') ?? '';
  const code = target.fake.grantInstall({ teamId, ...grant });
  const response = await fetch(`http://127.0.0.1:${target.port}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
    redirect: 'manual',
    headers: { cookie: started.cookie.split(';')[0] ?? '' },
  });
  return { status: response.status, body: await response.text() };
}

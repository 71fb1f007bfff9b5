/**
 * The Web API clients the bot's own Slack calls go through (the messenger, the
 * surfaces). With one SLACK_BOT_TOKEN they are fixed; with the app installed in many
 * workspaces (OAuth) each call uses the token of the workspace it is made for (see
 * `workspace-context.ts`), and a workspace without an installation gets no call at
 * all: `app_not_installed`, never another team's token.
 */
import { webApi } from '@slack/bolt';
import type { WebClient, WebClientOptions } from '@slack/web-api';
import { APP_NOT_INSTALLED, SlackCallError } from '../app/ports.js';
import { currentWorkspace, type Workspace } from '../app/workspace-context.js';

export interface SlackClients {
  /** For reads and updates (the client retries as configured). */
  client(): Promise<WebClient>;
  /** For posts: one try per call, whoever posts decides about trying again. */
  postClient(): Promise<WebClient>;
}

/** One workspace, one token. */
export function fixedClients(client: WebClient, postClient: WebClient = client): SlackClients {
  return { client: async () => client, postClient: async () => postClient };
}

/** Keeps this many clients per kind; more workspaces than that just build theirs again. */
const MAX_CLIENTS = 500;

/**
 * Per workspace: `tokenFor` gives the bot token of the workspace the current work is
 * for (from the installation store, cached there), or undefined when it has none.
 */
export function workspaceClients(tokenFor: (workspace: Workspace) => Promise<string | undefined>, options: WebClientOptions, postOptions: WebClientOptions): SlackClients {
  const pools = { client: new Map<string, WebClient>(), post: new Map<string, WebClient>() };
  const pick = async (kind: 'client' | 'post'): Promise<WebClient> => {
    const workspace = currentWorkspace();
    if (!workspace?.teamId && !workspace?.enterpriseId) throw new SlackCallError('no_workspace', false);
    const token = await tokenFor(workspace);
    if (!token) throw new SlackCallError(APP_NOT_INSTALLED, false);
    const pool = pools[kind];
    let client = pool.get(token);
    if (!client) {
      if (pool.size >= MAX_CLIENTS) pool.clear();
      client = new webApi.WebClient(token, kind === 'post' ? postOptions : options);
      pool.set(token, client);
    }
    return client;
  };
  return { client: () => pick('client'), postClient: () => pick('post') };
}

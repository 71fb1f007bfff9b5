/**
 * The Web API the bot's own Slack calls go through (the messenger, the surfaces). With
 * one SLACK_BOT_TOKEN the token is fixed; with the app installed in many workspaces
 * (OAuth) each call uses the token of the workspace it is made for (see
 * `workspace-context.ts`), and a workspace without an installation gets no call at
 * all: `app_not_installed`, never another team's token.
 *
 * By default the calls are made on the poster thread (`poster/thread-poster.ts`), off
 * the event loop that acknowledges Slack's requests; `IMC_SLACK_CALLS=main`, or the
 * thread dying, makes them on the main thread with `@slack/web-api`'s client, as
 * before. Either way a failure leaves as a `SlackCallError` with Slack's own code.
 */
import { webApi } from '@slack/bolt';
import type { WebClient, WebClientOptions } from '@slack/web-api';
import { APP_NOT_INSTALLED, SlackCallError } from '../app/ports.js';
import { currentWorkspace } from '../app/workspace-context.js';
import { PosterThreadGone, type ThreadPoster } from './poster/thread-poster.js';
import { toSlackCallError } from './slack-call-error.js';

/** Slack's Web API, one workspace's token. */
export interface SlackApi {
  /**
   * Calls a Web API method; fails as a `SlackCallError`. `keep` names the fields of the
   * answer the caller reads (the others may be left out).
   */
  call(method: string, args: Record<string, unknown>, keep?: readonly string[]): Promise<Record<string, unknown>>;
}

export interface SlackClients {
  /** For reads and updates (retried as the client is configured). */
  client(): Promise<SlackApi>;
  /** For posts: one try per call, whoever posts decides about trying again. */
  postClient(): Promise<SlackApi>;
}

export interface SlackClientsOptions {
  /** The bot token for the work under way (the fixed one, or the current workspace's); undefined: not installed there. */
  tokenFor(): Promise<string | undefined>;
  /** The main thread's client options (`retryConfig`, `timeout`, `slackApiUrl`, …) for reads and posts. */
  options: WebClientOptions;
  postOptions: WebClientOptions;
  /** Makes the calls off the main thread while it runs; without it, the main thread makes them. */
  thread?: ThreadPoster;
}

/** Keeps this many main-thread clients per kind; more workspaces than that just build theirs again. */
const MAX_CLIENTS = 500;

/** A token of the one workspace (SLACK_BOT_TOKEN). */
export function fixedToken(token: string | undefined): () => Promise<string | undefined> {
  return async () => token;
}

/** The current workspace's token (installed in many workspaces), from the installation store. */
export function workspaceToken(tokenOf: (workspace: NonNullable<ReturnType<typeof currentWorkspace>>) => Promise<string | undefined>): () => Promise<string | undefined> {
  return async () => {
    const workspace = currentWorkspace();
    if (!workspace?.teamId && !workspace?.enterpriseId) throw new SlackCallError('no_workspace', false);
    return tokenOf(workspace);
  };
}

export function slackClients(options: SlackClientsOptions): SlackClients {
  const pools = { client: new Map<string, WebClient>(), post: new Map<string, WebClient>() };
  const onMainThread = (kind: 'client' | 'post', token: string): SlackApi => {
    const pool = pools[kind];
    let client = pool.get(token);
    if (!client) {
      if (pool.size >= MAX_CLIENTS) pool.clear();
      client = new webApi.WebClient(token, kind === 'post' ? options.postOptions : options.options);
      pool.set(token, client);
    }
    const own = client;
    return {
      async call(method, args) {
        try {
          return (await own.apiCall(method, args)) as unknown as Record<string, unknown>;
        } catch (error) {
          throw toSlackCallError(error);
        }
      },
    };
  };
  const offMainThread = (thread: ThreadPoster, kind: 'client' | 'post', token: string): SlackApi => {
    const clientOptions = kind === 'post' ? options.postOptions : options.options;
    const retries = clientOptions.retryConfig?.retries ?? 10;
    const timeoutMs = clientOptions.timeout ?? 10_000;
    return {
      async call(method, args, keep) {
        let outcome;
        try {
          outcome = await thread.call({ method, args, token, retries, timeoutMs, ...(keep ? { keep } : {}) });
        } catch (error) {
          if (!(error instanceof PosterThreadGone)) throw toSlackCallError(error);
          // A post that may have reached Slack is the outbox's to look for; anything else is simply made again.
          if (error.inFlight && kind === 'post') throw new SlackCallError('request_failed', true);
          return onMainThread(kind, token).call(method, args, keep);
        }
        if (!outcome.ok) throw toSlackCallError(outcome.error);
        return outcome.result;
      },
    };
  };
  const pick = async (kind: 'client' | 'post'): Promise<SlackApi> => {
    const token = await options.tokenFor();
    if (!token) throw new SlackCallError(APP_NOT_INSTALLED, false);
    return options.thread?.usable ? offMainThread(options.thread, kind, token) : onMainThread(kind, token);
  };
  return { client: () => pick('client'), postClient: () => pick('post') };
}

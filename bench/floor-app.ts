/**
 * The fair floor for the bot: a minimal Bolt app configured like the bot (the same
 * `App` options, HTTP receiver, `processBeforeResponse`, logger, Web API client
 * options, `/healthz`), started like `npm start` starts the bot, that acknowledges
 * each request with the bot's own acknowledgement and then makes the Web API calls
 * the bot made for that request, with the bot's own payloads: no store, no
 * conversation, no rendering. What the bot costs beyond this app is its own work.
 *
 * Which calls: `FLOOR_PLAN` names a JSON file (see call-plan.ts) measured from the
 * bot against the local fake Slack: for the n-th request of a conversation, the
 * acknowledgement body and the calls, in order. Every benchmark conversation has a
 * channel of its own, so the n-th request in a channel is the n-th of its
 * conversation. Without `FLOOR_PLAN` the app only acknowledges (the ack-only app).
 * Calls run one after another per channel, after the acknowledgement, like the
 * bot's outbox drains one plan.
 *
 * Compiled with tsconfig.bench.json and run as `node <npm start flags> dist/bench/floor-app.js`
 * with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT, HOST.
 */
import { readFileSync } from 'node:fs';
import { App, LogLevel } from '@slack/bolt';
import { createLogger, toBoltLogger } from '../src/app/create-logger.js';
import { HEALTHZ_ROUTE } from './healthz-route.js';

/** One Web API call of the plan: its arguments, and which earlier posts of the channel its ts fields point at. */
export interface PlannedCall {
  method: string;
  /** the bot's arguments as the fake Slack received them (no token); channel, ts and thread_ts are replaced */
  args: Record<string, unknown>;
  /** `thread_ts`: the ts of the channel's n-th message posted by the app (0-based) */
  threadOf?: number;
  /** `ts` (chat.update): the ts of the channel's n-th posted message */
  tsOf?: number;
}

/** What the app does for the n-th request of a conversation. */
export interface PlannedRequest {
  kind: 'command' | 'action' | 'message';
  step: string;
  /** the bot's acknowledgement body (JSON), or undefined for an empty ack */
  ack?: Record<string, unknown>;
  calls: PlannedCall[];
}

export interface FloorPlan {
  requests: PlannedRequest[];
}

interface ChannelState {
  /** requests seen so far */
  seen: number;
  /** ts of the messages this app posted here, in order */
  posted: string[];
  /** the calls still to make here, chained */
  tail: Promise<void>;
}

async function main(): Promise<void> {
  const env = process.env;
  const plan: FloorPlan = env.FLOOR_PLAN ? (JSON.parse(readFileSync(env.FLOOR_PLAN, 'utf8')) as FloorPlan) : { requests: [] };
  const makeCalls = env.FLOOR_PLAN !== undefined && env.FLOOR_ACK_ONLY !== '1';
  const logger = createLogger({ level: 'info' });
  const boltLogger = toBoltLogger(logger);
  // The bot's App options (create-bot.ts), HTTP mode.
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET ?? '',
    port: Number(env.PORT ?? 3000),
    processBeforeResponse: true,
    convoStore: false,
    logger: boltLogger as never,
    logLevel: LogLevel.INFO,
    clientOptions: { ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}), timeout: 10_000, logger: boltLogger as never },
    customRoutes: [HEALTHZ_ROUTE],
  });

  const channels = new Map<string, ChannelState>();
  /** The planned request for this channel's next request, counted. */
  const next = (channel: string): { state: ChannelState; planned: PlannedRequest | undefined } => {
    let state = channels.get(channel);
    if (!state) {
      state = { seen: 0, posted: [], tail: Promise.resolve() };
      channels.set(channel, state);
    }
    const planned = plan.requests[state.seen];
    state.seen += 1;
    return { state, planned };
  };
  const call = async (channel: string, state: ChannelState, planned: PlannedCall): Promise<void> => {
    const args: Record<string, unknown> = { ...planned.args, channel };
    if (planned.threadOf !== undefined) args.thread_ts = state.posted[planned.threadOf];
    if (planned.tsOf !== undefined) args.ts = state.posted[planned.tsOf];
    try {
      const result = (await app.client.apiCall(planned.method, args)) as { ts?: unknown };
      if (planned.method === 'chat.postMessage' && typeof result.ts === 'string') state.posted.push(result.ts);
    } catch (error) {
      logger.warn('floor call failed', { method: planned.method, error: String(error) });
    }
  };
  /** After the ack (next turn of the event loop, like the bot's outbox), the planned calls in order. */
  const follow = (channel: string, state: ChannelState, planned: PlannedRequest | undefined): void => {
    if (!makeCalls || !planned || planned.calls.length === 0) return;
    state.tail = state.tail
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        for (const each of planned.calls) await call(channel, state, each);
      });
  };

  app.command(/.*/, async ({ ack, command }) => {
    const { state, planned } = next(command.channel_id);
    await ack(planned?.ack as never);
    follow(command.channel_id, state, planned);
  });
  app.action(/.*/, async ({ ack, body }) => {
    await ack();
    const channel = (body as { channel?: { id?: string } }).channel?.id ?? '';
    const { state, planned } = next(channel);
    follow(channel, state, planned);
  });
  app.event('message', async ({ event }) => {
    const channel = (event as { channel: string }).channel;
    const { state, planned } = next(channel);
    follow(channel, state, planned);
  });

  await app.start(env.HOST ? { port: Number(env.PORT ?? 3000), host: env.HOST } : Number(env.PORT ?? 3000));
  // The bot asks Slack who it is at start (create-bot.ts); so does the floor.
  await app.client.auth.test();
  const stop = () => void app.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`floor app could not start: ${String(error)}\n`);
  process.exit(1);
});

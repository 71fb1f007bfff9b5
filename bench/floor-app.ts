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
 * bot's outbox drains one plan (floor-caller.ts; `FLOOR_CALLS=worker` makes them in a
 * worker thread instead).
 *
 * Receiver: the bot's own (`DurableHttpReceiver`: checks the signature and the body's
 * shape, answers once the listener is done, serves `/healthz`, 200 only after
 * `auth.test`, as the bot does), so what the bot costs beyond the floor is its own work
 * and not its receiver. `FLOOR_RECEIVER=bolt` uses Bolt's own HTTP receiver instead
 * (`processBeforeResponse`, a `/healthz` custom route, healthy before `auth.test`), to
 * measure what the bot's receiver costs against Bolt's.
 *
 * Compiled with tsconfig.bench.json and run as `node <npm start flags> dist/bench/floor-app.js`
 * with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT, HOST.
 */
import { readFileSync } from 'node:fs';
import { App, LogLevel, webApi } from '@slack/bolt';
import { createLogger, toBoltLogger } from '../src/app/create-logger.js';
import { DurableHttpReceiver } from '../src/slack/receivers/durable-http-receiver.js';
import { FloorCaller, startCallerThread } from './floor-caller.js';
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

async function main(): Promise<void> {
  const env = process.env;
  const plan: FloorPlan = env.FLOOR_PLAN ? (JSON.parse(readFileSync(env.FLOOR_PLAN, 'utf8')) as FloorPlan) : { requests: [] };
  const makeCalls = env.FLOOR_PLAN !== undefined && env.FLOOR_ACK_ONLY !== '1';
  const logger = createLogger({ level: 'info' });
  const boltLogger = toBoltLogger(logger);
  const boltReceiver = env.FLOOR_RECEIVER === 'bolt';
  const durable = boltReceiver ? undefined : new DurableHttpReceiver({ signingSecret: env.SLACK_SIGNING_SECRET ?? '', logger });
  const clientOptions = { ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}), timeout: 10_000, logger: boltLogger as never };
  // The bot's App options (create-bot.ts), HTTP mode.
  const app = durable
    ? new App({
        receiver: durable,
        // As the bot: an authorize function, so Bolt does not call auth.test itself; the one auth.test is the start's.
        authorize: async () => ({ botToken: env.SLACK_BOT_TOKEN ?? '' }),
        convoStore: false,
        logger: boltLogger as never,
        logLevel: LogLevel.INFO,
        clientOptions,
      })
    : new App({
        token: env.SLACK_BOT_TOKEN,
        signingSecret: env.SLACK_SIGNING_SECRET ?? '',
        port: Number(env.PORT ?? 3000),
        processBeforeResponse: true,
        convoStore: false,
        logger: boltLogger as never,
        logLevel: LogLevel.INFO,
        clientOptions,
        customRoutes: [HEALTHZ_ROUTE],
      });

  // As the bot: a Web API client of its own with the token (Bolt's has none with an authorize function).
  const client = durable ? new webApi.WebClient(env.SLACK_BOT_TOKEN, clientOptions) : app.client;
  /** Requests seen so far in each channel: the n-th is the plan's n-th. */
  const seen = new Map<string, number>();
  const next = (channel: string): PlannedRequest | undefined => {
    const n = seen.get(channel) ?? 0;
    seen.set(channel, n + 1);
    return plan.requests[n];
  };
  const caller =
    env.FLOOR_CALLS === 'worker'
      ? startCallerThread(env.SLACK_BOT_TOKEN ?? '', { ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}), timeout: 10_000 })
      : new FloorCaller((method, args) => client.apiCall(method, args) as Promise<{ ts?: unknown }>, (message, fields) => logger.warn(message, fields));
  /** After the ack (next turn of the event loop, like the bot's outbox), the planned calls in order. */
  const follow = (channel: string, planned: PlannedRequest | undefined): void => {
    if (!makeCalls || !planned || planned.calls.length === 0) return;
    caller.follow(channel, planned.calls);
  };

  app.command(/.*/, async ({ ack, command }) => {
    const planned = next(command.channel_id);
    await ack(planned?.ack as never);
    follow(command.channel_id, planned);
  });
  app.action(/.*/, async ({ ack, body }) => {
    await ack();
    const channel = (body as { channel?: { id?: string } }).channel?.id ?? '';
    follow(channel, next(channel));
  });
  app.event('message', async ({ event }) => {
    const channel = (event as { channel: string }).channel;
    follow(channel, next(channel));
  });

  const port = Number(env.PORT ?? 3000);
  if (durable) {
    // As the bot starts (create-bot.ts): listen (/healthz 503), auth.test, then take requests.
    await durable.endpoint.listen(port, env.HOST);
    await client.auth.test();
    durable.open();
  } else {
    await app.start(env.HOST ? { port, host: env.HOST } : port);
    // The bot asks Slack who it is at start (create-bot.ts); so does the floor.
    await app.client.auth.test();
  }
  const stop = () => void app.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`floor app could not start: ${String(error)}\n`);
  process.exit(1);
});

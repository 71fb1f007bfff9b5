/**
 * Wires the bot together from a validated config: store, script, renderer,
 * services, Bolt app and listeners. `main.ts` calls it with the real environment;
 * tests and the playground call it with a temp data dir and a local fake Slack.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { Config } from './config.js';
import { redact } from './config.js';
import { createLogger, toBoltLogger, type Level } from './app/create-logger.js';
import { ApprovalService } from './app/approval-service.js';
import { CommandService } from './app/command-service.js';
import { loopCommands } from './app/loop-commands.js';
import { ReminderService } from './app/reminder-service.js';
import { ReviewService } from './app/review-service.js';
import { registerDraftActions } from './slack/listeners/draft-actions.js';
import { registerReactions } from './slack/listeners/reactions.js';
import { openChannelSettings } from './store/channel-settings-store.js';
import { KeyedMutex } from './app/keyed-mutex.js';
import { loadScript } from './app/load-script.js';
import { OutboxWorker } from './app/outbox-worker.js';
import { randomPlanId } from './app/plan-id.js';
import type { PlanRecord } from './app/plan-record.js';
import { PlanService } from './app/plan-service.js';
import { systemClock, type Clock, type Logger } from './app/ports.js';
import { createRenderer } from './render/renderer.js';
import { registerImcCommand } from './slack/listeners/imc-command.js';
import { registerPlanActions } from './slack/listeners/plan-actions.js';
import { registerThreadReplies } from './slack/listeners/thread-replies.js';
import { createWebMessenger } from './slack/web-messenger.js';
import { openLowdbPlanStore } from './store/lowdb-plan-store.js';
import type { PlanStore } from './store/plan-store.js';

export interface BotOptions {
  clock?: Clock;
  logger?: ReturnType<typeof createLogger>;
  /** Skips Bolt's `auth.test` at start when both are known (tests, playground). */
  botUserId?: string;
  botId?: string;
  newId?: () => string;
  /** Retries of Slack calls (tests use 0 to fail fast). */
  slackRetries?: number;
  /** Delays before the outbox retries a failed Slack call. */
  outboxRetryDelaysMs?: number[];
  /** Interface to listen on in HTTP mode (tests use 127.0.0.1); overrides `config.host`; all interfaces by default. */
  host?: string;
  /** How often due reminders are looked for, in ms (default a minute). */
  reminderIntervalMs?: number;
  /** Timeout of one Slack call in ms. */
  slackTimeoutMs?: number;
}

export interface Bot {
  app: App;
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  commands: CommandService;
  approvals: ApprovalService;
  reminders: ReminderService;
  reviews: ReviewService;
  outbox: OutboxWorker;
  logger: Logger;
  /** Starts listening; resolves with the HTTP port (undefined in Socket Mode). */
  start(): Promise<{ port?: number }>;
  /** Waits until queued Slack messages are sent and approvals derived (tests). */
  idle(): Promise<void>;
  /** Sends the review reminders that are due now (also runs every minute). */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

const BOLT_LEVELS: Record<Level, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

/** Creates the bot; opening the store checks every data file first. */
export async function createBot(config: Config, options: BotOptions = {}): Promise<Bot> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, redact: (text) => redact(text, config) });
  const clock = options.clock ?? systemClock;
  const script = loadScript();
  const renderer = createRenderer();
  const store = await openLowdbPlanStore<PlanRecord>(config.dataDir);
  const settings = await openChannelSettings(config.dataDir).catch(async (error: unknown) => {
    await store.close(); // releases the directory lock, so a fixed file can be opened again in this process
    throw error;
  });
  const boltLogger = toBoltLogger(logger);
  const app = new App({
    token: config.botToken,
    signingSecret: config.signingSecret,
    ...(config.socketMode ? { socketMode: true, appToken: config.appToken } : { port: config.port }),
    // The response is sent only after the listener returns: an acknowledged answer is already on disk.
    processBeforeResponse: !config.socketMode,
    convoStore: false,
    logger: boltLogger as never,
    logLevel: BOLT_LEVELS[config.logLevel],
    ...(options.botUserId && options.botId ? { botUserId: options.botUserId, botId: options.botId } : {}),
    clientOptions: {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      ...(options.slackRetries !== undefined ? { retryConfig: { retries: options.slackRetries } } : {}),
      timeout: options.slackTimeoutMs ?? 10_000,
      logger: boltLogger as never,
    },
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: true }));
        },
      },
    ],
  });
  const messenger = createWebMessenger(app.client);
  const mutex = new KeyedMutex();
  const outbox = new OutboxWorker({ store, messenger, mutex, logger, ...(options.outboxRetryDelaysMs ? { retryDelaysMs: options.outboxRetryDelaysMs } : {}) });
  let botUserId = options.botUserId;
  let approvals: ApprovalService | undefined;
  let reviews: ReviewService | undefined;
  const plans = new PlanService({
    store,
    outbox,
    mutex,
    clock,
    logger,
    script,
    renderer,
    timeZone: config.timeZone,
    newId: options.newId ?? randomPlanId,
    approvalHint: (record) => approvals?.statusLine(record) ?? '',
    suggestionsFor: async (channelId) => (reviews ? reviews.suggestionsFor(channelId) : {}),
    carriedFor: async (channelId) => reviews?.carriedFor(channelId),
  });
  const defaults = {
    approveEmoji: config.approveEmoji,
    rejectEmoji: config.rejectEmoji,
    approvalsNeeded: config.approvalsNeeded,
    authorCanApprove: config.authorCanApprove,
  };
  approvals = new ApprovalService({
    store,
    plans,
    messenger,
    settings,
    defaults,
    clock,
    logger,
    timeZone: config.timeZone,
    reviewHour: config.reviewHour,
    botUserId: () => botUserId,
  });
  reviews = new ReviewService({ store, plans, renderer, clock, logger, timeZone: config.timeZone });
  const reviewService = reviews;
  plans.reviewActions = (planId, userId, action, key) => reviewService.handleAction(planId, userId, action, key);
  const reminders = new ReminderService({ store, plans, messenger, clock, logger, timeZone: config.timeZone, reviewHour: config.reviewHour });
  const commands = new CommandService({
    store,
    plans,
    renderer,
    script,
    clock,
    extra: [loopCommands(reviewService, reminders, settings, defaults)],
    extraHelp: [
      '• `/imc review <plan id>`: start the post-campaign review of an approved plan.',
      '• `/imc remind <plan id> <date>`: move its review reminder.',
      '• `/imc config`: this channel\'s approval settings (emoji, approvals needed, whether the author may approve).',
    ],
  });

  registerImcCommand(app, commands, logger);
  registerPlanActions(app, plans, logger);
  registerDraftActions(app, plans, reviewService, logger);
  registerReactions(app, approvals);
  registerThreadReplies(app, [(reply) => plans.handleThreadReply(reply), (reply) => reviewService.handleThreadReply(reply)]);
  app.error(async (error) => {
    const e = error as Error & { code?: string; original?: { code?: string } };
    logger.error('unhandled error in a listener', { code: e.code, cause: e.original?.code, message: e.message });
  });

  let server: Server | undefined;
  return {
    app,
    store,
    plans,
    commands,
    approvals,
    reminders,
    reviews,
    outbox,
    logger,
    async start() {
      const host = options.host ?? config.host;
      const started = (config.socketMode ? await app.start() : await app.start(host ? { port: config.port, host } : config.port)) as unknown;
      server = config.socketMode ? undefined : (started as Server);
      const port = server ? (server.address() as AddressInfo).port : undefined;
      if (!botUserId) {
        const auth = await app.client.auth.test();
        botUserId = auth.user_id;
      }
      const resumed = await plans.resumeOutboxes();
      const rederived = await approvals.rederiveAll();
      reminders.start(options.reminderIntervalMs ?? 60_000);
      logger.info('imc-bot started', { mode: config.socketMode ? 'socket' : 'http', port, dataDir: config.dataDir, resumedOutboxes: resumed, approvalsUpdated: rederived });
      return { port };
    },
    async idle() {
      await approvals.idle();
      await outbox.idle();
      await mutex.idle();
      await outbox.idle();
    },
    tick: () => reminders.tick(),
    async stop() {
      reminders.stop();
      await approvals.idle();
      await outbox.stop();
      await mutex.idle();
      await app.stop().catch(() => undefined);
      await store.close();
    },
  };
}

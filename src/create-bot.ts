/**
 * Wires the bot together from a validated config: store, script, renderer,
 * services, Bolt app and listeners. `main.ts` calls it with the real environment;
 * tests and the playground call it with a temp data dir and a local fake Slack.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel, webApi } from '@slack/bolt';
import type { Config } from './config.js';
import { redact } from './config.js';
import { createLogger, toBoltLogger, type Level } from './app/create-logger.js';
import { ApprovalService } from './app/approval-service.js';
import { CommandService } from './app/command-service.js';
import { loopCommands } from './app/loop-commands.js';
import { ReminderService } from './app/reminder-service.js';
import { remindersForNewVersion } from './domain/review/reminders.js';
import { ReviewService } from './app/review-service.js';
import { registerDraftActions } from './slack/listeners/draft-actions.js';
import { registerReactions } from './slack/listeners/reactions.js';
import { openChannelSettings } from './store/channel-settings-store.js';
import { KeyedMutex } from './app/keyed-mutex.js';
import { loadReviewScript, loadScript } from './app/load-script.js';
import { loadInputLocales } from './app/load-locales.js';
import { OutboxWorker, type OutboxTimers } from './app/outbox-worker.js';
import { randomPlanId } from './app/plan-id.js';
import type { PlanRecord } from './app/plan-record.js';
import { PlanService } from './app/plan-service.js';
import { systemClock, type Clock, type Logger } from './app/ports.js';
import { createRenderer } from './render/renderer.js';
import { registerImcCommand } from './slack/listeners/imc-command.js';
import { registerPlanActions } from './slack/listeners/plan-actions.js';
import { registerThreadReplies } from './slack/listeners/thread-replies.js';
import { createWebMessenger } from './slack/web-messenger.js';
import { createWebSurfaces } from './slack/web-surfaces.js';
import { BUDGET_CHART_EFFECT, budgetChartEffect } from './slack/budget-chart-effect.js';
import { openLowdbPlanStore } from './store/lowdb-plan-store.js';
import { observeSaves } from './store/observe-saves.js';
import { HomeService } from './app/home-service.js';
import { registerHomeTab } from './slack/listeners/home-tab.js';
import { registerMessageShortcut } from './slack/listeners/message-shortcut.js';
import { CANVAS_EFFECT, CanvasService } from './app/canvas-service.js';
import { canvasEffect } from './slack/canvas-effect.js';
import { canvasOfferMessage, withCanvasOffer } from './slack/blocks/canvas-messages.js';
import { registerCanvasActions } from './slack/listeners/canvas-actions.js';
import { homeViewBlocks } from './slack/blocks/home-view.js';
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
  /** The outbox's time and timers (tests skip minutes of Retry-After with manual ones). */
  outboxTimers?: OutboxTimers;
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
  home: HomeService;
  canvases: CanvasService;
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
  const script = loadInputLocales(loadScript());
  const reviewScript = loadReviewScript();
  const renderer = createRenderer();
  let home: HomeService | undefined;
  // Every save tells the App Home, which refreshes the Homes it concerns (later, never on the save's path).
  const store = observeSaves(await openLowdbPlanStore<PlanRecord>(config.dataDir), (record) => home?.noteSaved(record));
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
      // A 429 comes back to the caller with its Retry-After instead of pausing every call
      // of the workspace: the outbox holds only the channel that was limited.
      rejectRateLimitedCalls: true,
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
  // Posts are sent once per try: the outbox, which can check Slack for a post that may have
  // gone through, does the retrying, never the client on its own.
  const postClient = new webApi.WebClient(config.botToken, {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: options.slackTimeoutMs ?? 10_000,
    rejectRateLimitedCalls: true,
    logger: boltLogger as never,
  });
  const messenger = createWebMessenger(app.client, postClient);
  const mutex = new KeyedMutex();
  const outbox = new OutboxWorker({
    store,
    messenger,
    mutex,
    logger,
    ...(options.outboxRetryDelaysMs ? { retryDelaysMs: options.outboxRetryDelaysMs } : {}),
    ...(options.outboxTimers ? { timers: options.outboxTimers } : {}),
  });
  const defaults = {
    approveEmoji: config.approveEmoji,
    rejectEmoji: config.rejectEmoji,
    approvalsNeeded: config.approvalsNeeded,
    authorCanApprove: config.authorCanApprove,
  };
  const surfaces = createWebSurfaces(app.client, options.slackTimeoutMs ?? 10_000);
  outbox.registerEffect(BUDGET_CHART_EFFECT, budgetChartEffect({ mode: config.budgetChart, renderer, messenger, surfaces, logger }));
  outbox.registerEffect(CANVAS_EFFECT, canvasEffect(surfaces, logger, script.labels));
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
    approvalPolicy: (record) => (approvals ? approvals.policyFor(record.teamId, record.channelId) : defaults),
    carryReminders: (reminders, previous, reviewDate) =>
      remindersForNewVersion(reminders, previous, reviewDate, { timeZone: config.timeZone, hour: config.reviewHour }),
    suggestionsFor: async (channelId) => (reviews ? reviews.suggestionsFor(channelId) : {}),
  });
  const canvases = new CanvasService({ plans, offerMessage: canvasOfferMessage, withOffer: withCanvasOffer });
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
    onApproved: (record) => canvases.onApproved(record),
    admins: config.admins,
  });
  const approvalService = approvals;
  reviews = new ReviewService({
    store,
    script: reviewScript,
    plans,
    messenger,
    renderer,
    clock,
    logger,
    timeZone: config.timeZone,
    ...(script.words ? { words: script.words } : {}),
  });
  const reviewService = reviews;
  plans.reviewActions = (planId, userId, action, key) => reviewService.handleAction(planId, userId, action, key);
  const reminders = new ReminderService({ store, plans, messenger, clock, logger, timeZone: config.timeZone, reviewHour: config.reviewHour });
  const commands = new CommandService({
    store,
    plans,
    renderer,
    script,
    clock,
    extra: [loopCommands(reviewService, reminders, approvalService)],
    extraHelp: [
      '• `/imc review <plan id>`: start the post-campaign review of an approved plan.',
      '• `/imc remind <plan id> <date>`: move its review reminder.',
      '• `/imc config`: this channel\'s approval settings (emoji, approvals needed, whether the author may approve); anyone may make them stricter, only admins may loosen them.',
    ],
  });

  home = new HomeService({
    store,
    surfaces,
    messenger,
    clock,
    logger,
    policy: (teamId, channelId) => approvalService.policyFor(teamId, channelId),
    render: (model, linkFor) => homeViewBlocks(model, { linkFor }),
  });
  const homeService = home;

  registerImcCommand(app, commands, logger);
  registerHomeTab(app, { home: homeService, reviews: reviewService, approvals: approvalService }, logger);
  registerMessageShortcut(app, plans, logger);
  registerCanvasActions(app, canvases, logger);
  registerPlanActions(app, plans, logger);
  registerDraftActions(app, { plans, reviews: reviewService, approvals: approvalService }, logger);
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
    home: homeService,
    canvases,
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
      await homeService.idle();
    },
    tick: () => reminders.tick(),
    async stop() {
      reminders.stop();
      await approvals.stop();
      await outbox.stop();
      await mutex.idle();
      await homeService.stop();
      await app.stop().catch(() => undefined);
      await store.close();
    },
  };
}

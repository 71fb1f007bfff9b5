/**
 * Wires the bot together from a validated config: store, script, renderer,
 * services, Bolt app and listeners. `main.ts` calls it with the real environment;
 * tests and the playground call it with a temp data dir and a local fake Slack.
 */
import type { Plan } from './domain/plan/plan.js';
import type { Language } from './domain/message/language.js';
import { channelsInReaderWords } from './render/reader-channels.js';
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
import { loadReviewScript, loadScript } from './app/load-script.js';
import { scriptIn, scriptWordLookup } from './domain/conversation/script-words.js';
import { loadInputLocales, loadMessageCatalogue, loadReviewLocales } from './app/load-locales.js';
import { createTranslators } from './render/i18n/translator.js';
import { createMessagePresenter } from './slack/message-presenter.js';
import { ReaderLanguages } from './slack/reader-languages.js';
import { Voice } from './slack/voice.js';
import { OutboxWorker, type OutboxTimers } from './app/outbox-worker.js';
import { randomPlanId } from './app/plan-id.js';
import type { PlanRecord } from './app/plan-record.js';
import { PlanService } from './app/plan-service.js';
import { APP_NOT_INSTALLED, systemClock, type Clock, type Logger } from './app/ports.js';
import { createRenderer } from './render/renderer.js';
import { checkedAtBuild } from './app/build-checked.js';
import { ListenerRouter } from './slack/listeners/listener-router.js';
import { registerImcCommand } from './slack/listeners/imc-command.js';
import { registerPlanActions } from './slack/listeners/plan-actions.js';
import { registerThreadReplies } from './slack/listeners/thread-replies.js';
import { createWebMessenger } from './slack/web-messenger.js';
import { openStore, type OpenedStore } from './store/open-store.js';
import type { JournalFiles } from './store/file/journal-files.js';
import type { PlanStore } from './store/plan-store.js';
import { planRecordProblems } from './app/plan-record-schema.js';
import { DurableHttpReceiver } from './slack/receivers/durable-http-receiver.js';
import { DurableSocketModeReceiver } from './slack/receivers/durable-socket-mode-receiver.js';
import { StartupError } from './startup-error.js';
import { createWebSurfaces } from './slack/web-surfaces.js';
import { BUDGET_CHART_EFFECT, budgetChartEffect } from './slack/budget-chart-effect.js';
import { observeSaves } from './store/observe-saves.js';
import { HomeService } from './app/home-service.js';
import { registerHomeTab } from './slack/listeners/home-tab.js';
import { registerMessageShortcut } from './slack/listeners/message-shortcut.js';
import { CANVAS_EFFECT, CanvasService } from './app/canvas-service.js';
import { canvasEffect } from './slack/canvas-effect.js';
import { registerCanvasActions } from './slack/listeners/canvas-actions.js';
import { registerEditModal } from './slack/listeners/edit-modal.js';
import { EditService } from './app/edit-service.js';
import { homeViewBlocks } from './slack/blocks/home-view.js';
import { fixedToken, slackClients, workspaceToken } from './slack/slack-clients.js';
import { ThreadPoster } from './slack/poster/thread-poster.js';
import { CachedInstallationStore } from './slack/oauth/bolt-installation-store.js';
import { createInstallRoutes } from './slack/oauth/install-routes.js';
import { registerUninstall } from './slack/listeners/uninstall.js';
import { currentWorkspace, inWorkspace } from './app/workspace-context.js';

export interface BotOptions {
  /** The folder of the locale files (default: locales/ beside prompts/); tests point it at a broken copy. */
  localesDir?: string;
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
  /** How long `auth.test` and opening the Socket Mode connection may take at start, in ms (default 15 s). */
  startTimeoutMs?: number;
  /** Socket Mode: the client's ping timeout, which also spaces its reconnects (default 5 s; tests use less). */
  socketPingTimeoutMs?: number;
  /** How the store's journal reaches the disk (tests inject a full disk). */
  journalFiles?: JournalFiles;
  /** The outbox's time and timers (tests skip minutes of Retry-After with manual ones). */
  outboxTimers?: OutboxTimers;
  /** How long an instance's claim on a plan's outbox lasts unless renewed (default IMC_LEASE_SECONDS; reminders get four times as long). */
  leaseMs?: number;
  /** How often the outboxes are looked at for work another instance left (default 5 s). */
  outboxPollMs?: number;
  /** Installed in many workspaces: how long a fetched installation is trusted (default 30 s). */
  installationCacheMs?: number;
}

export interface Bot {
  app: App;
  store: PlanStore<PlanRecord>;
  /** The app's installations, when it is installed in many workspaces (OAuth); undefined with one SLACK_BOT_TOKEN. */
  installations: CachedInstallationStore | undefined;
  /** What receives Slack's requests: HTTP, or Socket Mode. */
  receiver: DurableHttpReceiver | DurableSocketModeReceiver;
  plans: PlanService;
  commands: CommandService;
  approvals: ApprovalService;
  reminders: ReminderService;
  reviews: ReviewService;
  outbox: OutboxWorker;
  /** The thread the Web API calls are made on (IMC_SLACK_CALLS=thread); undefined with IMC_SLACK_CALLS=main. */
  posterThread: ThreadPoster | undefined;
  home: HomeService;
  canvases: CanvasService;
  logger: Logger;
  /**
   * Listens on PORT/HOST (`/healthz` says 503 meanwhile), checks the token with
   * `auth.test`, resumes the outboxes, then takes Slack's requests (HTTP) or opens
   * the Socket Mode connection. Resolves with the port `/healthz` (and in HTTP mode
   * `/slack/events`) is served on. Rejects with a StartupError, everything closed again.
   */
  start(): Promise<{ port: number }>;
  /** Waits until queued Slack messages are sent and approvals derived (tests). */
  idle(): Promise<void>;
  /** Sends the review reminders that are due now (also runs every minute). */
  tick(): Promise<number>;
  /**
   * Stops taking requests, lets those under way finish, and closes the store. Slack
   * calls still hanging after `graceMs` are abandoned: their messages stay queued on
   * disk and go out after the next start.
   */
  stop(graceMs?: number): Promise<void>;
}

/** How long after start-up the templates are loaded, if no message has needed them yet (off the way to healthy). */
const WARM_AFTER_MS = 1_000;

/** Where Slack's Web API is when SLACK_API_URL does not say (the client's default). */
const SLACK_API_URL = 'https://slack.com/api/';

const BOLT_LEVELS: Record<Level, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

/** Creates the bot; opening the store checks every data file first. */
export async function createBot(config: Config, options: BotOptions = {}): Promise<Bot> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, redact: (text) => redact(text, config) });
  const clock = options.clock ?? systemClock;
  // The shipped files, unedited, under the bundle that the build checked them with: what only they decide is not checked again.
  const built = options.localesDir === undefined && checkedAtBuild();
  const checks = { examples: !built };
  const script = loadInputLocales(loadScript(undefined, undefined, checks), options.localesDir, checks);
  // Every word the bot says, checked against English before anything opens: a gap stops the start, naming the key.
  const catalogue = loadMessageCatalogue(options.localesDir, { againstEnglish: !built });
  const reviewScript = loadReviewLocales(loadReviewScript(), options.localesDir, undefined, script, catalogue);
  const renderer = createRenderer(undefined, { checkedAtBuild: built });
  const translators = createTranslators(catalogue, scriptWordLookup(script));
  let home: HomeService | undefined;
  const opened = await openStore<PlanRecord>(config, {
    logger,
    validateRecord: planRecordProblems,
    ...(options.journalFiles ? { journalFiles: options.journalFiles } : {}),
  });
  // Every save tells the App Home, which refreshes the Homes it concerns (later, never on the save's path).
  const store = observeSaves(opened.store, (record) => home?.noteSaved(record));
  reportOpen(opened, logger);
  const boltLogger = toBoltLogger(logger);
  const clientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...(options.slackRetries !== undefined ? { retryConfig: { retries: options.slackRetries } } : {}),
    timeout: options.slackTimeoutMs ?? 10_000,
    // A 429 comes back to the caller with its Retry-After instead of pausing every call
    // of the workspace: the outbox holds only the channel that was limited.
    rejectRateLimitedCalls: true,
    logger: boltLogger as never,
  };
  // Our own client, so the token is checked (auth.test) when and how start() decides,
  // not in Bolt's constructor, where a revoked token became an unhandled rejection.
  // Installed in many workspaces (OAuth), each call picks its workspace's token instead.
  const client = new webApi.WebClient(config.botToken, clientOptions);
  const installations = config.oauth
    ? new CachedInstallationStore(store, { ...(options.installationCacheMs !== undefined ? { ttlMs: options.installationCacheMs } : {}) })
    : undefined;
  // Posts are sent once per try: the outbox, which can check Slack for a post that may have
  // gone through, does the retrying, never the client on its own.
  const postOptions = { ...clientOptions, retryConfig: { retries: 0 } };
  // The outbox's calls (and the surfaces') leave the acknowledging event loop: a thread of their own makes them.
  const posterThread = config.slackCalls === 'thread' ? new ThreadPoster({ baseUrl: config.slackApiUrl ?? SLACK_API_URL, logger }) : undefined;
  const clients = slackClients({
    tokenFor: installations ? workspaceToken((workspace) => installations.botToken(workspace)) : fixedToken(config.botToken),
    options: clientOptions,
    postOptions,
    ...(posterThread ? { thread: posterThread } : {}),
  });
  const identity = { botUserId: options.botUserId, botId: options.botId };
  const receiver = config.socketMode
    ? new DurableSocketModeReceiver({
        appToken: config.appToken as string,
        logger,
        clientLogger: boltLogger,
        clientOptions: { ...clientOptions, ...(options.slackRetries !== undefined ? {} : { retryConfig: { retries: 10, factor: 1.3 } }) },
        ...(options.socketPingTimeoutMs ? { pingTimeoutMs: options.socketPingTimeoutMs } : {}),
      })
    : new DurableHttpReceiver({ signingSecret: config.signingSecret, logger });
  // /healthz says 503 while the database does not answer (the file store always does while open).
  receiver.endpoint.dependencies = () => store.check();
  if (config.oauth && installations) {
    receiver.endpoint.installRoutes = createInstallRoutes({
      oauth: config.oauth,
      installationStore: installations,
      logger,
      boltLogger,
      clientOptions,
      ...(config.slackApiUrl ? { authorizationUrl: new URL('../oauth/v2/authorize', config.slackApiUrl).toString() } : {}),
    });
  }
  const installer = installations && config.oauth ? installerAuthorize(installations) : undefined;
  const app = new App({
    receiver,
    authorize: installer ?? (async () => ({ botToken: config.botToken, botUserId: identity.botUserId, botId: identity.botId })),
    convoStore: false,
    logger: boltLogger as never,
    logLevel: BOLT_LEVELS[config.logLevel],
    clientOptions,
  });
  // Every listener runs for its workspace: the messenger's calls use that workspace's token.
  app.use(async ({ context, next }) => {
    const teamId = context.teamId ?? '';
    await inWorkspace(
      {
        teamId,
        ...(context.enterpriseId ? { enterpriseId: context.enterpriseId } : {}),
        ...(context.isEnterpriseInstall ? { isEnterpriseInstall: true } : {}),
        ...(context.botUserId ? { botUserId: context.botUserId } : {}),
      },
      () => next(),
    );
  });
  const messenger = createWebMessenger(clients);
  // A person's Slack locale is asked with the token of the workspace the current work is for, as every other call.
  const languages = new ReaderLanguages({
    lookupLocale: (userId) => messenger.userLocale(userId),
    channelLanguage: async (teamId, channelId) => (await store.settings.get(teamId, channelId)).language,
    defaultLanguage: config.language,
    logger,
  });
  const presenter = createMessagePresenter({ translators, languages, script, reviewScript, renderer });
  // The canvas and the chart are the channel's, in its language, as its posts are.
  const channelTranslator = async (record: { teamId: string; channelId: string }) => translators.for(await languages.channel(record.teamId, record.channelId));
  const voice = new Voice({ translators, languages, script, reviewScript, renderer });
  const outbox = new OutboxWorker({
    store,
    messenger,
    presenter,
    logger,
    leaseMs: options.leaseMs ?? config.leaseMs,
    ...(options.outboxRetryDelaysMs ? { retryDelaysMs: options.outboxRetryDelaysMs } : {}),
    ...(options.outboxTimers ? { timers: options.outboxTimers } : {}),
  });
  const defaults = {
    approveEmoji: config.approveEmoji,
    rejectEmoji: config.rejectEmoji,
    approvalsNeeded: config.approvalsNeeded,
    authorCanApprove: config.authorCanApprove,
  };
  const surfaces = createWebSurfaces(clients, options.slackTimeoutMs ?? 10_000);
  // The bars and the canvas name a catalogue channel in the channel's language, as the posts do.
  const planIn = (plan: Plan, language: Language): Plan => channelsInReaderWords(plan, script.catalogue, scriptIn(script, language).catalogue);
  outbox.registerEffect(BUDGET_CHART_EFFECT, budgetChartEffect({ mode: config.budgetChart, presenter, messenger, surfaces, logger, translatorOf: channelTranslator, planIn }));
  outbox.registerEffect(CANVAS_EFFECT, canvasEffect(surfaces, logger, (language) => scriptIn(script, language).labels, channelTranslator, planIn));
  let approvals: ApprovalService | undefined;
  let reviews: ReviewService | undefined;
  const plans = new PlanService({
    store,
    outbox,
    clock,
    logger,
    script,
    timeZone: config.timeZone,
    newId: options.newId ?? randomPlanId,
    approvalHint: async (record) => approvals?.statusLine(record),
    approvalPolicy: async (record) => (approvals ? approvals.policyFor(record.teamId, record.channelId) : defaults),
    carryReminders: (reminders, previous, reviewDate) =>
      remindersForNewVersion(reminders, previous, reviewDate, { timeZone: config.timeZone, hour: config.reviewHour }),
    suggestionsFor: async (teamId, channelId) => (reviews ? reviews.suggestionsFor(teamId, channelId) : {}),
    carriedFor: async (teamId, channelId) => reviews?.carriedFor(teamId, channelId),
  });
  const canvases = new CanvasService({ plans });
  approvals = new ApprovalService({
    store,
    plans,
    messenger,
    settings: store.settings,
    defaults,
    defaultLanguage: config.language,
    clock,
    logger,
    timeZone: config.timeZone,
    reviewHour: config.reviewHour,
    botUserId: () => currentWorkspace()?.botUserId ?? identity.botUserId,
    onApproved: (record) => canvases.onApproved(record),
    admins: config.admins,
  });
  const approvalService = approvals;
  reviews = new ReviewService({
    store,
    script: reviewScript,
    plans,
    messenger,
    clock,
    logger,
    timeZone: config.timeZone,
    ...(script.words ? { words: script.words } : {}),
  });
  const reviewService = reviews;
  plans.reviewActions = (planId, userId, action, key) => reviewService.handleAction(planId, userId, action, key);
  const reminders = new ReminderService({
    store,
    plans,
    messenger,
    presenter,
    clock,
    logger,
    timeZone: config.timeZone,
    reviewHour: config.reviewHour,
    leaseMs: (options.leaseMs ?? config.leaseMs) * 4,
  });
  const commands = new CommandService({ store, plans, script, clock, extra: [loopCommands(reviewService, reminders, approvalService)] });

  home = new HomeService({
    store,
    surfaces,
    messenger,
    clock,
    logger,
    policy: (teamId, channelId) => approvalService.policyFor(teamId, channelId),
    languageOf: (_teamId, userId) => languages.person(userId, config.language, 2_000),
    render: (model, linkFor, language) => homeViewBlocks(model, { linkFor, t: translators.for(language) }),
  });
  const homeService = home;

  // Registered on one router that gives Bolt a listener per kind of request (see listener-router.ts).
  const listeners = new ListenerRouter();
  registerImcCommand(listeners, commands, voice, store.keys, logger);
  registerHomeTab(listeners, { home: homeService, reviews: reviewService, approvals: approvalService }, voice, logger);
  registerMessageShortcut(listeners, plans, voice, logger);
  registerCanvasActions(listeners, canvases, voice, logger);
  registerPlanActions(listeners, plans, voice, logger);
  registerDraftActions(listeners, { plans, reviews: reviewService, approvals: approvalService }, voice, logger);
  registerEditModal(listeners, { plans, edits: new EditService({ store, plans, script, clock, logger }), surfaces }, voice, logger);
  registerReactions(listeners, approvals);
  if (installations) registerUninstall(listeners, { installations, store, outbox, logger });
  registerThreadReplies(listeners, [(reply) => plans.handleThreadReply(reply), (reply) => reviewService.handleThreadReply(reply)], voice, store.keys, logger);
  listeners.mount(app);
  app.error(async (error) => {
    const e = error as Error & { code?: string; original?: { code?: string } };
    if (e.code === 'slack_bolt_authorization_error' && e.original?.code === APP_NOT_INSTALLED) {
      // A workspace without an installation (uninstalled, or not yet installed): nothing is answered for it, and
      // Slack need not try again. (A store that does not answer is not this: that request is not acknowledged.)
      logger.warn('a request came from a workspace where the app is not installed; not answered');
      return;
    }
    logger.error('a listener failed; the request is not acknowledged', { code: e.code, cause: e.original?.code, message: e.message });
    // Rethrown, so the receiver knows not to acknowledge: Slack redelivers, nothing half-done is confirmed.
    throw error;
  });

  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  return {
    app,
    store,
    installations,
    receiver,
    plans,
    commands,
    approvals,
    reminders,
    reviews,
    outbox,
    posterThread,
    home: homeService,
    canvases,
    logger,
    async start() {
      try {
        const port = await receiver.endpoint.listen(config.port, options.host ?? config.host);
        // Installed in many workspaces, each installation names its own bot (checked by the OAuth flow's auth.test).
        if (!config.oauth && (!identity.botUserId || !identity.botId)) Object.assign(identity, await checkBotToken(client, config.slackApiUrl, startTimeoutMs));
        // Looked at often enough that work left by a dead instance is taken over soon after its lease runs out.
        const resumed = await outbox.start(options.outboxPollMs ?? Math.min(5_000, Math.max(500, (options.leaseMs ?? config.leaseMs) / 4)));
        const rederived = await approvals.rederiveAll();
        if (receiver instanceof DurableSocketModeReceiver) await withTimeout(receiver.open(), startTimeoutMs, socketTimeout(startTimeoutMs));
        else receiver.open();
        reminders.start(options.reminderIntervalMs ?? 60_000);
        logger.info('imc-bot started', { mode: config.socketMode ? 'socket' : 'http', workspaces: config.oauth ? 'many (OAuth)' : 'one', port, store: opened.describe, resumedOutboxes: resumed, approvalsUpdated: rederived, examplesAndTemplates: built ? 'checked by the build' : 'checked at start' });
        // Templates not loaded at start (checked at build) are loaded soon after, unless the first message needed one sooner.
        setTimeout(() => renderer.warm(), WARM_AFTER_MS).unref();
        return { port };
      } catch (error) {
        await receiver.stop(0).catch(() => undefined);
        outbox.stop().catch(() => undefined);
        await posterThread?.stop();
        await store.close().catch(() => undefined);
        throw error;
      }
    },
    async idle() {
      await approvals.idle();
      await outbox.idle();
      await approvals.idle();
      await outbox.idle();
      await homeService.idle();
    },
    tick: () => reminders.tick(),
    async stop(graceMs = 5_000) {
      reminders.stop();
      await receiver.stop(Math.min(graceMs, 2_000)).catch(() => undefined);
      // Slack calls that hang past the grace period are abandoned; what they were sending stays in the outbox on disk.
      const settled = await withTimeout(
        (async () => {
          await approvals.stop();
          await outbox.stop();
          await homeService.stop();
          return true;
        })(),
        graceMs,
        undefined,
      ).catch(() => false);
      if (!settled) {
        logger.warn('stopped with Slack calls still under way; their messages stay queued and are sent after the next start (or by another instance)');
        await outbox.releaseAll();
      }
      await posterThread?.stop();
      await store.close();
    },
  };
}

/**
 * Bolt's `authorize` over the installations: the workspace's own, or its organisation's
 * for an org-wide install (the same look-up as Bolt's InstallProvider.authorize, with
 * the cache in front; token rotation stays off).
 */
function installerAuthorize(installations: CachedInstallationStore) {
  return async (source: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean; userId?: string; conversationId?: string }) => {
    const installation = await installations.fetchInstallation(source as never);
    return {
      ...(installation.bot ? { botToken: installation.bot.token, botId: installation.bot.id, botUserId: installation.bot.userId } : {}),
      ...(installation.user?.token ? { userToken: installation.user.token } : {}),
      teamId: installation.team?.id ?? source.teamId,
      enterpriseId: installation.enterprise?.id ?? source.enterpriseId,
    };
  };
}

/** Logs what opening the file store found that the operator should know about. */
function reportOpen(opened: OpenedStore<PlanRecord>, logger: Logger): void {
  const summary = opened.openSummary;
  if (!summary) return;
  for (const tail of summary.tornTails) {
    logger.warn('a journal ended in a half-written line (the process stopped mid-write); it was never acknowledged and was cut off', { path: tail.path, bytes: tail.bytes });
  }
  for (const missing of summary.missingPlans) {
    if (missing.restoredFromJournal) logger.warn('a plan file was missing; it was written again from the journal', { planId: missing.id, path: missing.path });
    else {
      logger.warn('a plan file was deleted outside the bot: the index still named it, and that plan is gone. Restore the file from a backup to bring it back', {
        planId: missing.id,
        path: missing.path,
        title: missing.title,
      });
    }
  }
}

const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type', 'team_disabled']);

/** Runs `auth.test`: the bot's ids, or a StartupError naming SLACK_BOT_TOKEN (refused) or the network (no answer). */
async function checkBotToken(client: webApi.WebClient, slackApiUrl: string | undefined, timeoutMs: number): Promise<{ botUserId: string; botId: string }> {
  const where = slackApiUrl ? ` at ${slackApiUrl}` : '';
  let result: Awaited<ReturnType<webApi.WebClient['auth']['test']>>;
  try {
    result = await withTimeout(
      client.auth.test(),
      timeoutMs,
      new StartupError(`Slack${where} did not answer auth.test within ${Math.round(timeoutMs / 1000)} s. Check the network (and SLACK_API_URL, if set), then start again.`, 'SLACK_UNREACHABLE'),
    );
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code && TOKEN_REFUSED.has(code)) {
      throw new StartupError(
        `Slack refused SLACK_BOT_TOKEN (${code}): the token was revoked, the app uninstalled, or it is not a bot token. Reinstall the app under "Install App" and set SLACK_BOT_TOKEN to the new Bot User OAuth Token (xoxb-…).`,
        'SLACK_AUTH_FAILED',
        { cause: error },
      );
    }
    throw new StartupError(`auth.test failed (${code ?? (error as { code?: string }).code ?? String(error)}). Check SLACK_BOT_TOKEN and the network, then start again.`, 'SLACK_UNREACHABLE', { cause: error });
  }
  if (!result.user_id || !result.bot_id) {
    throw new StartupError('auth.test did not name a bot user: SLACK_BOT_TOKEN must be a Bot User OAuth Token (xoxb-…).', 'SLACK_AUTH_FAILED');
  }
  return { botUserId: result.user_id, botId: result.bot_id };
}

function socketTimeout(timeoutMs: number): StartupError {
  return new StartupError(`Slack did not open the Socket Mode connection within ${Math.round(timeoutMs / 1000)} s. Check the network and SLACK_APP_TOKEN, then start again.`, 'SOCKET_MODE_FAILED');
}

/** `work`, or `onTimeout` (rejected if an Error, resolved otherwise) once `ms` have passed. */
async function withTimeout<T, U>(work: Promise<T>, ms: number, onTimeout: U): Promise<T | (U extends Error ? never : U)> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<U extends Error ? never : U>((resolve, reject) => {
    timer = setTimeout(() => (onTimeout instanceof Error ? reject(onTimeout) : resolve(onTimeout as U extends Error ? never : U)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

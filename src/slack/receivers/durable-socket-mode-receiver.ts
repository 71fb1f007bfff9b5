/**
 * Socket Mode, with the acknowledgement after the listeners. Bolt's own Socket Mode
 * receiver sends the ack the moment `ack()` is called, and Bolt calls it for Events
 * API envelopes before the listener even runs, so a thread reply was acknowledged
 * before its answer was saved (and `processBeforeResponse` is HTTP only). Here the
 * envelope is acknowledged once every listener is done, which for this bot means
 * once the answer is in the journal: a few milliseconds, well inside Slack's 3 s.
 * A listener that fails leaves the envelope unacknowledged, so Slack redelivers it
 * (`retry_attempt`), and the services' dedupe keys apply it once.
 *
 * The WebSocket itself (`apps.connections.open`, hello, pings, `disconnect` and
 * reconnecting) is @slack/socket-mode's. `/healthz` is served on PORT/HOST.
 */
import type { App, Receiver } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from '../../app/ports.js';
import { StartupError } from '../../startup-error.js';
import { checkSlackBody } from './check-slack-body.js';
import { dispatchDurably } from './dispatch-durably.js';
import { HttpEndpoint } from './http-endpoint.js';
import { InFlight } from './in-flight.js';

const ENVELOPE_TYPES = new Set(['events_api', 'interactive', 'slash_commands']);
const SLOW_MS = 2_500;
/** Values in an envelope that must never reach a log: single-use or reply-anywhere URLs and ids. */
const ENVELOPE_SECRETS = /"(trigger_id|response_url|token)":"[^"]*"/g;
/** Errors of `apps.connections.open` that mean the app-level token is not usable. */
const BAD_APP_TOKEN = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'not_allowed_token_type', 'missing_scope']);

export interface DurableSocketModeReceiverOptions {
  appToken: string;
  logger: Logger;
  /** The logger in the shape @slack/socket-mode wants. */
  clientLogger: unknown;
  /** Web API options for `apps.connections.open` (base URL, retries, timeout). */
  clientOptions: Record<string, unknown>;
  /** Waits before reconnecting grow in steps of this (the client's ping timeout; default 5 s). */
  pingTimeoutMs?: number;
}

/** What @slack/socket-mode hands to `slack_event` listeners. */
interface SlackEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id?: string;
  type?: string;
  body?: unknown;
  retry_num?: number;
  retry_reason?: string;
}

export class DurableSocketModeReceiver implements Receiver {
  readonly endpoint: HttpEndpoint;
  readonly client: SocketModeClient;
  #app: App | undefined;
  readonly #inFlight = new InFlight();
  #open = false;
  /** While the first connection is opened, failures are reported once, by `open()`'s error, not by the client too. */
  #opening = false;

  constructor(private readonly options: DurableSocketModeReceiverOptions) {
    this.endpoint = new HttpEndpoint({ logger: options.logger });
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: this.#quietWhileOpening(options.clientLogger) as never,
      clientOptions: options.clientOptions as never,
      ...(options.pingTimeoutMs ? { clientPingTimeout: options.pingTimeoutMs } : {}),
    });
    // While the socket is down (Slack asked for a reconnect, or the network cut it) nothing can arrive: /healthz says so.
    this.client.on('close', () => {
      if (this.#open) this.endpoint.readiness = 'reconnecting';
    });
    this.client.on('connected', () => {
      if (this.#open) this.endpoint.readiness = 'ready';
    });
    this.client.on('slack_event', (args: SlackEventArgs) =>
      this.#inFlight.track(this.#handle(args), (error) => options.logger.error('could not handle a Socket Mode envelope', { error: String(error) })),
    );
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Bolt's `app.start()`: health endpoint, then the connection. */
  async start(port = 0, host?: string): Promise<number> {
    const listening = await this.endpoint.listen(port, host);
    await this.open();
    return listening;
  }

  /** Opens the WebSocket (resolves on Slack's hello); from then on envelopes are handled. */
  async open(): Promise<void> {
    this.#opening = true;
    try {
      await this.client.start();
    } catch (error) {
      throw connectError(error);
    } finally {
      this.#opening = false;
    }
    this.#open = true;
    this.endpoint.readiness = 'ready';
  }

  /** Stops taking envelopes (those under way get `graceMs` to finish) and closes the connection and the endpoint. */
  async stop(graceMs = 2_000): Promise<void> {
    this.endpoint.readiness = 'stopping';
    this.#open = false;
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    await Promise.race([this.client.disconnect(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    await this.endpoint.close(graceMs);
  }

  /** Resolves when every envelope under way has been handled. */
  idle(): Promise<void> {
    return this.#inFlight.idle();
  }

  /**
   * The client's logger, adjusted: its debug lines quote whole envelopes, so the
   * trigger_id and response_url in them are blanked; and while the first connection
   * is opened its failures are left to `open()`'s one error.
   */
  #quietWhileOpening(logger: unknown): unknown {
    const inner = logger as Record<'debug' | 'info' | 'warn' | 'error', (...parts: unknown[]) => void>;
    const clean = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part.replace(ENVELOPE_SECRETS, '"$1":"[redacted]"') : part));
    const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) =>
      (this.#opening && (level === 'warn' || level === 'error') ? inner.debug : inner[level])(...clean(parts));
    return { ...inner, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  }

  async #handle({ ack, type, body, retry_num, retry_reason }: SlackEventArgs): Promise<void> {
    const { logger } = this.options;
    if (!this.#open || !this.#app) return; // not acknowledged: Slack delivers it again, to this or another connection
    const checked = ENVELOPE_TYPES.has(type ?? '') ? checkSlackBody(body) : ({ kind: 'refuse', reason: `an envelope of type ${JSON.stringify(String(type).slice(0, 40))}` } as const);
    if (checked.kind !== 'dispatch') {
      if (checked.kind === 'refuse') logger.warn('dropped a Socket Mode envelope that is not what Slack sends', { reason: checked.reason });
      await ack().catch(() => undefined); // acknowledged so it is not redelivered; nothing was changed
      return;
    }
    const started = performance.now();
    const outcome = await dispatchDurably(this.#app, checked.body, {
      ...(typeof retry_num === 'number' ? { retryNum: retry_num } : {}),
      ...(typeof retry_reason === 'string' && retry_reason !== '' ? { retryReason: retry_reason } : {}),
    });
    const elapsedMs = Math.round(performance.now() - started);
    if (elapsedMs > SLOW_MS) logger.warn('a Socket Mode envelope took longer than Slack waits', { elapsedMs });
    if (outcome.kind === 'failed') {
      logger.warn('an envelope was not acknowledged because handling it failed', { type, code: (outcome.error as { code?: string })?.code });
      return;
    }
    const response = outcome.response;
    const payload = response === undefined || response === '' ? undefined : typeof response === 'string' ? { text: response } : (response as Record<string, unknown>);
    try {
      await ack(payload);
    } catch (error) {
      // The socket closed meanwhile. The answer is saved; Slack redelivers and the dedupe keys skip it.
      logger.info('could not acknowledge an envelope (the connection closed); Slack will deliver it again', { type, error: String(error) });
    }
  }
}

function connectError(error: unknown): Error {
  const code = (error as { data?: { error?: string }; code?: string })?.data?.error;
  if (code && BAD_APP_TOKEN.has(code)) {
    return new StartupError(
      `Slack refused SLACK_APP_TOKEN (${code}). Create an app-level token with the connections:write scope under Basic Information > App-Level Tokens and set SLACK_APP_TOKEN to it (it starts with "xapp-").`,
      'SLACK_AUTH_FAILED',
      { cause: error },
    );
  }
  const reason = code ?? (error as { code?: string })?.code ?? (error as Error)?.message ?? String(error);
  return new StartupError(`Could not open the Socket Mode connection to Slack (${reason}). Check the network and SLACK_APP_TOKEN, then start again.`, 'SOCKET_MODE_FAILED', { cause: error });
}

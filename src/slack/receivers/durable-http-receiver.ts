/**
 * Slack's HTTP requests (`POST /slack/events`), answered only after the listeners
 * are done: an acknowledged answer is on disk. Bolt's own HTTP receiver could do
 * that part (`processBeforeResponse`), but it dies on a signed `null` body, accepts
 * timestamps from the future and answers 200 after a listener failed; this one
 * checks the signature both ways in time, checks the body's shape before Bolt sees
 * it (4xx for anything Slack would not send) and answers 500 when a listener failed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver } from '@slack/bolt';
import type { Logger } from '../../app/ports.js';
import { checkSlackBody } from './check-slack-body.js';
import { dispatchDurably, type DispatchOutcome } from './dispatch-durably.js';
import { HttpEndpoint } from './http-endpoint.js';
import { InFlight } from './in-flight.js';
import { checkSlackSignature } from './verify-slack-signature.js';
import { readBody } from './read-body.js';

/** Bodies larger than this are refused (413): Slack's are a few kB. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Slack gives up after 3 s; a request still being handled by then is logged. */
const SLOW_MS = 2_500;

export interface DurableHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Clock in ms for the signature's freshness (tests). */
  now?: () => number;
}

export class DurableHttpReceiver implements Receiver {
  readonly endpoint: HttpEndpoint;
  #app: App | undefined;
  readonly #inFlight = new InFlight();

  constructor(private readonly options: DurableHttpReceiverOptions) {
    this.endpoint = new HttpEndpoint({
      logger: options.logger,
      onSlackRequest: (req, res) =>
        this.#inFlight.track(this.#handle(req, res), (error) => {
          options.logger.error('could not answer a Slack request', { error: String(error) });
          answer(res, 500);
        }),
    });
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Bolt's `app.start()`; the bot calls `endpoint.listen` and `open` itself. */
  async start(port = 0, host?: string): Promise<number> {
    const listening = await this.endpoint.listen(port, host);
    this.open();
    return listening;
  }

  /** From now on Slack's requests are handled (and `/healthz` says 200). */
  open(): void {
    this.endpoint.readiness = 'ready';
  }

  /** Stops taking requests; those under way get `graceMs` to finish. */
  async stop(graceMs = 2_000): Promise<void> {
    await this.endpoint.close(graceMs);
  }

  /** Resolves when every request under way has been answered. */
  idle(): Promise<void> {
    return this.#inFlight.idle();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    const raw = await readBody(req, BODY_LIMIT_BYTES);
    if (raw === undefined) return answer(res, 413);
    // Slack's SSL check of a command URL comes unsigned; it is answered and nothing else in it is looked at.
    if (isSslCheck(raw, header(req, 'content-type'))) return answer(res, 200);
    const problem = checkSlackSignature(
      this.options.signingSecret,
      { timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature') },
      raw,
      Math.floor((this.options.now ?? Date.now)() / 1000),
    );
    if (problem) {
      logger.warn('refused a request not signed by Slack', { reason: problem });
      return answer(res, 401);
    }
    const parsed = parseBody(raw, header(req, 'content-type'));
    if (parsed === undefined) {
      logger.warn('refused a signed request whose body is not JSON or a form');
      return answer(res, 400);
    }
    const checked = checkSlackBody(parsed);
    switch (checked.kind) {
      case 'refuse':
        logger.warn('refused a signed request that is not what Slack sends', { reason: checked.reason });
        return answer(res, 400);
      case 'ignore':
        return answer(res, 200);
      case 'url_verification':
        return answer(res, 200, { challenge: checked.challenge });
      case 'dispatch':
        break;
    }
    if (!this.#app) return answer(res, 503);
    const started = performance.now();
    const retryNum = header(req, 'x-slack-retry-num');
    const retryReason = header(req, 'x-slack-retry-reason');
    const outcome = await dispatchDurably(this.#app, checked.body, {
      ...(retryNum && /^\d{1,3}$/.test(retryNum) ? { retryNum: Number(retryNum) } : {}),
      ...(retryReason ? { retryReason: retryReason.slice(0, 100) } : {}),
    });
    const elapsedMs = Math.round(performance.now() - started);
    if (elapsedMs > SLOW_MS) logger.warn('a Slack request took longer than Slack waits', { elapsedMs });
    respond(res, outcome, logger);
  }
}

function respond(res: ServerResponse, outcome: DispatchOutcome, logger: Logger): void {
  if (outcome.kind === 'failed') {
    // Not acknowledged: Slack redelivers an event; a person who clicked sees that it failed.
    logger.warn('a request was not acknowledged because handling it failed', { code: (outcome.error as { code?: string })?.code });
    answer(res, 500);
    return;
  }
  if (outcome.response === undefined || outcome.response === '') answer(res, 200);
  else if (typeof outcome.response === 'string') answer(res, 200, outcome.response);
  else answer(res, 200, outcome.response);
}

function answer(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status);
    res.end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded' && parseQuery(raw.toString('utf8')).ssl_check === '1';
}

/** The parsed body: JSON, or a form whose `payload` field (interactivity) is JSON; undefined when unreadable. */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') {
      const form = parseQuery(raw.toString('utf8'));
      if (typeof form.payload === 'string') return JSON.parse(form.payload) as unknown;
      if (form.payload !== undefined) return undefined;
      // A form field given twice arrives as an array: not what Slack sends.
      return Object.values(form).every((value) => typeof value === 'string') ? { ...form } : undefined;
    }
    if (type === 'application/json') return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
  return undefined;
}


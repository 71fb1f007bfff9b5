/**
 * A lean Slack Web API caller: node:http/https with one keep-alive agent, the bot token
 * per call, the arguments form-encoded as `@slack/web-api` sends them (objects as JSON
 * text), and its failures described in the shapes that client's errors have, so
 * `toSlackCallError` maps both alike. It is what the poster thread runs (see
 * `poster-thread.ts`): it imports node's own modules only, so the thread costs a few MB,
 * not a second copy of Bolt and the Slack SDK.
 *
 * The rules are the bot's Web API client's, as create-bot.ts configures it:
 * - a 429 comes back at once as a rate limit with Slack's Retry-After (seconds), never
 *   waited for here: the outbox holds only the channel that was limited;
 * - any other status than 200, and a request that failed (no answer, a timeout), is
 *   tried again `retries` times on the client's backoff (1 s × 1.97^n, randomised);
 * - a 200 with `ok: false` is Slack's refusal, never retried.
 * Nothing here logs: tokens and message text stay inside the request.
 */
import http from 'node:http';
import https from 'node:https';
import { stringify } from 'node:querystring';

/** One Web API call, as the main thread hands it over. */
export interface ApiRequest {
  /** e.g. `chat.postMessage` */
  method: string;
  args: Record<string, unknown>;
  /** The bot token of the workspace the call is for; sent as `Authorization: Bearer`. */
  token: string | undefined;
  /** How many more tries after a failed request or a status other than 200 and 429. */
  retries: number;
  /** One try's limit, in ms. */
  timeoutMs: number;
  /** Only these top-level fields of Slack's answer are handed back (saves copying a posted message back). */
  keep?: readonly string[];
}

/** A failure, in the shape of `@slack/web-api`'s error of the same kind (what `toSlackCallError` reads). */
export type ApiFailure =
  | { code: 'slack_webapi_platform_error'; data: { error: string } }
  | { code: 'slack_webapi_rate_limited_error'; retryAfter?: number }
  | { code: 'slack_webapi_http_error'; statusCode: number }
  | { code: 'slack_webapi_request_error' };

export type ApiOutcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: ApiFailure };

/** `@slack/web-api`'s default retry policy (tenRetriesInAboutThirtyMinutes): 1 s, × 1.96821 per try, × 1–2 at random. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return 1000 * 1.96821 ** attempt * (1 + random());
}

/** The form fields `@slack/web-api` sends for `args`: objects and arrays as JSON text, undefined and null left out. */
export function formFields(args: Record<string, unknown>): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    fields[key] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
  }
  return fields;
}

/** The body `@slack/web-api` sends (see {@link formFields}); fields already flat are sent as they are. */
export function formBody(args: Record<string, unknown>): string {
  return stringify(formFields(args));
}

export interface LeanWebApiOptions {
  /** The Web API's base, ending in `/` (https://slack.com/api/ or the fake Slack's). */
  baseUrl: string;
  /** Waits between tries (tests pass a short one). */
  sleep?: (ms: number) => Promise<void>;
  delayMs?: (attempt: number) => number;
}

interface RawAnswer {
  status: number;
  retryAfter: string | undefined;
  text: string;
}

/** Makes Web API calls; `destroy` closes the kept-alive connections. */
export class LeanWebApi {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly delayMs: (attempt: number) => number;

  constructor(options: LeanWebApiOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const secure = this.base.protocol === 'https:';
    this.transport = secure ? https : http;
    // An idle connection is closed after 4 s (or sooner when the server's Keep-Alive hint says so), as undici
    // does for the SDK: a request is never sent on a connection the server is about to close. None is ever
    // retried on another connection behind the caller's back: a post that may have arrived is the outbox's to look for.
    const agentOptions = { keepAlive: true, maxSockets: 100, scheduling: 'lifo' as const, timeout: 4_000 };
    this.agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.delayMs = options.delayMs ?? ((attempt) => retryDelayMs(attempt));
  }

  async call(request: ApiRequest): Promise<ApiOutcome> {
    const body = formBody(request.args);
    for (let attempt = 0; ; attempt += 1) {
      const failure = await this.post(request, body).then(
        (answer) => this.judge(answer, request.keep),
        (): ApiOutcome => ({ ok: false, error: { code: 'slack_webapi_request_error' } }),
      );
      const retryable = !failure.ok && (failure.error.code === 'slack_webapi_http_error' || failure.error.code === 'slack_webapi_request_error');
      if (!retryable || attempt >= request.retries) return failure;
      await this.sleep(this.delayMs(attempt));
    }
  }

  destroy(): void {
    this.agent.destroy();
  }

  private judge(answer: RawAnswer, keep: readonly string[] | undefined): ApiOutcome {
    if (answer.status === 429) {
      const seconds = Number.parseInt(answer.retryAfter ?? '', 10);
      return { ok: false, error: { code: 'slack_webapi_rate_limited_error', ...(Number.isNaN(seconds) ? {} : { retryAfter: seconds }) } };
    }
    if (answer.status !== 200) return { ok: false, error: { code: 'slack_webapi_http_error', statusCode: answer.status } };
    let data: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(answer.text);
      data = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { ok: false, error: answer.text };
    } catch {
      // As the SDK does: a body that is not JSON is the error.
      data = { ok: false, error: answer.text };
    }
    if (data.ok !== true) return { ok: false, error: { code: 'slack_webapi_platform_error', data: { error: typeof data.error === 'string' ? data.error : 'unknown_error' } } };
    if (!keep) return { ok: true, result: data };
    const kept: Record<string, unknown> = { ok: true };
    for (const key of keep) if (key in data) kept[key] = data[key];
    return { ok: true, result: kept };
  }

  private post(request: ApiRequest, body: string): Promise<RawAnswer> {
    const url = new URL(request.method, this.base);
    const headers: Record<string, string | number> = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'user-agent': 'imc-bot (lean Web API poster)',
    };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    return new Promise<RawAnswer>((resolve, reject) => {
      const req = this.transport.request(url, { method: 'POST', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
      const timer = setTimeout(() => req.destroy(new Error('timed out')), request.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  }
}

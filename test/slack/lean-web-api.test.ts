/**
 * The lean Web API poster the poster thread runs, against the local fake Slack over
 * real HTTP: the same requests the SDK's client makes (form body, bearer token), the
 * same answers to Slack's faults (a 429 comes back at once with its Retry-After, 5xx and
 * unanswered requests are tried again on the client's backoff, refusals are not), mapped
 * to the same `SlackCallError`s; and the thread around it: calls made there, a thread
 * that dies says so for the calls it had, and nothing it logs carries a token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/create-logger.js';
import { SlackCallError } from '../../src/app/ports.js';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { formBody, LeanWebApi, retryDelayMs, type ApiRequest } from '../../src/slack/poster/lean-web-api.js';
import { PosterThreadGone, ThreadPoster } from '../../src/slack/poster/thread-poster.js';
import { toSlackCallError } from '../../src/slack/slack-call-error.js';

const CHANNEL = 'C0PLANNING';
const TOKEN = 'xoxb-lean-0000-secret-token';

let fake: FakeSlack;
let api: LeanWebApi;
let slept: number[];

beforeEach(async () => {
  fake = await startFakeSlack({ botToken: TOKEN, channels: [{ id: CHANNEL, name: 'campaign-planning', members: ['U0ALICE'] }] });
  slept = [];
  api = new LeanWebApi({ baseUrl: fake.url, sleep: async (ms) => void slept.push(ms) });
});

afterEach(async () => {
  api.destroy();
  await fake.close();
});

const post = (overrides: Partial<ApiRequest> = {}): ApiRequest => ({
  method: 'chat.postMessage',
  args: { channel: CHANNEL, text: 'Plan for *Spring launch*', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Plan for *Spring launch*' } }], unfurl_links: false },
  token: TOKEN,
  retries: 0,
  timeoutMs: 2_000,
  ...overrides,
});

describe('the lean Web API poster', () => {
  it('posts as the bot: the token as a bearer, objects as JSON in a form; only the fields asked for come back', async () => {
    const outcome = await api.call(post({ keep: ['ts'] }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(Object.keys(outcome.result).sort()).toEqual(['ok', 'ts']);
    const message = fake.messages(CHANNEL).at(-1);
    expect(message?.ts).toBe(outcome.result.ts);
    expect(message?.text).toBe('Plan for *Spring launch*');
    expect(message?.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Plan for *Spring launch*' } }]);
    // The token went in the header, not in the body the fake records.
    expect(fake.callsTo('chat.postMessage')[0]?.args).not.toHaveProperty('token');
    const whole = await api.call(post());
    expect(whole.ok && Object.keys(whole.result)).toEqual(expect.arrayContaining(['ok', 'ts', 'channel', 'message']));
  });

  it('encodes the body as the SDK does: undefined and null left out, numbers and booleans as they are', () => {
    const body = new URLSearchParams(formBody({ channel: 'C1', limit: 200, full: true, cursor: undefined, oldest: null, metadata: { event_type: 't', event_payload: { a: 'x&y' } } }));
    expect([...body.keys()]).toEqual(['channel', 'limit', 'full', 'metadata']);
    expect(body.get('limit')).toBe('200');
    expect(body.get('full')).toBe('true');
    expect(JSON.parse(body.get('metadata') ?? '')).toEqual({ event_type: 't', event_payload: { a: 'x&y' } });
  });

  it('gives a 429 back at once with its Retry-After, tried once however many retries are allowed', async () => {
    fake.failNext('chat.update', { status: 429, retryAfter: 7 });
    const outcome = await api.call({ method: 'chat.update', args: { channel: CHANNEL, ts: '1.1', text: 'x' }, token: TOKEN, retries: 5, timeoutMs: 2_000 });
    expect(outcome).toEqual({ ok: false, error: { code: 'slack_webapi_rate_limited_error', retryAfter: 7 } });
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    expect(slept).toEqual([]);
    const error = toSlackCallError(!outcome.ok && outcome.error);
    expect(error).toBeInstanceOf(SlackCallError);
    expect({ code: error.code, retryable: error.retryable, after: error.retryAfterSeconds }).toEqual({ code: 'ratelimited', retryable: true, after: 7 });
  });

  it('tries a server error again on the backoff, as many times as allowed, then says http_500', async () => {
    fake.failNext('chat.postMessage', { status: 500 }, 2);
    const recovered = await api.call(post({ retries: 2 }));
    expect(recovered.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThanOrEqual(1000);
    expect(slept[0]).toBeLessThanOrEqual(2000);
    expect(slept[1]).toBeGreaterThanOrEqual(1968);

    fake.failNext('chat.postMessage', { status: 500 }, 2);
    const failed = await api.call(post({ retries: 1 }));
    expect(failed).toEqual({ ok: false, error: { code: 'slack_webapi_http_error', statusCode: 500 } });
    const error = toSlackCallError(!failed.ok && failed.error);
    expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'http_500', retryable: true });
  });

  it("never retries Slack's refusal, and maps it to Slack's own code", async () => {
    const outcome = await api.call(post({ args: { channel: 'C0NOWHERE', text: 'x' }, retries: 3 }));
    expect(outcome).toEqual({ ok: false, error: { code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } } });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(toSlackCallError(!outcome.ok && outcome.error).code).toBe('channel_not_found');
    const stranger = await api.call(post({ token: 'xoxb-someone-else' }));
    expect(!stranger.ok && stranger.error).toEqual({ code: 'slack_webapi_platform_error', data: { error: 'invalid_auth' } });
  });

  it('a call that does not answer within the timeout fails as request_failed (retryable), after its retries', async () => {
    fake.failNext('chat.update', { delayMs: 1_000 }, 2);
    const outcome = await api.call({ method: 'chat.update', args: { channel: CHANNEL, ts: '1.1', text: 'x' }, token: TOKEN, retries: 1, timeoutMs: 100 });
    expect(outcome).toEqual({ ok: false, error: { code: 'slack_webapi_request_error' } });
    expect(fake.callsTo('chat.update')).toHaveLength(2);
    expect(toSlackCallError(!outcome.ok && outcome.error)).toMatchObject({ code: 'request_failed', retryable: true });
  });

  it('keeps its connection alive: 30 calls one after another open one connection', async () => {
    const before = fake.connections;
    for (let i = 0; i < 30; i += 1) expect((await api.call(post({ keep: ['ts'] }))).ok).toBe(true);
    expect(fake.connections - before).toBe(1);
  });

  it("waits between tries as the SDK's default policy does: 1 s × 1.97^n, × 1–2 at random", () => {
    expect(retryDelayMs(0, () => 0)).toBe(1000);
    expect(retryDelayMs(0, () => 0.999)).toBeCloseTo(1999, 0);
    expect(retryDelayMs(3, () => 0)).toBeCloseTo(1000 * 1.96821 ** 3, 6);
  });
});

describe('the poster thread', () => {
  let logs: string[];
  let thread: ThreadPoster;
  beforeEach(() => {
    logs = [];
    thread = new ThreadPoster({ baseUrl: fake.url, logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }) });
  });
  afterEach(async () => {
    await thread.stop();
  });

  it('hands the blocks and metadata over as JSON text, and Slack gets them as the main thread built them', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Budget: *¥250,000* & 100,000 visits' } }, { type: 'divider' }];
    const metadata = { event_type: 'imc_outbox', event_payload: { plan_id: 'P-AAAAA', item_id: 'i1' } };
    const outcome = await thread.call(post({ args: { channel: CHANNEL, text: 'Budget', blocks, metadata, unfurl_links: false, thread_ts: undefined }, keep: ['ts'] }));
    expect(outcome.ok).toBe(true);
    const message = fake.messages(CHANNEL).at(-1);
    expect(message?.blocks).toEqual(blocks);
    expect(message?.metadata).toEqual(metadata);
  });

  it('starts at the first call, not before, and makes the calls on another thread', async () => {
    expect(thread.thread).toBeUndefined();
    const outcomes = await Promise.all([1, 2, 3].map((n) => thread.call(post({ args: { channel: CHANNEL, text: `message ${n}` }, keep: ['ts'] }))));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(thread.thread?.threadId).toBeGreaterThan(0);
    expect(fake.messages(CHANNEL).map((m) => m.text).sort()).toEqual(['message 1', 'message 2', 'message 3']);
  });

  it('a thread that dies: the call it had fails as in flight, later ones are refused at once, the operator is told, no token logged', async () => {
    expect((await thread.call(post())).ok).toBe(true);
    fake.failNext('chat.postMessage', { accepted: 'hang' });
    const pending = thread.call(post({ timeoutMs: 10_000 }));
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 2);
    await thread.thread?.terminate();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PosterThreadGone);
    expect((error as PosterThreadGone).inFlight).toBe(true);
    expect(thread.usable).toBe(false);
    const refused = await thread.call(post()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PosterThreadGone);
    expect((refused as PosterThreadGone).inFlight).toBe(false);
    expect(logs.some((line) => line.includes('the Slack call thread stopped'))).toBe(true);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });
});

/**
 * What the end-to-end benchmarks share: the real bot on 127.0.0.1 against the
 * local fake Slack, and simulated people who run a plan the way a marketer
 * would (a slash command, then thread replies, buttons and menus), one request
 * at a time, each waiting for the bot's next question like a person would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createBot, type Bot } from '../src/create-bot.js';
import { createLogger } from '../src/app/create-logger.js';
import { startFakeSlack, type FakeMessage, type FakeSlack } from '../src/local-slack/fake-slack-api.js';
import { signSlackRequest } from '../src/local-slack/sign-request.js';
import { createSlackDriver, type DriverResponse, type SlackDriver } from '../src/local-slack/slack-driver.js';
import { TYPED_ANSWERS } from '../test/fixtures/typed-answers.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-bench-0000-token';
export const BOT_USER_ID = 'U0BOT';
export const BOT_ID = 'B0BOT';

/** The kinds of request Slack sends that the ack benchmark reports separately. */
export type RequestKind = 'command' | 'action' | 'message';

/** One request as sent: enough to replay it byte for byte (re-signed) elsewhere. */
export interface SentRequest {
  kind: RequestKind;
  /** what it answered: a question id, `findings` for accepting warnings, or `plan` for the command */
  step: string;
  /** ms since the load started, when it was sent */
  offsetMs: number;
  /** ms the person waited before sending it (after the previous answer was acknowledged and the bot's next question seen) */
  thinkMs: number;
  /** the person's channel */
  channelId: string;
  /** how many Web API calls the fake Slack had received when it was sent (to attribute the bot's calls to requests) */
  callsBefore: number;
  /** the acknowledgement's body */
  responseBody: string;
  body: string;
  contentType: string;
  status: number;
  elapsedMs: number;
}

/** One simulated person: a user with a channel of their own, so their thread is easy to watch. */
export interface Person {
  userId: string;
  channelId: string;
}

/** The n-th person (0-based). */
export function person(n: number): Person {
  const tag = String(n).padStart(5, '0');
  return { userId: `U0P${tag}`, channelId: `C0P${tag}` };
}

/** A fake Slack whose workspace has `people` users, each alone in a channel with the bot. */
export async function startBenchSlack(people: number): Promise<FakeSlack> {
  const everyone = Array.from({ length: people }, (_, n) => person(n));
  return startFakeSlack({
    botToken: BOT_TOKEN,
    botUserId: BOT_USER_ID,
    botId: BOT_ID,
    users: everyone.map((p) => ({ id: p.userId, name: p.userId.toLowerCase(), tz: 'Asia/Shanghai' })),
    channels: everyone.map((p) => ({ id: p.channelId, name: `plan-${p.userId.toLowerCase()}`, members: [p.userId] })),
  });
}

/** The bot as production builds it (HTTP receiver, lowdb store, info logs), with its log lines discarded instead of written. */
export async function startBenchBot(slackApiUrl: string, dataDir: string): Promise<{ bot: Bot; url: string }> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    SLACK_API_URL: slackApiUrl,
    IMC_DATA_DIR: dataDir,
    IMC_TIME_ZONE: 'Asia/Shanghai',
    LOG_LEVEL: 'info',
  });
  const bot = await createBot(config, {
    host: '127.0.0.1',
    botUserId: BOT_USER_ID,
    botId: BOT_ID,
    logger: createLogger({ level: 'info', write: () => undefined }),
  });
  const { port } = await bot.start();
  return { bot, url: `http://127.0.0.1:${String(port)}/slack/events` };
}

/** A running bot, its fake Slack and a driver, torn down by `close`. */
export interface BenchWorld {
  fake: FakeSlack;
  bot: Bot;
  driver: SlackDriver;
  close(): Promise<void>;
}

/** Starts the fake Slack, the bot in a temp data directory and a driver. */
export async function startBenchWorld(people: number): Promise<BenchWorld> {
  const fake = await startBenchSlack(people);
  const dataDir = await mkdtemp(join(tmpdir(), 'imc-bench-'));
  const { bot, url } = await startBenchBot(fake.url, dataDir);
  return {
    fake,
    bot,
    driver: createSlackDriver({ botUrl: url, signingSecret: SIGNING_SECRET, fake }),
    async close() {
      await bot.stop();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends a body the way Slack does (signed now) and times it exactly like the
 * driver does: from just before `fetch` to the end of the response body.
 */
export async function sendSigned(url: string, body: string, contentType: string): Promise<{ status: number; elapsedMs: number }> {
  const signature = signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000));
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...signature }, body });
  await response.text();
  return { status: response.status, elapsedMs: performance.now() - started };
}

/** The body the driver sent, rebuilt from what it reports (it encodes each kind exactly this way). */
function bodyOf(kind: RequestKind, sent: Record<string, unknown>): { body: string; contentType: string } {
  if (kind === 'command') return { body: new URLSearchParams(sent as Record<string, string>).toString(), contentType: 'application/x-www-form-urlencoded' };
  if (kind === 'action') return { body: new URLSearchParams({ payload: JSON.stringify(sent) }).toString(), contentType: 'application/x-www-form-urlencoded' };
  return { body: JSON.stringify(sent), contentType: 'application/json' };
}

/** Wakes waiters when something changes in their channel, so people need not poll hard. */
export class ChannelWatch {
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #unsubscribe: () => void;

  constructor(fake: FakeSlack) {
    this.#unsubscribe = fake.onChange((change) => {
      const channel = 'message' in change ? change.message.channel : undefined;
      if (channel === undefined) return;
      const waiters = this.#waiters.get(channel);
      this.#waiters.delete(channel);
      waiters?.forEach((wake) => wake());
    });
  }

  /** Resolves with the first truthy `probe()`; checks on every change in the channel (and every 200 ms, in case). */
  async until<T>(channelId: string, probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${channelId}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        const waiters = this.#waiters.get(channelId) ?? new Set<() => void>();
        waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
        this.#waiters.set(channelId, waiters);
      });
    }
  }

  /** Stops listening. */
  close(): void {
    this.#unsubscribe();
  }
}

interface Element {
  action_id: string;
  block_id: string;
  value?: string;
  options?: { value: string }[];
}

/** What the bot is waiting for in a thread: an answer to a question, or a decision on warnings. */
type Prompt = { type: 'question'; questionId: string; message: FakeMessage } | { type: 'findings'; message: FakeMessage };

function elementsOf(message: FakeMessage): Element[] {
  return (message.blocks ?? []).flatMap((block) =>
    block.type === 'actions' ? ((block.elements as Element[] | undefined) ?? []).map((e) => ({ ...e, block_id: String(block.block_id) })) : [],
  );
}

/** The newest bot message of the thread when it asks for something not yet answered. */
function openPrompt(fake: FakeSlack, p: Person, threadTs: string, answered: Set<string>): Prompt | undefined {
  const message = fake
    .messages(p.channelId, { threadTs })
    .filter((m) => m.bot_id)
    .at(-1);
  if (!message || answered.has(message.ts)) return undefined;
  for (const element of elementsOf(message)) {
    const [kind, , questionId] = element.block_id.split('|');
    if (kind === 'controls' && questionId) return { type: 'question', questionId, message };
    if (kind === 'findings') return { type: 'findings', message };
  }
  return undefined;
}

/** How to answer: click a choice button, pick from a menu, or type in the thread. */
type Reply =
  | { kind: 'action'; actionId: string; blockId: string; value?: string; selectedOption?: string }
  | { kind: 'message'; text: string };

function replyTo(prompt: Prompt, answers: Record<string, string>): Reply {
  const elements = elementsOf(prompt.message);
  if (prompt.type === 'findings') {
    const accept = elements.find((e) => e.action_id.endsWith(':accept-warnings'));
    if (!accept) throw new Error(`the plan has blocking errors: ${prompt.message.text}`);
    return { kind: 'action', actionId: accept.action_id, blockId: accept.block_id, ...(accept.value ? { value: accept.value } : {}) };
  }
  const text = answers[prompt.questionId];
  if (text === undefined) throw new Error(`no typed answer for question ${prompt.questionId}`);
  const choice = text.trim().toLowerCase();
  const button = elements.find((e) => e.action_id.startsWith('imc_answer') && e.value?.split('|')[2] === choice);
  if (button) return { kind: 'action', actionId: button.action_id, blockId: button.block_id, ...(button.value ? { value: button.value } : {}) };
  const menu = elements.find((e) => e.action_id === 'imc_select' && e.options?.some((o) => o.value === choice));
  if (menu) return { kind: 'action', actionId: menu.action_id, blockId: menu.block_id, selectedOption: choice };
  return { kind: 'message', text };
}

/** How one person's run went. */
export interface PersonRun {
  requests: SentRequest[];
  answered: number;
  finished: boolean;
}

/** Options of {@link runPerson}. */
export interface RunPersonOptions {
  /** stop after this many answers (default: until the plan is posted) */
  maxAnswers?: number;
  /** `performance.now()` when the whole load started, for request offsets */
  startedAt?: number;
  timeoutMs?: number;
  /** ms the person takes before each request (reading the question, typing); none by default */
  thinkMs?: () => number;
}

/** A small seeded generator (mulberry32), so think times are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One person runs `/imc plan`, then answers every question as it appears (buttons
 * where the question offers the typed answer as a choice), and accepts the
 * warnings, until the plan is posted to the channel or `maxAnswers` is reached.
 */
export async function runPerson(world: Pick<BenchWorld, 'fake' | 'driver'>, watch: ChannelWatch, p: Person, options: RunPersonOptions = {}): Promise<PersonRun> {
  const { fake, driver } = world;
  const startedAt = options.startedAt ?? performance.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const requests: SentRequest[] = [];
  const send = async (kind: RequestKind, step: string, call: () => Promise<DriverResponse>): Promise<DriverResponse> => {
    const think = options.thinkMs?.() ?? 0;
    if (think > 0) await new Promise((resolve) => setTimeout(resolve, think));
    const offsetMs = performance.now() - startedAt;
    const callsBefore = fake.calls.length;
    const response = await call();
    if (response.status !== 200) throw new Error(`${kind} answered ${response.status}: ${response.body.slice(0, 200)}`);
    requests.push({
      kind,
      step,
      offsetMs,
      thinkMs: think,
      channelId: p.channelId,
      callsBefore,
      responseBody: response.body,
      ...bodyOf(kind, response.sent),
      status: response.status,
      elapsedMs: response.elapsedMs,
    });
    return response;
  };

  const topLevelBotMessages = () => fake.messages(p.channelId).filter((m) => m.bot_id);
  await send('command', 'plan', () => driver.slashCommand({ userId: p.userId, channelId: p.channelId, text: `plan ${TYPED_ANSWERS.campaign ?? 'Bench'}` }));
  const kickoff = await watch.until(p.channelId, () => topLevelBotMessages()[0], 'the kickoff message', timeoutMs);
  const threadTs = kickoff.ts;
  const answered = new Set<string>();
  const posted = () => topLevelBotMessages().length >= 2; // kickoff, then the draft
  for (let step = 0; step < 80; step += 1) {
    if (options.maxAnswers !== undefined && answered.size >= options.maxAnswers) return { requests, answered: answered.size, finished: false };
    const next = await watch.until(p.channelId, () => (posted() ? 'posted' : openPrompt(fake, p, threadTs, answered)), 'the next question', timeoutMs);
    if (next === 'posted') return { requests, answered: answered.size, finished: true };
    answered.add(next.message.ts);
    const reply = replyTo(next, TYPED_ANSWERS);
    const step = next.type === 'question' ? next.questionId : 'findings';
    if (reply.kind === 'message') {
      await send('message', step, () => driver.message({ userId: p.userId, channelId: p.channelId, threadTs, text: reply.text }));
    } else {
      const { kind: _kind, ...action } = reply;
      await send('action', step, () => driver.blockAction({ userId: p.userId, channelId: p.channelId, messageTs: next.message.ts, threadTs, ...action }));
    }
  }
  throw new Error(`${p.userId}'s plan did not finish within 80 steps`);
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function mapLimit<T, U>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<U>): Promise<U[]> {
  const results = new Array<U>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Starts the real bot (Bolt HTTP receiver on 127.0.0.1, port 0) against the local
 * fake Slack, with a temp data directory, and drives it like Slack would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createBot, type Bot, type BotOptions } from '../../src/create-bot.js';
import { createLogger } from '../../src/app/create-logger.js';
import type { PlanRecord } from '../../src/app/plan-record.js';
import type { Clock } from '../../src/app/ports.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../../src/local-slack/slack-driver.js';
import type { FakeMessage } from '../../src/local-slack/fake-workspace.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-0000-token';
export const CHANNEL = 'C0PLANNING';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';
export const CAROL = 'U0CAROL';
export const OUTSIDER = 'U0OUTSIDER';
/** Alice's direct-message channel with the bot. */
export const DM = 'D0ALICE';

/** A settable clock; starts on 2026-11-23 09:00 in Shanghai. */
export class TestClock implements Clock {
  constructor(public current = new Date('2026-11-23T01:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface Harness {
  fake: FakeSlack;
  bot: Bot;
  driver: SlackDriver;
  dataDir: string;
  clock: TestClock;
  logs: string[];
  port: number;
  /** Stops the bot only (the fake and data stay), e.g. to restart on the same data. */
  stopBot(): Promise<void>;
  /** Starts a new bot instance on the same data directory and fake Slack. */
  restart(options?: Partial<BotOptions>): Promise<void>;
  close(): Promise<void>;
  /** Waits until the bot has sent everything it queued. */
  settle(): Promise<void>;
  record(planId: string): Promise<PlanRecord>;
  plans(): Promise<PlanRecord[]>;
}

export interface HarnessOptions {
  /** Connect over Socket Mode (the fake Slack's WebSocket) instead of HTTP. */
  socketMode?: boolean;
  env?: Record<string, string>;
  bot?: Partial<BotOptions>;
  dataDir?: string;
  clock?: TestClock;
  /** Options of the local fake Slack (e.g. block types it refuses). */
  fake?: Partial<FakeSlackOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new TestClock();
  const fake = await startFakeSlack({
    botToken: BOT_TOKEN,
    channels: [
      { id: CHANNEL, name: 'campaign-planning', members: [ALICE, BOB, CAROL] },
      { id: 'C0OTHER', name: 'other-team', members: [ALICE, BOB] },
      { id: 'C0NOBOT', name: 'no-bot-here', members: [ALICE], botIsMember: false },
      { id: 'C0ARCHIVED', name: 'old-stuff', members: [ALICE], archived: true },
      { id: DM, name: 'alice-dm', members: [ALICE] },
    ],
    users: [
      { id: ALICE, name: 'alice', tz: 'Asia/Shanghai' },
      { id: BOB, name: 'bob', tz: 'Asia/Shanghai' },
      { id: CAROL, name: 'carol', tz: 'Asia/Shanghai' },
      { id: OUTSIDER, name: 'outsider', tz: 'Asia/Shanghai' },
    ],
    ...options.fake,
  });
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'imc-bot-test-')));
  const logs: string[] = [];
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    SLACK_API_URL: fake.url,
    IMC_DATA_DIR: dataDir,
    IMC_TIME_ZONE: 'Asia/Shanghai',
    LOG_LEVEL: 'debug',
    ...(options.socketMode ? { SLACK_APP_TOKEN: fake.appToken } : {}),
    ...options.env,
  });
  const driverFor = (port: number): SlackDriver =>
    options.socketMode
      ? createSlackDriver({ socketMode: fake.socketMode, signingSecret: SIGNING_SECRET, fake })
      : createSlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
  const boot = async (extra: Partial<BotOptions> = {}) => {
    const bot = await createBot(config, {
      host: '127.0.0.1',
      clock,
      botUserId: 'U0BOT',
      botId: 'B0BOT',
      slackRetries: 0,
      outboxRetryDelaysMs: [20, 50],
      slackTimeoutMs: 2_000,
      socketPingTimeoutMs: 2_000,
      logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
      ...options.bot,
      ...extra,
    });
    const { port } = await bot.start();
    return { bot, port: port as number };
  };
  let { bot, port } = await boot();
  let stopped = false;
  const harness: Harness = {
    fake,
    bot,
    driver: driverFor(port),
    dataDir,
    clock,
    logs,
    port,
    async stopBot() {
      if (stopped) return;
      stopped = true;
      await harness.bot.stop();
    },
    async restart(extra) {
      await harness.stopBot();
      ({ bot, port } = await boot(extra));
      stopped = false;
      harness.bot = bot;
      harness.port = port;
      harness.driver = driverFor(port);
    },
    async close() {
      await harness.stopBot();
      await fake.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async settle() {
      await harness.bot.idle();
    },
    async record(planId) {
      const record = await harness.bot.store.get(planId);
      if (!record) throw new Error(`no plan ${planId}`);
      return record;
    },
    async plans() {
      const entries = await harness.bot.store.list();
      return Promise.all(entries.map((e) => harness.record(e.id)));
    },
  };
  return harness;
}

/** Polls `predicate` (which may be async) until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every text a message shows (fallback text and all block text), for assertions. */
export function messageText(message: Pick<FakeMessage, 'text' | 'blocks'> | undefined): string {
  if (!message) return '';
  const parts: string[] = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') parts.push(value);
        else walk(value);
      }
    }
  };
  walk(message.blocks ?? []);
  return parts.join('\n');
}

/**
 * The real bot as the playground runs it: HTTP on 127.0.0.1 (a free port), or Socket
 * Mode over the local Slack's WebSocket (`--socket-mode`), the local
 * Slack as its Web API, logs in the data directory's bot.log instead of the terminal,
 * and plan ids that read in order (P-00001, P-00002) so transcripts stay the same.
 */
import { randomBytes } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createBot, type Bot } from '../create-bot.js';
import { createLogger } from '../app/create-logger.js';
import type { Language } from '../domain/message/language.js';
import type { FakeSlack } from '../local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../local-slack/slack-driver.js';
import type { PlaygroundClock } from './playground-clock.js';

/** What the bot needs from the playground. */
export interface PlaygroundBotStart {
  fake: FakeSlack;
  dataDir: string;
  logStream: WriteStream;
  timeZone: string;
  clock: PlaygroundClock;
  /** Connect over Socket Mode instead of HTTP. */
  socketMode?: boolean;
  /** The channel's language until `/imc config language` sets one (IMC_LANGUAGE). */
  language: Language;
}

/** The real bot on 127.0.0.1, logging to bot.log, with readable sequential plan ids. */
export async function startPlaygroundBot(start: PlaygroundBotStart): Promise<{ bot: Bot; driver: SlackDriver }> {
  // A fresh secret per run: only this process's driver can sign requests the bot accepts.
  const signingSecret = randomBytes(16).toString('hex');
  const config = loadConfig({
    SLACK_BOT_TOKEN: start.fake.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    PORT: '0',
    SLACK_API_URL: start.fake.url,
    IMC_DATA_DIR: join(start.dataDir, 'store'),
    IMC_TIME_ZONE: start.timeZone,
    IMC_LANGUAGE: start.language,
    IMC_APPROVALS_NEEDED: '2',
    // Slack's chart in the sketch and the PNG in the thread: the PNG is written to the data directory.
    IMC_BUDGET_CHART: 'both',
    LOG_LEVEL: 'info',
    ...(start.socketMode ? { SLACK_APP_TOKEN: start.fake.appToken } : {}),
  });
  const taken = new Set<string>();
  let counter = 0;
  const newId = (): string => {
    let id: string;
    do id = `P-${String((counter += 1)).padStart(5, '0')}`;
    while (taken.has(id));
    return id;
  };
  const bot = await createBot(config, {
    host: '127.0.0.1',
    clock: start.clock,
    botUserId: start.fake.botUserId,
    botId: start.fake.botId,
    slackRetries: 0,
    outboxRetryDelaysMs: [50, 200],
    newId,
    logger: createLogger({ level: 'info', write: (line) => start.logStream.write(`${line}\n`), now: () => start.clock.now() }),
  });
  // A kept data directory may already hold P-00001; never reuse an id.
  (await bot.store.list()).forEach((entry) => taken.add(entry.id));
  const { port } = await bot.start();
  const driver = start.socketMode
    ? createSlackDriver({ socketMode: start.fake.socketMode, signingSecret, fake: start.fake })
    : createSlackDriver({ botUrl: `http://127.0.0.1:${String(port)}/slack/events`, signingSecret, fake: start.fake });
  return { bot, driver };
}

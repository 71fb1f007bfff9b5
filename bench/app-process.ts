/**
 * The app under test in a process of its own: the real bot, or a bare Bolt app that
 * only acknowledges. The load generator and the fake Slack stay in the parent, so
 * what is measured is the app's own work, as it would be in production, and the
 * bot and the bare app are measured the same way.
 *
 * The child side is this file run with `--serve <bot|bare> <slackApiUrl> <dataDir>`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { App, LogLevel } from '@slack/bolt';
import { createLogger, toBoltLogger } from '../src/app/create-logger.js';
import { collectGarbage, isMain } from './stats.js';
import { BOT_ID, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, startBenchBot } from './support.js';

/** The child's memory at one moment. */
export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

type ToChild = { type: 'idle' } | { type: 'measure' } | { type: 'stop' };
type FromChild = { type: 'started'; url: string } | { type: 'idled' } | { type: 'memory'; memory: MemorySnapshot } | { type: 'stopped' };

/** A running app in its child process. */
export interface AppProcess {
  /** Its events endpoint, e.g. http://127.0.0.1:PORT/slack/events */
  url: string;
  /** Resolves once the app has sent every Slack message it queued. */
  idle(): Promise<void>;
  /** Its memory after garbage collection (once idle). */
  measure(): Promise<MemorySnapshot>;
  stop(): Promise<void>;
}

/** A Bolt app configured like the bot's receiver whose listeners only acknowledge. */
async function startBareApp(): Promise<{ url: string; stop(): Promise<void> }> {
  const logger = createLogger({ level: 'info', write: () => undefined });
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    processBeforeResponse: true,
    convoStore: false,
    botUserId: BOT_USER_ID,
    botId: BOT_ID,
    logger: toBoltLogger(logger) as never,
    logLevel: LogLevel.INFO,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.message(async () => undefined);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: async () => void (await app.stop()) };
}

/** The child's side: start the app, answer the parent's requests. */
async function serve(kind: string, slackApiUrl: string, dataDir: string): Promise<void> {
  const app = kind === 'bot' ? await startBenchBot(slackApiUrl, dataDir) : undefined;
  const bare = kind === 'bot' ? undefined : await startBareApp();
  const idle = () => app?.bot.idle() ?? Promise.resolve();
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', (message: ToChild) => {
    if (message.type === 'idle') void idle().then(() => send({ type: 'idled' }));
    else if (message.type === 'measure') {
      void idle().then(() => {
        for (let n = 0; n < 3; n += 1) collectGarbage();
        const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
        send({ type: 'memory', memory: { rss, heapUsed, heapTotal, external, arrayBuffers } });
      });
    } else {
      void (app ? app.bot.stop() : (bare as { stop(): Promise<void> }).stop()).then(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
    }
  });
  send({ type: 'started', url: app?.url ?? (bare as { url: string }).url });
}

/** Sends `message` to the child and resolves with its first reply of `type`. */
function ask<T extends FromChild['type']>(child: ChildProcess, message: ToChild | undefined, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromChild) => {
      if (reply.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(reply as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`the app process exited with ${code} before answering ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

/** The node arguments of `npm start` (package.json), the script made absolute, so benchmarks run the bot as it runs. */
export async function startArguments(root: string): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  return args.map((arg) => (arg.endsWith('.js') ? join(root, arg) : arg));
}

/** Starts the bot (`bot`) or the bare app (`bare`) in a child process, with the node flags of `npm start`. */
export async function spawnApp(kind: 'bot' | 'bare', slackApiUrl: string, dataDir: string): Promise<AppProcess> {
  const flags = (await startArguments(fileURLToPath(new URL('..', import.meta.url)))).filter((arg) => arg.startsWith('--'));
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, slackApiUrl, dataDir], {
    execArgv: ['--import', 'tsx', ...flags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { url } = await ask(child, undefined, 'started');
    return {
      url,
      idle: async () => void (await ask(child, { type: 'idle' }, 'idled')),
      measure: async () => (await ask(child, { type: 'measure' }, 'memory')).memory,
      async stop() {
        if (child.exitCode === null && child.connected) await ask(child, { type: 'stop' }, 'stopped').catch(() => undefined);
        if (child.exitCode === null) child.kill();
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

if (isMain(import.meta.url) && process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? 'bot', process.argv[4] ?? '', process.argv[5] ?? '');
}

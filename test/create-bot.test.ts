import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createBot } from '../src/create-bot.js';
import { createLogger } from '../src/app/create-logger.js';
import { DurableHttpReceiver } from '../src/slack/receivers/durable-http-receiver.js';
import { DurableSocketModeReceiver } from '../src/slack/receivers/durable-socket-mode-receiver.js';

describe('createBot', () => {
  it('uses Socket Mode when SLACK_APP_TOKEN is set (and HTTP otherwise), each acknowledging only after the listeners', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'imc-bot-socket-'));
    const env = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret', IMC_DATA_DIR: dataDir };
    const logger = createLogger({ write: () => undefined });
    try {
      const socket = await createBot(loadConfig({ ...env, SLACK_APP_TOKEN: 'xapp-1-abc' }), { logger, botUserId: 'U0BOT', botId: 'B0BOT' });
      expect(socket.receiver).toBeInstanceOf(DurableSocketModeReceiver);
      await socket.stop();
      const http = await createBot(loadConfig(env), { logger, botUserId: 'U0BOT', botId: 'B0BOT' });
      expect(http.receiver).toBeInstanceOf(DurableHttpReceiver);
      await http.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * The composition root: the one place that reads `process.env` (and `.env`),
 * starts the bot, and turns start-up errors into one clear line and exit code 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig, readDotEnv } from './config.js';
import { describeError } from './errors.js';
import { createBot } from './create-bot.js';

/** The environment: `.env` (if present) under the real environment, which wins. */
function readEnvironment(): Record<string, string | undefined> {
  const dotEnv = existsSync('.env') ? readDotEnv(readFileSync('.env', 'utf8')) : {};
  return { ...dotEnv, ...process.env };
}

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const bot = await createBot(config);
  await bot.start();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info('stopping', { signal });
    await bot.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`imc-bot could not start: ${describeError(error)}\n`);
  process.exit(1);
});

/**
 * The composition root: the one place that reads `process.env` (and `.env`),
 * starts the bot, and turns start-up errors into one clear line and exit code 1.
 * SIGTERM or SIGINT stop it within 10 s; a second signal exits at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createLogger } from './app/create-logger.js';
import { loadConfig, readDotEnv, redact } from './config.js';
import { createBot, type Bot } from './create-bot.js';
import { describeError } from './errors.js';
import { installProcessGuards } from './process-guards.js';

/** Everything stopping may take before the process exits anyway. */
const STOP_DEADLINE_MS = 10_000;
/** Of that, how long Slack calls under way may take to finish. */
const STOP_GRACE_MS = 4_000;

/** The environment: `.env` (if present) under the real environment, which wins. */
function readEnvironment(): Record<string, string | undefined> {
  const dotEnv = existsSync('.env') ? readDotEnv(readFileSync('.env', 'utf8')) : {};
  return { ...dotEnv, ...process.env };
}

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const logger = createLogger({ level: config.logLevel, redact: (text) => redact(text, config) });
  installProcessGuards(process, logger, (code) => process.exit(code));
  let bot: Bot | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal; exiting now', { signal });
      process.exit(130);
    }
    stopping = true;
    logger.info('stopping', { signal });
    const deadline = setTimeout(() => {
      logger.error('could not stop cleanly in time; exiting (the journal is replayed at the next start)');
      process.exit(1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    void (bot ? bot.stop(STOP_GRACE_MS) : Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('error while stopping', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  bot = await createBot(config, { logger });
  if (stopping) return; // a signal during the store's open: stop() already runs
  await bot.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`imc-bot could not start: ${describeError(error)}\n`);
  process.exit(1);
});

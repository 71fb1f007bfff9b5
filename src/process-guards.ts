/**
 * Last-resort handlers for the process. A promise rejection nobody handled (a bug,
 * or a library's, e.g. a malformed envelope inside @slack/socket-mode) is logged
 * with what it carried, and the bot keeps serving: every answer is saved before it
 * is acknowledged, so nothing confirmed depends on the code that failed. An
 * uncaught exception leaves the process in an unknown state: it is logged and the
 * process ends (the journal is replayed at the next start).
 */
import type { Logger } from './app/ports.js';

/** What is worth logging about a thrown value: its kind, code, message and where it came from. */
export function describeThrown(value: unknown): Record<string, unknown> {
  if (!(value instanceof Error)) return { thrown: typeof value, value: String(value).slice(0, 500) };
  const e = value as Error & { code?: unknown };
  return {
    name: e.name,
    ...(e.code === undefined ? {} : { code: String(e.code) }),
    message: e.message.slice(0, 500),
    // The first frames say where; a few lines are enough and keep the log line small.
    stack: (e.stack ?? '').split('\n').slice(1, 6).map((line) => line.trim()),
  };
}

/** Installs the handlers on `target` (the process); returns a function that removes them. */
export function installProcessGuards(target: NodeJS.Process, logger: Logger, exit: (code: number) => void): () => void {
  const onRejection = (reason: unknown) => {
    logger.error('unhandled promise rejection; the bot keeps serving', { error: describeThrown(reason) });
  };
  const onException = (error: unknown) => {
    logger.error('uncaught exception; stopping', { error: describeThrown(error) });
    exit(1);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}

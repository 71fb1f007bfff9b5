/**
 * A JSON-lines logger that never lets a secret through: every line passes
 * through `redact` (tokens, signing secret, response URLs) and context keys that
 * are secret by nature (`trigger_id`, `response_url`, tokens) are dropped whole.
 */
import type { Logger } from './ports.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Context keys whose values are never logged, whatever they contain. */
const SECRET_KEYS = /^(token|bot_?token|app_?token|signing_?secret|response_?url|trigger_?id|authorization|x-slack-signature)$/i;

export interface LoggerOptions {
  level?: Level;
  /** Removes secret values from a line (see `redact` in config.ts). */
  redact?: (text: string) => string;
  /** Where lines go; defaults to stderr. */
  write?: (line: string) => void;
  /** Adds a timestamp; injected so tests are stable. */
  now?: () => Date;
}

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, SECRET_KEYS.test(key) ? '[redacted]' : scrub(item, depth + 1)]),
  );
}

/** Creates the app's logger. */
export function createLogger(options: LoggerOptions = {}): Logger & { setLevel(level: Level): void; getLevel(): Level } {
  let level: Level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const redact = options.redact ?? ((text: string) => text);
  const now = options.now ?? (() => new Date());
  const log = (at: Level) => (message: string, context?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    const line = JSON.stringify({ time: now().toISOString(), level: at, message, ...(scrub(context ?? {}) as object) });
    write(redact(line));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: (next) => (level = next),
    getLevel: () => level,
  };
}

/** Adapts the logger to the interface Bolt and its Web API client expect. */
export function toBoltLogger(logger: ReturnType<typeof createLogger>) {
  const text = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: (...parts: unknown[]) => logger.debug(text(parts), { source: 'bolt' }),
    info: (...parts: unknown[]) => logger.info(text(parts), { source: 'bolt' }),
    warn: (...parts: unknown[]) => logger.warn(text(parts), { source: 'bolt' }),
    error: (...parts: unknown[]) => logger.error(text(parts), { source: 'bolt' }),
    setLevel: (level: string) => logger.setLevel(level as Level),
    getLevel: () => logger.getLevel(),
    setName: () => {},
  };
}

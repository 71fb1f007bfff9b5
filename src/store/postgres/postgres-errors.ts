/**
 * Which PostgreSQL failures mean "the database is not there" (down, restarting,
 * unreachable, the connection lost) rather than a fault in a query, and how the
 * database is named in a message: host, port and database, never the password.
 */
import { StoreError } from '../store-error.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, and query_canceled (a statement timeout). */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const CLIENT_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|Query read timeout/i;

/** True when `error` says the database cannot be reached now (so the request may work again later). */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && CLIENT_MESSAGES.test(message);
}

/** `host:port/database` of a postgres:// URL, for messages (no user, no password). */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
  } catch {
    return 'the database in DATABASE_URL';
  }
}

/** Why the database did not answer, in a few words (a code, or the driver's message). */
export function failureReason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof message === 'string' ? message.slice(0, 80) : String(error);
}

/** The error a request gets while the database cannot be reached. */
export function unavailable(where: string, error: unknown): StoreError {
  return new StoreError(
    `The database at ${where} did not answer (${failureReason(error)}): nothing of this request was kept. ` +
      'Check that PostgreSQL is running and reachable with DATABASE_URL; the bot reconnects by itself.',
    'STORE_UNAVAILABLE',
    { cause: error },
  );
}

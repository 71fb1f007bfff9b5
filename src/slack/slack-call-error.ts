/**
 * Maps what a Web API call fails with (`@slack/web-api`'s errors, or the poster
 * thread's failures, which have the same shapes) to a `SlackCallError`: Slack's own
 * code and whether retrying can help, so services never see a client's error classes.
 */
import { SlackCallError } from '../app/ports.js';

/** Slack error codes that a later attempt may get past. */
const RETRYABLE_CODES = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** Maps anything the Web API client throws to a `SlackCallError`. */
export function toSlackCallError(error: unknown): SlackCallError {
  if (error instanceof SlackCallError) return error;
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  switch (e?.code) {
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      return new SlackCallError(code, RETRYABLE_CODES.has(code));
    }
    case 'slack_webapi_rate_limited_error':
      return new SlackCallError('ratelimited', true, e.retryAfter);
    case 'slack_webapi_http_error':
      return new SlackCallError(`http_${e.statusCode ?? 'error'}`, (e.statusCode ?? 500) >= 500 || e.statusCode === 429);
    case 'slack_webapi_request_error':
      return new SlackCallError('request_failed', true);
    default:
      return new SlackCallError('unexpected_error', false);
  }
}


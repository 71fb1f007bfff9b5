/**
 * Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`
 * with the signing secret. A timestamp more than five minutes from now, in the past
 * or in the future, is refused too (Bolt only refuses old ones): a captured request
 * cannot be replayed later, nor one dated ahead be kept for later use.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from the bot's clock, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Undefined when the request is Slack's; otherwise why it is not (for the log, never for the sender). */
export function checkSlackSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
  nowSeconds: number,
): string | undefined {
  if (!headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp)) return 'no valid x-slack-request-timestamp header';
  if (Math.abs(nowSeconds - Number(headers.timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'the timestamp is more than 5 minutes from now';
  const match = /^v0=([0-9a-f]{64})$/.exec(headers.signature ?? '');
  if (!match?.[1]) return 'no valid x-slack-signature header';
  const expected = createHmac('sha256', secret).update(`v0:${headers.timestamp}:`).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex')) ? undefined : 'the signature does not match';
}

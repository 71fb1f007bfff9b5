import { createHmac } from 'node:crypto';

/** The two headers Slack adds to every request it sends an app: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestampSeconds: number,
): { 'x-slack-signature': string; 'x-slack-request-timestamp': string } {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

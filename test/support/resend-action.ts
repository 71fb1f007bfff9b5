/** Repeated deliveries of a click, as a flaky network or Slack's retry makes them. */
import { signSlackRequest } from '../../src/local-slack/sign-request.js';
import { SIGNING_SECRET, type Harness } from './bot-harness.js';

/** Sends exactly the same signed form body again, as a repeated delivery of an action would. */
export async function resendAction(h: Harness, sent: Record<string, unknown>): Promise<number> {
  const body = new URLSearchParams({ payload: JSON.stringify(sent) }).toString();
  const response = await fetch(`http://127.0.0.1:${h.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) },
    body,
  });
  return response.status;
}

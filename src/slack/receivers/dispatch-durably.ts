/**
 * Hands one request to Bolt and answers Slack only when every listener is done.
 * Bolt calls `ack()` early (for Events API requests even before the listener
 * runs), so here `ack()` only remembers the response; the receiver sends it once
 * `processEvent` has finished, which is when the answer is on disk. A listener that
 * fails (the app's error handler rethrows) means no acknowledgement at all, so Slack
 * knows the request was not handled.
 */
import type { App } from '@slack/bolt';

/** How one request ended. */
export type DispatchOutcome =
  /** Every listener finished; `response` is what `ack()` was given (if anything). */
  | { kind: 'done'; response: unknown; acked: boolean }
  /** A listener failed: nothing may be acknowledged. */
  | { kind: 'failed'; error: unknown };

/** Slack's redelivery details, as Bolt's context expects them. */
export interface Delivery {
  retryNum?: number;
  retryReason?: string;
}

/** Runs Bolt's listeners for `body` and reports how they ended; never throws. */
export async function dispatchDurably(app: App, body: Record<string, unknown>, delivery: Delivery = {}): Promise<DispatchOutcome> {
  let response: unknown;
  let acked = false;
  const ack = async (given?: unknown): Promise<void> => {
    if (acked) return;
    acked = true;
    response = given;
  };
  try {
    await app.processEvent({
      body,
      ack,
      ...(delivery.retryNum === undefined ? {} : { retryNum: delivery.retryNum }),
      ...(delivery.retryReason === undefined ? {} : { retryReason: delivery.retryReason }),
    });
    return { kind: 'done', response, acked };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

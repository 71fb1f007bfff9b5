/**
 * Tells only the person who clicked, through the action's response URL, without
 * holding up the acknowledgement (not awaited; a failure is logged, never thrown).
 */
import type { Logger } from '../../app/ports.js';

export type Respond = (message: object) => Promise<unknown>;

/** Sends `text` to the clicker when there is something to say. */
export function replyEphemeral(respond: Respond, text: string | undefined, logger: Logger): void {
  if (!text) return;
  respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
    logger.warn('could not send an ephemeral reply', { error: String((error as Error).message ?? error) }),
  );
}

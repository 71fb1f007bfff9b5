/**
 * Tells only the person who clicked, through the action's response URL, without
 * holding up the acknowledgement (not awaited; a failure is logged, never thrown).
 */
import type { Logger } from '../../app/ports.js';
import { isUnsaved, UNSAVED_TEXT } from './unsaved.js';

export type Respond = (message: object) => Promise<unknown>;

/** Sends `text` to the clicker when there is something to say. */
export function replyEphemeral(respond: Respond, text: string | undefined, logger: Logger): void {
  if (!text) return;
  respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
    logger.warn('could not send an ephemeral reply', { error: String((error as Error).message ?? error) }),
  );
}

/** Runs a click's service call; if its save failed, tells the clicker to click again, then rethrows (no acknowledgement). */
export async function unlessUnsaved<T>(respond: Respond, logger: Logger, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnsaved(error)) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: UNSAVED_TEXT.replace('send it again', 'click again') }).catch((notified: unknown) =>
        logger.warn('could not tell the clicker that their click was not saved', { error: String(notified) }),
      );
    }
    throw error;
  }
}

/**
 * Tells only the person who clicked, through the action's response URL, in their
 * language, without holding up the acknowledgement (not awaited; a failure is logged,
 * never thrown).
 */
import type { Phrase } from '../../domain/message/phrase.js';
import type { Logger } from '../../app/ports.js';
import type { Person, Voice } from '../voice.js';
import { ACK_LOOKUP_MS } from '../voice.js';
import { isUnsaved, UNSAVED } from './unsaved.js';

export type Respond = (message: object) => Promise<unknown>;

/** Sends `text` to the clicker when there is something to say. */
export function replyEphemeral(respond: Respond, voice: Voice, person: Person, text: Phrase | undefined, logger: Logger): void {
  if (!text) return;
  voice
    .say(person, text)
    .then((words) => respond({ response_type: 'ephemeral', replace_original: false, text: words }))
    .catch((error: unknown) => logger.warn('could not send an ephemeral reply', { error: String((error as Error).message ?? error) }));
}

/** Runs a click's service call; if its save failed, tells the clicker to click again, then rethrows (no acknowledgement). */
export async function unlessUnsaved<T>(respond: Respond, voice: Voice, person: Person, logger: Logger, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnsaved(error)) {
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, text: await voice.say(person, UNSAVED.click, ACK_LOOKUP_MS) });
      } catch (notified) {
        logger.warn('could not tell the clicker that their click was not saved', { error: String(notified) });
      }
    }
    throw error;
  }
}

/** Who clicked, from an action's body. */
export function clicker(body: { user: { id: string }; team?: { id?: string } | null; channel?: { id?: string } }): Person {
  return { userId: body.user.id, teamId: body.team?.id ?? '', channelId: body.channel?.id ?? '' };
}

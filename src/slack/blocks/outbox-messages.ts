/** What the outbox tells an author about their messages. */
import type { OutgoingMessage } from '../../app/ports.js';
import { textMessage } from './flow-messages.js';

/** Slack is holding the channel's messages back (rate limit) for more than a minute. */
export function heldBackNotice(minutes: number): OutgoingMessage {
  const wait = minutes <= 1 ? 'about a minute' : `about ${minutes} minutes`;
  return textMessage(
    `:hourglass_flowing_sand: Slack is holding back my messages in this channel for now (a rate limit), so the next one will come in ${wait}. Everything is saved and nothing will be lost.`,
  );
}

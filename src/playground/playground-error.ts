/**
 * A line the playground cannot carry out (a number with nothing to click, an unknown
 * user, a malformed command). The message says what to type instead; scripts stop on it.
 */
import { CodedError } from '../errors.js';

/** Thrown for lines the playground itself refuses; the bot's own answers are never errors. */
export class PlaygroundError extends CodedError<'PLAYGROUND_LINE_REFUSED'> {
  constructor(message: string) {
    super(message, 'PLAYGROUND_LINE_REFUSED');
  }
}

/**
 * Why the bot could not start, as one sentence for the operator. `main.ts` prints
 * the message after "imc-bot could not start:" and exits with 1.
 */
import { CodedError } from './errors.js';

export type StartupErrorCode = 'PORT_IN_USE' | 'SLACK_AUTH_FAILED' | 'SLACK_UNREACHABLE' | 'SOCKET_MODE_FAILED';

export class StartupError extends CodedError<StartupErrorCode> {}

/**
 * One base for the errors the bot raises on purpose (after bolt-js `src/errors.ts`):
 * each carries a stable `code` for logs and handlers, and a message that says
 * what is wrong and how to fix it. Anything else that is thrown is a bug.
 */

/** An error raised on purpose; `code` is stable, `message` is written for the person who must act on it. */
export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(message: string, code: Code, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** Code of an error that was not raised on purpose. */
export const UNEXPECTED = 'UNEXPECTED' as const;

/** The error as a CodedError: itself when it is one, otherwise wrapped with code `UNEXPECTED` and the original as `cause`. */
export function asCodedError(error: unknown): CodedError {
  if (error instanceof CodedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CodedError(message, UNEXPECTED, { cause: error });
}

/**
 * One line for a person: a coded error's own message (it names what to fix), or
 * "unexpected error (<name>): …" for anything else, so bugs do not pass as advice.
 */
export function describeError(error: unknown): string {
  const coded = asCodedError(error);
  if (coded.code !== UNEXPECTED) return coded.message;
  const cause = coded.cause as { code?: unknown; name?: unknown } | undefined;
  const name = typeof cause?.code === 'string' ? cause.code : typeof cause?.name === 'string' ? cause.name : 'Error';
  return `unexpected error (${name}): ${coded.message}`;
}

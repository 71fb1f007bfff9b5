/**
 * How the playground emphasises text: ANSI escapes on a terminal, nothing when the
 * output is a file or a test (so transcripts stay plain and diffable).
 */

/** Text emphasis for one output. */
export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
}

/** No emphasis at all: for pipes, files and tests. */
export const PLAIN_STYLE: TerminalStyle = {
  bold: (text) => text,
  dim: (text) => text,
  italic: (text) => text,
};

/** ANSI bold, dim and italic, each reset on its own so they nest inside dim lines. */
export const ANSI_STYLE: TerminalStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  // Ending bold also ends dim (both reset with 22), so dim is switched on again after inner bold.
  dim: (text) => `\u001b[2m${text.replaceAll('\u001b[22m', '\u001b[22m\u001b[2m')}\u001b[22m`,
  italic: (text) => `\u001b[3m${text}\u001b[23m`,
};

/** The style for an output: ANSI only when it is a terminal. */
export function styleFor(isTty: boolean | undefined): TerminalStyle {
  return isTty ? ANSI_STYLE : PLAIN_STYLE;
}

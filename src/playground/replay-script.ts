/**
 * Replays a playground script: one line per step, blank lines and `#` comments
 * skipped, each line echoed after the prompt (`alice> …`) before it runs, so the
 * output reads as the transcript of a conversation.
 */
import type { Playground } from './playground.js';
import { PlaygroundError } from './playground-error.js';

/** One line of a script to run, with its line number in the file (from 1). */
export interface ScriptLine {
  lineNumber: number;
  text: string;
}

/** The lines of a script that do something: no blanks, no `#` comments. */
export function scriptLines(source: string): ScriptLine[] {
  return source
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((text, index) => ({ lineNumber: index + 1, text: text.trim() }))
    .filter((line) => line.text !== '' && !line.text.startsWith('#'));
}

/** Runs every line; stops at `:quit`; throws a {@link PlaygroundError} naming the line that failed. */
export async function replayScript(playground: Playground, source: string, out: (line: string) => void, name = 'the script'): Promise<void> {
  for (const line of scriptLines(source)) {
    out('');
    out(`${playground.user}> ${line.text}`);
    try {
      await playground.run(line.text);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new PlaygroundError(`Line ${line.lineNumber} of ${name} (${line.text}) failed: ${why}`);
    }
    if (playground.quitting) return;
  }
}

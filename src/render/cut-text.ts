/**
 * Cutting text to a length without breaking what it holds: never inside an entity of
 * escaped mrkdwn (a cut `&amp;` would show as "&am…"), a bot-built `<@U…>`, or an
 * emoji's surrogate pair; at a space when one is near the end. The one truncate of
 * the bot, for message text, headers, labels and fallbacks alike.
 */

const ELLIPSIS = '…';

/** Shortens `text` to at most `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

/** Shortens to at most `max` characters, at a line end when there is one, with an ellipsis on a line of its own. */
export function truncateAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const limit = max - ELLIPSIS.length - 1;
  const newline = text.lastIndexOf('\n', limit);
  const at = newline > 0 ? newline : safeCut(text, limit);
  return `${text.slice(0, at).trimEnd()}\n${ELLIPSIS}`;
}

/** Splits one line into parts of at most `max` characters, each cut where {@link safeCut} allows. */
export function cutLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const at = safeCut(rest, max);
    const part = rest.slice(0, at).trimEnd();
    if (part !== '') parts.push(part);
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

/**
 * Where to cut `text` to at most `max` characters: at a space if one is near the end,
 * never inside an entity (`&amp;`), a bot-built `<@U…>` or an emoji's surrogate pair,
 * so a cut can neither show a broken entity nor un-escape anything.
 */
function safeCut(text: string, max: number): number {
  const space = text.lastIndexOf(' ', max);
  if (space >= max / 2) return space;
  let at = outsideMarkup(text, max);
  if (isHighSurrogate(text.charCodeAt(at - 1))) at -= 1;
  return Math.max(at, 1);
}

function outsideMarkup(text: string, max: number): number {
  let at = max;
  const amp = text.lastIndexOf('&', at - 1);
  if (amp >= 0 && at - amp <= 5 && !text.slice(amp, at).includes(';')) at = amp;
  const open = text.lastIndexOf('<', at - 1);
  if (open > 0 && open > text.lastIndexOf('>', at - 1)) at = open;
  return at;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

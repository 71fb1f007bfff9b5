/**
 * Rendered mrkdwn -> a Slack message (`text` fallback + Block Kit blocks) that stays
 * within Slack's limits however long the plan is. Plain JSON: no Slack SDK here.
 */
import { escapeMrkdwn } from './escape.js';

/** A line holding only this marks where a template wants a new section block. */
export const SECTION_BREAK = '---';
/** Blocks in one message. */
export const MAX_BLOCKS = 50;
/** Characters in one section's text. */
export const MAX_SECTION_TEXT = 3000;
/** Characters in a header block. */
export const MAX_HEADER_TEXT = 150;
/** Characters of block text in one message; Slack's undocumented ceiling is about 12,000. */
export const MAX_TOTAL_BLOCK_TEXT = 11_000;
/** Characters in the plain `text` fallback (notifications, old clients). */
export const MAX_FALLBACK_TEXT = 3000;

/** A header block: plain text, so nothing in it is parsed as markup. */
export interface HeaderBlock {
  type: 'header';
  text: { type: 'plain_text'; text: string; emoji: true };
}

/** A section block of mrkdwn. */
export interface SectionBlock {
  type: 'section';
  text: { type: 'mrkdwn'; text: string };
}

/** A small-print block, used for the "rest was cut" notice. */
export interface ContextBlock {
  type: 'context';
  elements: { type: 'mrkdwn'; text: string }[];
}

export type MessageBlock = HeaderBlock | SectionBlock | ContextBlock;

/** What `chat.postMessage` needs besides the channel. */
export interface SlackMessage {
  text: string;
  blocks: MessageBlock[];
}

/** How to build the message around the rendered text. */
export interface MessageOptions {
  /** Plain text for the header block (not escaped: header text is never parsed). */
  header: string;
  /** Named in the notice when the tail has to be cut, so people can see the rest. */
  planId?: string;
  /** Room the caller keeps for blocks it appends (status line, buttons): blocks and characters. */
  reserve?: { blocks: number; chars: number };
}

const ELLIPSIS = '…';

/** Splits rendered mrkdwn into a header and sections that respect every Block Kit limit. */
export function toSlackMessage(rendered: string, options: MessageOptions): SlackMessage {
  const header = truncate(options.header.replace(/\s+/g, ' ').trim() || 'IMC plan', MAX_HEADER_TEXT);
  const pieces = splitSections(rendered).flatMap((section) => splitToFit(section, MAX_SECTION_TEXT));
  const reserve = options.reserve ?? { blocks: 0, chars: 0 };
  const kept = keepWithinMessage(pieces, header.length + reserve.chars, cutNotice(options.planId), reserve.blocks);
  const blocks: MessageBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    ...kept.sections.map((text): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } })),
  ];
  if (kept.cut) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: kept.cut }] });
  const fallback = [`*${escapeMrkdwn(header)}*`, ...pieces].join('\n\n');
  return { text: truncateAtLine(fallback, MAX_FALLBACK_TEXT), blocks };
}

/**
 * Rendered mrkdwn as section blocks for a message that holds other blocks too (a question
 * with its buttons): `reserve` is the room those take. Whatever does not fit is cut and a
 * notice says where to see it all.
 */
export function sectionsWithin(rendered: string, reserve: { blocks: number; chars: number }, planId?: string): MessageBlock[] {
  const pieces = splitSections(rendered).flatMap((section) => splitToFit(section, MAX_SECTION_TEXT));
  // keepWithinMessage keeps one block for a header; the reserve stands in for it here.
  const kept = keepWithinMessage(pieces, reserve.chars, cutNotice(planId), Math.max(reserve.blocks - 1, 0));
  const blocks: MessageBlock[] = kept.sections.map((text): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  if (kept.cut) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: kept.cut }] });
  return blocks;
}

/** Lists every Block Kit limit the message breaks; empty when it can be posted. */
export function checkBlockLimits(message: { text: string; blocks: readonly unknown[] }): string[] {
  const problems: string[] = [];
  if (message.blocks.length > MAX_BLOCKS) {
    problems.push(`${message.blocks.length} blocks; at most ${MAX_BLOCKS} are allowed`);
  }
  let total = 0;
  message.blocks.forEach((block, index) => {
    for (const { text, max, what } of blockTexts(block)) {
      total += text.length;
      if (text.trim() === '') problems.push(`block ${index} (${what}) has empty text`);
      if (text.length > max) problems.push(`block ${index} (${what}) has ${text.length} characters; at most ${max}`);
    }
  });
  if (total > MAX_TOTAL_BLOCK_TEXT) {
    problems.push(`${total} characters of block text; at most ${MAX_TOTAL_BLOCK_TEXT}`);
  }
  if (message.text.trim() === '') problems.push('the fallback text is empty');
  if (message.text.length > MAX_FALLBACK_TEXT) {
    problems.push(`the fallback text has ${message.text.length} characters; at most ${MAX_FALLBACK_TEXT}`);
  }
  return problems;
}

/** Characters of text in one block, as Slack's message-size limit counts them. */
export function blockTextLength(block: unknown): number {
  return blockTexts(block).reduce((sum, { text }) => sum + text.length, 0);
}

/**
 * Joins messages' blocks into one message as far as the limits allow; returns the
 * blocks kept and whether something was left out.
 */
export function joinWithinLimits(parts: readonly (readonly unknown[])[], reserve = { blocks: 1, chars: 200 }): { blocks: unknown[]; cut: boolean } {
  const blocks: unknown[] = [];
  let chars = 0;
  for (const block of parts.flat()) {
    const length = blockTextLength(block);
    if (blocks.length + 1 > MAX_BLOCKS - reserve.blocks || chars + length > MAX_TOTAL_BLOCK_TEXT - reserve.chars) return { blocks, cut: true };
    blocks.push(block);
    chars += length;
  }
  return { blocks, cut: false };
}

function blockTexts(block: unknown): { text: string; max: number; what: string }[] {
  const b = block as { type?: unknown; text?: { text?: unknown }; elements?: { text?: unknown }[] };
  const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
  if (b.type === 'header') return [{ text: asText(b.text?.text), max: MAX_HEADER_TEXT, what: 'header' }];
  if (b.type === 'section') return [{ text: asText(b.text?.text), max: MAX_SECTION_TEXT, what: 'section' }];
  if (b.type === 'context') {
    return (b.elements ?? []).map((element) => ({ text: asText(element.text), max: MAX_SECTION_TEXT, what: 'context' }));
  }
  return [];
}

/** Splits at marker lines; blank sections are dropped (Slack rejects empty text). */
function splitSections(rendered: string): string[] {
  const sections: string[][] = [[]];
  for (const line of rendered.split('\n')) {
    if (line.trim() === SECTION_BREAK) sections.push([]);
    else sections[sections.length - 1]?.push(line);
  }
  return sections.map((lines) => lines.join('\n').trim()).filter((text) => text !== '');
}

/** Packs whole lines into pieces of at most `max` characters; only an over-long line is cut. */
function splitToFit(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n').flatMap((l) => cutLine(l, max))) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current.trim() !== '') pieces.push(current.trim());
    current = line;
  }
  if (current.trim() !== '') pieces.push(current.trim());
  return pieces;
}

function cutLine(line: string, max: number): string[] {
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
function safeCut(text: string, max: number, markup = true): number {
  const space = text.lastIndexOf(' ', max);
  if (space >= max / 2) return space;
  let at = max;
  if (markup) at = outsideMarkup(text, at);
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

/** Keeps leading pieces while the block count and total text allow, then a notice for the rest. */
function keepWithinMessage(
  pieces: string[],
  headerLength: number,
  notice: string,
  reservedBlocks = 0,
): { sections: string[]; cut: string | null } {
  const all = pieces.reduce((sum, piece) => sum + piece.length, headerLength);
  const maxBlocks = MAX_BLOCKS - reservedBlocks;
  if (pieces.length + 1 <= maxBlocks && all <= MAX_TOTAL_BLOCK_TEXT) return { sections: pieces, cut: null };
  const sections: string[] = [];
  // Room is kept for the header and the notice block.
  let room = MAX_TOTAL_BLOCK_TEXT - headerLength - notice.length;
  for (const piece of pieces) {
    if (sections.length + 2 >= maxBlocks || room <= 0) break;
    if (piece.length <= room) {
      sections.push(piece);
      room -= piece.length;
      continue;
    }
    const head = splitToFit(piece, room)[0];
    if (head !== undefined && head.length <= room) sections.push(head);
    break;
  }
  return { sections, cut: notice };
}

function cutNotice(planId: string | undefined): string {
  const command = planId ? `\`/imc show ${escapeMrkdwn(planId)}\`` : '`/imc show` with the plan id';
  return `_The rest was cut to fit in one Slack message. See the whole plan with ${command}._`;
}

/** Shortens plain text (the header) to at most `max` characters with an ellipsis. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - ELLIPSIS.length, false)).trimEnd()}${ELLIPSIS}`;
}

/** Shortens to at most `max` characters, at a line end when there is one. */
function truncateAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const limit = max - ELLIPSIS.length - 1;
  const newline = text.lastIndexOf('\n', limit);
  const at = newline > 0 ? newline : safeCut(text, limit);
  return `${text.slice(0, at).trimEnd()}\n${ELLIPSIS}`;
}

/**
 * Rendered mrkdwn -> a Slack message (`text` fallback + Block Kit blocks) that stays
 * within Slack's limits however long the plan is: a header, one section per marker
 * line, long sections split at line ends, and the tail cut with a notice when the
 * message is full. Plain JSON: no Slack SDK here.
 */
import { escapeMrkdwn } from './escape.js';
import { MAX_BLOCKS, MAX_FALLBACK_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT, MAX_TOTAL_BLOCK_TEXT } from './block-limits.js';
import { cutLine, truncate, truncateAtLine } from './cut-text.js';

/** The least room worth filling with the head of a section that does not fit whole. */
const MIN_CUT_PIECE = 40;

/** A line holding only this marks where a template wants a new section block. */
export const SECTION_BREAK = '---';

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
  /** The notice (mrkdwn) that ends a message whose tail was cut, in the reader's language. */
  cutNotice?: string;
}

/** Splits rendered mrkdwn into a header and sections that respect every Block Kit limit. */
export function toSlackMessage(rendered: string, options: MessageOptions): SlackMessage {
  const header = truncate(options.header.replace(/\s+/g, ' ').trim() || 'IMC plan', MAX_HEADER_TEXT);
  const pieces = splitSections(rendered).flatMap((section) => splitToFit(section, MAX_SECTION_TEXT));
  const reserve = options.reserve ?? { blocks: 0, chars: 0 };
  const kept = keepWithinMessage(pieces, header.length + reserve.chars, options.cutNotice ?? cutNotice(options.planId), reserve.blocks);
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
    // A sliver of a section says nothing, and cut shorter than an entity (`&amp;`) or a
    // mention it would show a broken one: below this much room the notice says the rest.
    if (room < MIN_CUT_PIECE) break;
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

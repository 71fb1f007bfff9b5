/**
 * The bot's own check of a message against Block Kit's limits, and joining messages'
 * blocks as far as the limits allow. Our ceilings sit a little under Slack's own
 * (slack-limits.ts), so a message that passes here is one Slack accepts.
 */
import { SLACK_LIMITS } from './slack-limits.js';

/** Blocks in one message. */
export const MAX_BLOCKS = SLACK_LIMITS.messageBlocks;
/** Characters in one section's text. */
export const MAX_SECTION_TEXT = SLACK_LIMITS.sectionText;
/** Characters in a header block. */
export const MAX_HEADER_TEXT = SLACK_LIMITS.headerText;
/** Characters of block text in one message: our own margin under Slack's undocumented ceiling. */
export const MAX_TOTAL_BLOCK_TEXT = SLACK_LIMITS.messageBlockText - 1000;
/** Characters in the plain `text` fallback (notifications, old clients). */
export const MAX_FALLBACK_TEXT = 3000;

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

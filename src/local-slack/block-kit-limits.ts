import { SLACK_LIMITS as LIMIT } from '../render/slack-limits.js';

/** A Block Kit problem, reported the way Slack does (error code plus a `[json-pointer:…]` message). */
export interface BlockKitProblem {
  error: 'invalid_blocks' | 'msg_blocks_too_long';
  message: string;
}

/** Where the blocks will be shown; modals allow more blocks than messages. */
export type BlockSurface = 'message' | 'modal';

const MAX_BLOCKS: Record<BlockSurface, number> = { message: LIMIT.messageBlocks, modal: LIMIT.modalBlocks };

const KNOWN_BLOCK_TYPES = new Set([
  'actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video', 'table',
]);

type Problem = BlockKitProblem | undefined;
type Json = Record<string, unknown>;

/** Check blocks against the Block Kit limits the bot is likely to hit; undefined when Slack would accept them. */
export function findBlockKitProblem(blocks: unknown, surface: BlockSurface): Problem {
  if (!Array.isArray(blocks)) return invalid('/blocks', 'must be an array of blocks');
  if (blocks.length > MAX_BLOCKS[surface]) {
    return surface === 'message'
      ? { error: 'msg_blocks_too_long', message: `[ERROR] no more than ${MAX_BLOCKS.message} items allowed [json-pointer:/blocks]` }
      : invalid('/blocks', `no more than ${MAX_BLOCKS.modal} items allowed`);
  }
  for (const [index, block] of blocks.entries()) {
    const problem = checkBlock(block, `/blocks/${index}`);
    if (problem) return problem;
  }
  const total = totalText(blocks);
  if (surface === 'message' && total > LIMIT.messageBlockText) {
    return { error: 'msg_blocks_too_long', message: `[ERROR] blocks hold ${total} characters of text [json-pointer:/blocks]` };
  }
  return undefined;
}

function checkBlock(block: unknown, at: string): Problem {
  if (!isJson(block) || typeof block.type !== 'string') return invalid(at, 'must be an object with a string "type"');
  if (!KNOWN_BLOCK_TYPES.has(block.type)) return invalid(`${at}/type`, `unknown block type "${block.type}"`);
  const idProblem = maxLength(block.block_id, LIMIT.id, `${at}/block_id`);
  if (idProblem) return idProblem;
  switch (block.type) {
    case 'section':
      return checkSection(block, at);
    case 'header':
      return checkText(block.text, `${at}/text`, LIMIT.headerText, true);
    case 'markdown':
      return maxLength(block.text, LIMIT.markdownText, `${at}/text`);
    case 'actions':
      return checkElements(block.elements, `${at}/elements`, LIMIT.actionsElements);
    case 'context':
      return checkElements(block.elements, `${at}/elements`, LIMIT.contextElements);
    default:
      return undefined;
  }
}

function checkSection(block: Json, at: string): Problem {
  if (block.text === undefined && block.fields === undefined) return invalid(at, 'must have "text" or "fields"');
  if (block.text !== undefined) {
    const problem = checkText(block.text, `${at}/text`, LIMIT.sectionText, false);
    if (problem) return problem;
  }
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields) || block.fields.length > LIMIT.sectionFields) return invalid(`${at}/fields`, `no more than ${LIMIT.sectionFields} items allowed`);
    for (const [index, field] of block.fields.entries()) {
      const problem = checkText(field, `${at}/fields/${index}`, LIMIT.fieldText, false);
      if (problem) return problem;
    }
  }
  return block.accessory === undefined ? undefined : checkElement(block.accessory, `${at}/accessory`);
}

function checkElements(elements: unknown, at: string, max: number): Problem {
  if (!Array.isArray(elements) || elements.length === 0) return invalid(at, 'must be a non-empty array');
  if (elements.length > max) return invalid(at, `no more than ${max} items allowed`);
  for (const [index, element] of elements.entries()) {
    const problem = isJson(element) && isTextObject(element) ? undefined : checkElement(element, `${at}/${index}`);
    if (problem) return problem;
  }
  return undefined;
}

function checkElement(element: unknown, at: string): Problem {
  if (!isJson(element) || typeof element.type !== 'string') return invalid(at, 'must be an object with a string "type"');
  const idProblem = maxLength(element.action_id, LIMIT.id, `${at}/action_id`);
  if (idProblem) return idProblem;
  if (element.type === 'button') {
    return (
      checkText(element.text, `${at}/text`, LIMIT.buttonText, true) ??
      maxLength(element.value, LIMIT.buttonValue, `${at}/value`) ??
      maxLength(element.url, LIMIT.buttonUrl, `${at}/url`)
    );
  }
  if (element.type === 'static_select' || element.type === 'multi_static_select' || element.type === 'overflow') {
    return checkOptions(element.options, `${at}/options`, element.type === 'overflow' ? LIMIT.overflowOptions : LIMIT.selectOptions);
  }
  return undefined;
}

function checkOptions(options: unknown, at: string, max: number): Problem {
  if (options === undefined) return undefined;
  if (!Array.isArray(options) || options.length > max) return invalid(at, `no more than ${max} items allowed`);
  for (const [index, option] of options.entries()) {
    const where = `${at}/${index}`;
    if (!isJson(option)) return invalid(where, 'must be an option object');
    const problem = checkText(option.text, `${where}/text`, LIMIT.optionText, false) ?? maxLength(option.value, LIMIT.optionValue, `${where}/value`);
    if (problem) return problem;
  }
  return undefined;
}

function checkText(text: unknown, at: string, max: number, plainOnly: boolean): Problem {
  if (!isJson(text) || !isTextObject(text)) return invalid(at, 'must be a text object with type "plain_text" or "mrkdwn"');
  if (plainOnly && text.type !== 'plain_text') return invalid(`${at}/type`, 'must be "plain_text"');
  if (text.text.length === 0) return invalid(`${at}/text`, 'must be more than 0 characters');
  return maxLength(text.text, max, `${at}/text`);
}

function maxLength(value: unknown, max: number, at: string): Problem {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return invalid(at, 'must be a string');
  return value.length > max ? invalid(at, `must be less than ${max + 1} characters`) : undefined;
}

function totalText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + totalText(item), 0);
  if (!isJson(value)) return 0;
  const own = isTextObject(value) || (value.type === 'markdown' && typeof value.text === 'string') ? String(value.text).length : 0;
  return Object.entries(value).reduce((sum, [key, child]) => (key === 'text' && own > 0 ? sum : sum + totalText(child)), own);
}

function isTextObject(value: Json): value is Json & { type: 'plain_text' | 'mrkdwn'; text: string } {
  return (value.type === 'plain_text' || value.type === 'mrkdwn') && typeof value.text === 'string';
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(pointer: string, why: string): BlockKitProblem {
  return { error: 'invalid_blocks', message: `[ERROR] ${why} [json-pointer:${pointer}]` };
}

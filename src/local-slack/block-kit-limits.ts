import { SLACK_LIMITS as LIMIT } from '../render/slack-limits.js';

/** A Block Kit problem, reported the way Slack does (error code plus a `[json-pointer:…]` message). */
export interface BlockKitProblem {
  error: 'invalid_blocks' | 'msg_blocks_too_long';
  message: string;
}

/** Where the blocks will be shown; modals and the App Home allow more blocks than messages. */
export type BlockSurface = 'message' | 'modal' | 'home';

/** What a check may need to know beyond the blocks themselves. */
export interface BlockCheckContext {
  /** Whether an uploaded file is ready to be shown (`slack_file` in an image block). */
  fileReady?: (fileId: string) => boolean;
  /** Block types this workspace refuses (e.g. a Slack without charts yet). */
  unsupported?: ReadonlySet<string>;
}

const MAX_BLOCKS: Record<BlockSurface, number> = { message: LIMIT.messageBlocks, modal: LIMIT.modalBlocks, home: LIMIT.modalBlocks };
/** Block types Slack shows in messages only (tables and charts). */
const MESSAGE_ONLY = new Set(['table', 'data_visualization']);
/** Slack's documented chart limits: ≤ 6 series or segments, ≤ 20 points, labels ≤ 20 and titles ≤ 50 characters. */
const CHART = { series: 6, points: 20, label: 20, title: 50, perMessage: 2 } as const;

const KNOWN_BLOCK_TYPES = new Set([
  'actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video', 'table', 'data_visualization',
]);

type Problem = BlockKitProblem | undefined;
type Json = Record<string, unknown>;

/** Check blocks against the Block Kit limits the bot is likely to hit; undefined when Slack would accept them. */
export function findBlockKitProblem(blocks: unknown, surface: BlockSurface, context: BlockCheckContext = {}): Problem {
  if (!Array.isArray(blocks)) return invalid('/blocks', 'must be an array of blocks');
  if (blocks.length > MAX_BLOCKS[surface]) {
    return surface === 'message'
      ? { error: 'msg_blocks_too_long', message: `[ERROR] no more than ${MAX_BLOCKS.message} items allowed [json-pointer:/blocks]` }
      : invalid('/blocks', `no more than ${MAX_BLOCKS[surface]} items allowed`);
  }
  const charts = blocks.filter((block) => isJson(block) && block.type === 'data_visualization').length;
  if (charts > CHART.perMessage) return invalid('/blocks', `no more than ${CHART.perMessage} data_visualization blocks allowed`);
  for (const [index, block] of blocks.entries()) {
    const at = `/blocks/${index}`;
    const type = isJson(block) ? block.type : undefined;
    if (typeof type === 'string' && (context.unsupported?.has(type) || (MESSAGE_ONLY.has(type) && surface !== 'message'))) {
      return invalid(`${at}/type`, `unsupported block type "${type}"`);
    }
    const problem = checkBlock(block, at, context);
    if (problem) return problem;
  }
  const total = totalText(blocks);
  if (surface === 'message' && total > LIMIT.messageBlockText) {
    return { error: 'msg_blocks_too_long', message: `[ERROR] blocks hold ${total} characters of text [json-pointer:/blocks]` };
  }
  return undefined;
}

function checkBlock(block: unknown, at: string, context: BlockCheckContext): Problem {
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
    case 'image':
      return checkImage(block, at, context);
    case 'input':
      return checkInput(block, at);
    case 'data_visualization':
      return checkChartBlock(block, at);
    default:
      return undefined;
  }
}

/** An input block: a plain-text label and hint within their limits, and one element. */
function checkInput(block: Json, at: string): Problem {
  const labelProblem = checkText(block.label, `${at}/label`, LIMIT.inputLabel, true);
  if (labelProblem) return labelProblem;
  if (block.hint !== undefined) {
    const hintProblem = checkText(block.hint, `${at}/hint`, LIMIT.inputHint, true);
    if (hintProblem) return hintProblem;
  }
  if (!isJson(block.element)) return invalid(`${at}/element`, 'must be an element object');
  return checkElement(block.element, `${at}/element`);
}

/** An image shows a public URL or an uploaded file; a file still being processed is refused, as Slack does. */
function checkImage(block: Json, at: string, context: BlockCheckContext): Problem {
  const altProblem = typeof block.alt_text === 'string' && block.alt_text !== '' ? maxLength(block.alt_text, LIMIT.fieldText, `${at}/alt_text`) : invalid(`${at}/alt_text`, 'must be a non-empty string');
  if (altProblem) return altProblem;
  if (typeof block.image_url === 'string') return maxLength(block.image_url, LIMIT.buttonUrl, `${at}/image_url`);
  const file = block.slack_file;
  if (!isJson(file) || (typeof file.id !== 'string' && typeof file.url !== 'string')) return invalid(at, 'must have "image_url" or "slack_file"');
  if (typeof file.id === 'string' && !(context.fileReady?.(file.id) ?? false)) return invalid(`${at}/slack_file`, 'invalid slack file');
  return undefined;
}

/** The `data_visualization` block: a titled pie, bar, area or line chart within Slack's limits. */
function checkChartBlock(block: Json, at: string): Problem {
  if (typeof block.title !== 'string' || block.title === '') return invalid(`${at}/title`, 'must be a non-empty string');
  const titleProblem = maxLength(block.title, CHART.title, `${at}/title`);
  if (titleProblem) return titleProblem;
  const chart = block.chart;
  if (!isJson(chart)) return invalid(`${at}/chart`, 'must be a chart object');
  if (chart.type === 'pie') return checkPoints(chart.segments, `${at}/chart/segments`, CHART.series);
  if (chart.type !== 'bar' && chart.type !== 'area' && chart.type !== 'line') return invalid(`${at}/chart/type`, 'must be one of pie, bar, area, line');
  const axis = chart.axis_config;
  if (!isJson(axis) || !Array.isArray(axis.categories) || axis.categories.length === 0) return invalid(`${at}/chart/axis_config/categories`, 'must be a non-empty array');
  const categories = axis.categories as unknown[];
  for (const [index, category] of categories.entries()) {
    if (typeof category !== 'string' || category === '') return invalid(`${at}/chart/axis_config/categories/${index}`, 'must be a non-empty string');
    const problem = maxLength(category, CHART.label, `${at}/chart/axis_config/categories/${index}`);
    if (problem) return problem;
  }
  const labelProblem = maxLength(axis.x_label, CHART.title, `${at}/chart/axis_config/x_label`) ?? maxLength(axis.y_label, CHART.title, `${at}/chart/axis_config/y_label`);
  if (labelProblem) return labelProblem;
  const series = chart.series;
  if (!Array.isArray(series) || series.length === 0 || series.length > CHART.series) return invalid(`${at}/chart/series`, `must hold 1 to ${CHART.series} series`);
  const names = new Set<string>();
  for (const [index, one] of series.entries()) {
    const where = `${at}/chart/series/${index}`;
    if (!isJson(one) || typeof one.name !== 'string' || one.name === '') return invalid(`${where}/name`, 'must be a non-empty string');
    if (names.has(one.name)) return invalid(`${where}/name`, 'series names must be unique');
    names.add(one.name);
    const problem = maxLength(one.name, CHART.label, `${where}/name`) ?? checkPoints(one.data, `${where}/data`, CHART.points);
    if (problem) return problem;
    const labels = (one.data as Json[]).map((point) => point.label);
    if (labels.some((label) => !categories.includes(label))) return invalid(`${where}/data`, 'labels must match axis_config.categories');
  }
  return undefined;
}

function checkPoints(points: unknown, at: string, max: number): Problem {
  if (!Array.isArray(points) || points.length === 0 || points.length > max) return invalid(at, `must hold 1 to ${max} items`);
  for (const [index, point] of points.entries()) {
    const where = `${at}/${index}`;
    if (!isJson(point) || typeof point.label !== 'string' || point.label === '') return invalid(`${where}/label`, 'must be a non-empty string');
    if (typeof point.value !== 'number' || !Number.isFinite(point.value)) return invalid(`${where}/value`, 'must be a finite number');
    const problem = maxLength(point.label, CHART.label, `${where}/label`);
    if (problem) return problem;
  }
  return undefined;
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
    if (element.type !== 'overflow' && (element.options === undefined) === (element.option_groups === undefined)) {
      return invalid(at, 'must have exactly one of "options" or "option_groups"');
    }
    return (
      checkOptions(element.options, `${at}/options`, element.type === 'overflow' ? LIMIT.overflowOptions : LIMIT.selectOptions) ??
      checkOptionGroups(element.option_groups, `${at}/option_groups`) ??
      checkInitialOptions(element)
    );
  }
  if (element.type === 'checkboxes' || element.type === 'radio_buttons') return checkOptions(element.options, `${at}/options`, 10);
  if (element.type === 'plain_text_input') {
    return maxLength(element.initial_value, LIMIT.textInputValue, `${at}/initial_value`) ?? (typeof element.max_length === 'number' && element.max_length > LIMIT.textInputValue ? invalid(`${at}/max_length`, `must be at most ${LIMIT.textInputValue}`) : undefined);
  }
  if (element.type === 'number_input') {
    if (typeof element.is_decimal_allowed !== 'boolean') return invalid(`${at}/is_decimal_allowed`, 'must be a boolean');
    const initial = element.initial_value;
    if (initial !== undefined && (typeof initial !== 'string' || !(element.is_decimal_allowed ? /^-?\d+(?:\.\d+)?$/ : /^-?\d+$/).test(initial))) {
      return invalid(`${at}/initial_value`, 'must be a number the input accepts');
    }
    return undefined;
  }
  if (element.type === 'datepicker' && element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date))) {
    return invalid(`${at}/initial_date`, 'must be YYYY-MM-DD');
  }
  return undefined;
}

function checkOptionGroups(groups: unknown, at: string): Problem {
  if (groups === undefined) return undefined;
  if (!Array.isArray(groups) || groups.length === 0 || groups.length > LIMIT.optionGroups) return invalid(at, `must hold 1 to ${LIMIT.optionGroups} groups`);
  for (const [index, group] of groups.entries()) {
    const where = `${at}/${index}`;
    if (!isJson(group)) return invalid(where, 'must be an option group object');
    const problem = checkText(group.label, `${where}/label`, LIMIT.optionGroupLabel, true) ?? checkOptions(group.options, `${where}/options`, LIMIT.selectOptions);
    if (problem) return problem;
  }
  return undefined;
}

/** Slack refuses an initial option that is not one of the select's options. */
function checkInitialOptions(element: Json): Problem {
  const all = [...(Array.isArray(element.options) ? element.options : []), ...(Array.isArray(element.option_groups) ? element.option_groups.flatMap((group) => (isJson(group) && Array.isArray(group.options) ? group.options : [])) : [])];
  const values = new Set(all.map((option) => (isJson(option) ? option.value : undefined)));
  const initial = [...(element.initial_option ? [element.initial_option] : []), ...(Array.isArray(element.initial_options) ? element.initial_options : [])];
  const stray = initial.find((option) => !isJson(option) || !values.has(option.value));
  return stray === undefined ? undefined : invalid('/initial_option', 'must be one of the options');
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

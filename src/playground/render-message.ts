/**
 * A Slack message as readable terminal lines: who posted it, the header in bold,
 * sections, fields and small print, and every button or menu option numbered
 * (the same numbers `clickTargetsOf` gives, so typing one clicks it).
 */
import { clickTargetsOf, interactiveElements, plainText, shownLabel, type ClickTarget } from './click-targets.js';
import { mrkdwnToTerminal, type MrkdwnOptions } from './mrkdwn-to-terminal.js';

type Json = Record<string, unknown>;

/** The parts of a message the renderer reads. */
export interface RenderableMessage {
  text: string;
  blocks?: readonly Json[];
}

/** What the first line says about a message. */
export interface MessageHeading {
  /** The playground's number for the message (`#3`); ephemerals have none. */
  number?: number;
  author: string;
  /** The number of the thread's parent, for a thread reply; indents the message. */
  inThreadOf?: number;
  edited?: boolean;
  /** For an ephemeral: who alone sees it ("you" or a name). */
  onlyVisibleTo?: string;
}

const INDENT = '  ';
const THREAD_INDENT = '    ';
const MAX_BUTTON_LINE = 100;

/** The lines that show `message` in the terminal. */
export function renderMessage(message: RenderableMessage, heading: MessageHeading, options: MrkdwnOptions): string[] {
  const targets = clickTargetsOf(message.blocks);
  const blocks = message.blocks ?? [];
  const body = blocks.length > 0 ? blocks.flatMap((block, index) => [...gapBefore(block, blocks[index - 1]), ...blockLines(block, targets, options)]) : textLines(message.text, options);
  const lines = [titleLine(heading, options), ...body.map((line) => (line === '' ? '' : INDENT + line))];
  return heading.inThreadOf === undefined ? lines : lines.map((line) => (line === '' ? '' : THREAD_INDENT + line));
}

/** Slack leaves space between sections; a blank line keeps long messages (the draft) readable. */
function gapBefore(block: Json, previous: Json | undefined): string[] {
  return block.type === 'section' && previous?.type === 'section' ? [''] : [];
}

function titleLine(heading: MessageHeading, options: MrkdwnOptions): string {
  const parts = [heading.number === undefined ? '' : `#${heading.number} `, options.style.bold(heading.author)];
  if (heading.inThreadOf !== undefined) parts.push(` in thread #${heading.inThreadOf}`);
  if (heading.edited) parts.push(' (edited)');
  if (heading.onlyVisibleTo) parts.push(heading.onlyVisibleTo === 'you' ? ' (only you can see this)' : ` (only ${heading.onlyVisibleTo} can see this)`);
  return parts.join('');
}

function textLines(text: string, options: MrkdwnOptions): string[] {
  return mrkdwnToTerminal(text, options).split('\n');
}

function blockLines(block: Json, targets: ClickTarget[], options: MrkdwnOptions): string[] {
  switch (block.type) {
    case 'header':
      return [options.style.bold(plainText(block.text))];
    case 'section':
      return [...sectionText(block, options), ...elementLines(interactiveElements(block), targets, options)];
    case 'context':
      return contextText(block, options).map((line) => options.style.dim(line));
    case 'divider':
      return ['─'.repeat(24)];
    case 'actions':
      return elementLines(interactiveElements(block), targets, options);
    case 'image':
      return [`[image: ${String(block.alt_text ?? '')}]`];
    case 'data_visualization':
      return chartLines(block, options);
    default:
      return block.text ? textObjectLines(block.text, options) : [];
  }
}

function sectionText(block: Json, options: MrkdwnOptions): string[] {
  const fields = Array.isArray(block.fields) ? (block.fields as unknown[]).flatMap((field) => textObjectLines(field, options)) : [];
  return [...(block.text ? textObjectLines(block.text, options) : []), ...fields];
}

function textObjectLines(text: unknown, options: MrkdwnOptions): string[] {
  const object = text as Json | undefined;
  return object?.type === 'mrkdwn' ? textLines(plainText(object), options) : plainText(object).split('\n');
}

function contextText(block: Json, options: MrkdwnOptions): string[] {
  const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
  const parts = elements.map((element) => (element.type === 'image' ? `[${String(element.alt_text ?? 'image')}]` : textObjectLines(element, options).join('\n')));
  return parts.join('  ').split('\n');
}

/** Buttons side by side, menus as numbered lists, in the order of `elements`. */
function elementLines(elements: Json[], targets: ClickTarget[], options: MrkdwnOptions): string[] {
  const lines: string[] = [];
  let buttons: string[] = [];
  const flushButtons = () => {
    lines.push(...wrapButtons(buttons));
    buttons = [];
  };
  for (const element of elements) {
    const own = targets.filter((target) => target.element === element);
    if (element.type === 'button' && own[0]) {
      buttons.push(`[${own[0].number}] ${shownLabel(own[0])}`);
      continue;
    }
    flushButtons();
    lines.push(...(own.length > 0 ? menuLines(element, own, options) : [`[${String(element.type)}: not clickable in the playground]`]));
  }
  flushButtons();
  return lines;
}

function menuLines(element: Json, options: ClickTarget[], mrkdwn: MrkdwnOptions): string[] {
  const placeholder = plainText(element.placeholder) || 'Choose';
  const how = element.type === 'multi_static_select' ? 'type the numbers to pick, e.g. 1,3; Done is clicked for you' : 'type a number to pick it';
  const lines = [`${placeholder} ${mrkdwn.style.dim(`(${how})`)}:`];
  let group: string | undefined;
  for (const option of options) {
    if (option.kind === 'option' && option.group !== undefined && option.group !== group) {
      group = option.group;
      lines.push(`${INDENT}${mrkdwn.style.bold(group)}`);
    }
    lines.push(`${group === undefined ? INDENT : INDENT + INDENT}[${option.number}] ${shownLabel(option)}`);
  }
  return lines;
}

function wrapButtons(buttons: string[]): string[] {
  const lines: string[] = [];
  for (const button of buttons) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 2 + button.length <= MAX_BUTTON_LINE) lines[lines.length - 1] = `${last}  ${button}`;
    else lines.push(button);
  }
  return lines;
}

const BAR_WIDTH = 24;

/** A chart block as text bars: its title, then one line per bar or slice. */
function chartLines(block: Json, options: MrkdwnOptions): string[] {
  const chart = (block.chart ?? {}) as Json;
  const series = Array.isArray(chart.series) ? (chart.series as Json[]) : [];
  const points = ((chart.type === 'pie' ? chart.segments : series[0]?.data) ?? []) as { label?: string; value?: number }[];
  const largest = Math.max(1, ...points.map((point) => point.value ?? 0));
  const labelWidth = Math.max(0, ...points.map((point) => String(point.label ?? '').length));
  const unit = typeof (chart.axis_config as Json | undefined)?.y_label === 'string' ? ` ${String((chart.axis_config as Json).y_label)}` : '';
  return [
    options.style.bold(`[chart] ${String(block.title ?? '')}`),
    ...points.map((point) => {
      const value = point.value ?? 0;
      const bar = '█'.repeat(Math.round((Math.max(0, value) / largest) * BAR_WIDTH));
      return `${String(point.label ?? '').padEnd(labelWidth)}  ${bar} ${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}${unit}`;
    }),
  ];
}

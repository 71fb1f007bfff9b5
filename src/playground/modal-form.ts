/**
 * A Slack modal as a form in the terminal: its inputs numbered with their values now,
 * the errors the bot gave them, and a typed value read into what Slack would send
 * (an option of a menu by number, value or label; a date; a number; text). Pure.
 */
import type { ViewInputValue } from '../local-slack/slack-driver.js';
import { PlaygroundError } from './playground-error.js';

type Json = Record<string, unknown>;

interface Option {
  value: string;
  label: string;
}

/** One input of the modal, numbered as the terminal shows it. */
export interface FormInputField {
  number: number;
  blockId: string;
  label: string;
  type: string;
  options: Option[];
  optional: boolean;
  /** The value Slack shows before anyone types (the bot's prefill). */
  initial: ViewInputValue;
}

/** A select in an actions block (a part or a row to choose), which updates the modal at once. */
export interface FormMenu {
  actionId: string;
  blockId: string;
  options: Option[];
  selected?: string;
}

const textOf = (value: unknown): string => (typeof value === 'object' && value !== null && typeof (value as Json).text === 'string' ? String((value as Json).text) : '');
const optionOf = (raw: unknown): Option => ({ value: String((raw as Json).value ?? ''), label: textOf((raw as Json).text) });

function optionsOf(element: Json): Option[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups) ? (element.option_groups as Json[]).flatMap((group) => (Array.isArray(group.options) ? group.options : [])) : [];
  return [...direct, ...grouped].map(optionOf);
}

/** The modal's inputs, numbered from 1 in the order shown. */
export function formInputs(view: Json): FormInputField[] {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  return blocks
    .filter((block) => block.type === 'input' && typeof block.block_id === 'string' && typeof block.element === 'object')
    .map((block, index) => {
      const element = block.element as Json;
      const type = String(element.type);
      const initial: ViewInputValue =
        type === 'static_select'
          ? element.initial_option ? optionOf(element.initial_option).value : null
          : type === 'multi_static_select' || type === 'checkboxes'
            ? (Array.isArray(element.initial_options) ? element.initial_options : []).map((o) => optionOf(o).value)
            : type === 'datepicker'
              ? typeof element.initial_date === 'string' ? element.initial_date : null
              : typeof element.initial_value === 'string' ? element.initial_value : null;
      return { number: index + 1, blockId: String(block.block_id), label: textOf(block.label), type, options: optionsOf(element), optional: block.optional === true, initial };
    });
}

/** The menus that change the modal (actions blocks with a select). */
export function formMenus(view: Json): FormMenu[] {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  return blocks.flatMap((block) => {
    if (block.type !== 'actions' || !Array.isArray(block.elements)) return [];
    return (block.elements as Json[])
      .filter((element) => element.type === 'static_select')
      .map((element) => ({
        actionId: String(element.action_id),
        blockId: String(block.block_id ?? ''),
        options: optionsOf(element),
        ...(element.initial_option ? { selected: optionOf(element.initial_option).value } : {}),
      }));
  });
}

/** The value shown for an input: the typed one when there is one, else the prefill. */
function shown(field: FormInputField, value: ViewInputValue): string {
  const label = (v: string) => field.options.find((o) => o.value === v)?.label ?? v;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '(empty)';
  if (Array.isArray(value)) return field.type === 'checkboxes' ? 'ticked' : value.map(label).join(', ');
  return field.options.length > 0 ? label(value) : value;
}

/** The form as lines: its texts, each input with its number, value and error, and how to go on. */
export function formLines(view: Json, typed: Readonly<Record<string, ViewInputValue>>, errors: Readonly<Record<string, string>>): string[] {
  const lines: string[] = [`── ${textOf(view.title)} (a modal) ──`];
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  const inputs = formInputs(view);
  for (const block of blocks) {
    if (block.type === 'section') lines.push(textOf(block.text));
    else if (block.type === 'context' && Array.isArray(block.elements)) lines.push(...(block.elements as Json[]).map((e) => `  ${textOf(e)}`));
    else if (block.type === 'actions') {
      for (const menu of formMenus({ blocks: [block] })) {
        const selected = menu.options.find((o) => o.value === menu.selected)?.label;
        const what = menu.blockId === 'section' ? 'part' : 'row';
        lines.push(`  menu (${what}): ${selected ?? 'none chosen'}${menu.options.length <= 12 ? `; options: ${menu.options.map((o) => o.label).join(' | ')}` : `; ${menu.options.length} options`}`);
      }
    } else if (block.type === 'input') {
      const field = inputs.find((f) => f.blockId === block.block_id);
      if (!field) continue;
      const value = Object.hasOwn(typed, field.blockId) ? (typed[field.blockId] ?? null) : field.initial;
      const choices = field.options.length > 0 && field.options.length <= 10 && field.type !== 'checkboxes' ? `  [${field.options.map((o, i) => `${i + 1} ${o.label}`).join(', ')}]` : '';
      lines.push(`  [${field.number}] ${field.label}${field.optional ? ' (optional)' : ''}: ${shown(field, value)}${Object.hasOwn(typed, field.blockId) ? ' (changed)' : ''}${choices}`);
      const error = errors[field.blockId];
      if (error) lines.push(`      ! ${error}`);
    }
  }
  if (view.submit) lines.push(`:set <n> <value> fills input [n]; :submit sends it ("${textOf(view.submit)}"); :edit <part> or :edit row <n|new> changes what is shown; :cancel closes it.`);
  else lines.push(':cancel closes it.');
  return lines;
}

/** Reads what was typed for an input into the value Slack would send; `-` empties it. */
export function readFormValue(field: FormInputField, typed: string): ViewInputValue {
  const text = typed.trim();
  if (text === '-' || text === '') return field.type === 'multi_static_select' || field.type === 'checkboxes' ? [] : null;
  const pick = (part: string): string => {
    const lowered = part.trim().toLowerCase();
    const byNumber = /^\d+$/.test(lowered) ? field.options[Number(lowered) - 1] : undefined;
    const found = byNumber ?? field.options.find((o) => o.value.toLowerCase() === lowered || o.label.toLowerCase() === lowered) ?? field.options.find((o) => o.label.toLowerCase().startsWith(lowered));
    if (!found) throw new PlaygroundError(`[${field.number}] ${field.label} has no option "${part.trim()}". Give its number or name, e.g. :set ${field.number} ${field.options[0]?.label ?? 1}.`);
    return found.value;
  };
  switch (field.type) {
    case 'static_select':
      return pick(text);
    case 'multi_static_select':
      return text.split(',').map(pick);
    case 'checkboxes':
      return /^(?:yes|y|x|1|on|true)$/i.test(text) ? (field.options[0] ? [field.options[0].value] : []) : [];
    case 'number_input':
      if (!/^-?\d+(?:\.\d+)?$/.test(text)) throw new PlaygroundError(`[${field.number}] ${field.label} is a number input: type digits, e.g. :set ${field.number} 300000.`);
      return text;
    case 'datepicker':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new PlaygroundError(`[${field.number}] ${field.label} is a date picker: type the date as YYYY-MM-DD, e.g. :set ${field.number} 2027-04-30.`);
      return text;
    default:
      return text.replace(/\\n/g, '\n');
  }
}

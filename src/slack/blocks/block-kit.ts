/**
 * Small builders for the Block Kit JSON the bot sends, each enforcing Slack's
 * limits at the point of construction (a too-long label is cut, never rejected
 * by Slack as `invalid_blocks`).
 */

import { truncate } from '../../render/cut-text.js';
import { SLACK_LIMITS } from '../../render/slack-limits.js';

export type Block = Record<string, unknown>;

/** Slack's limits, plus our own, shorter cut for context lines (small print should stay small). */
export const LIMITS = { ...SLACK_LIMITS, contextText: 2000 } as const;

export { truncate } from '../../render/cut-text.js';

/** A mrkdwn section (the text must already be escaped where it holds user text). */
export function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/** A small grey line of mrkdwn. */
export function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) }] };
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true } };
}

export function divider(): Block {
  return { type: 'divider' };
}

/** A button; `style` highlights the main or a destructive action. */
export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Block {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: truncate(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/** A row of interactive elements (at most 25). */
export function actions(blockId: string, elements: Block[]): Block {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, LIMITS.actionsElements) };
}

export interface SelectOption {
  text: string;
  value: string;
  group?: string;
}

function option({ text, value }: SelectOption): Block {
  return { text: { type: 'plain_text', text: truncate(text, LIMITS.optionText), emoji: true }, value };
}

/** Options as a flat list, or as option groups when every option names a group. */
function optionsOf(options: SelectOption[]): Block {
  const limited = options.slice(0, LIMITS.selectOptions);
  if (limited.length > 0 && limited.every((o) => o.group)) {
    const groups = [...new Set(limited.map((o) => o.group as string))];
    return {
      option_groups: groups.map((group) => ({
        label: { type: 'plain_text', text: truncate(group, LIMITS.optionText) },
        options: limited.filter((o) => o.group === group).map(option),
      })),
    };
  }
  return { options: limited.map(option) };
}

export function staticSelect(actionId: string, placeholder: string, options: SelectOption[], initial?: string): Block {
  const initialOption = options.find((o) => o.value === initial);
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: { type: 'plain_text', text: truncate(placeholder, LIMITS.placeholder) },
    ...optionsOf(options),
    ...(initialOption ? { initial_option: option(initialOption) } : {}),
  };
}

export function multiSelect(actionId: string, placeholder: string, options: SelectOption[], initial: string[] = []): Block {
  const initialOptions = options.filter((o) => initial.includes(o.value)).map(option);
  return {
    type: 'multi_static_select',
    action_id: actionId,
    placeholder: { type: 'plain_text', text: truncate(placeholder, LIMITS.placeholder) },
    ...optionsOf(options),
    ...(initialOptions.length > 0 ? { initial_options: initialOptions } : {}),
  };
}

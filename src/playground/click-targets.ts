/**
 * Numbers every button and menu option of a message in reading order, so that
 * typing the number in the playground clicks it. The renderer and the clicker
 * both use this one numbering, so what is shown is what gets clicked.
 */

type Json = Record<string, unknown>;

/** One clickable thing: a button, or one option of a menu. */
export type ClickTarget =
  | { number: number; kind: 'button'; label: string; actionId: string; blockId: string; value?: string; element: Json }
  | {
      number: number;
      kind: 'option';
      label: string;
      actionId: string;
      blockId: string;
      value: string;
      /** true for a multi-select, where several options are picked and then committed. */
      multi: boolean;
      /** The option group's heading, when the menu has groups. */
      group?: string;
      element: Json;
    };

const MENU_TYPES = new Set(['static_select', 'multi_static_select']);

/** The interactive elements of one block: an actions block's elements, or a section's accessory. */
export function interactiveElements(block: Json): Json[] {
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements as Json[];
  if (block.type === 'section' && isObject(block.accessory)) return [block.accessory];
  return [];
}

/** Every button and menu option of `blocks`, numbered from 1 in reading order. */
export function clickTargetsOf(blocks: readonly Json[] | undefined): ClickTarget[] {
  const targets: ClickTarget[] = [];
  (blocks ?? []).forEach((block, index) => {
    const blockId = typeof block.block_id === 'string' ? block.block_id : `block-${index}`;
    for (const element of interactiveElements(block)) {
      const actionId = typeof element.action_id === 'string' ? element.action_id : '';
      if (element.type === 'button') {
        targets.push({
          number: targets.length + 1,
          kind: 'button',
          label: plainText(element.text),
          actionId,
          blockId,
          ...(typeof element.value === 'string' ? { value: element.value } : {}),
          element,
        });
      } else if (MENU_TYPES.has(String(element.type))) {
        for (const { option, group } of menuOptions(element)) {
          targets.push({
            number: targets.length + 1,
            kind: 'option',
            label: plainText(option.text),
            actionId,
            blockId,
            value: String(option.value ?? ''),
            multi: element.type === 'multi_static_select',
            ...(group ? { group } : {}),
            element,
          });
        }
      }
    }
  });
  return targets;
}

/** A menu's options with their group headings, flat or grouped. */
function menuOptions(element: Json): { option: Json; group?: string }[] {
  if (Array.isArray(element.option_groups)) {
    return (element.option_groups as Json[]).flatMap((group) =>
      ((group.options as Json[] | undefined) ?? []).map((option) => ({ option, group: plainText(group.label) })),
    );
  }
  return ((element.options as Json[] | undefined) ?? []).map((option) => ({ option }));
}

/** A target's label as shown: the bot numbers its choices itself ("2. Brand"); when that number is ours too, show it once. */
export function shownLabel(target: ClickTarget): string {
  const prefix = `${target.number}. `;
  return target.label.startsWith(prefix) ? target.label.slice(prefix.length) : target.label;
}

/** The text of a Block Kit text object (or a bare string). */
export function plainText(text: unknown): string {
  if (typeof text === 'string') return text;
  return isObject(text) && typeof text.text === 'string' ? text.text : '';
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

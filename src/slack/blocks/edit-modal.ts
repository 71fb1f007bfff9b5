/**
 * The Edit form as a Block Kit modal: a menu of the plan's parts, the part's answers as
 * inputs (block id = the form field's key), the contact plan's row menu, and the
 * finished view. `private_metadata` carries only ids (plan, version, part, row).
 */
import type { EditForm, FormField, FormInput, FormOption, SubmittedValue } from '../../app/edit-form.js';
import type { EditMeta, FieldError, OpenedForm } from '../../app/edit-service.js';
import { SLACK_LIMITS } from '../../render/slack-limits.js';
import { escapeMrkdwn } from '../../render/escape.js';
import { truncate } from './block-kit.js';
import { EDIT_WORDS as W } from './edit-words.js';

export const EDIT_VIEW = 'imc_edit';
export const EDIT_ACTION = { section: 'imc_edit_section', row: 'imc_edit_row', input: 'v' } as const;

type Json = Record<string, unknown>;
const plain = (text: string, max: number = SLACK_LIMITS.inputLabel): Json => ({ type: 'plain_text', text: truncate(text, max) || ' ' });
const option = (o: FormOption): Json => ({ text: plain(o.label, SLACK_LIMITS.optionText), value: o.value });

/** The modal for an opened form. */
export function editModalView(opened: OpenedForm): Json {
  const { form, meta, campaign } = opened;
  const sections = form.sections.map((label, index) => ({ value: label, label: W.sectionOption(index + 1, label) }));
  const current = sections.find((s) => s.value === form.section);
  const blocks: Json[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(W.intro(escapeMrkdwn(campaign), meta.version), SLACK_LIMITS.sectionText) } },
    {
      type: 'actions',
      block_id: 'section',
      elements: [{ type: 'static_select', action_id: EDIT_ACTION.section, placeholder: plain(W.sectionMenu, 150), options: sections.map(option), ...(current ? { initial_option: option(current) } : {}) }],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${W.otherParts} ${W.threadToo}` }] },
    { type: 'divider' },
  ];
  const rows = form.rows;
  for (const field of form.fields) {
    if (field.rowField === 'stage' && rows) continue; // the row's inputs follow its menu
    if (!field.rowField) blocks.push(inputBlock(field));
  }
  if (rows) {
    const groups = rows.groups.map((group) => ({ label: plain(group.label === 'New' ? W.newRowGroup : group.label, SLACK_LIMITS.optionGroupLabel), options: group.options.slice(0, SLACK_LIMITS.selectOptions).map((o) => option(o.value === 'new' ? { ...o, label: W.addRow } : o)) }));
    const selected = rows.groups.flatMap((group) => group.options).find((o) => o.value === rows.selected);
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: `*${W.rowMenu}*\n${W.rowsHint}` } },
      {
        type: 'actions',
        block_id: rows.key,
        elements: [{ type: 'static_select', action_id: EDIT_ACTION.row, placeholder: plain(W.rowMenuPlaceholder, 150), option_groups: groups, ...(selected ? { initial_option: option(selected.value === 'new' ? { ...selected, label: W.addRow } : selected) } : {}) }],
      },
    );
    if (rows.selected) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: W.rowHeading(opened.rowPosition) } });
      for (const field of form.fields) if (field.rowField) blocks.push(inputBlock(field));
    }
  }
  if (form.fields.length === 0 && !rows) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: W.noQuestions } });
  const hasInputs = blocks.some((block) => block.type === 'input');
  return {
    type: 'modal',
    callback_id: EDIT_VIEW,
    title: plain(W.title, SLACK_LIMITS.modalTitle),
    close: plain(W.close, SLACK_LIMITS.modalTitle),
    ...(hasInputs ? { submit: plain(W.submit, SLACK_LIMITS.modalTitle) } : {}),
    private_metadata: encodeMeta(meta),
    blocks: blocks.slice(0, SLACK_LIMITS.modalBlocks),
  };
}

/** What the modal says once the submission is kept. */
export function editDoneView(text: string): Json {
  return {
    type: 'modal',
    callback_id: `${EDIT_VIEW}_done`,
    title: plain(W.doneTitle, SLACK_LIMITS.modalTitle),
    close: plain(W.doneClose, SLACK_LIMITS.modalTitle),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

function inputBlock(field: FormField): Json {
  const question = field.question;
  const label = question ? question.label : W.rowLabels[field.rowField ?? 'message'];
  const hint = question ? (question.kind === 'percentage' ? `${question.text} ${W.percentHint}` : question.text) : field.rowField ? W.rowHints[field.rowField] : undefined;
  return {
    type: 'input',
    block_id: field.key,
    optional: field.optional,
    label: plain(label, SLACK_LIMITS.inputLabel),
    ...(hint ? { hint: plain(hint, SLACK_LIMITS.inputHint) } : {}),
    element: elementFor(field.input),
  };
}

function elementFor(input: FormInput): Json {
  const id = { action_id: EDIT_ACTION.input };
  switch (input.type) {
    case 'select': {
      const initial = input.options.find((o) => o.value === input.initial);
      return { type: 'static_select', ...id, options: input.options.slice(0, SLACK_LIMITS.selectOptions).map(option), ...(initial ? { initial_option: option(initial) } : {}) };
    }
    case 'multi': {
      const initial = input.options.filter((o) => input.initial.includes(o.value));
      return { type: 'multi_static_select', ...id, options: input.options.slice(0, SLACK_LIMITS.selectOptions).map(option), ...(initial.length > 0 ? { initial_options: initial.map(option) } : {}) };
    }
    case 'date':
      return { type: 'datepicker', ...id, ...(input.initial ? { initial_date: input.initial } : {}) };
    case 'number':
      return { type: 'number_input', ...id, is_decimal_allowed: input.decimals, ...(input.initial !== undefined ? { initial_value: input.initial } : {}) };
    case 'text':
      return { type: 'plain_text_input', ...id, multiline: input.multiline, max_length: input.maxLength, ...(input.initial ? { initial_value: input.initial.slice(0, input.maxLength) } : {}) };
    case 'checkbox': {
      const only = option({ value: 'yes', label: W.removeOption });
      return { type: 'checkboxes', ...id, options: [only], ...(input.initial ? { initial_options: [only] } : {}) };
    }
  }
}

/** The ids the view carries: plan, version, part and row, nothing else. */
export function encodeMeta(meta: EditMeta): string {
  return JSON.stringify({ p: meta.planId, v: meta.version, ...(meta.section ? { s: meta.section } : {}), ...(meta.row ? { r: meta.row } : {}) });
}

export function decodeMeta(text: unknown): EditMeta | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const raw = JSON.parse(text) as { p?: unknown; v?: unknown; s?: unknown; r?: unknown };
    if (typeof raw.p !== 'string' || typeof raw.v !== 'number') return undefined;
    return { planId: raw.p, version: raw.v, ...(typeof raw.s === 'string' ? { section: raw.s } : {}), ...(typeof raw.r === 'string' ? { row: raw.r } : {}) };
  } catch {
    return undefined;
  }
}

/** The inputs' values from a view's state, by block id. */
export function submittedValues(state: unknown): Record<string, SubmittedValue> {
  const values: Record<string, SubmittedValue> = {};
  const blocks = (state as { values?: Record<string, Record<string, Json>> } | undefined)?.values ?? {};
  for (const [blockId, actions] of Object.entries(blocks)) {
    const entry = actions[EDIT_ACTION.input];
    if (!entry) continue;
    const options = (list: unknown): string[] => (Array.isArray(list) ? list.map((o) => String((o as Json).value ?? '')) : []);
    switch (entry.type) {
      case 'static_select':
        values[blockId] = entry.selected_option ? String((entry.selected_option as Json).value ?? '') : null;
        break;
      case 'multi_static_select':
        values[blockId] = options(entry.selected_options);
        break;
      case 'checkboxes':
        values[blockId] = options(entry.selected_options).length > 0;
        break;
      case 'datepicker':
        values[blockId] = typeof entry.selected_date === 'string' ? entry.selected_date : null;
        break;
      default:
        values[blockId] = typeof entry.value === 'string' ? entry.value : null;
    }
  }
  return values;
}

/** Slack's inline errors: one per field, by block id. */
export function errorsResponse(errors: readonly FieldError[]): { response_action: 'errors'; errors: Record<string, string> } {
  const byBlock: Record<string, string> = {};
  for (const error of errors) {
    if (byBlock[error.key] !== undefined) continue;
    const text = 'message' in error ? error.message : error.code === 'required' ? W.required : error.code === 'cannot-empty' ? W.cannotEmpty : W.unchanged;
    byBlock[error.key] = truncate(text.replace(/`/g, ''), SLACK_LIMITS.inputHint);
  }
  return { response_action: 'errors', errors: byBlock };
}

export type { EditForm };

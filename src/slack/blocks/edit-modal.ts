/**
 * The Edit form as a Block Kit modal: a menu of the plan's parts, the part's answers as
 * inputs (block id = the form field's key), the contact plan's row menu, and the
 * finished view. `private_metadata` carries only ids (plan, version, part, row).
 */
import type { EditForm, FormField, FormInput, FormOption, OptionLabel, SubmittedValue } from '../../app/edit-form.js';
import type { EditMeta, EditRefusal, FieldError, OpenedForm } from '../../app/edit-service.js';
import { joined, phrase, type Phrase } from '../../domain/message/phrase.js';
import type { Translator } from '../../render/i18n/translator.js';
import { SLACK_LIMITS } from '../../render/slack-limits.js';
import { unescapeSlackText } from '../../render/escape.js';
import { truncate } from './block-kit.js';

export const EDIT_VIEW = 'imc_edit';
export const EDIT_ACTION = { section: 'imc_edit_section', row: 'imc_edit_row', input: 'v' } as const;

type Json = Record<string, unknown>;
const plain = (text: string, max: number = SLACK_LIMITS.inputLabel): Json => ({ type: 'plain_text', text: truncate(text, max) || ' ' });
/** The catalogue's words as plain text (Slack's plain_text fields read no entities, so `&lt;` is written `<`). */
const words = (t: Translator, said: Phrase): string => unescapeSlackText(t.plain(said));
const labelText = (t: Translator, label: OptionLabel): string => (typeof label === 'string' ? label : words(t, label));
const option = (t: Translator, o: FormOption): Json => ({ text: plain(labelText(t, o.label), SLACK_LIMITS.optionText), value: o.value });
const edit = (key: string, params?: Phrase['params']): Phrase => phrase(`edit.${key}`, params);

/** The modal for an opened form, in the language of `t` (the editing person's). */
export function editModalView(opened: OpenedForm, t: Translator): Json {
  const { form, meta, campaign } = opened;
  const sections = form.sections.map((label, index) => ({ value: label, label: edit('modal.section_option', { number: String(index + 1), label: { content: label } }) }));
  const current = sections.find((s) => s.value === form.section);
  const blocks: Json[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(t.text(edit('modal.intro', { campaign, version: String(meta.version) })), SLACK_LIMITS.sectionText) } },
    {
      type: 'actions',
      block_id: 'section',
      elements: [
        {
          type: 'static_select',
          action_id: EDIT_ACTION.section,
          placeholder: plain(words(t, edit('modal.section_menu')), 150),
          options: sections.map((s) => option(t, s)),
          ...(current ? { initial_option: option(t, current) } : {}),
        },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t.text(joined(edit('modal.other_parts'), edit('modal.thread_too'))) }] },
    { type: 'divider' },
  ];
  const rows = form.rows;
  for (const field of form.fields) {
    if (field.rowField === 'stage' && rows) continue; // the row's inputs follow its menu
    if (!field.rowField) blocks.push(inputBlock(field, t));
  }
  if (rows) {
    const groups = rows.groups.map((group) => ({
      label: plain(labelText(t, group.label), SLACK_LIMITS.optionGroupLabel),
      options: group.options.slice(0, SLACK_LIMITS.selectOptions).map((o) => option(t, o)),
    }));
    const selected = rows.groups.flatMap((group) => group.options).find((o) => o.value === rows.selected);
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: `*${t.text(edit('modal.row_menu'))}*\n${t.text(edit('modal.rows_hint'))}` } },
      {
        type: 'actions',
        block_id: rows.key,
        elements: [
          {
            type: 'static_select',
            action_id: EDIT_ACTION.row,
            placeholder: plain(words(t, edit('modal.row_menu_placeholder')), 150),
            option_groups: groups,
            ...(selected ? { initial_option: option(t, selected) } : {}),
          },
        ],
      },
    );
    if (rows.selected) {
      const heading = opened.rowPosition === undefined ? edit('modal.new_row_heading') : edit('modal.row_heading', { row: String(opened.rowPosition) });
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t.text(heading) } });
      for (const field of form.fields) if (field.rowField) blocks.push(inputBlock(field, t));
    }
  }
  if (form.fields.length === 0 && !rows) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t.text(edit('modal.no_questions')) } });
  const hasInputs = blocks.some((block) => block.type === 'input');
  return {
    type: 'modal',
    callback_id: EDIT_VIEW,
    title: plain(words(t, edit('modal.title')), SLACK_LIMITS.modalTitle),
    close: plain(words(t, edit('modal.close')), SLACK_LIMITS.modalTitle),
    ...(hasInputs ? { submit: plain(words(t, edit('modal.submit')), SLACK_LIMITS.modalTitle) } : {}),
    private_metadata: encodeMeta(meta),
    blocks: blocks.slice(0, SLACK_LIMITS.modalBlocks),
  };
}

/** What the modal says once the submission is kept (or why it was not), in the language of `t`. */
export function editDoneView(said: Phrase, t: Translator): Json {
  return {
    type: 'modal',
    callback_id: `${EDIT_VIEW}_done`,
    title: plain(words(t, edit('modal.done_title')), SLACK_LIMITS.modalTitle),
    close: plain(words(t, edit('modal.done_close')), SLACK_LIMITS.modalTitle),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(t.text(said), SLACK_LIMITS.sectionText) } }],
  };
}

/** Why the form cannot be opened or taken. */
export function refusalPhrase(refusal: EditRefusal): Phrase {
  switch (refusal.code) {
    case 'not-found':
      return phrase('plan.not_found_any_more');
    case 'not-author':
      return phrase('plan.edit.only_author', { author: { user: refusal.authorId } });
    case 'not-editable':
      return phrase('plan.edit.closed', { status: phrase(`plan.status.${refusal.status}`) });
    case 'open-in-thread':
      return edit('error.open_in_thread');
    case 'stale':
      return edit('error.stale', { version: String(refusal.current) });
  }
}

/** What a kept submission says, by what came of it. */
export function savedPhrase(result: 'finished' | 'findings' | 'question', version: number): Phrase {
  return result === 'finished' ? edit('done.posted', { version: String(version) }) : result === 'findings' ? edit('done.findings') : edit('done.question');
}

/** A phrase as one of Slack's inline errors: plain text, no code spans, within the limit. */
export function inlineError(t: Translator, said: Phrase): string {
  return truncate(unescapeSlackText(t.text(said)).replace(/`/g, ''), SLACK_LIMITS.inputHint);
}

const ROW_LABEL_KEYS = ['stage', 'channel', 'format', 'timing', 'message', 'kpi', 'cta', 'incentive', 'remove'];
const ROW_HINT_KEYS = ['timing', 'kpi'];

function inputBlock(field: FormField, t: Translator): Json {
  const question = field.question;
  const rowField = field.rowField && ROW_LABEL_KEYS.includes(field.rowField) ? field.rowField : 'message';
  const label = question ? question.label : words(t, edit(`modal.row_label.${rowField}`));
  const hint = question
    ? question.kind === 'percentage'
      ? words(t, edit('modal.percent_hint', { question: { content: question.text } }))
      : question.text
    : field.rowField && ROW_HINT_KEYS.includes(field.rowField)
      ? words(t, edit(`modal.row_hint.${field.rowField}`))
      : undefined;
  return {
    type: 'input',
    block_id: field.key,
    optional: field.optional,
    label: plain(label, SLACK_LIMITS.inputLabel),
    ...(hint ? { hint: plain(hint, SLACK_LIMITS.inputHint) } : {}),
    element: elementFor(field.input, t),
  };
}

function elementFor(input: FormInput, t: Translator): Json {
  const id = { action_id: EDIT_ACTION.input };
  switch (input.type) {
    case 'select': {
      const initial = input.options.find((o) => o.value === input.initial);
      return { type: 'static_select', ...id, options: input.options.slice(0, SLACK_LIMITS.selectOptions).map((o) => option(t, o)), ...(initial ? { initial_option: option(t, initial) } : {}) };
    }
    case 'multi': {
      const initial = input.options.filter((o) => input.initial.includes(o.value));
      return { type: 'multi_static_select', ...id, options: input.options.slice(0, SLACK_LIMITS.selectOptions).map((o) => option(t, o)), ...(initial.length > 0 ? { initial_options: initial.map((o) => option(t, o)) } : {}) };
    }
    case 'date':
      return { type: 'datepicker', ...id, ...(input.initial ? { initial_date: input.initial } : {}) };
    case 'number':
      return { type: 'number_input', ...id, is_decimal_allowed: input.decimals, ...(input.initial !== undefined ? { initial_value: input.initial } : {}) };
    case 'text':
      return { type: 'plain_text_input', ...id, multiline: input.multiline, max_length: input.maxLength, ...(input.initial ? { initial_value: input.initial.slice(0, input.maxLength) } : {}) };
    case 'checkbox': {
      const only = option(t, { value: 'yes', label: edit('modal.remove_option') });
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

/** Slack's inline errors: one per field, by block id, in the language of `t`. */
export function errorsResponse(errors: readonly FieldError[], t: Translator): { response_action: 'errors'; errors: Record<string, string> } {
  const byBlock: Record<string, string> = {};
  for (const error of errors) {
    if (byBlock[error.key] !== undefined) continue;
    const said = 'message' in error ? error.message : error.code === 'required' ? edit('error.required') : error.code === 'cannot-empty' ? edit('error.cannot_empty') : edit('error.unchanged');
    byBlock[error.key] = inlineError(t, said);
  }
  return { response_action: 'errors', errors: byBlock };
}

export type { EditForm };

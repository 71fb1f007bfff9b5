/**
 * The Edit form of a posted plan, as plain data the Slack layer renders: the plan's
 * parts, the questions of one part with their answers prefilled as inputs of the
 * right kind (choices from the question map's labels, dates, numbers, text), and the
 * contact plan's rows. `readSubmission` turns what came back into the inputs the
 * conversation reads, only for what changed.
 */
import type { AnswerEdit, RowEdit } from '../domain/conversation/apply-edits.js';
import { currencyOf } from '../domain/conversation/flow-answer.js';
import { contactTable, CONTACT_PLAN_ID } from '../domain/conversation/flow-contact.js';
import type { AnswerRecord, FlowState } from '../domain/conversation/flow-state.js';
import type { Question, QuestionScript } from '../domain/conversation/question.js';
import { sectionsOf } from '../domain/conversation/script.js';
import { applicableQuestions, assembleDraft } from '../domain/plan/assemble-draft.js';
import { proposedAnswer } from '../domain/plan/proposed-answers.js';
import { labelOf, MINOR_UNITS, STAGES } from '../domain/plan/vocabulary.js';
import type { Currency, Touchpoint } from '../domain/plan/plan.js';
import { kpiText, timingText } from '../render/contact-plan-view.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';

/**
 * What an option or a group shows: the plan's own words (a choice's label, a channel's
 * name: a string, shown as it is) or words of the catalogue (a phrase, in the reader's language).
 */
export type OptionLabel = string | Phrase;

export interface FormOption {
  value: string;
  label: OptionLabel;
}

/** Yes and No, for the questions and row fields that take them. */
const YES_NO: FormOption[] = [
  { value: 'yes', label: phrase('edit.form.yes') },
  { value: 'no', label: phrase('edit.form.no') },
];

/** One input, with its value now (what Slack shows prefilled). */
export type FormInput =
  | { type: 'select'; options: FormOption[]; initial?: string }
  | { type: 'multi'; options: FormOption[]; initial: string[] }
  | { type: 'date'; initial?: string }
  | { type: 'number'; decimals: boolean; initial?: string }
  | { type: 'text'; multiline: boolean; maxLength: number; initial?: string }
  | { type: 'checkbox'; initial: boolean };

/** The fields of a contact-plan row the form offers (the thread's row words name them). */
export const ROW_FIELDS = ['stage', 'channel', 'format', 'timing', 'message', 'kpi', 'cta', 'incentive'] as const;
export type RowField = (typeof ROW_FIELDS)[number] | 'remove';

export interface FormField {
  /** The field's id in the form (Slack's block id), stable for one plan. */
  key: string;
  /** The question it answers; absent for a row's fields. */
  question?: Question;
  /** The row field it changes (contact plan). */
  rowField?: RowField;
  optional: boolean;
  input: FormInput;
}

/** The rows to choose from, by stage, and the one chosen (`new` to add one). */
export interface RowChoice {
  key: string;
  groups: { label: OptionLabel; options: FormOption[] }[];
  selected?: string;
}

export interface EditForm {
  sections: string[];
  section: string;
  fields: FormField[];
  /** In the part that holds the contact plan. */
  rows?: RowChoice;
}

/** Where a form value goes: block ids are `q:<question id>`, `row:<field>` and `row`. */
export const ROW_KEY = 'row';
const questionKey = (id: string): string => `q:${id}`;
const rowKey = (field: RowField): string => `row:${field}`;
/** The question a field key answers, if it is a question's. */
export function questionOfKey(key: string): string | undefined {
  return key.startsWith('q:') ? key.slice(2) : undefined;
}
export { questionKey };

/** The value of `new` in the row menu. */
export const NEW_ROW = 'new';
const MAX_TEXT = 3000;

/** The form for `section` (the first part when it is not one of the plan's), with `rowId` open in the contact plan. */
export function buildEditForm(script: QuestionScript, state: FlowState, section: string | undefined, rowId?: string): EditForm {
  const sections = sectionsOf(script);
  const chosen = section && sections.includes(section) ? section : (sections[0] ?? '');
  const currency = currencyOf(state.answers);
  const draft = assembleDraft(state.answers, script, script.catalogue, state.carried);
  const questions = applicableQuestions(script, state.answers).filter((q) => q.section === chosen);
  const fields: FormField[] = [];
  let rows: RowChoice | undefined;
  for (const question of questions) {
    if (question.kind === 'contact-plan') {
      const table = contactTable(script, state).rows;
      const selected = rowId === NEW_ROW || table.some((row) => row.id === rowId) ? rowId : undefined;
      rows = { key: ROW_KEY, groups: rowGroups(script, table), ...(selected ? { selected } : {}) };
      if (selected) fields.push(...rowFields(script, selected === NEW_ROW ? undefined : table.find((row) => row.id === selected)));
      continue;
    }
    const answer = state.answers[question.id];
    const proposed = answer === undefined && question.proposed ? proposedAnswer(question.id, draft) : undefined;
    fields.push({ key: questionKey(question.id), question, optional: question.optional, input: inputFor(question, answer, proposed, currency) });
  }
  return { sections, section: chosen, fields, ...(rows ? { rows } : {}) };
}

function inputFor(question: Question, answer: AnswerRecord | undefined, proposed: string | string[] | undefined, currency: Currency): FormInput {
  const value = answer?.skipped ? undefined : (answer?.value ?? proposed);
  const options = (question.choices ?? []).map((choice) => ({ value: choice.id, label: choice.label }));
  const text = (initial: string | undefined, multiline: boolean): FormInput => ({
    type: 'text',
    multiline,
    maxLength: Math.min(question.max ?? MAX_TEXT, MAX_TEXT),
    ...(initial ? { initial: initial.slice(0, MAX_TEXT) } : {}),
  });
  switch (question.kind) {
    case 'single':
      return { type: 'select', options, ...(typeof value === 'string' ? { initial: value } : {}) };
    case 'multi':
      return { type: 'multi', options, initial: Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [] };
    case 'yesno':
      return { type: 'select', options: YES_NO, ...(typeof value === 'boolean' ? { initial: value ? 'yes' : 'no' } : {}) };
    case 'date':
      return { type: 'date', ...(typeof value === 'string' ? { initial: value } : {}) };
    case 'money':
      return { type: 'number', decimals: MINOR_UNITS[currency] > 1, ...(typeof value === 'number' ? { initial: plainNumber(value / MINOR_UNITS[currency]) } : {}) };
    case 'percentage':
      return { type: 'number', decimals: true, ...(typeof value === 'number' ? { initial: plainNumber(value * 100) } : {}) };
    case 'number':
      return { type: 'number', decimals: question.integer !== true, ...(typeof value === 'number' ? { initial: plainNumber(value) } : {}) };
    case 'text':
      return text(typeof value === 'string' ? value : undefined, (question.max ?? MAX_TEXT) > 150);
    default:
      // Goals, costs, the offer: the words they were typed in, which the same parser reads again.
      return text(answer && !answer.skipped ? (answer.raw ?? (typeof value === 'string' ? value : undefined)) : undefined, true);
  }
}

/** 1234.5 -> "1234.5", 0.35 * 100 -> "35" (no float dust, no grouping). */
function plainNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}

function rowGroups(script: QuestionScript, rows: readonly Touchpoint[]): RowChoice['groups'] {
  const groups = STAGES.map((stage) => ({
    label: labelOf(script.labels, 'stage', stage),
    options: rows.flatMap((row, index) => (row.stage === stage ? [{ value: row.id, label: phrase('edit.form.row_option', { row: String(index + 1), channel: { content: channelName(script, row.channelId) } }) }] : [])),
  })).filter((group) => group.options.length > 0);
  return [...groups, { label: phrase('edit.form.new_rows'), options: [{ value: NEW_ROW, label: phrase('edit.form.add_row') }] }];
}

function channelName(script: QuestionScript, channelId: string): string {
  return script.catalogue.find((channel) => channel.id === channelId)?.name ?? channelId;
}

/** The inputs of one row, prefilled with what it says now (a new row: stage and channel, the rest proposed). */
function rowFields(script: QuestionScript, row: Touchpoint | undefined): FormField[] {
  const stages = STAGES.map((stage) => ({ value: stage, label: labelOf(script.labels, 'stage', stage) }));
  const channels = script.catalogue.map((channel) => ({ value: channel.id, label: channel.name }));
  const field = (rowField: RowField, input: FormInput, optional = true): FormField => ({ key: rowKey(rowField), rowField, optional, input });
  const text = (initial: string | undefined, maxLength: number): FormInput => ({ type: 'text', multiline: false, maxLength, ...(initial ? { initial } : {}) });
  const flag = (value: boolean | undefined) => (value === undefined ? {} : { initial: value ? 'yes' : 'no' });
  const fields = [
    field('stage', { type: 'select', options: stages, ...(row ? { initial: row.stage } : {}) }, row !== undefined),
    field('channel', { type: 'select', options: channels, ...(row ? { initial: row.channelId } : {}) }, row !== undefined),
    field('format', text(row?.format, 80)),
    field('timing', text(row ? timingText(row.timing) : undefined, 120)),
    field('message', text(row?.message, 300)),
    field('kpi', text(row?.kpi ? kpiText(row.kpi) : undefined, 120)),
    field('cta', { type: 'select', options: YES_NO, ...flag(row?.callToAction) }),
    field('incentive', { type: 'select', options: YES_NO, ...flag(row?.usesIncentive) }),
  ];
  return row ? [...fields, field('remove', { type: 'checkbox', initial: false })] : fields;
}

/** What one field came back with: an option value or several, a date, a number or text (`null`: empty), a ticked box. */
export type SubmittedValue = string | string[] | boolean | null;

/** A field the form itself refuses before anything is read. */
export interface FormRefusal {
  key: string;
  code: 'required' | 'cannot-empty';
}

/** The changed fields as the conversation's inputs, or the fields refused on sight. */
export function readSubmission(
  form: EditForm,
  values: Readonly<Record<string, SubmittedValue>>,
): { answers: AnswerEdit[]; row?: RowEdit; refused: FormRefusal[] } {
  const answers: AnswerEdit[] = [];
  const refused: FormRefusal[] = [];
  const rowParts: { key: string; text: string }[] = [];
  let remove = false;
  for (const field of form.fields) {
    if (!Object.hasOwn(values, field.key)) continue;
    const value = values[field.key] ?? null;
    if (!changed(field.input, value)) continue;
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (field.rowField) {
      if (field.rowField === 'remove') remove = value === true;
      else if (!empty) rowParts.push({ key: field.key, text: `${field.rowField}: ${rowValue(form, field, value)}` });
      else if (!field.optional) refused.push({ key: field.key, code: 'required' });
      continue;
    }
    const question = field.question;
    if (!question) continue;
    if (empty && question.kind === 'multi' && question.optional) {
      answers.push({ key: field.key, questionId: question.id, input: { type: 'text', text: 'none' } });
    } else if (empty) {
      refused.push({ key: field.key, code: field.optional ? 'cannot-empty' : 'required' });
    } else {
      answers.push({ key: field.key, questionId: question.id, input: answerInput(question, value) });
    }
  }
  const selected = form.rows?.selected;
  const row: RowEdit | undefined =
    form.rows && selected && (rowParts.length > 0 || remove)
      ? { key: rowKey('stage'), ...(selected === NEW_ROW ? {} : { rowId: selected }), ...(remove ? { removeKey: rowKey('remove') } : {}), fields: rowParts }
      : undefined;
  return { answers, ...(row ? { row } : {}), refused };
}

/** A submitted value as the question's own reader takes it: clicked ids for choices, typed text for the rest. */
function answerInput(question: Question, value: SubmittedValue): AnswerEdit['input'] {
  const list = Array.isArray(value) ? value : [String(value)];
  if (['single', 'multi', 'yesno', 'date'].includes(question.kind)) return { type: 'choose', questionId: question.id, values: list };
  const text = list.join(', ').trim();
  // A number input gives `35` for 35 %: said with its unit, so it is not read as 0.35 or as a guess.
  return { type: 'text', text: question.kind === 'percentage' ? `${text}%` : text };
}

/** A row field's new value as the row syntax reads it: selects by their labels, yes/no as words. */
function rowValue(form: EditForm, field: FormField, value: SubmittedValue): string {
  const text = Array.isArray(value) ? (value[0] ?? '') : String(value);
  if (field.input.type === 'select' && (field.rowField === 'stage' || field.rowField === 'channel')) {
    const label = field.input.options.find((option) => option.value === text)?.label;
    return typeof label === 'string' ? label : text;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function changed(input: FormInput, value: SubmittedValue): boolean {
  switch (input.type) {
    case 'multi': {
      const given = Array.isArray(value) ? [...value].sort() : [];
      const initial = [...input.initial].sort();
      return given.length !== initial.length || given.some((v, i) => v !== initial[i]);
    }
    case 'checkbox':
      return (value === true) !== input.initial;
    case 'number':
      return value === null || value === '' ? input.initial !== undefined : input.initial === undefined || Number(value) !== Number(input.initial);
    case 'text':
      return String(value ?? '').trim() !== (input.initial ?? '').trim();
    default:
      return (Array.isArray(value) ? (value[0] ?? null) : value) !== (input.initial ?? null);
  }
}

/** The id of the contact-plan question, whose part holds the row menu. */
export const CONTACT_QUESTION = CONTACT_PLAN_ID;

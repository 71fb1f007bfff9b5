/**
 * Answers changed in a form (the draft's Edit modal), applied through the planning
 * conversation itself: each one is `change <question>` followed by the answer, so the
 * same parsers and cross-answer checks read it as read a reply in the thread; a row of
 * the contact plan is changed with the thread's own row commands; and the plan's rules
 * run once everything is in. Pure: the caller keeps the new state only when it is valid.
 */
import { hasBlockingErrors } from '../rules/index.js';
import { contactTable } from './flow-contact.js';
import { stepFlow, type FlowEffect, type FlowInput, type FlowState, type StepResult } from './flow.js';
import type { QuestionScript } from './question.js';
import { phrase, type Phrase } from '../message/phrase.js';

/** One changed answer: the form field it came from, the question, and the input as if typed or clicked. */
export interface AnswerEdit {
  key: string;
  questionId: string;
  input: Extract<FlowInput, { type: 'text' | 'choose' }>;
}

/** A change to one row of the contact plan (`rowId` absent: a row added), field by field. */
export interface RowEdit {
  /** The form field that chose the row: errors about the row itself go there. */
  key: string;
  rowId?: string;
  /** Take the row out (its form field's key). */
  removeKey?: string;
  /** Each changed field as the thread's row syntax reads it (`timing: launch`), with its form field's key. */
  fields: { key: string; text: string }[];
}

/** Why one form field could not be used. */
export interface EditError {
  key: string;
  message: Phrase;
}

export type EditOutcome =
  | { kind: 'unchanged' }
  | { kind: 'invalid'; errors: EditError[] }
  /**
   * Every change read and the rules run: `finished` posts a new version; `findings`
   * means warnings to accept; `question` means an answer the changes made necessary.
   */
  | { kind: 'applied'; result: 'finished' | 'findings' | 'question'; state: FlowState; effects: FlowEffect[]; notes: Phrase[] };

/**
 * Applies `answers` (in the script's order) and then `row` to `state`. A rule error is
 * given to the field of the question it names (`keyOf`), or else to `fallbackKey`.
 */
export function applyEdits(
  script: QuestionScript,
  state: FlowState,
  changes: { answers: AnswerEdit[]; row?: RowEdit },
  now: Date,
  keyOf: (questionId: string) => string | undefined,
  fallbackKey: string,
): EditOutcome {
  let current = state;
  let last: StepResult | undefined;
  const errors: EditError[] = [];
  const notes: Phrase[] = [];
  const accept = (step: StepResult): void => {
    // A change that completed the plan leaves it finished; the next change opens it again, as the thread's Edit does.
    current = step.state.status === 'finished' ? { ...step.state, status: 'checking' } : step.state;
    last = step;
    notes.push(...notesOf(step));
  };
  for (const edit of changes.answers) {
    const moved = stepFlow(script, current, { type: 'change', target: edit.questionId }, now);
    const refused = refusalOf(moved);
    if (refused) {
      errors.push({ key: edit.key, message: refused });
      continue;
    }
    const answered = stepFlow(script, moved.state, edit.input, now);
    const reask = answered.effects.find((effect) => effect.type === 'reask');
    if (reask) errors.push({ key: edit.key, message: reask.error });
    else accept(answered);
  }
  if (changes.row && errors.length === 0) {
    const rowStep = applyRow(script, current, changes.row, now);
    if ('errors' in rowStep) errors.push(...rowStep.errors);
    else if (rowStep.step) accept(rowStep.step);
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  if (!last) return { kind: 'unchanged' };
  const final: StepResult = last;
  if (final.state.status === 'finished') return { kind: 'applied', result: 'finished', state: final.state, effects: final.effects, notes };
  if (final.state.status === 'asking') return { kind: 'applied', result: 'question', state: final.state, effects: final.effects, notes };
  if (hasBlockingErrors(final.state.findings)) {
    return {
      kind: 'invalid',
      errors: final.state.findings
        .filter((finding) => finding.severity === 'error')
        .map((finding) => ({ key: (finding.questionId && keyOf(finding.questionId)) || fallbackKey, message: phrase('edit.error.finding', { problem: { content: finding.problem }, fix: { content: finding.fix } }) })),
    };
  }
  return { kind: 'applied', result: 'findings', state: final.state, effects: final.effects, notes };
}

/** The row change as the thread's row commands: each field tried alone first, so an error names its field. */
function applyRow(script: QuestionScript, state: FlowState, edit: RowEdit, now: Date): { errors: EditError[] } | { step?: StepResult } {
  if (edit.rowId === undefined) {
    if (edit.fields.length === 0) return {};
    const step = stepFlow(script, state, { type: 'add-row', text: joined(edit) }, now);
    const error = rowError(step);
    if (!error) return { step };
    // A new row is read as a whole (it needs its stage and channel together): the error goes where it points.
    const field = edit.fields.find((f) => aboutField(error, f.text.split(':')[0] ?? '')) ?? edit.fields[0];
    return { errors: [{ key: field?.key ?? edit.key, message: error }] };
  }
  const position = contactTable(script, state).rows.findIndex((row) => row.id === edit.rowId) + 1;
  if (position === 0) return { errors: [{ key: edit.key, message: phrase('edit.error.row_gone') }] };
  if (edit.removeKey) {
    const step = stepFlow(script, state, { type: 'remove-row', row: position }, now);
    const error = rowError(step);
    return error ? { errors: [{ key: edit.removeKey, message: error }] } : { step };
  }
  if (edit.fields.length === 0) return {};
  const errors = edit.fields.flatMap((field) => {
    const error = rowError(stepFlow(script, state, { type: 'edit-row', row: position, text: field.text }, now));
    return error ? [{ key: field.key, message: error }] : [];
  });
  if (errors.length > 0) return { errors };
  const step = stepFlow(script, state, { type: 'edit-row', row: position, text: joined(edit) }, now);
  const error = rowError(step);
  return error ? { errors: [{ key: edit.key, message: error }] } : { step };
}

/** Whether a row's refusal is about `field` (`parse.row.stage`, `parse.row.kpi_source` …). */
function aboutField(error: Phrase, field: string): boolean {
  return error.key === `parse.row.${field}` || error.key.startsWith(`parse.row.${field}_`);
}

function joined(edit: RowEdit): string {
  return edit.fields.map((field) => field.text.replace(/\s*\n\s*/g, ' ')).join('\n');
}

/** Why a row command was refused: the table asked again with an error, or a message instead of any step. */
function rowError(step: StepResult): Phrase | undefined {
  for (const effect of step.effects) if (effect.type === 'ask' && effect.error) return effect.error;
  return refusalOf(step);
}

/** A step that only said something (an unknown question, one that does not apply): what it said. */
function refusalOf(step: StepResult): Phrase | undefined {
  if (step.effects.some((effect) => effect.type !== 'info')) return undefined;
  const said = step.effects.find((effect) => effect.type === 'info');
  return said?.type === 'info' ? said.message : undefined;
}

/** How the answers were read ("Read 2 as 2 %"), as the thread would have said it. */
function notesOf(step: StepResult): Phrase[] {
  return step.effects.flatMap((effect) => (effect.type === 'ask' && effect.note ? [effect.note] : effect.type === 'info' ? [effect.message] : []));
}

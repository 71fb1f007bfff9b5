/**
 * Editing a posted plan in a form: who may, the form for one part of the plan, and a
 * submission read and checked by the planning conversation itself. A submission is
 * all or nothing: any field it cannot use comes back with why, and nothing is kept.
 */
import { applyEdits, type EditError } from '../domain/conversation/apply-edits.js';
import { contactTable } from '../domain/conversation/flow-contact.js';
import type { FlowState } from '../domain/conversation/flow-state.js';
import type { QuestionScript } from '../domain/conversation/question.js';
import type { PlanStore } from '../store/plan-store.js';
import { list, phrase, type Param, type Phrase } from '../domain/message/phrase.js';
import { notice, type MessageIntent } from './message-intent.js';
import { buildEditForm, NEW_ROW, questionKey, questionOfKey, readSubmission, type EditForm, type SubmittedValue } from './edit-form.js';
import { isPlanId } from './plan-id.js';
import { latestVersion, type PlanRecord, type PlanStatus } from './plan-record.js';
import { EDITABLE, type PlanService } from './plan-service.js';
import type { Clock, Logger } from './ports.js';

/** What a form carries between Slack and the bot: ids only. */
export interface EditMeta {
  planId: string;
  version: number;
  section?: string;
  row?: string;
}

/** Why the form cannot be opened or taken. */
export type EditRefusal =
  | { code: 'not-found' }
  | { code: 'not-author'; authorId: string }
  | { code: 'not-editable'; status: PlanStatus }
  | { code: 'open-in-thread' }
  | { code: 'stale'; current: number };

/** The form to show, with what it needs to be shown. */
export interface OpenedForm {
  meta: EditMeta;
  form: EditForm;
  campaign: string;
  /** The 1-based position of the row open in the contact plan (absent for a new row). */
  rowPosition?: number;
}

/** One field's error: a parser's or a rule's message, or one of the form's own. */
export type FieldError = { key: string; message: Phrase } | { key: string; code: 'required' | 'cannot-empty' | 'unchanged' };

export type SubmitOutcome =
  | { kind: 'refused'; refusal: EditRefusal }
  | { kind: 'errors'; errors: FieldError[] }
  | { kind: 'saved'; result: 'finished' | 'findings' | 'question'; version: number };

export interface EditServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  script: QuestionScript;
  clock: Clock;
  logger: Logger;
}

export class EditService {
  constructor(private readonly options: EditServiceOptions) {}

  /** The form for one part of the plan (the first part unless told), or why not. Checks the version when `meta` names one. */
  async form(meta: Omit<EditMeta, 'version'> & { version?: number }, userId: string): Promise<{ ok: true; opened: OpenedForm } | { ok: false; refusal: EditRefusal }> {
    if (!isPlanId(meta.planId)) return { ok: false, refusal: { code: 'not-found' } };
    const record = await this.options.store.get(meta.planId);
    const refusal = record ? refusalFor(record, userId, meta.version) : { code: 'not-found' as const };
    if (refusal || !record) return { ok: false, refusal: refusal ?? { code: 'not-found' } };
    return { ok: true, opened: this.opened(record, meta.section, meta.row) };
  }

  /** Reads, checks and (when all is well) keeps a submission of the form described by `meta`. */
  async submit(meta: EditMeta, userId: string, values: Readonly<Record<string, SubmittedValue>>): Promise<SubmitOutcome> {
    const { plans, script, clock } = this.options;
    let outcome: SubmitOutcome = { kind: 'refused', refusal: { code: 'not-found' } };
    if (!isPlanId(meta.planId)) return outcome;
    await plans.withRecord(meta.planId, async (record) => {
      const refusal = refusalFor(record, userId, meta.version);
      if (refusal) {
        outcome = { kind: 'refused', refusal };
        return false;
      }
      const { form, rowPosition } = this.opened(record, meta.section, meta.row);
      const changes = readSubmission(form, values);
      if (changes.refused.length > 0) {
        outcome = { kind: 'errors', errors: changes.refused };
        return false;
      }
      const firstKey = form.fields[0]?.key ?? 'section';
      const keys = new Set(form.fields.map((field) => field.key));
      const version = latestVersion(record);
      const applied = applyEdits(script, reopened(record.flow, version?.findings ?? []), changes, clock.now(), (id) => (keys.has(questionKey(id)) ? questionKey(id) : undefined), firstKey);
      if (applied.kind === 'unchanged') {
        outcome = { kind: 'errors', errors: [{ key: firstKey, code: 'unchanged' }] };
        return false;
      }
      if (applied.kind === 'invalid') {
        outcome = { kind: 'errors', errors: firstPerField(applied.errors) };
        return false;
      }
      const what: Param[] = [
        ...changes.answers.map((edit): Param => {
          const label = form.fields.find((field) => field.key === edit.key)?.question?.label ?? questionOfKey(edit.key) ?? edit.key;
          return { content: label };
        }),
        ...(changes.row ? [rowWhat(changes.row.rowId === undefined ? undefined : rowPosition)] : []),
      ];
      const note = changedNote(userId, what, applied.notes);
      await plans.commitEdit(record, applied.state, applied.effects.filter((effect) => effect.type !== 'info'), note);
      outcome = { kind: 'saved', result: applied.result, version: record.versions.length };
      this.options.logger.info('plan edited in the form', { planId: record.id, result: applied.result, fields: what.length });
      return true;
    });
    return outcome;
  }

  private opened(record: PlanRecord, section: string | undefined, row: string | undefined): OpenedForm {
    const form = buildEditForm(this.options.script, record.flow, section, row);
    const selected = form.rows?.selected;
    const position = selected && selected !== NEW_ROW ? contactTable(this.options.script, record.flow).rows.findIndex((r) => r.id === selected) + 1 : 0;
    const version = latestVersion(record)?.version ?? 0;
    return {
      meta: { planId: record.id, version, section: form.section, ...(selected ? { row: selected } : {}) },
      form,
      campaign: record.title,
      ...(position > 0 ? { rowPosition: position } : {}),
    };
  }
}

/** Which row changed, as the thread's note says it. */
function rowWhat(position: number | undefined): Phrase {
  return position === undefined ? phrase('edit.note.new_row') : phrase('edit.note.row', { row: String(position) });
}

/** The thread's note of an edit: who changed what in the form, then how the answers were read. */
function changedNote(userId: string, what: readonly Param[], notes: readonly Phrase[]): MessageIntent {
  const changed = phrase('edit.note.changed', { user: { user: userId }, what: list(what, 'comma') });
  const text = notes.length === 0 ? changed : phrase('edit.note.with_notes', { changed, notes: list(notes, 'lines') });
  return notice(text, phrase('edit.note.fallback'));
}

/** Who may edit (the author, as with `change …` in the thread), and whether the form is still for the newest version. */
function refusalFor(record: PlanRecord, userId: string, version: number | undefined): EditRefusal | undefined {
  if (record.authorId !== userId) return { code: 'not-author', authorId: record.authorId };
  if (record.status === 'planning') return { code: 'open-in-thread' };
  if (!EDITABLE.includes(record.status)) return { code: 'not-editable', status: record.status };
  const current = latestVersion(record)?.version ?? 0;
  if (version !== undefined && version !== current) return { code: 'stale', current };
  return undefined;
}

/**
 * The posted plan's answers opened for change, as the thread's Edit does; the warnings
 * the author accepted to post this version stay accepted (a form cannot hold the
 * back-and-forth of `accept`), while a new warning still stops the post.
 */
function reopened(flow: FlowState, findings: readonly { rule: string; severity: string }[]): FlowState {
  const accepted = findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.rule);
  return { ...flow, status: 'checking', current: undefined, acceptedWarnings: [...new Set([...flow.acceptedWarnings, ...accepted])] };
}

/** Slack shows one error per field: the first one each field got. */
function firstPerField(errors: readonly EditError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => !seen.has(error.key) && seen.add(error.key));
}

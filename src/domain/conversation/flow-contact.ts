/**
 * The contact-plan question of the conversation: the table the bot proposes (and the
 * author has changed so far), `accept`, and the row commands (`change row 3`, `add row`,
 * `remove row 3`). Pure helpers the flow calls; the flow owns the state transitions.
 */
import {
  changeRow,
  ContactPlanAnswerSchema,
  nextAddedId,
  proposeRow,
  withoutProposalsFor,
  type ContactPlanAnswer,
  type RowChange,
} from '../contact/contact-plan.js';
import { parseRowEdit, ROW_EDIT_EXAMPLE } from '../contact/row-edit.js';
import { contactPlanInputs, contactPlanOf, assembleDraft } from '../plan/assemble-draft.js';
import { labelOf, type PlanDraft, type Touchpoint } from '../plan/plan.js';
import { joined, phrase, type Phrase } from '../message/phrase.js';
import type { Answers, FlowState } from './flow-state.js';
import type { QuestionScript } from './question.js';

/** The id of the contact-plan question in the script. */
export const CONTACT_PLAN_ID = 'contact_plan';

/** The table as it stands: the stored answer (or the working copy) redone against the current answers. */
export function contactTable(script: QuestionScript, state: FlowState): { draft: PlanDraft; rows: Touchpoint[]; answer: ContactPlanAnswer; accepted: boolean } {
  const draft = assembleDraft(state.answers, script, script.catalogue, state.carried);
  const stored = ContactPlanAnswerSchema.safeParse(state.answers[CONTACT_PLAN_ID]?.value);
  const accepted = stored.success && !state.answers[CONTACT_PLAN_ID]?.skipped;
  const answer = state.contactDraft ?? (stored.success ? stored.data : { rows: [], removed: [] });
  return { draft, rows: contactPlanOf(draft, answer), answer, accepted };
}

const ACCEPT = new Set(['accept', 'yes', 'y', 'ok', 'okay', 'looks good', 'good', 'fine', 'keep it', 'keep', 'use', 'use it', 'done', 'lgtm', '👍', ':+1:', ':thumbsup:', '好', '可以', '确认']);

/** Whether a reply to the contact-plan question accepts the table as it is. */
export function isAcceptance(text: string): boolean {
  return ACCEPT.has(text.toLowerCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ').trim());
}

/** What a row command does to the table: a new answer (and answers it adds to), or why not. */
export type RowOutcome =
  | { ok: true; answer: ContactPlanAnswer; updates: Answers; note: Phrase }
  | { ok: false; error: Phrase };

/**
 * Applies a typed change to one row (by stable id) or adds a row. A channel the plan did not
 * choose is added to the channels, so the budget and the checks see it too.
 */
export function applyRowText(
  script: QuestionScript,
  state: FlowState,
  target: { id: string; added?: boolean },
  text: string,
  now: Date,
): RowOutcome {
  const { draft, rows, answer } = contactTable(script, state);
  const parsed = parseRowEdit(text, { catalogue: script.catalogue, labels: script.labels, now, timeZone: state.timeZone });
  if (!parsed.ok) return parsed;
  const position = rows.findIndex((row) => row.id === target.id) + 1;
  const change: RowChange = parsed.value;
  if (change.remove) {
    if (target.added) return { ok: false, error: phrase('contact.nothing_to_remove') };
    return { ok: true, answer: changeRow(answer, rows, target.id, change), updates: {}, note: phrase('contact.row_removed', { row: String(position) }) };
  }
  const set = change.set;
  if (target.added) {
    const channel = script.catalogue.find((c) => c.id === set.channelId);
    if (!set.stage || !channel) {
      return { ok: false, error: phrase('contact.new_row_needs') };
    }
    const proposed = proposeRow(set.stage, channel, contactPlanInputs({ ...draft, channels: withChannel(draft, channel.id, script) }), target.id);
    const { id: _id, ...fields } = proposed;
    const full = { ...fields, ...set };
    const updates = channelUpdates(state, channel.id);
    const added = changeRow(broughtIn(answer, updates, channel.id), rows, target.id, { set: full });
    // Only what the author typed counts as theirs; the proposed fields keep following the answers.
    const typed = Object.keys(set) as NonNullable<Touchpoint['authored']>;
    added.rows = added.rows.map((row) => (row.id === target.id ? { ...row, authored: typed } : row));
    const addedRow = phrase('contact.row_added', { stage: { content: labelOf(script.labels, 'stage', set.stage) }, channel: { content: channel.name } });
    return { ok: true, answer: added, updates, note: joined(addedRow, addedNote(updates, script, channel.id), parsed.note) };
  }
  const updates = set.channelId ? channelUpdates(state, set.channelId) : {};
  const changed = changeRow(set.channelId ? broughtIn(answer, updates, set.channelId) : answer, rows, target.id, change);
  const changedRow = target.added ? phrase('contact.new_row_changed') : phrase('contact.row_changed', { row: String(position) });
  return { ok: true, answer: changed, updates, note: joined(changedRow, set.channelId ? addedNote(updates, script, set.channelId) : undefined, parsed.note) };
}

/** A channel the author brings in through a row gets no proposed rows of its own: that row is its touchpoint. */
function broughtIn(answer: ContactPlanAnswer, updates: Answers, channelId: string): ContactPlanAnswer {
  return updates.channels ? withoutProposalsFor(answer, channelId) : answer;
}

function addedNote(updates: Answers, script: QuestionScript, channelId: string): Phrase | undefined {
  if (!updates.channels) return undefined;
  const name = script.catalogue.find((c) => c.id === channelId)?.name ?? channelId;
  return phrase('contact.channel_added', { channel: { content: name } });
}

/** The channels answer with `channelId` added, when the plan did not choose it yet. */
function channelUpdates(state: FlowState, channelId: string): Answers {
  const chosen = state.answers.channels?.value;
  const list = Array.isArray(chosen) ? chosen.filter((v): v is string => typeof v === 'string') : [];
  if (list.includes(channelId)) return {};
  return { channels: { ...state.answers.channels, value: [...list, channelId] } };
}

function withChannel(draft: PlanDraft, channelId: string, script: QuestionScript): PlanDraft['channels'] {
  if (draft.channels.some((c) => c.id === channelId)) return draft.channels;
  return [...draft.channels, ...script.catalogue.filter((c) => c.id === channelId)];
}

/** A fresh id for `add row`. */
export function addedRowId(script: QuestionScript, state: FlowState): string {
  const { rows, answer } = contactTable(script, state);
  return nextAddedId([...rows, ...answer.rows]);
}

/** How to answer while a row is being changed. */
export const ROW_EDIT_HINT = phrase('contact.row_edit_hint', { example: ROW_EDIT_EXAMPLE });

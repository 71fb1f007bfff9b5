/**
 * The /imc plan conversation as a pure state machine: (script, state, input, now)
 * -> (new state, effects). Resumable from the stored state alone; the effects are
 * data that a service renders and posts.
 */
import { PlanSchema, type Finding } from '../plan/plan.js';
import { joinNotes } from '../parse/index.js';
import { evaluatePlan, hasBlockingErrors } from '../rules/index.js';
import { sectionsOf, type Question, type QuestionScript } from './script.js';
import { applicableQuestions, assembleDraft } from '../plan/assemble-draft.js';
import { proposedAnswer } from '../plan/proposed-answers.js';
import { currencyOf, formatAnswer, readChosen, readText, type ReadAnswer } from './flow-answer.js';
import { CONTROL_WORDS } from './interpret-reply.js';
import { resolveTarget } from './flow-target.js';
import { addedRowId, applyRowText, CONTACT_PLAN_ID, contactTable, isAcceptance, ROW_EDIT_HINT } from './flow-contact.js';
import { asAnswer, changeRow } from '../contact/contact-plan.js';
import type { AnswerRecord, CarriedRates, FlowEffect, FlowInput, FlowState, StepResult, Suggestion } from './flow-state.js';

export { interpretReply, CONTROL_WORDS } from './interpret-reply.js';
export { assembleDraft, applicableQuestions } from '../plan/assemble-draft.js';
export * from './flow-state.js';

/** Starts a conversation: pre-answers the campaign name when the command gave one, and asks the first question. */
export function startFlow(
  script: QuestionScript,
  options: { campaign?: string; now: Date; timeZone: string; suggestions?: Record<string, Suggestion>; carried?: CarriedRates },
): StepResult {
  const state: FlowState = {
    version: 0,
    status: 'asking',
    answers: {},
    history: [],
    findings: [],
    acceptedWarnings: [],
    timeZone: validTimeZone(options.timeZone),
    suggestions: options.suggestions ?? {},
    ...(options.carried && options.carried.channels.length > 0 ? { carried: options.carried } : {}),
  };
  const campaignQuestion = script.questions.find((q) => q.id === 'campaign');
  const name = options.campaign?.trim();
  if (campaignQuestion && name) {
    const read = readText(campaignQuestion, name, { now: options.now, timeZone: state.timeZone, answers: {} });
    if (read.ok) state.answers.campaign = record(read, name);
  }
  return proceed(script, state, options.now);
}

/** Applies one input to the state. Never throws on anything a person can type. */
export function stepFlow(script: QuestionScript, state: FlowState, input: FlowInput, now: Date): StepResult {
  if (state.status === 'finished' || state.status === 'cancelled') {
    return info(state, `This plan is ${state.status === 'finished' ? 'already finished' : 'cancelled'}. Start a new one with /imc plan.`);
  }
  if (state.status === 'asking' && !currentQuestion(script, state)) {
    // The stored question left the script (a new deployment): pick up at the next one instead.
    return proceed(script, { ...state, current: undefined }, now);
  }
  if (state.editingRow && ['back', 'skip', 'cancel', 'change', 'use-suggestion', 'accept-warnings', 'choose'].includes(input.type)) {
    // Leaving a row change: `back` returns to the table, anything else goes on without it.
    const { editingRow: _editing, ...rest } = state;
    if (input.type === 'back') return { state: rest, effects: [ask(script, rest, currentQuestion(script, rest) ?? contactQuestion(script) as Question, 'The row is left as it was.')] };
    return stepFlow(script, rest, input, now);
  }
  switch (input.type) {
    case 'text':
      return answerText(script, state, input.text, now);
    case 'choose':
      return answerChosen(script, state, input.questionId, input.values, now);
    case 'back':
      return goBack(script, state);
    case 'skip':
      return skip(script, state, now);
    case 'status':
      return { state, effects: [statusEffect(script, state)] };
    case 'help':
      return { state, effects: [{ type: 'help', question: currentQuestion(script, state), controls: CONTROL_WORDS }] };
    case 'cancel':
      return { state: accepted(state, { status: 'cancelled', current: undefined }), effects: [{ type: 'cancelled' }] };
    case 'change':
      return change(script, state, input, now);
    case 'use-suggestion':
      return useSuggestion(script, state, now);
    case 'accept-warnings':
      return currentQuestion(script, state)?.kind === 'contact-plan' ? acceptContactPlan(script, state, now) : acceptWarnings(script, state);
    case 'edit-row':
    case 'add-row':
    case 'remove-row':
      return rowCommand(script, state, input, now);
  }
}

// ── answering ────────────────────────────────────────────────────────────────

function answerText(script: QuestionScript, state: FlowState, text: string, now: Date, source?: string): StepResult {
  const question = currentQuestion(script, state);
  if (!question) return waitingAtReview(state);
  if (question.kind === 'contact-plan') return answerContactPlan(script, state, question, text, now);
  const read = readText(question, text, { now, timeZone: state.timeZone, answers: state.answers });
  return settle(script, state, question, read, text, now, source);
}

function answerChosen(script: QuestionScript, state: FlowState, questionId: string, values: string[], now: Date): StepResult {
  const question = currentQuestion(script, state);
  if (!question) return waitingAtReview(state);
  if (question.id !== questionId) {
    // Buttons of an earlier message: acting on them would answer the wrong question.
    return info(state, `Those buttons belong to an earlier question. The current question is: ${question.text}`);
  }
  const read = readChosen(question, values, { now, timeZone: state.timeZone, answers: state.answers });
  return settle(script, state, question, read, values.join(', '), now);
}

/** Stores an accepted answer and moves on, or re-asks with the error and keeps what was typed. */
function settle(
  script: QuestionScript,
  state: FlowState,
  question: Question,
  read: ReadAnswer,
  raw: string,
  now: Date,
  source?: string,
): StepResult {
  if (!read.ok) {
    const rejected = { questionId: question.id, text: raw, error: read.error };
    return { state: { ...state, rejected }, effects: [{ type: 'reask', question, error: read.error, attempt: raw }] };
  }
  const note = source ? joinNotes([`Used the suggestion from ${source}.`, read.note]) : read.note;
  const answers = { ...state.answers, ...read.updates, [question.id]: record({ ...read, note }, raw) };
  for (const id of read.clears ?? []) delete answers[id];
  return proceed(script, accepted(state, { answers }), now, note);
}

function record(read: ReadAnswer & { ok: true }, raw: string): AnswerRecord {
  return { value: read.value, raw, ...(read.note ? { note: read.note } : {}) };
}

function skip(script: QuestionScript, state: FlowState, now: Date): StepResult {
  const question = currentQuestion(script, state);
  if (!question) return info(state, 'There is no question to skip right now. Reply "change <question>" to revisit one.');
  const existing = state.answers[question.id];
  if (existing) return proceed(script, accepted(state, {}), now, `Kept your answer to "${question.label}".`);
  if (!question.optional) {
    return {
      state,
      effects: [{ type: 'info', message: `That question can't be skipped: the plan needs it.` }, ask(script, state, question)],
    };
  }
  return proceed(script, accepted(state, { answers: { ...state.answers, [question.id]: { skipped: true } } }), now);
}

function useSuggestion(script: QuestionScript, state: FlowState, now: Date): StepResult {
  const question = currentQuestion(script, state);
  if (question?.kind === 'contact-plan') return acceptContactPlan(script, state, now);
  const proposal = question?.proposed ? proposalText(script, state, question) : undefined;
  if (question && proposal !== undefined) return answerText(script, state, proposal, now);
  const suggestion = question && state.suggestions[question.id];
  if (!suggestion) return info(state, 'There is no suggested answer for this question; please type your own.');
  return answerText(script, state, suggestion.text, now, suggestion.source);
}

// ── navigation ───────────────────────────────────────────────────────────────

function goBack(script: QuestionScript, state: FlowState): StepResult {
  const applicable = new Set(applicableQuestions(script, state.answers).map((q) => q.id));
  const history = [...state.history];
  let target: string | undefined;
  // Questions that no longer apply (the objective changed, say) are passed over.
  while (history.length > 0 && target === undefined) {
    const id = history.pop();
    if (id !== undefined && applicable.has(id) && id !== state.current) target = id;
  }
  const question = script.questions.find((q) => q.id === target);
  if (!question) return info(state, 'This is the first question, so there is nothing to go back to.');
  const next = accepted(state, { status: 'asking', current: question.id, history });
  return { state: next, effects: [ask(script, next, question)] };
}

function change(script: QuestionScript, state: FlowState, input: { target: string; raw?: string }, now: Date): StepResult {
  const resolved = resolveTarget(script, state.answers, input.target);
  if (!resolved.ok) {
    // "Change how people see tea" names no question: at a free-text question it is an answer, not a command.
    const question = currentQuestion(script, state);
    const sentence = input.target.trim().split(/\s+/).length >= 2;
    if (question?.kind === 'text' && input.raw && resolved.unknown && sentence) return answerText(script, state, input.raw, now);
    return info(state, resolved.error);
  }
  const next = accepted(moveTo(state, resolved.value), {});
  return { state: next, effects: [ask(script, next, resolved.value)] };
}

/** Makes `question` current, remembering where we came from. */
function moveTo(state: FlowState, question: Question): FlowState {
  const history = state.current && state.current !== question.id ? [...state.history, state.current] : state.history;
  return { ...state, status: 'asking', current: question.id, history };
}

/** Asks the next unanswered question, or reviews the plan when none is left. */
function proceed(script: QuestionScript, state: FlowState, now: Date, note?: string): StepResult {
  // Proposed questions are not asked: their answer follows the others until the author sets it.
  const next = applicableQuestions(script, state.answers).find((q) => state.answers[q.id] === undefined && !q.proposed);
  if (next) {
    const moved = moveTo(state, next);
    return { state: moved, effects: [ask(script, moved, next, note)] };
  }
  return review(script, state, now, note);
}

// ── review ───────────────────────────────────────────────────────────────────

function review(script: QuestionScript, state: FlowState, now: Date, note?: string): StepResult {
  const history = state.current ? [...state.history, state.current] : state.history;
  const draft = assembleDraft(state.answers, script, script.catalogue, state.carried);
  const findings = evaluatePlan(draft, { today: calendarDate(now, state.timeZone), catalogue: script.catalogue });
  const base: FlowState = { ...state, status: 'reviewing', current: undefined, history, findings };
  const lead: FlowEffect[] = note ? [{ type: 'info', message: note }] : [];
  if (hasBlockingErrors(findings)) return { state: base, effects: [...lead, { type: 'findings', findings, blocking: true }] };
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (warnings.some((w) => !state.acceptedWarnings.includes(w.rule))) {
    return { state: base, effects: [...lead, { type: 'findings', findings, blocking: false }] };
  }
  return finish(base, draft, findings, lead);
}

function finish(state: FlowState, draft: unknown, findings: Finding[], lead: FlowEffect[] = []): StepResult {
  const plan = PlanSchema.safeParse(draft);
  if (!plan.success) {
    // Only a script without some plan question gets here; say what is missing rather than crash.
    const missing = [...new Set(plan.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    const incomplete: Finding = {
      rule: 'PLAN-COMPLETE',
      severity: 'error',
      problem: `The plan is missing: ${missing}.`,
      principle: 'A plan can only be posted when every part of it is there.',
      fix: 'Answer the missing questions, or ask whoever maintains the bot to check its question script.',
    };
    const all = [...findings, incomplete];
    return { state: { ...state, findings: all }, effects: [...lead, { type: 'findings', findings: all, blocking: true }] };
  }
  return { state: { ...state, status: 'finished' }, effects: [...lead, { type: 'finished', plan: plan.data, findings }] };
}

function acceptWarnings(script: QuestionScript, state: FlowState): StepResult {
  if (state.status !== 'reviewing') return info(state, 'There is nothing to accept yet: the questions are not finished.');
  if (hasBlockingErrors(state.findings)) {
    return info(state, 'The plan still has errors, and errors cannot be accepted. Fix them first with "change <question>".');
  }
  const rules = state.findings.filter((f) => f.severity === 'warning').map((f) => f.rule);
  const next = accepted(state, { acceptedWarnings: [...new Set([...state.acceptedWarnings, ...rules])] });
  const draft = assembleDraft(next.answers, script, script.catalogue, next.carried);
  return finish(next, draft, state.findings);
}

function waitingAtReview(state: FlowState): StepResult {
  const blocking = hasBlockingErrors(state.findings);
  return info(
    state,
    blocking
      ? 'The plan is waiting for fixes. Reply "change <question>" (for example "change goals") to fix an error.'
      : 'The plan is waiting for you. Reply "accept" to post it with its warnings, or "change <question>" to improve it.',
  );
}

// ── effects and small helpers ────────────────────────────────────────────────

function currentQuestion(script: QuestionScript, state: FlowState): Question | undefined {
  if (state.status !== 'asking') return undefined;
  return script.questions.find((q) => q.id === state.current);
}

function ask(script: QuestionScript, state: FlowState, question: Question, note?: string, error?: string): FlowEffect {
  const applicable = applicableQuestions(script, state.answers);
  const index = applicable.findIndex((q) => q.id === question.id);
  const existing = state.answers[question.id];
  const suggestion = state.suggestions[question.id];
  const proposal = question.proposed ? proposalText(script, state, question) : undefined;
  return {
    type: 'ask',
    question,
    position: { number: index + 1, total: applicable.length, section: sectionPosition(script, question) },
    ...(suggestion ? { suggestion } : {}),
    ...(proposal !== undefined ? { proposal } : {}),
    ...(note ? { note } : {}),
    ...(error ? { error } : {}),
    ...(existing && question.kind !== 'contact-plan' ? { current: formatAnswer(question, existing, currencyOf(state.answers)) } : {}),
    ...(question.kind === 'contact-plan' ? { table: tableFor(script, state) } : {}),
  };
}

/** The part of the conversation a question is in: fixed for the script, so progress never jumps. */
function sectionPosition(script: QuestionScript, question: Question): { label: string; number: number; total: number } {
  const sections = sectionsOf(script);
  return { label: question.section, number: sections.indexOf(question.section) + 1, total: sections.length };
}

/** The bot's proposal for a proposed question, formatted the way the question reads answers back. */
function proposalText(script: QuestionScript, state: FlowState, question: Question): string | undefined {
  const value = proposedAnswer(question.id, assembleDraft(state.answers, script, script.catalogue, state.carried));
  return value === undefined ? undefined : formatAnswer(question, { value }, currencyOf(state.answers));
}

function contactQuestion(script: QuestionScript): Question | undefined {
  return script.questions.find((q) => q.id === CONTACT_PLAN_ID);
}

function tableFor(script: QuestionScript, state: FlowState): NonNullable<Extract<FlowEffect, { type: 'ask' }>['table']> {
  const { draft, rows } = contactTable(script, state);
  const editing = state.editingRow;
  const position = editing ? rows.findIndex((row) => row.id === editing.id) + 1 : 0;
  return {
    rows,
    draft,
    ...(editing ? { editing: { adding: editing.added === true, ...(position > 0 ? { position } : {}) } } : {}),
    ...(state.carried ? { carried: state.carried } : {}),
  };
}

// ── the contact plan ─────────────────────────────────────────────────────────

/** A reply to the contact-plan question: a row change when one is open, else `accept` (or an inline `row 3: …`). */
function answerContactPlan(script: QuestionScript, state: FlowState, question: Question, text: string, now: Date): StepResult {
  if (state.editingRow) return settleRow(script, state, applyRowText(script, state, state.editingRow, text, now), now);
  if (isAcceptance(text)) return acceptContactPlan(script, state, now);
  const inline = /^\s*row\s+#?(\d{1,3})\s*[:,.-]?\s*([\s\S]+)$/i.exec(text);
  if (inline) return rowCommand(script, state, { type: 'edit-row', row: Number(inline[1]), text: inline[2] ?? '' }, now);
  const error = 'Reply `accept` to keep the contact plan as it is, or `change row 3` to change a row (also `add row` and `remove row 3`).';
  return { state: { ...state, rejected: { questionId: question.id, text, error } }, effects: [{ type: 'reask', question, error, attempt: text }] };
}

/** `accept` at the contact-plan question: the table as it stands becomes the answer. */
function acceptContactPlan(script: QuestionScript, state: FlowState, now: Date): StepResult {
  const { rows, answer } = contactTable(script, state);
  if (rows.length === 0) return info(state, 'There is no contact plan to accept yet: it is made from the channels. Choose them first with `change channels`.');
  const { contactDraft: _draft, editingRow: _row, ...rest } = state;
  const answers = { ...rest.answers, [CONTACT_PLAN_ID]: { value: asAnswer(rows, answer), raw: 'accept' } };
  return proceed(script, accepted(rest, { answers }), now);
}

/** `change row 3`, `add row`, `remove row 3`, from anywhere in the conversation or on a posted plan. */
function rowCommand(script: QuestionScript, state: FlowState, input: Extract<FlowInput, { type: 'edit-row' | 'add-row' | 'remove-row' }>, now: Date): StepResult {
  const question = contactQuestion(script);
  if (!question || !applicableQuestions(script, state.answers).includes(question)) return info(state, 'This plan has no contact plan to change.');
  const { rows, answer } = contactTable(script, state);
  if (rows.length === 0) return info(state, 'The contact plan is made from the channels, which are not chosen yet. Choose them first; the rows follow.');
  if (input.type === 'add-row') {
    const target = { id: addedRowId(script, state), added: true };
    if (input.text) return settleRow(script, { ...state, editingRow: target }, applyRowText(script, state, target, input.text, now), now);
    return editRow(script, state, target);
  }
  const row = rows[input.row - 1];
  if (!row) return info(state, `There is no row ${input.row}: the contact plan has rows 1 to ${rows.length}.`);
  if (input.type === 'remove-row') {
    return settleRow(script, state, { ok: true, answer: changeRow(answer, rows, row.id, { remove: true }), updates: {}, note: `Row ${input.row} is removed.` }, now);
  }
  const target = { id: row.id };
  if (input.text) return settleRow(script, { ...state, editingRow: target }, applyRowText(script, state, target, input.text, now), now);
  return editRow(script, state, target);
}

/** Opens a row for change: the contact-plan question is asked with that row, and the next reply changes it. */
function editRow(script: QuestionScript, state: FlowState, target: { id: string; added?: boolean }): StepResult {
  const question = contactQuestion(script) as Question;
  const moved = accepted(moveTo(state, question), { editingRow: target });
  return { state: moved, effects: [ask(script, moved, question, ROW_EDIT_HINT)] };
}

/** After a row change: an accepted contact plan takes it and the conversation goes on; otherwise the table is asked again. */
function settleRow(script: QuestionScript, state: FlowState, outcome: ReturnType<typeof applyRowText>, now: Date): StepResult {
  const question = contactQuestion(script) as Question;
  if (!outcome.ok) {
    // The row stays open, so the next reply is read as the change again.
    const moved = accepted(moveTo(state, question), {});
    return { state: moved, effects: [ask(script, moved, question, undefined, outcome.error)] };
  }
  const { editingRow: _row, contactDraft: _draft, ...rest } = state;
  const answers = { ...rest.answers, ...outcome.updates };
  const wasAccepted = contactTable(script, state).accepted;
  if (wasAccepted) {
    const next = accepted(rest, { answers: { ...answers, [CONTACT_PLAN_ID]: { value: outcome.answer, raw: 'changed' } } });
    if (next.status === 'asking' && next.current === CONTACT_PLAN_ID) return proceed(script, { ...next, current: undefined }, now, outcome.note);
    return proceed(script, next, now, outcome.note);
  }
  const next = accepted(moveTo({ ...rest, answers }, question), { contactDraft: outcome.answer });
  return { state: next, effects: [ask(script, next, question, `${outcome.note} Reply \`accept\` when the contact plan is right.`)] };
}

function statusEffect(script: QuestionScript, state: FlowState): FlowEffect {
  const currency = currencyOf(state.answers);
  const applicable = applicableQuestions(script, state.answers);
  const answered = applicable.flatMap((question) => {
    const existing = state.answers[question.id];
    if (existing) return [{ questionId: question.id, label: question.label, value: formatAnswer(question, existing, currency) }];
    const proposal = question.proposed ? proposalText(script, state, question) : undefined;
    return proposal !== undefined ? [{ questionId: question.id, label: question.label, value: `${proposal} (proposed; \`change ${question.label.toLowerCase()}\` to set it)` }] : [];
  });
  // Left: the questions that will be asked given the answers so far (a later answer may add or drop some).
  const remaining = applicable.filter((q) => !q.proposed && state.answers[q.id] === undefined && q.id !== state.current).length + (state.current ? 1 : 0);
  const current = currentQuestion(script, state);
  return {
    type: 'status',
    answered,
    remaining: state.status === 'asking' ? remaining : 0,
    ...(current ? { current, section: sectionPosition(script, current) } : {}),
  };
}

function info(state: FlowState, message: string): StepResult {
  return { state, effects: [{ type: 'info', message }] };
}

/** A new state for an accepted input: one version later, with no rejected attempt pending. */
function accepted(state: FlowState, changes: Partial<FlowState>): FlowState {
  const { rejected: _rejected, ...rest } = state;
  return { ...rest, ...changes, version: state.version + 1 };
}

function validTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** `now` as a yyyy-MM-dd calendar date in the given time zone. */
export function calendarDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

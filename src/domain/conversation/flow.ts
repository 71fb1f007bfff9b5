/**
 * The /imc plan conversation: the conversation engine with the plan script as its
 * question source. When the questions are done the answers are checked against
 * the IMC rules (status `checking`): errors wait for fixes, warnings for `accept`,
 * and a clean plan is finished.
 */
import { PlanSchema, type Finding } from '../plan/plan.js';
import { calendarDate, canonicalTimeZone } from '../plan/calendar-date.js';
import { evaluatePlan, hasBlockingErrors } from '../rules/index.js';
import { sectionsOf } from './script.js';
import type { Question, QuestionScript } from './question.js';
import { applicableQuestions, assembleDraft, SCALE_DOWN_ANSWER } from '../plan/assemble-draft.js';
import { proposedAnswer } from '../plan/proposed-answers.js';
import { asAnswer, changeRow } from '../contact/contact-plan.js';
import { derivedFirst, derivedSuggestion, paidChannelChoices, questionLead } from './budget-prompts.js';
import { accepted, ask, beginConversation, currentQuestion, info, moveTo, proceed, record, stepConversation, type QuestionSource } from './engine.js';
import { currencyOf, formatAnswer, readText } from './flow-answer.js';
import { CONTROL_WORDS } from './interpret-reply.js';
import { joined, phrase, type Phrase } from '../message/phrase.js';
import { addedRowId, applyRowText, CONTACT_PLAN_ID, contactTable, isAcceptance, ROW_EDIT_HINT, type RowOutcome } from './flow-contact.js';
import {
  currentFlowStatus,
  type CarriedRates,
  type ContactTable,
  type FlowEffect,
  type FlowInput,
  type FlowState,
  type FlowStatus,
  type AnswerValue,
  type SectionPosition,
  type StepResult,
  type Suggestion,
} from './flow-state.js';

export { interpretReply, CONTROL_WORDS } from './interpret-reply.js';
export { assembleDraft, applicableQuestions } from '../plan/assemble-draft.js';
export * from './flow-state.js';
export { calendarDate } from '../plan/calendar-date.js';

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
    // An unknown zone would make every date wrong; UTC at least keeps them consistent.
    timeZone: canonicalTimeZone(options.timeZone) ?? 'UTC',
    suggestions: options.suggestions ?? {},
    ...(options.carried && options.carried.channels.length > 0 ? { carried: options.carried } : {}),
  };
  const campaignQuestion = script.questions.find((q) => q.id === 'campaign');
  const name = options.campaign?.trim();
  if (campaignQuestion && name) {
    const read = readText(campaignQuestion, name, { now: options.now, timeZone: state.timeZone, answers: {}, currency: currencyOf({}), words: script.words });
    if (read.ok) state.answers.campaign = record(read, name);
  }
  return narrow(beginConversation(planSource(script), state, options.now));
}

/** Applies one input to the state. Never throws on anything a person can type. */
export function stepFlow(script: QuestionScript, state: FlowState, input: FlowInput, now: Date): StepResult {
  // A plan stored before the `reviewing` status was renamed `checking` carries on where it was.
  const resumed: FlowState = { ...state, status: currentFlowStatus(state.status) as FlowStatus };
  return narrow(stepConversation(planSource(script), resumed, input, now));
}

/** The engine's effects are a subset of the flow's. */
function narrow(step: { state: FlowState; effects: FlowEffect[] }): StepResult {
  return step;
}

/** The plan script as the engine's question source. */
function planSource(script: QuestionScript): QuestionSource<FlowState, FlowEffect> {
  return {
    all: () => script.questions,
    applicable: (state) => applicableQuestions(script, state.answers),
    currency: (state) => currencyOf(state.answers),
    ...(script.words ? { input: script.words, names: () => script.words?.questions ?? {} } : {}),
    controls: CONTROL_WORDS,
    say: {
      over: (status) => phrase(status === 'finished' ? 'conversation.over_finished' : 'conversation.over_cancelled'),
      firstQuestion: phrase('conversation.first_question'),
      cannotSkip: () => phrase('conversation.cannot_skip'),
    },
    suggestion: (state, questionId) => suggestionFor(script, state, questionId),
    proposal: (state, question) => proposalOf(script, state, question),
    askDetails: (state, question) => ({
      ...(question.section !== undefined ? { section: sectionPosition(script, question.section) } : {}),
      ...(question.kind === 'contact-plan' ? { table: tableFor(script, state) } : {}),
    }),
    lead: (state, question) => questionLead(script, state.answers, question),
    context: (state) => ({ paidChannels: paidChannelChoices(script, state.answers) }),
    handle: (state, input, now) =>
      handleContactPlan(script, state, input, now) ??
      (input.type === 'accept-warnings' ? acceptWarnings(script, state) : input.type === 'scale-down' ? scaleDown(script, state, now) : undefined),
    complete: (state, now, note) => check(script, state, now, note),
    waiting: (state) => phrase(hasBlockingErrors(state.findings) ? 'conversation.waiting_for_fixes' : 'conversation.waiting_for_accept'),
  };
}

/**
 * The answer offered for a question: the last review's figure or the plan's own
 * proposal (a goal's baseline, a first estimate); the conversion rate takes the goal's
 * baseline first, since this plan's own goal says more than the last campaign did.
 */
function suggestionFor(script: QuestionScript, state: FlowState, questionId: string): Suggestion | undefined {
  const carried = state.suggestions[questionId];
  if (carried && !derivedFirst(questionId)) return carried;
  const question: Question | undefined = script.questions.find((q) => q.id === questionId);
  return (question && derivedSuggestion(script, state.answers, question)) ?? carried;
}

/**
 * `scale down` while the answers are checked: the author chooses to post a plan cut to
 * the money available, for that amount of money; the goals are scaled to what it buys.
 */
function scaleDown(script: QuestionScript, state: FlowState, now: Date): StepResult {
  if (state.status !== 'checking' || !state.findings.some((f) => f.action === 'scale-down')) {
    return info(state, phrase('conversation.nothing_to_scale_down'));
  }
  const available = state.answers.budget_available?.value;
  if (typeof available !== 'number') return info(state, phrase('conversation.no_money_to_scale_down_to'));
  const next = accepted(state, { answers: { ...state.answers, [SCALE_DOWN_ANSWER]: { value: available, raw: 'scale down' } } });
  return check(script, next, now, phrase('conversation.scaled_down'));
}

// ── checking the answers ─────────────────────────────────────────────────────

function check(script: QuestionScript, state: FlowState, now: Date, note?: Phrase): StepResult {
  const history = state.current ? [...state.history, state.current] : state.history;
  const draft = assembleDraft(state.answers, script, script.catalogue, state.carried);
  const findings = evaluatePlan(draft, { today: calendarDate(now, state.timeZone), labels: script.labels, catalogue: script.catalogue });
  const base: FlowState = { ...state, status: 'checking', current: undefined, history, findings };
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
    // The start-up check keeps every needed question in the script; this guards a script built another way.
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
  if (state.status !== 'checking') return info(state, phrase('conversation.nothing_to_accept'));
  if (hasBlockingErrors(state.findings)) return info(state, phrase('conversation.errors_cannot_be_accepted'));
  const rules = state.findings.filter((f) => f.severity === 'warning').map((f) => f.rule);
  const next = accepted(state, { acceptedWarnings: [...new Set([...state.acceptedWarnings, ...rules])] });
  return finish(next, assembleDraft(next.answers, script, script.catalogue, next.carried), state.findings);
}

// ── proposals and parts ──────────────────────────────────────────────────────

/** The part of the conversation a question is in: fixed for the script, so progress never jumps. */
function sectionPosition(script: QuestionScript, section: string): SectionPosition {
  const sections = sectionsOf(script);
  return { label: section, number: sections.indexOf(section) + 1, total: sections.length };
}

/** The bot's proposal for a proposed question: the answer it would give, worked out from the others. */
function proposalOf(script: QuestionScript, state: FlowState, question: Question): AnswerValue | undefined {
  if (!question.proposed) return undefined;
  return proposedAnswer(question.id, assembleDraft(state.answers, script, script.catalogue, state.carried));
}

// ── the contact plan ─────────────────────────────────────────────────────────

function contactQuestion(script: QuestionScript): Question | undefined {
  return script.questions.find((q) => q.id === CONTACT_PLAN_ID);
}

function tableFor(script: QuestionScript, state: FlowState): ContactTable {
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

/** The plan's own question source, for the engine's helpers. */
function sourceOf(script: QuestionScript): QuestionSource<FlowState, FlowEffect> {
  return planSource(script);
}

/**
 * The inputs the contact plan answers itself: the row commands from anywhere, and at its
 * question `accept`, a row change while one is open, `back` out of a row; undefined leaves
 * the input to the engine (with a row change left behind when the author moves on).
 */
function handleContactPlan(script: QuestionScript, state: FlowState, input: FlowInput, now: Date): StepResult | undefined {
  if (input.type === 'edit-row' || input.type === 'add-row' || input.type === 'remove-row') return rowCommand(script, state, input, now);
  const question = currentQuestion(sourceOf(script), state);
  if (state.editingRow) {
    if (input.type === 'text' && question?.kind === 'contact-plan') return settleRow(script, state, applyRowText(script, state, state.editingRow, input.text, now), now);
    if (['help', 'status'].includes(input.type)) return undefined;
    const { editingRow: _editing, ...rest } = state;
    if (input.type === 'back' && question) return { state: rest, effects: [ask(sourceOf(script), rest, question, phrase('contact.row_left'))] };
    return stepConversation(sourceOf(script), rest, input, now);
  }
  if (question?.kind !== 'contact-plan') return undefined;
  if (input.type === 'accept-warnings' || input.type === 'use-suggestion') return acceptContactPlan(script, state, now);
  if (input.type === 'text') return answerContactPlan(script, state, question, input.text, now);
  return undefined;
}

/** A reply to the contact-plan question: `accept`, or an inline `row 3: …`. */
function answerContactPlan(script: QuestionScript, state: FlowState, question: Question, text: string, now: Date): StepResult {
  if (isAcceptance(text)) return acceptContactPlan(script, state, now);
  const inline = /^\s*row\s+#?(\d{1,3})\s*[:,.-]?\s*([\s\S]+)$/i.exec(text);
  if (inline) return rowCommand(script, state, { type: 'edit-row', row: Number(inline[1]), text: inline[2] ?? '' }, now);
  const error = phrase('contact.reply_accept_or_row');
  return { state: { ...state, rejected: { questionId: question.id, text, error } }, effects: [{ type: 'reask', question, error, attempt: text }] };
}

/** `accept` at the contact-plan question: the table as it stands becomes the answer. */
function acceptContactPlan(script: QuestionScript, state: FlowState, now: Date): StepResult {
  const { rows, answer } = contactTable(script, state);
  if (rows.length === 0) return info(state, phrase('contact.nothing_to_accept'));
  const { contactDraft: _draft, editingRow: _row, ...rest } = state;
  const answers = { ...rest.answers, [CONTACT_PLAN_ID]: { value: asAnswer(rows, answer), raw: 'accept' } };
  return proceed(sourceOf(script), accepted(rest, { answers }), now);
}

/** `change row 3`, `add row`, `remove row 3`, from anywhere in the conversation or on a posted plan. */
function rowCommand(script: QuestionScript, state: FlowState, input: Extract<FlowInput, { type: 'edit-row' | 'add-row' | 'remove-row' }>, now: Date): StepResult {
  const question = contactQuestion(script);
  if (!question || !applicableQuestions(script, state.answers).includes(question)) return info(state, phrase('contact.no_contact_plan'));
  const { rows, answer } = contactTable(script, state);
  if (rows.length === 0) return info(state, phrase('contact.no_channels_yet'));
  if (input.type === 'add-row') {
    const target = { id: addedRowId(script, state), added: true };
    if (input.text) return settleRow(script, { ...state, editingRow: target }, applyRowText(script, state, target, input.text, now), now);
    return editRow(script, state, target);
  }
  const row = rows[input.row - 1];
  if (!row) return info(state, phrase('contact.no_such_row', { row: String(input.row), rows: String(rows.length) }));
  if (input.type === 'remove-row') {
    return settleRow(script, state, { ok: true, answer: changeRow(answer, rows, row.id, { remove: true }), updates: {}, note: phrase('contact.row_removed', { row: String(input.row) }) }, now);
  }
  const target = { id: row.id };
  if (input.text) return settleRow(script, { ...state, editingRow: target }, applyRowText(script, state, target, input.text, now), now);
  return editRow(script, state, target);
}

/** Opens a row for change: the contact-plan question is asked with that row, and the next reply changes it. */
function editRow(script: QuestionScript, state: FlowState, target: { id: string; added?: boolean }): StepResult {
  const question = contactQuestion(script) as Question;
  const moved = accepted(moveTo(state, question), { editingRow: target });
  return { state: moved, effects: [ask(sourceOf(script), moved, question, ROW_EDIT_HINT)] };
}

/** After a row change: an accepted contact plan takes it and the conversation goes on; otherwise the table is asked again. */
function settleRow(script: QuestionScript, state: FlowState, outcome: RowOutcome, now: Date): StepResult {
  const question = contactQuestion(script) as Question;
  const source = sourceOf(script);
  if (!outcome.ok) {
    // The row stays open, so the next reply is read as the change again.
    const moved = accepted(moveTo(state, question), {});
    return { state: moved, effects: [ask(source, moved, question, undefined, outcome.error)] };
  }
  const { editingRow: _row, contactDraft: _draft, ...rest } = state;
  const answers = { ...rest.answers, ...outcome.updates };
  if (contactTable(script, state).accepted) {
    const next = accepted(rest, { answers: { ...answers, [CONTACT_PLAN_ID]: { value: outcome.answer, raw: 'changed' } } });
    return proceed(source, next.current === CONTACT_PLAN_ID ? { ...next, current: undefined } : next, now, outcome.note);
  }
  const next = accepted<FlowState>(moveTo<FlowState>({ ...rest, answers }, question), { contactDraft: outcome.answer });
  return { state: next, effects: [ask(source, next, question, joined(outcome.note, phrase('contact.accept_when_right')))] };
}

/**
 * The conversation engine: one pure state machine, (source, state, input, now) ->
 * (new state, effects), for every question conversation the bot holds. A source
 * supplies the questions (the plan script, or the review script instantiated for a
 * plan) and what happens when none is left; the engine does the rest the same way
 * for both: reading answers, back, skip, status, help, change, cancel, suggestions.
 * Resumable from the stored state alone; the effects are data a service renders.
 */
import type { Currency } from '../plan/plan.js';
import { joinNotes } from '../parse/index.js';
import { phrase, scriptWords, type Phrase, type StoredPhrase } from '../message/phrase.js';
import { formatAnswer, readChosen, readText, type AnswerContext, type ReadAnswer } from './flow-answer.js';
import { findTarget, type QuestionNames } from './flow-target.js';
import { looksLikeSentence } from './interpret-reply.js';
import type { InputWords } from '../locale/input-words.js';
import { suggestionOrigin, suggestionSource, type AnswerRecord, type Answers, type AnswerValue, type ControlWord, type ConversationEffect, type FlowInput, type SectionPosition, type Suggestion } from './flow-state.js';
import type { Question } from './question.js';

/** What the engine reads and writes in every conversation's state; sources add their own fields. */
export interface ConversationState {
  version: number;
  status: string;
  current?: string;
  answers: Answers;
  history: string[];
  rejected?: { questionId: string; text: string; error: StoredPhrase };
  timeZone: string;
}

/** The new state and what to show: the engine's effects and the source's own (`E`). */
export interface Step<S, E> {
  state: S;
  effects: (ConversationEffect | E)[];
}

/** A conversation's questions and the few things in which conversations differ. */
export interface QuestionSource<S extends ConversationState, E> {
  /** Every question of the script, whether it applies now or not (what `change` can name). */
  all(state: S): Question[];
  /** The questions that apply now, in the order they are asked. */
  applicable(state: S): Question[];
  /** The currency money answers are read and shown in. */
  currency(state: S): Currency;
  /** What people may type in other languages, for reading answers (choices' names, yes/no …). */
  input?: InputWords;
  /** Other names of the questions, by id, for `change <question>` (`修改 预算`). */
  names?(state: S): QuestionNames;
  /** The control words `help` lists. */
  controls: ControlWord[];
  /** The sentences in which conversations differ. */
  say: {
    /** Said to any input once the conversation is over. */
    over(status: 'finished' | 'cancelled'): Phrase;
    /** Said to `back` at the first question. */
    firstQuestion: Phrase;
    /** Said to `skip` at a question that must be answered. */
    cannotSkip(question: Question): Phrase;
  };
  /** A suggested answer for a question, if there is one. */
  suggestion?(state: S, questionId: string): Suggestion | undefined;
  /** The source's own answer to a `proposed` question (shown in the reader's language; `use` takes it). */
  proposal?(state: S, question: Question): AnswerValue | undefined;
  /** What the source shows with a question besides the engine's: the part it is in, the contact plan's table. */
  askDetails?(state: S, question: Question): { section?: SectionPosition; table?: Extract<ConversationEffect, { type: 'ask' }>['table'] };
  /** What to know before answering a question (the plan's need, before the money available is asked). */
  lead?(state: S, question: Question): Phrase | undefined;
  /** What reading an answer needs beyond the answers themselves (the plan's paid channels, for per-channel costs). */
  context?(state: S): Partial<AnswerContext>;
  /** Inputs the source answers itself (planning's `accept`, inputs a review does not take); undefined leaves it to the engine. */
  handle?(state: S, input: FlowInput, now: Date): Step<S, E> | undefined;
  /** No question is left: what happens then (the plan is checked, the review summed up). */
  complete(state: S, now: Date, note?: Phrase): Step<S, E>;
  /** Said to an answer while no question is open and the conversation is not over (the plan waits at its check). */
  waiting(state: S): Phrase;
}

/** Asks the first question (or completes at once, when none applies). */
export function beginConversation<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, now: Date): Step<S, E> {
  return proceed(source, state, now);
}

/** Applies one input to the state. Never throws on anything a person can type. */
export function stepConversation<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, input: FlowInput, now: Date): Step<S, E> {
  if (state.status === 'finished' || state.status === 'cancelled') return info(state, source.say.over(state.status));
  if (state.status === 'asking' && !currentQuestion(source, state)) {
    // The stored question left the script (a new deployment): pick up at the next one instead.
    return proceed(source, { ...state, current: undefined }, now);
  }
  const handled = source.handle?.(state, input, now);
  if (handled) return handled;
  switch (input.type) {
    case 'text':
      return answerText(source, state, input.text, now);
    case 'choose':
      return answerChosen(source, state, input.questionId, input.values, now);
    case 'back':
      return goBack(source, state);
    case 'skip':
      return skip(source, state, now);
    case 'status':
      return { state, effects: [statusEffect(source, state)] };
    case 'help': {
      const question = currentQuestion(source, state);
      return { state, effects: [{ type: 'help', ...(question ? { question } : {}), controls: source.controls }] };
    }
    case 'cancel':
      return { state: accepted(state, { status: 'cancelled', current: undefined } as Partial<S>), effects: [{ type: 'cancelled' }] };
    case 'change':
      return change(source, state, input, now);
    case 'use-suggestion':
      return useSuggestion(source, state, now);
    case 'accept-warnings':
      return info(state, phrase('conversation.nothing_to_accept'));
    case 'edit-row':
    case 'add-row':
    case 'remove-row':
      // The planning source takes these at its contact plan; any other conversation has no rows.
      return info(state, phrase('conversation.no_contact_plan_here'));
    case 'scale-down':
      return info(state, phrase('conversation.nothing_to_scale_down'));
  }
}

// ── answering ────────────────────────────────────────────────────────────────

function answerText<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, text: string, now: Date, from?: Suggestion): Step<S, E> {
  const question = currentQuestion(source, state);
  if (!question) return info(state, source.waiting(state));
  const read = readText(question, text, readContext(source, state, now));
  return settle(source, state, question, read, text, now, from);
}

function answerChosen<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, questionId: string, values: string[], now: Date): Step<S, E> {
  const question = currentQuestion(source, state);
  if (!question) return info(state, source.waiting(state));
  if (question.id !== questionId) {
    // Buttons of an earlier message: acting on them would answer the wrong question.
    return info(state, phrase('conversation.earlier_buttons', { question: scriptWords(question.text, `questions.${question.id}.text`) }));
  }
  const read = readChosen(question, values, readContext(source, state, now));
  return settle(source, state, question, read, values.join(', '), now);
}

function readContext<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, now: Date): AnswerContext {
  return {
    now,
    timeZone: state.timeZone,
    answers: state.answers,
    currency: source.currency(state),
    ...(source.input ? { words: source.input } : {}),
    ...source.context?.(state),
  };
}

/** Stores an accepted answer and moves on, or re-asks with the error and keeps what was typed. */
function settle<S extends ConversationState, E>(
  source: QuestionSource<S, E>,
  state: S,
  question: Question,
  read: ReadAnswer,
  raw: string,
  now: Date,
  from?: Suggestion,
): Step<S, E> {
  if (!read.ok) {
    const rejected = { questionId: question.id, text: raw, error: read.error };
    return { state: { ...state, rejected }, effects: [{ type: 'reask', question, error: read.error, attempt: raw }] };
  }
  const note = from ? joinNotes([usedNote(from), read.note]) : read.note;
  const answers = { ...state.answers, ...read.updates, [question.id]: record({ ...read, note }, raw) };
  for (const id of read.clears ?? []) delete answers[id];
  return proceed(source, accepted(state, { answers } as Partial<S>), now, note);
}

/** How an accepted answer is stored: the typed value, what was typed, and how it was read. */
export function record(read: ReadAnswer & { ok: true }, raw: string): AnswerRecord {
  return { value: read.value, raw, ...(read.note ? { note: read.note } : {}) };
}

function skip<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, now: Date): Step<S, E> {
  const question = currentQuestion(source, state);
  if (!question) return info(state, phrase('conversation.nothing_to_skip'));
  if (state.answers[question.id]) return proceed(source, accepted(state, {}), now, phrase('conversation.kept_answer', { question: scriptWords(question.label, `questions.${question.id}.label`) }));
  if (!question.optional) {
    return { state, effects: [{ type: 'info', message: source.say.cannotSkip(question) }, ask(source, state, question)] };
  }
  return proceed(source, accepted(state, { answers: { ...state.answers, [question.id]: { skipped: true } } } as Partial<S>), now);
}

function useSuggestion<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, now: Date): Step<S, E> {
  const question = currentQuestion(source, state);
  const proposal = question?.proposed ? source.proposal?.(state, question) : undefined;
  // Taken as if typed, so it is read (and noted) the way an answer of its own would be.
  if (question && proposal !== undefined) return answerText(source, state, formatAnswer(question, { value: proposal }, source.currency(state)), now);
  const suggestion = question && source.suggestion?.(state, question.id);
  if (!suggestion) return info(state, phrase('conversation.no_suggestion'));
  return answerText(source, state, suggestion.text, now, suggestion);
}

/** How an answer taken from a suggestion is acknowledged: a review's figure by its source, a proposal by what it is. */
function usedNote(used: Suggestion): Phrase {
  return used.basis === undefined || used.basis === 'actual'
    ? phrase('conversation.used_suggestion', { source: suggestionSource(used) })
    : phrase('conversation.used_proposal', { origin: suggestionOrigin(used) });
}

// ── navigation ───────────────────────────────────────────────────────────────

function goBack<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S): Step<S, E> {
  const applicable = source.applicable(state);
  const history = [...state.history];
  let target: Question | undefined;
  // Questions that no longer apply (the objective changed, say) are passed over.
  while (history.length > 0 && target === undefined) {
    const id = history.pop();
    if (id !== state.current) target = applicable.find((q) => q.id === id);
  }
  if (!target) return info(state, source.say.firstQuestion);
  const next = accepted(state, { status: 'asking', current: target.id, history } as Partial<S>);
  return { state: next, effects: [ask(source, next, target)] };
}

function change<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, input: { target: string; raw?: string }, now: Date): Step<S, E> {
  const resolved = findTarget(source.all(state), source.applicable(state), input.target, source.names?.(state), state.answers);
  if (!resolved.ok) {
    // "Change how people see tea" names no question: at a free-text question it is an answer, not a command.
    const question = currentQuestion(source, state);
    if (question?.kind === 'text' && input.raw && resolved.unknown && looksLikeSentence(input.target)) return answerText(source, state, input.raw, now);
    return info(state, resolved.error);
  }
  const next = accepted(moveTo(state, resolved.value), {});
  return { state: next, effects: [ask(source, next, resolved.value)] };
}

/** Makes `question` current, remembering where we came from. */
export function moveTo<S extends ConversationState>(state: S, question: Question): S {
  const history = state.current && state.current !== question.id ? [...state.history, state.current] : state.history;
  return { ...state, status: 'asking', current: question.id, history };
}

/** Asks the next unanswered question, or completes when none is left. Proposed questions are not asked: their answer follows the others until set. */
export function proceed<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, now: Date, note?: Phrase): Step<S, E> {
  const next = source.applicable(state).find((q) => state.answers[q.id] === undefined && !q.proposed);
  if (next) {
    const moved = moveTo(state, next);
    return { state: moved, effects: [ask(source, moved, next, note)] };
  }
  return source.complete(state, now, note);
}

// ── effects and small helpers ────────────────────────────────────────────────

/** The question being asked, if the conversation is asking one. */
export function currentQuestion<S extends ConversationState>(source: QuestionSource<S, unknown>, state: S): Question | undefined {
  if (state.status !== 'asking') return undefined;
  return source.all(state).find((q) => q.id === state.current);
}

/** The effect that asks `question`, with its position, suggestion or proposal, and what the source shows with it. */
export function ask<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S, question: Question, note?: Phrase, error?: Phrase): ConversationEffect {
  const applicable = source.applicable(state);
  const index = applicable.findIndex((q) => q.id === question.id);
  const existing = state.answers[question.id];
  const suggestion = source.suggestion?.(state, question.id);
  const lead = source.lead?.(state, question);
  const proposal = question.proposed ? source.proposal?.(state, question) : undefined;
  const { section, table } = source.askDetails?.(state, question) ?? {};
  return {
    type: 'ask',
    question,
    position: { number: index + 1, total: applicable.length, ...(section ? { section } : {}) },
    ...(suggestion ? { suggestion } : {}),
    ...(proposal !== undefined ? { proposal } : {}),
    ...(lead ? { lead } : {}),
    ...(note ? { note } : {}),
    ...(error ? { error } : {}),
    currency: source.currency(state),
    ...(existing && !table ? { current: existing } : {}),
    ...(table ? { table } : {}),
  };
}

function statusEffect<S extends ConversationState, E>(source: QuestionSource<S, E>, state: S): ConversationEffect {
  const currency = source.currency(state);
  const applicable = source.applicable(state);
  const answered = applicable.flatMap((question) => {
    const existing = state.answers[question.id];
    if (existing) return [{ question, answer: existing }];
    const proposal = question.proposed ? source.proposal?.(state, question) : undefined;
    return proposal !== undefined ? [{ question, answer: { value: proposal }, proposed: true }] : [];
  });
  // Left: the questions that will be asked given the answers so far (a later answer may add or drop some).
  const open = applicable.filter((q) => !q.proposed && state.answers[q.id] === undefined && q.id !== state.current).length;
  const remaining = state.status === 'asking' ? open + (state.current ? 1 : 0) : 0;
  const current = currentQuestion(source, state);
  const section = current ? source.askDetails?.(state, current).section : undefined;
  return { type: 'status', answered, remaining, currency, ...(current ? { current } : {}), ...(section ? { section } : {}) };
}

/** The state unchanged, with one message. */
export function info<S>(state: S, message: Phrase): { state: S; effects: ConversationEffect[] } {
  return { state, effects: [{ type: 'info', message }] };
}

/** A new state for an accepted input: one version later, with no rejected attempt pending. */
export function accepted<S extends ConversationState>(state: S, changes: Partial<S>): S {
  const { rejected: _rejected, ...rest } = state;
  return { ...rest, ...changes, version: state.version + 1 } as S;
}

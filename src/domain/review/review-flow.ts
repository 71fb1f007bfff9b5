/**
 * The post-campaign review conversation: the conversation engine with the review
 * script, filled in for the plan, as its question source. The questions are made
 * from the plan (actual spend, each goal's actual value, the funnel's actuals when
 * the plan used it, then learnings), so the stored state holds only answers.
 */
import { z } from 'zod';
import type { BudgetSketch } from '../budget/budget-types.js';
import { calendarDate, canonicalTimeZone } from '../plan/calendar-date.js';
import { beginConversation, info, stepConversation, type QuestionSource, type Step } from '../conversation/engine.js';
import { CONTROL_WORDS } from '../conversation/interpret-reply.js';
import { ConversationStateSchema, type ConversationEffect, type ControlWord, type FlowInput } from '../conversation/flow-state.js';
import type { Question } from '../conversation/question.js';
import type { Plan } from '../plan/plan.js';
import { plannedSpend, summarizeAgainst, type ReviewActuals, type ReviewSummary } from './review.js';
import { REVIEW_MAP, reviewActuals, reviewFactsOf, reviewQuestionsFor, type ReviewScript } from './review-script.js';
import { parseTouchpointActuals } from './touchpoint-actuals.js';
import type { QuestionNames } from '../conversation/flow-target.js';
import type { InputWords } from '../locale/input-words.js';
import { phrase, type Phrase } from '../message/phrase.js';

export { reviewActuals } from './review-script.js';

/** Where a review is: asking, or over. */
export const REVIEW_STATUSES = ['asking', 'finished', 'cancelled'] as const;

/** Validates a stored review conversation before it continues: the engine's part, and the review's own. */
export const ReviewStateSchema = ConversationStateSchema.extend({
  status: z.enum(REVIEW_STATUSES),
  /** The spend the plan allocated, fixed when the review starts (minor units). */
  plannedSpend: z.number().int(),
  /** ISO instants. */
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
/** The whole review conversation state (JSON all the way down). */
export type ReviewState = z.infer<typeof ReviewStateSchema>;

/** What the review conversation asks the service to show: the engine's effects, and the summary once finished. */
export type ReviewEffect =
  | ConversationEffect
  /** `reviewedOn` is the calendar date in the team's zone, for `suggestionsFromReview`. */
  | { type: 'finished'; summary: ReviewSummary; actuals: ReviewActuals; reviewedOn: string };

/** The new state and what to show. */
export interface ReviewStepResult {
  state: ReviewState;
  effects: ReviewEffect[];
}

const REVIEW_MEANINGS: Partial<Record<ControlWord['word'], Phrase>> = {
  change: phrase('thread.meaning.change_review'),
  cancel: phrase('thread.meaning.cancel_review'),
};

/** The planning flow's control words that mean something during a review, explained for the review. */
export const REVIEW_CONTROL_WORDS: ControlWord[] = CONTROL_WORDS.filter((c) => ['back', 'skip', 'status', 'change', 'help', 'cancel'].includes(c.word)).map((c) => ({
  word: c.word,
  meaning: REVIEW_MEANINGS[c.word] ?? c.meaning,
}));

/**
 * The review's questions for this plan, in order; ids are stable: actual_spend, actual_media_spend (a plan with
 * non-media lines), goal_1..goal_n, touchpoint_actuals (a plan with a contact plan), actual_visits, actual_orders,
 * actual_revenue (the funnel; orders and revenue for retention), actual_impressions, actual_reach (reach bought on
 * paid media), worked, did_not_work.
 */
export function reviewQuestions(script: ReviewScript, plan: Plan, planned: number): Question[] {
  return reviewQuestionsFor(script, reviewFactsOf(plan, planned));
}

/** Starts a review and asks the first question. */
export function startReview(
  script: ReviewScript,
  plan: Plan,
  sketch: BudgetSketch | undefined,
  options: { now: Date; timeZone: string },
): ReviewStepResult {
  const state: ReviewState = {
    version: 0,
    status: 'asking',
    answers: {},
    history: [],
    // An unknown zone would make every date wrong; UTC at least keeps them consistent.
    timeZone: canonicalTimeZone(options.timeZone) ?? 'UTC',
    plannedSpend: plannedSpend(plan, sketch),
    startedAt: options.now.toISOString(),
  };
  return beginConversation(reviewSource(script, plan), state, options.now);
}

/**
 * Applies one input (as `interpretReply` reads it) to the review; `words` names the
 * questions in other languages for `修改 <question>`. Never throws on anything a person can type.
 */
export function stepReview(script: ReviewScript, plan: Plan, state: ReviewState, input: FlowInput, now: Date, words?: InputWords): ReviewStepResult {
  return stepConversation(reviewSource(script, plan, words), state, input, now);
}

/** The ids under which the locale files name the review's questions (those of review.yml); `goal` names every goal_N (`目标1`). */
export const REVIEW_NAME_IDS = REVIEW_MAP.map((row) => row.question);

/** The review's questions' names in the other languages: `goal_2` is `目标2` and the name of its metric. */
function reviewNames(plan: Plan, questions: Question[], words: InputWords): QuestionNames {
  return Object.fromEntries(
    questions.map((q) => {
      const goal = /^goal_(\d+)$/.exec(q.id);
      if (!goal) return [q.id, words.review[q.id] ?? []];
      const metric = plan.goals[Number(goal[1]) - 1]?.metric;
      return [q.id, [...(words.review.goal ?? []).map((name) => `${name}${goal[1]}`), ...(metric ? words.metrics[metric] : [])]];
    }),
  );
}

/** The review script, filled in for `plan`, as the engine's question source. */
function reviewSource(script: ReviewScript, plan: Plan, words?: InputWords): QuestionSource<ReviewState, ReviewEffect> {
  const questions = (state: ReviewState) => reviewQuestions(script, plan, state.plannedSpend);
  return {
    all: questions,
    applicable: questions,
    currency: () => plan.budget.currency,
    ...(words ? { names: (state: ReviewState) => reviewNames(plan, questions(state), words) } : {}),
    controls: REVIEW_CONTROL_WORDS,
    say: {
      over: (status) => phrase(status === 'finished' ? 'review.over_finished' : 'review.over_cancelled'),
      firstQuestion: phrase('review.first_question'),
      cannotSkip: (question) => phrase('review.cannot_skip', { question: { content: question.label }, example: { content: question.example ?? '0' } }),
    },
    handle: (state, input) => {
      if (['choose', 'use-suggestion', 'accept-warnings', 'scale-down', 'edit-row', 'add-row', 'remove-row'].includes(input.type)) {
        return info(state, phrase('review.planning_only'));
      }
      return input.type === 'text' ? checkTouchpoints(plan, questions(state), state, input.text) : undefined;
    },
    complete: (state, now, note) => finish(plan, state, now, note),
    // A review has no waiting point: when no question is left it is finished.
    waiting: () => phrase('review.no_open_question'),
  };
}

/** The touchpoint answer is checked against the plan's rows before the engine keeps it as typed. */
function checkTouchpoints(plan: Plan, questions: Question[], state: ReviewState, text: string): Step<ReviewState, ReviewEffect> | undefined {
  const question = state.status === 'asking' ? questions.find((q) => q.id === state.current) : undefined;
  if (question?.id !== 'touchpoint_actuals') return undefined;
  const read = parseTouchpointActuals(text, plan);
  if (read.ok) return undefined;
  const rejected = { questionId: question.id, text, error: read.error };
  return { state: { ...state, rejected }, effects: [{ type: 'reask', question, error: read.error, attempt: text }] };
}

function finish(plan: Plan, state: ReviewState, now: Date, note?: Phrase): Step<ReviewState, ReviewEffect> {
  const actuals = reviewActuals(plan.goals, state.answers, plan);
  const summary = summarizeAgainst(plan, state.plannedSpend, actuals);
  const finished: ReviewState = {
    ...state,
    status: 'finished',
    current: undefined,
    history: state.current ? [...state.history, state.current] : state.history,
    finishedAt: now.toISOString(),
  };
  const lead: ReviewEffect[] = note ? [{ type: 'info', message: note }] : [];
  return { state: finished, effects: [...lead, { type: 'finished', summary, actuals, reviewedOn: calendarDate(now, state.timeZone) }] };
}

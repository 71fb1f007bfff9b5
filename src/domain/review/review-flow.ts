/**
 * The post-campaign review as a small pure conversation, like the planning flow:
 * (plan, state, input, now) -> (new state, effects). The questions are generated
 * from the plan (actual spend, each goal's actual value, the funnel's actuals when
 * the plan used it, then learnings), so the stored state holds only answers.
 */
import { z } from 'zod';
import type { BudgetSketch } from '../budget/budget-types.js';
import { calendarDate } from '../conversation/flow.js';
import { formatAnswer, formatGoal } from '../conversation/flow-answer.js';
import { CONTROL_WORDS } from '../conversation/interpret-reply.js';
import { FlowStateSchema, type AnswerRecord, type Answers, type ControlWord, type FlowInput, type StatusLine } from '../conversation/flow-state.js';
import { resolveTarget } from '../conversation/flow-target.js';
import { formatMoney, formatNumber, formatRate } from '../plan/format.js';
import { ok, parseMoney, parseQuantity, parseRate, parseText, readInput, readRate, MAX_SHORT_INPUT } from '../parse/index.js';
import { budgetModelFor, LABELS, MINOR_UNITS, type Goal, type Parsed, type Plan } from '../plan/plan.js';
import { plannedSpend, summarizeAgainst, type ReviewActuals, type ReviewSummary } from './review.js';
import { parseTouchpointActuals, TOUCHPOINT_ACTUALS_EXAMPLE } from './touchpoint-actuals.js';
import { kpiInfo } from '../channels/kpis.js';
import type { Question, QuestionScript } from '../conversation/script.js';

/** Where a review is: asking, or over. */
export const REVIEW_STATUSES = ['asking', 'finished', 'cancelled'] as const;

/**
 * Validates a stored review conversation before it continues. The bookkeeping
 * (version, current question, answers, history, rejected attempt, zone) is the
 * planning flow's, so both conversations are stored and resumed the same way.
 */
export const ReviewStateSchema = FlowStateSchema.pick({
  version: true,
  current: true,
  answers: true,
  history: true,
  rejected: true,
  timeZone: true,
}).extend({
  status: z.enum(REVIEW_STATUSES),
  /** The spend the plan allocated, fixed when the review starts (minor units). */
  plannedSpend: z.number().int(),
  /** ISO instants. */
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
/** The whole review conversation state (JSON all the way down). */
export type ReviewState = z.infer<typeof ReviewStateSchema>;

/** What the review conversation asks the service to show. All but `finished` and `cancelled` have the planning flow's shapes. */
export type ReviewEffect =
  | { type: 'ask'; question: Question; position: { number: number; total: number }; note?: string; current?: string }
  | { type: 'reask'; question: Question; error: string; attempt: string }
  | { type: 'status'; answered: StatusLine[]; remaining: number; current?: Question }
  | { type: 'help'; question?: Question; controls: ControlWord[] }
  | { type: 'info'; message: string }
  | { type: 'cancelled' }
  /** `reviewedOn` is the calendar date in the team's zone, for `suggestionsFromReview`. */
  | { type: 'finished'; summary: ReviewSummary; actuals: ReviewActuals; reviewedOn: string };

/** The new state and what to show. */
export interface ReviewStepResult {
  state: ReviewState;
  effects: ReviewEffect[];
}

const REVIEW_MEANINGS: Record<string, string> = {
  'change <question>': 'answer a question again, e.g. "change actual spend"',
  cancel: 'stop the review; nothing is recorded',
};

/** The planning flow's control words that mean something during a review, explained for the review. */
export const REVIEW_CONTROL_WORDS: ControlWord[] = CONTROL_WORDS.filter((c) =>
  ['back', 'skip', 'status', 'change <question>', 'help', 'cancel'].includes(c.word),
).map((c) => ({ word: c.word, meaning: REVIEW_MEANINGS[c.word] ?? c.meaning }));

const MAX_LEARNING = 1500;

// ── the questions ────────────────────────────────────────────────────────────

/** The review's questions for this plan, in order; ids are stable: actual_spend, goal_1..goal_n, touchpoint_actuals (with a contact plan), actual_visits, actual_orders, actual_revenue, worked, did_not_work. */
export function reviewQuestions(plan: Plan, planned: number): Question[] {
  const currency = plan.budget.currency;
  const spendExample = formatMoney(planned > 0 ? planned : 200_000 * MINOR_UNITS[currency], currency);
  const questions: Question[] = [
    question('actual_spend', 'Actual spend', 'money', {
      aliases: ['spend', 'budget', 'cost'],
      text: `How much did the campaign actually spend, in ${currency}? The plan allocated ${formatMoney(planned, currency)}.`,
      help: 'All the media money that went out, from invoices or ad accounts. It is compared with the plan and, with revenue, gives the return on spend.',
      example: spendExample,
    }),
    ...plan.goals.map((goal, index) => goalQuestion(goal, index, plan)),
    // Plans stored before contact plans have none (the field is missing, not empty).
    ...((plan.contactPlan ?? []).length > 0 ? [touchpointQuestion(plan)] : []),
  ];
  if (budgetModelFor(plan.primaryObjective) === 'funnel') questions.push(...funnelQuestions(plan));
  questions.push(
    question('worked', 'What worked', 'text', {
      aliases: ['learnings'],
      text: 'What worked well in this campaign? A sentence or two the next plan should repeat.',
      help: 'Channels, messages or timing that paid off. This is kept with the review and shown when the team plans again.',
      example: 'KOL reviews on Xiaohongshu drove most first orders',
      optional: true,
      max: MAX_LEARNING,
    }),
    question('did_not_work', 'What did not work', 'text', {
      text: 'What did not work, or would you do differently next time?',
      help: 'Be specific: what you would drop, fix or test next time.',
      example: 'Outdoor ads in week one brought few visits',
      optional: true,
      max: MAX_LEARNING,
    }),
  );
  return questions;
}

/** Rows listed in the question, at most; a longer plan is summed up with "and N more rows". */
const LISTED_ROWS = 12;

/** One optional question for the actuals of every row of the contact plan the team has figures for. */
function touchpointQuestion(plan: Plan): Question {
  const rows = plan.contactPlan.slice(0, LISTED_ROWS).map((row, index) => {
    const channel = plan.channels.find((c) => c.id === row.channelId)?.name ?? row.channelId;
    const kpi = row.kpi ? (kpiInfo(row.kpi.metric)?.label ?? row.kpi.metric).toLowerCase() : 'its KPI';
    return `${index + 1} ${channel} (${kpi})`;
  });
  const more = plan.contactPlan.length > LISTED_ROWS ? `; and ${plan.contactPlan.length - LISTED_ROWS} more rows` : '';
  return question('touchpoint_actuals', 'Actuals per touchpoint', 'text', {
    aliases: ['touchpoints', 'rows', 'per row'],
    text: `Actuals per touchpoint, where you have them: one line per row of the contact plan, its KPI's figure then spend, visits, impressions or orders. Rows: ${rows.join('; ')}${more}. Skip if you have none.`,
    help: `The next plan starts from each channel's actual rates (cost per visit, CPM, conversion) instead of one plan-wide guess. For example: ${TOUCHPOINT_ACTUALS_EXAMPLE.replace(/`/g, '')}.`,
    example: 'row 2: 45,000, spend ¥60,000, visits 30,000',
    optional: true,
    max: 4000,
  });
}

function goalQuestion(goal: Goal, index: number, plan: Plan): Question {
  const number = index + 1;
  const kind = goal.unit === 'percent' ? 'percentage' : goal.unit === 'money' ? 'money' : 'number';
  return question(`goal_${number}`, `Goal ${number}: ${LABELS.metric[goal.metric]}`, kind, {
    aliases: [`goal ${number}`, LABELS.metric[goal.metric]],
    text: `Goal ${number} was ${formatGoal(goal, plan.budget.currency)}. What is the actual figure now?`,
    help: 'Measure it the same way as the starting value, so the change can be compared with what was planned.',
    example: goalExample(goal, plan),
    ...(goal.unit === 'count' ? { integer: true } : {}),
  });
}

/** The goal's own target, written the way the parser reads it back. */
function goalExample(goal: Goal, plan: Plan): string {
  switch (goal.unit) {
    case 'percent':
      return formatRate(goal.target);
    case 'money':
      return formatMoney(goal.target, plan.budget.currency);
    case 'count':
    case 'score':
      return formatNumber(goal.target);
  }
}

function funnelQuestions(plan: Plan): Question[] {
  const currency = plan.budget.currency;
  const optional = 'Skip it if you do not have the figure.';
  return [
    question('actual_visits', 'Actual visits', 'number', {
      aliases: ['visits', 'traffic'],
      text: `How many visits did the campaign bring (store or site sessions from the campaign)? ${optional}`,
      help: 'With the spend it gives the actual cost per visit; with orders, the actual conversion rate.',
      example: '90,000',
      optional: true,
      integer: true,
    }),
    question('actual_orders', 'Actual orders', 'number', {
      aliases: ['orders'],
      text: `How many orders came from those visits? ${optional}`,
      help: 'Orders divided by visits is the actual conversion rate; revenue divided by orders is the average order value.',
      example: '1,080',
      optional: true,
      integer: true,
    }),
    question('actual_revenue', 'Actual revenue', 'money', {
      aliases: ['revenue', 'sales'],
      text: `How much revenue did those orders bring, in ${currency}? ${optional}`,
      help: 'With the spend it gives the return on spend: (revenue − spend) / spend.',
      example: formatMoney(1_000_000 * MINOR_UNITS[currency], currency),
      optional: true,
    }),
  ];
}

function question(id: string, label: string, kind: Question['kind'], rest: Partial<Question> & { text: string; help: string }): Question {
  return { id, label, kind, aliases: [], optional: false, section: 'Review', proposed: false, ...rest };
}

// ── the conversation ─────────────────────────────────────────────────────────

/** Starts a review and asks the first question. */
export function startReview(plan: Plan, sketch: BudgetSketch | undefined, options: { now: Date; timeZone: string }): ReviewStepResult {
  const state: ReviewState = {
    version: 0,
    status: 'asking',
    answers: {},
    history: [],
    timeZone: knownTimeZone(options.timeZone, options.now),
    plannedSpend: plannedSpend(plan, sketch),
    startedAt: options.now.toISOString(),
  };
  return proceed(plan, state, options.now);
}

/** Applies one input (as `interpretReply` reads it) to the review. Never throws on anything a person can type. */
export function stepReview(plan: Plan, state: ReviewState, input: FlowInput, now: Date): ReviewStepResult {
  if (state.status !== 'asking') {
    return info(state, `This review is ${state.status === 'finished' ? 'already finished' : 'cancelled'}.`);
  }
  const questions = reviewQuestions(plan, state.plannedSpend);
  switch (input.type) {
    case 'text':
      return answer(plan, questions, state, input.text, now);
    case 'back':
      return goBack(plan, questions, state);
    case 'skip':
      return skip(plan, questions, state, now);
    case 'status':
      return { state, effects: [statusEffect(plan, questions, state)] };
    case 'help':
      return { state, effects: [{ type: 'help', ...withQuestion(current(questions, state)), controls: REVIEW_CONTROL_WORDS }] };
    case 'cancel':
      return { state: accepted(state, { status: 'cancelled', current: undefined }), effects: [{ type: 'cancelled' }] };
    case 'change':
      return change(plan, questions, state, input, now);
    case 'choose':
    case 'use-suggestion':
    case 'accept-warnings':
    case 'edit-row':
    case 'add-row':
    case 'remove-row':
      return info(state, 'That belongs to the planning conversation. For the review, please type your answer in this thread.');
  }
}

function answer(plan: Plan, questions: Question[], state: ReviewState, text: string, now: Date): ReviewStepResult {
  const asked = current(questions, state);
  if (!asked) return proceed(plan, state, now);
  const read = readAnswer(asked, text, plan);
  if (!read.ok) {
    const rejected = { questionId: asked.id, text, error: read.error };
    return { state: { ...state, rejected }, effects: [{ type: 'reask', question: asked, error: read.error, attempt: text }] };
  }
  const record: AnswerRecord = { value: read.value, raw: text, ...(read.note ? { note: read.note } : {}) };
  return proceed(plan, accepted(state, { answers: { ...state.answers, [asked.id]: record } }), now, read.note);
}

/** Reads an actual figure. Zero is a real outcome here (no orders, nothing spent), unlike a planning assumption. */
function readAnswer(asked: Question, text: string, plan: Plan): Parsed<number | string> {
  const label = asked.label.toLowerCase();
  if (asked.id === 'touchpoint_actuals') {
    // Checked now, kept as typed, and read again for the summary.
    const rows = parseTouchpointActuals(text, plan);
    return rows.ok ? parseText(text, { max: asked.max, label, example: asked.example }) : rows;
  }
  switch (asked.kind) {
    case 'money':
      return parseMoney(text, plan.budget.currency, { allowZero: true });
    case 'percentage':
      return readActualRate(text);
    case 'number':
      return parseQuantity(text, { integer: asked.integer, min: 0, label, example: asked.example });
    default:
      return parseText(text, { max: asked.max, label, example: asked.example });
  }
}

/** `35%` -> 0.35 as `parseRate` reads it, and also `0%`, which a planning rate may not be. */
function readActualRate(text: string): Parsed<number> {
  const input = readInput(text, MAX_SHORT_INPUT, '');
  const rate = input.ok ? readRate(input.value.toLowerCase()) : undefined;
  if (rate !== undefined && rate.number.mantissa === 0n) return ok(0);
  return parseRate(text);
}

function skip(plan: Plan, questions: Question[], state: ReviewState, now: Date): ReviewStepResult {
  const asked = current(questions, state);
  if (!asked) return proceed(plan, state, now);
  if (state.answers[asked.id]) return proceed(plan, accepted(state, {}), now, `Kept your answer to "${asked.label}".`);
  if (!asked.optional) {
    const why = `"${asked.label}" can't be skipped: the review needs it. If you don't know it exactly, give your best estimate, e.g. ${asked.example ?? '0'}.`;
    return { state, effects: [{ type: 'info', message: why }, ask(plan, questions, state, asked)] };
  }
  return proceed(plan, accepted(state, { answers: { ...state.answers, [asked.id]: { skipped: true } } }), now);
}

function goBack(plan: Plan, questions: Question[], state: ReviewState): ReviewStepResult {
  const history = [...state.history];
  let target: Question | undefined;
  while (history.length > 0 && target === undefined) {
    const id = history.pop();
    target = id === state.current ? undefined : questions.find((q) => q.id === id);
  }
  if (!target) return info(state, 'This is the first question of the review, so there is nothing to go back to.');
  const next = accepted(state, { current: target.id, history });
  return { state: next, effects: [ask(plan, questions, next, target)] };
}

function change(plan: Plan, questions: Question[], state: ReviewState, input: { target: string; raw?: string }, now: Date): ReviewStepResult {
  const script: QuestionScript = { questions, catalogue: [] };
  const resolved = resolveTarget(script, state.answers, input.target);
  if (!resolved.ok) {
    // "Change the packaging earlier" names no question: in a free-text answer it is the answer.
    const asked = current(questions, state);
    if (asked?.kind === 'text' && input.raw && resolved.unknown) return answer(plan, questions, state, input.raw, now);
    return info(state, resolved.error);
  }
  const next = accepted(moveTo(state, resolved.value), {});
  return { state: next, effects: [ask(plan, questions, next, resolved.value)] };
}

/** Asks the next unanswered question, or finishes with the summary when none is left. */
function proceed(plan: Plan, state: ReviewState, now: Date, note?: string): ReviewStepResult {
  const questions = reviewQuestions(plan, state.plannedSpend);
  const next = questions.find((q) => state.answers[q.id] === undefined);
  if (next) {
    const moved = moveTo(state, next);
    return { state: moved, effects: [ask(plan, questions, moved, next, note)] };
  }
  const actuals = reviewActuals(plan, state.answers);
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

/** The actuals the answers give; skipped and unanswered questions are left out. */
export function reviewActuals(plan: Plan, answers: Answers): ReviewActuals {
  const number = (id: string): number | undefined => {
    const value = answers[id]?.value;
    return typeof value === 'number' && !answers[id]?.skipped ? value : undefined;
  };
  const text = (id: string): string | undefined => {
    const value = answers[id]?.value;
    return typeof value === 'string' && !answers[id]?.skipped ? value : undefined;
  };
  const touchpointText = text('touchpoint_actuals');
  const touchpoints = touchpointText === undefined ? undefined : parseTouchpointActuals(touchpointText, plan);
  const optional = {
    visits: number('actual_visits'),
    orders: number('actual_orders'),
    revenue: number('actual_revenue'),
    worked: text('worked'),
    didNotWork: text('did_not_work'),
    touchpoints: touchpoints?.ok ? touchpoints.value : undefined,
  };
  return {
    spend: number('actual_spend') ?? 0,
    goals: plan.goals.flatMap((_goal, index) => {
      const actual = number(`goal_${index + 1}`);
      return actual === undefined ? [] : [{ index, actual }];
    }),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

// ── effects and small helpers ────────────────────────────────────────────────

function current(questions: Question[], state: ReviewState): Question | undefined {
  return state.status === 'asking' ? questions.find((q) => q.id === state.current) : undefined;
}

/** `{ question }` when there is one, so the effect never carries an undefined field. */
function withQuestion(question: Question | undefined): { question?: Question } {
  return question ? { question } : {};
}

function ask(plan: Plan, questions: Question[], state: ReviewState, asked: Question, note?: string): ReviewEffect {
  const existing = state.answers[asked.id];
  return {
    type: 'ask',
    question: asked,
    position: { number: questions.indexOf(asked) + 1, total: questions.length },
    ...(note ? { note } : {}),
    ...(existing ? { current: formatAnswer(asked, existing, plan.budget.currency) } : {}),
  };
}

function statusEffect(plan: Plan, questions: Question[], state: ReviewState): ReviewEffect {
  const answered = questions.flatMap((q) => {
    const existing = state.answers[q.id];
    return existing ? [{ questionId: q.id, label: q.label, value: formatAnswer(q, existing, plan.budget.currency) }] : [];
  });
  const asked = current(questions, state);
  return { type: 'status', answered, remaining: questions.length - answered.length, ...(asked ? { current: asked } : {}) };
}

/** Makes `question` current, remembering where we came from. */
function moveTo(state: ReviewState, question: Question): ReviewState {
  const history = state.current && state.current !== question.id ? [...state.history, state.current] : state.history;
  return { ...state, status: 'asking', current: question.id, history };
}

function info(state: ReviewState, message: string): ReviewStepResult {
  return { state, effects: [{ type: 'info', message }] };
}

/** A new state for an accepted input: one version later, with no rejected attempt pending. */
function accepted(state: ReviewState, changes: Partial<ReviewState>): ReviewState {
  const { rejected: _rejected, ...rest } = state;
  return { ...rest, ...changes, version: state.version + 1 };
}

/** An unknown zone would make every date wrong; UTC at least keeps them consistent. */
function knownTimeZone(timeZone: string, now: Date): string {
  try {
    calendarDate(now, timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

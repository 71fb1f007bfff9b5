/**
 * The /imc plan conversation: the conversation engine with the plan script as its
 * question source. When the questions are done the answers are checked against
 * the IMC rules (status `checking`): errors wait for fixes, warnings for `accept`,
 * and a clean plan is finished.
 */
import { PlanSchema, type Finding } from '../plan/plan.js';
import { calendarDate, canonicalTimeZone } from '../plan/calendar-date.js';
import { evaluatePlan, hasBlockingErrors } from '../rules/index.js';
import type { QuestionScript } from './question.js';
import { applicableQuestions, assembleDraft, SCALE_DOWN_ANSWER } from '../plan/assemble-draft.js';
import { derivedFirst, derivedSuggestion, paidChannelChoices, questionLead } from './budget-prompts.js';
import type { Question } from './question.js';
import { accepted, beginConversation, info, record, stepConversation, type QuestionSource } from './engine.js';
import { currencyOf, readText } from './flow-answer.js';
import { CONTROL_WORDS } from './interpret-reply.js';
import { currentFlowStatus, type FlowEffect, type FlowInput, type FlowState, type FlowStatus, type StepResult, type Suggestion } from './flow-state.js';

export { interpretReply, CONTROL_WORDS } from './interpret-reply.js';
export { assembleDraft, applicableQuestions } from '../plan/assemble-draft.js';
export * from './flow-state.js';
export { calendarDate } from '../plan/calendar-date.js';

/** Starts a conversation: pre-answers the campaign name when the command gave one, and asks the first question. */
export function startFlow(
  script: QuestionScript,
  options: { campaign?: string; now: Date; timeZone: string; suggestions?: Record<string, Suggestion> },
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
      over: (status) => `This plan is ${status === 'finished' ? 'already finished' : 'cancelled'}. Start a new one with /imc plan.`,
      firstQuestion: 'This is the first question, so there is nothing to go back to.',
      cannotSkip: () => `That question can't be skipped: the plan needs it.`,
    },
    suggestion: (state, questionId) => suggestionFor(script, state, questionId),
    lead: (state, question) => questionLead(script, state.answers, question),
    context: (state) => ({ paidChannels: paidChannelChoices(script, state.answers) }),
    handle: (state, input, now) =>
      input.type === 'accept-warnings' ? acceptWarnings(script, state) : input.type === 'scale-down' ? scaleDown(script, state, now) : undefined,
    complete: (state, now, note) => check(script, state, now, note),
    waiting: (state) =>
      hasBlockingErrors(state.findings)
        ? 'The plan is waiting for fixes. Reply "change <question>" (for example "change goals") to fix an error.'
        : 'The plan is waiting for you. Reply "accept" to post it with its warnings, or "change <question>" to improve it.',
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
    return info(state, 'There is nothing to scale down: that is for a plan whose money covers less than half of what it needs.');
  }
  const available = state.answers.budget_available?.value;
  if (typeof available !== 'number') return info(state, 'There is nothing to scale down to: the plan has no money available.');
  const next = accepted(state, { answers: { ...state.answers, [SCALE_DOWN_ANSWER]: { value: available, raw: 'scale down' } } });
  return check(script, next, now, 'Scaled the plan down to the money available: the goals are cut to what it buys, and labelled so.');
}

// ── checking the answers ─────────────────────────────────────────────────────

function check(script: QuestionScript, state: FlowState, now: Date, note?: string): StepResult {
  const history = state.current ? [...state.history, state.current] : state.history;
  const draft = assembleDraft(state.answers, script);
  const findings = evaluatePlan(draft, { today: calendarDate(now, state.timeZone), labels: script.labels });
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
  if (state.status !== 'checking') return info(state, 'There is nothing to accept yet: the questions are not finished.');
  if (hasBlockingErrors(state.findings)) {
    return info(state, 'The plan still has errors, and errors cannot be accepted. Fix them first with "change <question>".');
  }
  const rules = state.findings.filter((f) => f.severity === 'warning').map((f) => f.rule);
  const next = accepted(state, { acceptedWarnings: [...new Set([...state.acceptedWarnings, ...rules])] });
  return finish(next, assembleDraft(next.answers, script), state.findings);
}

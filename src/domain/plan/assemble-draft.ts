/**
 * From answers to a `PlanDraft`: which questions apply (their `when`), and how each
 * answer fills the plan, following the question ↔ plan map. Answers to questions
 * that no longer apply are ignored but kept in the state, so switching back restores them.
 */
import { z } from 'zod';
import { PlanDraftSchema, QUESTION_MAP, STAGES, type Channel, type Goal, type PlanDraft, type Stage } from './plan.js';
import { conditionsOf, type Condition, type Question, type QuestionScript } from '../conversation/question.js';
import { scaleGoalsToMoney } from '../budget/scale-down.js';
import type { AnswerValue, Answers, CarriedRates } from '../conversation/flow-state.js';
import { currencyOf } from '../conversation/flow-answer.js';
import {
  ContactPlanAnswerSchema,
  proposeIncentiveStages,
  reconcileContactPlan,
  type ContactPlanAnswer,
  type ContactPlanInputs,
} from '../contact/contact-plan.js';
import { parseOffer, readTerms } from '../contact/incentive.js';
import { readInsight, readProposition } from '../contact/message-plan.js';
import { PROPOSABLE_QUESTIONS, proposedAnswer } from './proposed-answers.js';

/** Whether an earlier answer meets a `when` condition (any value of a multi answer; yes/no for booleans). */
function meets(value: AnswerValue | undefined, accepted: string[]): boolean {
  if (typeof value === 'boolean') return accepted.includes(value ? 'yes' : 'no');
  if (typeof value === 'string') return accepted.includes(value);
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && accepted.includes(v));
  return false;
}

/** Whether one condition holds for the answers; `source` is the question it is about. */
export function holds(condition: Condition, answers: Answers, source: Question | undefined): boolean {
  const record = answers[condition.question];
  const value = record?.skipped ? undefined : record?.value;
  if (condition.in) return meets(value, condition.in);
  if (condition.not_in) return !meets(value, condition.not_in);
  if (condition.in_group) {
    const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    const groups = chosen.map((id) => (typeof id === 'string' ? source?.choices?.find((c) => c.id === id)?.group : undefined));
    return groups.filter((g) => g !== undefined && condition.in_group?.includes(g)).length >= (condition.at_least ?? 1);
  }
  if (condition.none_measure) {
    const goals = Array.isArray(value) ? value : [];
    return !goals.some((goal) => typeof goal === 'object' && goal !== null && 'metric' in goal && condition.none_measure?.includes(goal.metric));
  }
  return false;
}

/** The questions that apply given the answers so far, in script order. */
export function applicableQuestions(script: Pick<QuestionScript, 'questions'>, answers: Answers): Question[] {
  const applicable: Question[] = [];
  const byId = new Map<string, Question>();
  for (const question of script.questions) {
    // A condition on a question that itself does not apply is false: its answer does not count.
    const ok = conditionsOf(question.when).every((c) => byId.has(c.question) && holds(c, answers, byId.get(c.question)));
    if (ok) {
      applicable.push(question);
      byId.set(question.id, question);
    }
  }
  return applicable;
}

/** The answers that count: applicable questions, not skipped. */
export function countingAnswers(script: Pick<QuestionScript, 'questions'>, answers: Answers): Map<string, AnswerValue> {
  const values = new Map<string, AnswerValue>();
  for (const question of applicableQuestions(script, answers)) {
    const value = answers[question.id]?.value;
    if (value !== undefined && !answers[question.id]?.skipped) values.set(question.id, value);
  }
  return values;
}

/** What the contact-plan proposal is made from, read off a draft. */
export function contactPlanInputs(draft: PlanDraft): ContactPlanInputs {
  return {
    journey: Array.isArray(draft.journey) ? draft.journey : [],
    businessModel: draft.businessModel,
    channels: Array.isArray(draft.channels) ? draft.channels : [],
    concept: draft.concept,
    messageType: draft.messageType,
    callToAction: draft.callToAction,
  };
}

/** The contact plan of a draft from a stored answer (or, while it is being written, the working copy). */
export function contactPlanOf(draft: PlanDraft, answer: ContactPlanAnswer | undefined): PlanDraft['contactPlan'] {
  return reconcileContactPlan(answer ?? { rows: [], removed: [] }, contactPlanInputs(draft));
}

/**
 * Builds the draft the rules judge from the answers that count: each answer goes to
 * its field in the map; channel ids become catalogue entries. The budget is always
 * there, in the plan's currency (CNY until it is answered), since money is read in it.
 * Then what the map cannot say: questions the bot proposes (business model, journey,
 * tone) take the proposal until the author answers them, the insight, proposition and
 * offer answers are read into their parts, and the contact plan is the accepted table
 * redone against the current answers. `carried` (the last review's per-channel rates)
 * become the cost assumptions of the paid channels chosen again.
 */
export function assembleDraft(answers: Answers, script: QuestionScript, catalogue: Channel[] = script.catalogue, carried?: CarriedRates): PlanDraft {
  const values = countingAnswers(script, answers);
  const raw: Record<string, unknown> = { budget: { currency: currencyOf(answers) } };
  const fill = (row: (typeof QUESTION_MAP)[number], value: AnswerValue) => {
    const filled = row.catalogue ? chosenChannels(value, catalogue) : value;
    if (row.schema.safeParse(filled).success) setPath(raw, row.path, filled);
  };
  for (const row of QUESTION_MAP) {
    const value = values.get(row.question);
    if (value !== undefined) fill(row, value);
  }
  // Restating the primary objective as a secondary one adds nothing.
  if (Array.isArray(raw.secondaryObjectives)) raw.secondaryObjectives = raw.secondaryObjectives.filter((o) => o !== raw.primaryObjective);
  deriveBudget(raw.budget as Record<string, unknown>, values, answers);
  dropIncomplete(raw, PlanDraftSchema);
  const asked = new Set(script.questions.map((q) => q.id));
  for (const id of PROPOSABLE_QUESTIONS) {
    const row = QUESTION_MAP.find((r) => r.question === id);
    if (!row || !asked.has(id) || values.has(id)) continue;
    const proposal = proposedAnswer(id, PlanDraftSchema.parse(raw));
    if (proposal !== undefined) fill(row, proposal);
  }
  const draft = PlanDraftSchema.parse(raw);
  if (draft.journey.length > 0) draft.journey = STAGES.filter((stage) => draft.journey.includes(stage));
  draft.message = readMessage(draft.message);
  draft.incentive = readIncentive(draft);
  draft.budget = withCarriedCosts(draft.budget, draft.channels, carried);
  const contactAnswer = ContactPlanAnswerSchema.safeParse(values.get('contact_plan'));
  draft.contactPlan = contactAnswer.success ? contactPlanOf(draft, contactAnswer.data) : [];
  if (draft.incentive) {
    const offered = new Set(draft.contactPlan.filter((row) => row.usesIncentive).map((row) => row.stage));
    draft.incentive.stages = offered.size > 0 ? STAGES.filter((stage) => offered.has(stage)) : proposeIncentiveStages(draft.journey);
  }
  return scaleGoalsToMoney(PlanDraftSchema.parse(draft));
}

/** The insight answer split into insight, evidence and methods; the proposition into promise and reason to believe. */
function readMessage(message: PlanDraft['message']): PlanDraft['message'] {
  if (!message) return undefined;
  return {
    ...message,
    ...(message.insight !== undefined ? readInsight(message.insight) : {}),
    ...(message.proposition !== undefined ? readProposition(message.proposition) : {}),
  };
}

/** The offer answer read in the plan's currency, the terms split into who and how long; a rate off becomes a value once the order value is known. */
function readIncentive(draft: PlanDraft): PlanDraft['incentive'] {
  const incentive = draft.incentive;
  if (!incentive || incentive.offer === undefined) return undefined;
  const offer = parseOffer(incentive.offer, draft.budget?.currency ?? 'CNY');
  const terms = readTerms(incentive.eligibility ?? '');
  const { eligibility: _typed, ...rest } = incentive;
  const rate = offer.ok ? offer.value.rate : undefined;
  const aov = draft.budget?.funnel?.averageOrderValue;
  const value = offer.ok ? (offer.value.value ?? (rate !== undefined && aov !== undefined ? Math.round(rate * aov) : undefined)) : undefined;
  return {
    ...rest,
    ...(offer.ok ? { mechanic: offer.value.mechanic } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(rate !== undefined ? { rate } : {}),
    ...terms,
    stages: [] as Stage[],
  };
}

/**
 * The last review's per-channel rates as the cost assumptions of the paid channels chosen
 * again (the next plan starts from what each channel really cost); a cost the author gave
 * a channel (the per-channel cost questions) wins over the carried one, and a channel
 * with neither keeps the plan-wide figure.
 */
function withCarriedCosts(budget: PlanDraft['budget'], channels: readonly Channel[], carried: CarriedRates | undefined): PlanDraft['budget'] {
  if (!budget || !carried) return budget;
  const answered = budget.channelCosts ?? [];
  const costs = new Map(answered.map((cost) => [cost.channelId, cost]));
  for (const rate of carried.channels) {
    const paid = channels.some((channel) => channel.id === rate.channelId && channel.media === 'paid');
    if (!paid || (rate.costPerVisit === undefined && rate.cpm === undefined)) continue;
    const own = costs.get(rate.channelId);
    costs.set(rate.channelId, {
      channelId: rate.channelId,
      ...(rate.costPerVisit !== undefined ? { costPerVisit: rate.costPerVisit } : {}),
      ...(rate.cpm !== undefined ? { cpm: rate.cpm } : {}),
      ...own,
    });
  }
  return costs.size > 0 ? { ...budget, channelCosts: [...costs.values()] } : budget;
}

/** The hidden answer that records the author's choice to post a plan scaled down to the money; its value is the money it was chosen for. */
export const SCALE_DOWN_ANSWER = 'scale_down';

/**
 * Budget fields an answer gives indirectly, so the map cannot: the revenue target from
 * the revenue goal (the question is asked only when no goal sets it), the order value of
 * repeat orders (the plan's one average order value), the per-channel costs (two
 * questions fill one list), the peak only with the event-anchored pattern, and the
 * scaled-down choice, which holds for the money it was made for.
 */
function deriveBudget(budget: Record<string, unknown>, values: Map<string, AnswerValue>, answers: Answers): void {
  const goals = values.get('goals');
  const revenueGoal = Array.isArray(goals) ? (goals as Goal[]).find((g) => g?.metric === 'revenue' && g.unit === 'money') : undefined;
  const funnel = budget.funnel as Record<string, unknown> | undefined;
  if (funnel && funnel.targetRevenue === undefined && revenueGoal) funnel.targetRevenue = revenueGoal.target;
  const retention = budget.retention as Record<string, unknown> | undefined;
  const aov = values.get('average_order_value');
  if (retention && typeof aov === 'number') retention.averageOrderValue = aov;
  const costs = channelCostsOf(values);
  if (costs) budget.channelCosts = costs;
  if (values.get('phasing') !== 'event-anchored') delete budget.peak;
  const scaleDown = answers[SCALE_DOWN_ANSWER]?.value;
  if (typeof scaleDown === 'number' && scaleDown === values.get('budget_available')) budget.scaledDown = true;
}

/** Per-channel costs per visit and CPMs from their questions, merged by channel. */
function channelCostsOf(values: Map<string, AnswerValue>): { channelId: string; costPerVisit?: number; cpm?: number }[] | undefined {
  const costs = new Map<string, { channelId: string; costPerVisit?: number; cpm?: number }>();
  const add = (id: string, field: 'costPerVisit' | 'cpm') => {
    const answer = values.get(id);
    if (!Array.isArray(answer)) return;
    for (const item of answer as { channelId?: unknown; amount?: unknown }[]) {
      if (typeof item?.channelId !== 'string' || typeof item.amount !== 'number') continue;
      costs.set(item.channelId, { ...(costs.get(item.channelId) ?? { channelId: item.channelId }), [field]: item.amount });
    }
  };
  add('channel_cpv', 'costPerVisit');
  add('channel_cpm', 'cpm');
  return costs.size > 0 ? [...costs.values()] : undefined;
}

function chosenChannels(value: AnswerValue, catalogue: Channel[]): Channel[] {
  const ids = Array.isArray(value) ? value : [];
  return ids.flatMap((id) => catalogue.filter((channel) => channel.id === id));
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (typeof next === 'object' && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/**
 * Leaves out a nested group its schema refuses, such as funnel inputs with only some
 * of the four answered: a half-filled model is no model, and the rules say what is missing.
 */
function dropIncomplete(raw: Record<string, unknown>, schema: z.ZodObject): void {
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = raw[key];
    const inner = unwrapOptional(field as z.ZodType);
    if (!(inner instanceof z.ZodObject) || typeof value !== 'object' || value === null) continue;
    dropIncomplete(value as Record<string, unknown>, inner);
    if (!inner.safeParse(value).success) delete raw[key];
  }
}

function unwrapOptional(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

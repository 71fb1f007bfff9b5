/**
 * From answers to a `PlanDraft`: which questions apply (their `when`), and how each
 * answer fills the plan. Answers to questions that no longer apply are ignored but
 * kept in the state, so switching back restores them.
 */
import { PlanDraftSchema, STAGES, type Channel, type PlanDraft, type Stage } from './plan.js';
import type { Question, QuestionScript } from '../conversation/script.js';
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
import { proposedAnswer } from './proposed-answers.js';

/** Whether an earlier answer meets a `when` condition (any value of a multi answer; yes/no for booleans). */
function meets(value: AnswerValue | undefined, accepted: string[]): boolean {
  if (typeof value === 'boolean') return accepted.includes(value ? 'yes' : 'no');
  if (typeof value === 'string') return accepted.includes(value);
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && accepted.includes(v));
  return false;
}

/** The questions that apply given the answers so far, in script order. */
export function applicableQuestions(script: QuestionScript, answers: Answers): Question[] {
  const applicable: Question[] = [];
  const ids = new Set<string>();
  for (const question of script.questions) {
    const when = question.when;
    // A condition on a question that itself does not apply is false: its answer does not count.
    if (!when || (ids.has(when.question) && meets(answers[when.question]?.value, when.in))) {
      applicable.push(question);
      ids.add(question.id);
    }
  }
  return applicable;
}

/** The answers that count: applicable questions, not skipped. */
export function countingAnswers(script: QuestionScript, answers: Answers): Map<string, AnswerValue> {
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
 * Builds the draft the rules judge from the answers that count; channels become catalogue
 * entries. Questions the bot proposes (business model, journey, tone) take the proposal
 * until the author answers them, and the contact plan is the accepted table redone
 * against the current answers (`reconcileContactPlan`).
 */
export function assembleDraft(
  answers: Answers,
  script: QuestionScript,
  catalogue: Channel[] = script.catalogue,
  carried?: CarriedRates,
): PlanDraft {
  const values = countingAnswers(script, answers);
  const text = (id: string): string | undefined => {
    const value = values.get(id);
    return typeof value === 'string' ? value : undefined;
  };
  const list = (id: string): string[] => {
    const value = values.get(id);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  const num = (id: string): number | undefined => {
    const value = values.get(id);
    return typeof value === 'number' ? value : undefined;
  };
  const primary = text('primary_objective');
  const callToAction = values.get('call_to_action');
  const channels = list('channels').flatMap((id) => catalogue.filter((channel) => channel.id === id));
  const budget = withCarriedCosts(budgetOf(answers, num), channels, carried);
  const base = PlanDraftSchema.parse({
    campaign: text('campaign'),
    brand: text('brand'),
    problems: list('problems'),
    keyProblem: text('key_problem'),
    problemStatement: text('problem_statement'),
    audience: audienceOf(text),
    research: list('research'),
    primaryObjective: primary,
    // Restating the primary objective as a secondary one adds nothing.
    secondaryObjectives: list('secondary_objectives').filter((objective) => objective !== primary),
    goals: values.get('goals') ?? [],
    concept: text('concept'),
    messageType: text('message_type'),
    callToAction: typeof callToAction === 'boolean' ? callToAction : undefined,
    channels,
    budget,
    startDate: text('start_date'),
    endDate: text('end_date'),
    reviewDate: text('review_date'),
  });
  const asked = (id: string) => script.questions.some((q) => q.id === id);
  const proposed = (id: string) => (asked(id) ? (values.get(id) ?? proposedAnswer(id, base)) : undefined);
  const businessModel = proposed('business_model');
  const withModel: PlanDraft = { ...base, ...(typeof businessModel === 'string' ? { businessModel: businessModel as PlanDraft['businessModel'] } : {}) };
  const journey = proposed('journey');
  const draft: PlanDraft = {
    ...withModel,
    journey: Array.isArray(journey) ? STAGES.filter((stage) => (journey as unknown[]).includes(stage)) : [],
  };
  const message = messageOf(text, proposed('tone'));
  if (message) draft.message = message;
  const incentive = incentiveOf(text, num, budget?.currency ?? 'CNY', budget?.funnel?.averageOrderValue);
  const contactAnswer = ContactPlanAnswerSchema.safeParse(values.get('contact_plan'));
  const contactPlan = contactAnswer.success ? contactPlanOf(draft, contactAnswer.data) : [];
  if (incentive) {
    const offered = [...new Set(contactPlan.filter((row) => row.usesIncentive).map((row) => row.stage))];
    incentive.stages = offered.length > 0 ? STAGES.filter((stage) => offered.includes(stage)) : proposeIncentiveStages(draft.journey);
    draft.incentive = incentive;
  }
  return PlanDraftSchema.parse({ ...draft, contactPlan });
}

/**
 * The last review's per-channel rates as the cost assumptions of the paid channels chosen
 * again (the next plan starts from what each channel really cost); a channel without a
 * rate keeps the plan-wide figure.
 */
function withCarriedCosts(budget: PlanDraft['budget'], channels: readonly Channel[], carried: CarriedRates | undefined): PlanDraft['budget'] {
  if (!budget || !carried) return budget;
  const costs = carried.channels.flatMap((rate) => {
    const paid = channels.some((channel) => channel.id === rate.channelId && channel.media === 'paid');
    if (!paid || (rate.costPerVisit === undefined && rate.cpm === undefined)) return [];
    return [{ channelId: rate.channelId, ...(rate.costPerVisit !== undefined ? { costPerVisit: rate.costPerVisit } : {}), ...(rate.cpm !== undefined ? { cpm: rate.cpm } : {}) }];
  });
  return costs.length > 0 ? { ...budget, channelCosts: costs } : budget;
}

/** The message plan from the insight and proposition answers and the (proposed) tone; undefined when none is there. */
function messageOf(text: (id: string) => string | undefined, tone: AnswerValue | undefined): PlanDraft['message'] {
  const insight = text('insight');
  const proposition = text('proposition');
  if (insight === undefined && proposition === undefined && typeof tone !== 'string') return undefined;
  return {
    ...(insight !== undefined ? readInsight(insight) : { insightMethods: [] }),
    ...(proposition !== undefined ? readProposition(proposition) : {}),
    ...(typeof tone === 'string' ? { tone } : {}),
  };
}

/** The incentive's terms from the offer, terms and redemption answers; a rate off becomes a value once the order value is known. */
function incentiveOf(
  text: (id: string) => string | undefined,
  num: (id: string) => number | undefined,
  currency: NonNullable<PlanDraft['budget']>['currency'],
  averageOrderValue: number | undefined,
): PlanDraft['incentive'] {
  const offerText = text('incentive_offer');
  if (offerText === undefined) return undefined;
  const offer = parseOffer(offerText, currency);
  const terms = readTerms(text('incentive_terms') ?? '');
  const redemptions = num('incentive_redemptions');
  const fromRate = offer.ok && offer.value.rate !== undefined && averageOrderValue !== undefined ? Math.round(offer.value.rate * averageOrderValue) : undefined;
  const value = offer.ok ? (offer.value.value ?? fromRate) : undefined;
  return {
    ...(offer.ok ? { mechanic: offer.value.mechanic } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(offer.ok && offer.value.rate !== undefined ? { rate: offer.value.rate } : {}),
    ...terms,
    ...(redemptions !== undefined ? { expectedRedemptions: redemptions } : {}),
    stages: [] as Stage[],
  };
}

function audienceOf(text: (id: string) => string | undefined): PlanDraft['audience'] {
  const audience = {
    description: text('audience_description'),
    segment: text('audience_segment'),
    stage: text('audience_stage'),
    involvement: text('involvement'),
    motivation: text('motivation'),
  };
  if (Object.values(audience).every((value) => value === undefined)) return undefined;
  return { ...audience, description: audience.description ?? '' } as PlanDraft['audience'];
}

/** The funnel or reach inputs go in only when all their required answers count. */
function budgetOf(answers: Answers, num: (id: string) => number | undefined): PlanDraft['budget'] {
  const funnel = {
    targetRevenue: num('target_revenue'),
    averageOrderValue: num('average_order_value'),
    conversionRate: num('conversion_rate'),
    costPerVisit: num('cost_per_visit'),
  };
  const reach = { audienceSize: num('audience_size'), reachRate: num('reach_rate'), frequency: num('frequency'), cpm: num('cpm') };
  const complete = (inputs: Record<string, number | undefined>): boolean => Object.values(inputs).every((v) => v !== undefined);
  return {
    currency: currencyOf(answers),
    available: num('budget_available'),
    funnel: complete(funnel) ? { ...funnel, customerValue: num('customer_value') } : undefined,
    reach: complete(reach) ? reach : undefined,
    reserveRate: 0.1,
  } as PlanDraft['budget'];
}

/**
 * From answers to a `PlanDraft`: which questions apply (their `when`), and how each
 * answer fills the plan. Answers to questions that no longer apply are ignored but
 * kept in the state, so switching back restores them.
 */
import { PlanDraftSchema, type Channel, type Goal, type NonMediaLine, type PlanDraft } from './plan.js';
import { scaleGoalsToMoney } from '../budget/scale-down.js';
import { conditionsOf, type Condition, type Question, type QuestionScript } from '../conversation/script.js';
import type { AnswerValue, Answers } from '../conversation/flow-state.js';
import { currencyOf } from '../conversation/flow-answer.js';

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
    const groups = chosen.map((id) => source?.choices?.find((c) => c.id === id)?.group);
    return groups.filter((g) => g !== undefined && condition.in_group?.includes(g)).length >= (condition.at_least ?? 1);
  }
  if (condition.none_measure) {
    const goals = Array.isArray(value) ? value : [];
    return !goals.some((goal) => typeof goal === 'object' && goal !== null && 'metric' in goal && condition.none_measure?.includes(goal.metric));
  }
  return false;
}

/** The questions that apply given the answers so far, in script order. */
export function applicableQuestions(script: QuestionScript, answers: Answers): Question[] {
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
export function countingAnswers(script: QuestionScript, answers: Answers): Map<string, AnswerValue> {
  const values = new Map<string, AnswerValue>();
  for (const question of applicableQuestions(script, answers)) {
    const value = answers[question.id]?.value;
    if (value !== undefined && !answers[question.id]?.skipped) values.set(question.id, value);
  }
  return values;
}

/** Builds the draft the rules judge from the answers that count; channels become catalogue entries. */
export function assembleDraft(answers: Answers, script: QuestionScript, catalogue: Channel[] = script.catalogue): PlanDraft {
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
  const draft = PlanDraftSchema.parse({
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
    channels: list('channels').flatMap((id) => catalogue.filter((channel) => channel.id === id)),
    budget: budgetOf(answers, values, num, text),
    startDate: text('start_date'),
    endDate: text('end_date'),
    reviewDate: text('review_date'),
  });
  return scaleGoalsToMoney(draft);
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

/** The hidden answer that records the author's choice to post a plan scaled down to the money; its value is the money it was chosen for. */
export const SCALE_DOWN_ANSWER = 'scale_down';

/**
 * The budget from the answers. The funnel, reach and retention inputs go in only when
 * all their required answers count; the revenue target comes from the revenue goal
 * when the plan has one (it is asked only when none does).
 */
function budgetOf(
  answers: Answers,
  values: Map<string, AnswerValue>,
  num: (id: string) => number | undefined,
  text: (id: string) => string | undefined,
): PlanDraft['budget'] {
  const goals = values.get('goals');
  const revenueGoal = Array.isArray(goals) ? (goals as Goal[]).find((g) => g?.metric === 'revenue' && g.unit === 'money') : undefined;
  const funnel = {
    targetRevenue: num('target_revenue') ?? revenueGoal?.target,
    averageOrderValue: num('average_order_value'),
    conversionRate: num('conversion_rate'),
    costPerVisit: num('cost_per_visit'),
  };
  const reach = { audienceSize: num('audience_size'), reachRate: num('reach_rate'), frequency: num('frequency'), cpm: num('cpm') };
  const retention = { baseCustomers: num('retention_base'), repeatRateUplift: num('repeat_uplift'), costPerContact: num('cost_per_contact') };
  const complete = (inputs: Record<string, number | undefined>): boolean => Object.values(inputs).every((v) => v !== undefined);
  const available = num('budget_available');
  const nonMedia = values.get('non_media');
  const peak = { start: text('peak_start'), end: text('peak_end') };
  const scaleDown = answers[SCALE_DOWN_ANSWER]?.value;
  return {
    currency: currencyOf(answers),
    available,
    funnel: complete(funnel) ? { ...funnel, customerValue: num('customer_value') } : undefined,
    reach: complete(reach) ? reach : undefined,
    retention: complete(retention) ? { ...retention, averageOrderValue: num('average_order_value') } : undefined,
    reserveRate: 0.1,
    grossMargin: num('gross_margin'),
    nonMedia: Array.isArray(nonMedia) ? (nonMedia as NonMediaLine[]) : undefined,
    channelCosts: channelCostsOf(values),
    pattern: text('phasing'),
    peak: text('phasing') === 'event-anchored' && peak.start && peak.end ? peak : undefined,
    // The choice holds for the money it was made for; changing the money asks the question again.
    scaledDown: typeof scaleDown === 'number' && scaleDown === available ? true : undefined,
  } as PlanDraft['budget'];
}

/** Per-channel costs per visit and CPMs from their questions, merged by channel. */
function channelCostsOf(values: Map<string, AnswerValue>): NonNullable<PlanDraft['budget']>['channelCosts'] {
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

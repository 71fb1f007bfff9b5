/**
 * The IMC plan model: zod schemas and the types every other part of the domain
 * shares. Each field an answer fills names its question here (`answer.…`), which
 * makes this file the question ↔ plan map as well (see question-map.ts and
 * prompts/README.md). Pure data: no Slack, no storage, no clock.
 *
 * Conventions
 * - Money is an integer number of minor units (fen, cents) in `budget.currency`.
 * - Rates (conversion, reach, goal values with unit `percent`) are fractions: 2 % is 0.02.
 * - Calendar dates are ISO `yyyy-MM-dd` strings in the team's time zone.
 * - Ids are stable: they are stored in plans and used in prompts and rules.
 */
import { z } from 'zod';
import { answeredBy, questionMapOf, REQUIRED, type FieldSource, type MappedQuestion } from './question-map.js';
import {
  FUNNEL_OBJECTIVES,
  GOAL_METRICS,
  GOAL_UNITS,
  MEDIA_TYPES,
  OBJECTIVES,
  PROBLEM_TYPES,
  STAGES,
  VOCABULARY,
  type Objective,
  type VocabularyName,
} from './vocabulary.js';

export * from './vocabulary.js';

// Functions, not shared schemas: the map tells fields apart by their schema object.
const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-MM-dd');
const minorUnits = () => z.number().int();
const fraction = () => z.number();

type Options = Pick<FieldSource, 'required'>;

/** Plan fields filled by an answer, one helper per question kind: the field's schema, marked with its question. */
const answer = {
  text: (question: string, options?: Options) => answeredBy(z.string(), { question, kind: 'text', ...options }),
  date: (question: string, options?: Options) => answeredBy(isoDate(), { question, kind: 'date', ...options }),
  money: (question: string, options?: Options) => answeredBy(minorUnits(), { question, kind: 'money', ...options }),
  rate: (question: string, options?: Options) => answeredBy(fraction(), { question, kind: 'percentage', ...options }),
  number: (question: string, options?: Options) => answeredBy(z.number(), { question, kind: 'number', ...options }),
  wholeNumber: (question: string, options?: Options) => answeredBy(z.number().int(), { question, kind: 'number', ...options }),
  yesNo: (question: string, options?: Options) => answeredBy(z.boolean(), { question, kind: 'yesno', ...options }),
  goals: (question: string, options?: Options) => answeredBy(z.array(GoalSchema), { question, kind: 'goals', ...options }),
  /** A single choice among the ids of `vocabulary`. */
  one: <V extends VocabularyName>(question: string, vocabulary: V, options?: Options) =>
    answeredBy(z.enum(VOCABULARY[vocabulary]), { question, kind: 'single', vocabulary, ...options }),
  /** Several choices among the ids of `vocabulary`. */
  many: <V extends VocabularyName>(question: string, vocabulary: V, options?: Options) =>
    answeredBy(z.array(z.enum(VOCABULARY[vocabulary])), { question, kind: 'multi', vocabulary, ...options }),
  /** Channels chosen from the catalogue (prompts/channels.yml); the plan keeps the whole entries. */
  channels: (question: string, options?: Options) =>
    answeredBy(z.array(ChannelSchema), { question, kind: 'multi', catalogue: true, ...options }),
};

export const GoalSchema = z.object({
  metric: z.enum(GOAL_METRICS),
  unit: z.enum(GOAL_UNITS),
  baseline: z.number(),
  target: z.number(),
  /** Most indicators should go up; `decrease` is for goals such as cost or churn. */
  direction: z.enum(['increase', 'decrease']).default('increase'),
  deadline: isoDate(),
});
export type Goal = z.infer<typeof GoalSchema>;

export const ChannelSchema = z.object({
  /** Stable catalogue id, e.g. `owned-wechat`, `paid-search-ads`. */
  id: z.string().min(1),
  name: z.string().min(1),
  media: z.enum(MEDIA_TYPES),
  /** The buying stages this channel reaches well (domain §3). */
  stages: z.array(z.enum(STAGES)).min(1),
  /** Optional grouping for display, e.g. `global`, `china`. */
  region: z.string().optional(),
});
export type Channel = z.infer<typeof ChannelSchema>;

/** The sales funnel's inputs; present only when all four required ones are answered. */
export const FunnelInputsSchema = z.object({
  targetRevenue: answer.money('target_revenue', REQUIRED),
  averageOrderValue: answer.money('average_order_value', REQUIRED),
  /** Lifetime value of a customer, when known; compared with cost per order. */
  customerValue: answer.money('customer_value').optional(),
  conversionRate: answer.rate('conversion_rate', REQUIRED),
  costPerVisit: answer.money('cost_per_visit', REQUIRED),
});
export type FunnelInputs = z.infer<typeof FunnelInputsSchema>;

/** The reach model's inputs; present only when all four are answered. */
export const ReachInputsSchema = z.object({
  audienceSize: answer.wholeNumber('audience_size', REQUIRED),
  reachRate: answer.rate('reach_rate', REQUIRED),
  frequency: answer.number('frequency', REQUIRED),
  /** Cost per thousand impressions, in minor units. */
  cpm: answer.money('cpm', REQUIRED),
});
export type ReachInputs = z.infer<typeof ReachInputsSchema>;

export const BudgetSchema = z.object({
  currency: answer.one('currency', 'currency', REQUIRED),
  /** Money the team has, if known. */
  available: answer.money('budget_available').optional(),
  funnel: FunnelInputsSchema.optional(),
  reach: ReachInputsSchema.optional(),
  /** Share of the working budget kept back for testing and contingency. */
  reserveRate: fraction().default(0.1),
});
export type Budget = z.infer<typeof BudgetSchema>;

export const AudienceSchema = z.object({
  description: answer.text('audience_description', REQUIRED).default(''),
  segment: answer.one('audience_segment', 'segment', REQUIRED).optional(),
  /** The brand a competitor-loyal audience buys now: the one to give a reason to switch from. */
  competitor: answer.text('main_competitor').optional(),
  stage: answer.one('audience_stage', 'stage', REQUIRED).optional(),
  involvement: answer.one('involvement', 'involvement', REQUIRED).optional(),
  motivation: answer.one('motivation', 'motivation', REQUIRED).optional(),
});
export type Audience = z.infer<typeof AudienceSchema>;

/**
 * A plan as the rules see it. Fields are optional because rules must also judge an
 * incomplete or inconsistent plan and say what is missing; `PlanSchema` below is
 * the complete form a finished conversation produces.
 */
export const PlanDraftSchema = z.object({
  campaign: answer.text('campaign', REQUIRED).optional(),
  brand: answer.text('brand', REQUIRED).optional(),
  /** Every problem the team named; `keyProblem` is the one chosen to solve. */
  problems: answer.many('problems', 'problem').default([]),
  keyProblem: answer.one('key_problem', 'problem', REQUIRED).optional(),
  problemStatement: answer.text('problem_statement', REQUIRED).optional(),
  audience: AudienceSchema.optional(),
  research: answer.many('research', 'research').default([]),
  primaryObjective: answer.one('primary_objective', 'objective', REQUIRED).optional(),
  secondaryObjectives: answer.many('secondary_objectives', 'objective').default([]),
  goals: answer.goals('goals', REQUIRED).default([]),
  concept: answer.text('concept', REQUIRED).optional(),
  messageType: answer.one('message_type', 'messageType', REQUIRED).optional(),
  /** Whether the message carries a call to action (relevant at the purchase-decision stage). */
  callToAction: answer.yesNo('call_to_action').optional(),
  channels: answer.channels('channels', REQUIRED).default([]),
  budget: BudgetSchema.optional(),
  startDate: answer.date('start_date', REQUIRED).optional(),
  endDate: answer.date('end_date', REQUIRED).optional(),
  reviewDate: answer.date('review_date', REQUIRED).optional(),
});
export type PlanDraft = z.infer<typeof PlanDraftSchema>;

export const PlanSchema = PlanDraftSchema.extend({
  campaign: z.string().min(1),
  brand: z.string().min(1),
  keyProblem: z.enum(PROBLEM_TYPES),
  problemStatement: z.string().min(1),
  // Only the parts every plan has: an optional audience field stays optional.
  audience: AudienceSchema.required({ description: true, segment: true, stage: true, involvement: true, motivation: true }),
  primaryObjective: z.enum(OBJECTIVES),
  concept: z.string().min(1),
  messageType: z.enum(VOCABULARY.messageType),
  budget: BudgetSchema,
  startDate: isoDate(),
  endDate: isoDate(),
  reviewDate: isoDate(),
});
export type Plan = z.infer<typeof PlanSchema>;

/**
 * The question ↔ plan map as a table: which question fills which field, read with
 * which kind, and whether a plan can be posted without it.
 */
export const QUESTION_MAP: readonly MappedQuestion[] = questionMapOf(PlanDraftSchema);

/** Which budget model a plan uses, from its primary objective. */
export function budgetModelFor(objective: Objective | undefined): 'funnel' | 'reach' {
  return objective !== undefined && FUNNEL_OBJECTIVES.includes(objective) ? 'funnel' : 'reach';
}

/** Result of parsing or validating something a person typed. */
export type Parsed<T> = { ok: true; value: T; note?: string } | { ok: false; error: string };

export const SEVERITIES = ['error', 'warning', 'tip'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One outcome of a rule: what is wrong, why it matters, and how to fix it. */
export interface Finding {
  rule: string;
  severity: Severity;
  problem: string;
  principle: string;
  fix: string;
  /** The question id to jump to in order to fix it, when there is one. */
  questionId?: string;
}

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
import type { Phrase } from '../message/phrase.js';
import { answeredBy, questionMapOf, REQUIRED, type FieldSource, type MappedQuestion } from './question-map.js';
import {
  DATA_SOURCES,
  FUNNEL_OBJECTIVES,
  GOAL_METRICS,
  GOAL_UNITS,
  INCENTIVE_MECHANICS,
  MEDIA_TYPES,
  NON_MEDIA_KINDS,
  OBJECTIVES,
  PROBLEM_TYPES,
  RESEARCH_METHODS,
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
  /** Non-media lines typed as "content ¥20,000; PR ¥10,000". */
  costs: (question: string, options?: Options) => answeredBy(z.array(NonMediaLineSchema), { question, kind: 'costs', ...options }),
};

export const GoalSchema = z.object({
  metric: z.enum(GOAL_METRICS),
  unit: z.enum(GOAL_UNITS),
  baseline: z.number(),
  target: z.number(),
  /** Most indicators should go up; `decrease` is for goals such as cost or churn. */
  direction: z.enum(['increase', 'decrease']).default('increase'),
  deadline: isoDate(),
  /** Where the figure comes from (survey, analytics, CRM, platform, sales data). */
  source: z.enum(DATA_SOURCES).optional(),
  /** The target before a scaled-down plan cut it to what the money buys (domain §4, never silently absurd). */
  scaledFrom: z.number().optional(),
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
  /** The stages it reaches in B2B, when they differ (email nurture and LinkedIn ads serve evaluation there); `stages` holds for B2C. */
  b2bStages: z.array(z.enum(STAGES)).min(1).optional(),
  /** The format a touchpoint on it usually takes (seed 000): search ad, short video, live broadcast, soft article… */
  format: z.string().min(1).optional(),
  /** Runs all campaign long rather than in bursts (search ads answer whoever is searching, whenever they search). */
  alwaysOn: z.boolean().optional(),
  /** KPI ids (see `channels/kpis.ts`) that measure a touchpoint on it at a stage, where the stage's default does not fit. */
  kpis: z.partialRecord(z.enum(STAGES), z.string().min(1)).optional(),
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

export const NonMediaLineSchema = z.object({
  kind: z.enum(NON_MEDIA_KINDS),
  /** What it pays for, e.g. "film shoot" or "KOL fees for 5 creators". */
  description: z.string().optional(),
  amount: minorUnits(),
});
export type NonMediaLine = z.infer<typeof NonMediaLineSchema>;

/** What one paid channel pays for the contacts it buys: per visit (traffic) or per thousand impressions (reach). */
export const ChannelCostSchema = z.object({
  channelId: z.string().min(1),
  costPerVisit: minorUnits().optional(),
  cpm: minorUnits().optional(),
});
export type ChannelCost = z.infer<typeof ChannelCostSchema>;

/** The retention task's inputs (a post-purchase audience); present only when the base and the uplift are answered. */
export const RetentionInputsSchema = z.object({
  /** Existing customers the retention task works on. */
  baseCustomers: answer.wholeNumber('retention_base', REQUIRED),
  /** Uplift in repeat-purchase rate, as a fraction (extra orders = base × uplift, capped by the base). */
  repeatRateUplift: answer.rate('repeat_uplift', REQUIRED),
  /** Cost of one contact (CRM message, community activity), minor units. */
  costPerContact: answer.money('cost_per_contact', REQUIRED).optional(),
  /** Contacts per customer; the lifecycle triggers at day 7, 30 and 60 make 3 when absent. */
  contactsPerCustomer: z.number().int().optional(),
  /** Order value of a repeat order, minor units: turns the extra orders into revenue (the plan's average order value). */
  averageOrderValue: minorUnits().optional(),
});
export type RetentionInputs = z.infer<typeof RetentionInputsSchema>;

/**
 * The brand message (seed 003, Schultz step 3): what every touchpoint carries. The insight
 * answer fills `insight` and the proposition answer `proposition`, each as typed;
 * assembleDraft then splits off the evidence and methods, and the reason to believe.
 */
export const MessagePlanSchema = z.object({
  /** The consumer insight in one sentence. */
  insight: answer.text('insight').optional(),
  /** How it was found, and the evidence (e.g. "12 of 15 interviewees said…"). */
  insightMethods: z.array(z.enum(RESEARCH_METHODS)).default([]),
  evidence: z.string().optional(),
  /** What the brand promises this audience. */
  proposition: answer.text('proposition').optional(),
  /** Why they should believe it. */
  reasonToBelieve: z.string().optional(),
  /** Proposed from the motive and involvement until the author sets it. */
  tone: answer.text('tone').optional(),
});
export type MessagePlan = z.infer<typeof MessagePlanSchema>;

/**
 * The brand incentive (seed 003): a short-term offer; its cost is a line of the budget.
 * The offer answer fills `offer` as typed and the terms answer `eligibility`; assembleDraft
 * reads the mechanic, value or rate from the first and splits the duration off the second.
 */
export const IncentiveSchema = z.object({
  /** The offer as typed, e.g. "¥30 coupon" (read again in the plan's currency). */
  offer: answeredBy(z.string(), { question: 'incentive_offer', kind: 'offer' }).optional(),
  mechanic: z.enum(INCENTIVE_MECHANICS).optional(),
  /** Cost to the brand of one redemption, minor units (e.g. ¥100 off plus a ¥20 gift is 12,000 fen). */
  value: minorUnits().optional(),
  /** A percentage off the order (fraction), when the offer was given as one; `value` is then rate × average order value, once known. */
  rate: fraction().optional(),
  /** Who qualifies, e.g. "first order over ¥299". */
  eligibility: answer.text('incentive_terms').optional(),
  /** When it runs, e.g. "launch week" or "1–11 Nov". */
  duration: z.string().optional(),
  /** Expected redemptions; when absent the budget assumes every order redeems. */
  expectedRedemptions: answer.wholeNumber('incentive_redemptions').optional(),
  /** Stages where the incentive is offered (defaults to the purchase decision). */
  stages: z.array(z.enum(STAGES)).default([]),
});
export type Incentive = z.infer<typeof IncentiveSchema>;

/** When a touchpoint happens: a phase of the schedule, a date, or a trigger such as "7 days after first order". */
export const TouchpointTimingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phase'), phase: z.string().min(1) }),
  z.object({ kind: z.literal('date'), date: isoDate() }),
  z.object({ kind: z.literal('trigger'), event: z.string().min(1), offsetDays: z.number().int().optional() }),
  z.object({ kind: z.literal('always') }),
]);
export type TouchpointTiming = z.infer<typeof TouchpointTimingSchema>;

/** Fields of a touchpoint the author can set by hand (`change row 3`); the rest follow the bot's proposal. */
export const TOUCHPOINT_FIELDS = ['stage', 'channelId', 'format', 'timing', 'message', 'kpi', 'callToAction', 'usesIncentive'] as const;
export type TouchpointField = (typeof TOUCHPOINT_FIELDS)[number];

/** One row of the contact plan (domain §7): when, where and how the audience is reached at one stage. */
export const TouchpointSchema = z.object({
  /**
   * Stable within the plan: `<stage>/<channel id>` for a row the bot proposed, `added-<n>` for one the
   * author added, so an edit keeps meaning the same row when the proposal is redone. People see the row's
   * position ("row 3"), not this id.
   */
  id: z.string().min(1),
  stage: z.enum(STAGES),
  channelId: z.string().min(1),
  /** The format (seed 000): poster, TVC, soft article, H5, live broadcast, KOL, pop-up, event… */
  format: z.string().optional(),
  timing: TouchpointTimingSchema,
  /** How this touchpoint carries the core concept at this stage. */
  message: z.string(),
  /** The KPI and where it is measured. */
  kpi: z.object({ metric: z.string().min(1), source: z.enum(DATA_SOURCES) }).optional(),
  /** Whether the row carries a call to action or the incentive. */
  callToAction: z.boolean().optional(),
  usesIncentive: z.boolean().optional(),
  /** The fields the author set by hand; the others are redone from the answers whenever they change. */
  authored: z.array(z.enum(TOUCHPOINT_FIELDS)).optional(),
});
export type Touchpoint = z.infer<typeof TouchpointSchema>;

export const BudgetSchema = z.object({
  currency: answer.one('currency', 'currency', REQUIRED),
  /** Money the team has, if known. */
  available: answer.money('budget_available').optional(),
  funnel: FunnelInputsSchema.optional(),
  reach: ReachInputsSchema.optional(),
  /** Share of the working budget kept back for testing and contingency. */
  reserveRate: fraction().default(0.1),
  /** Gross margin as a fraction of revenue, when known: turns revenue into contribution (domain §4, profit). */
  grossMargin: answer.rate('gross_margin').optional(),
  /** Production and other non-media costs, each its own line of the total. */
  nonMedia: answer.costs('non_media').optional(),
  /** Per paid channel cost assumptions (channel_cpv, channel_cpm); a channel without one uses the plan-wide figure. */
  channelCosts: z.array(ChannelCostSchema).optional(),
  /** How paid money is spread over the dates; inferred from the plan when not chosen. */
  pattern: answer.one('phasing', 'pattern', REQUIRED).optional(),
  /** The peak window of an event-anchored plan (618, Double 11, a launch day), ISO dates inclusive. */
  peak: z.object({ start: answer.date('peak_start', REQUIRED), end: answer.date('peak_end', REQUIRED) }).optional(),
  /** The retention task (post-purchase): the base it works on and the uplift in repeat rate it aims for. */
  retention: RetentionInputsSchema.optional(),
  /** The author chose to post a plan scaled down to the money available; its goals are scaled and labelled so. */
  scaledDown: z.boolean().optional(),
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
  /** Proposed from the audience and the channels until the author sets it (`change business model`). */
  businessModel: answer.one('business_model', 'businessModel').optional(),
  /** The stages the campaign moves the audience through, in journey order, starting at `audience.stage`; proposed until set. */
  journey: answer.many('journey', 'stage').default([]),
  research: answer.many('research', 'research').default([]),
  primaryObjective: answer.one('primary_objective', 'objective', REQUIRED).optional(),
  secondaryObjectives: answer.many('secondary_objectives', 'objective').default([]),
  goals: answer.goals('goals', REQUIRED).default([]),
  concept: answer.text('concept', REQUIRED).optional(),
  messageType: answer.one('message_type', 'messageType', REQUIRED).optional(),
  /** Whether the message carries a call to action (relevant at the purchase-decision stage). */
  callToAction: answer.yesNo('call_to_action').optional(),
  message: MessagePlanSchema.optional(),
  incentive: IncentiveSchema.optional(),
  channels: answer.channels('channels', REQUIRED).default([]),
  /**
   * The contact plan: one row per touchpoint (domain §7). Filled by the contact-plan question,
   * whose answer is the accepted table and the author's changes: assembleDraft redoes it
   * against the current answers (`reconcileContactPlan`), so it is not a plain mapped field.
   */
  contactPlan: z.array(TouchpointSchema).default([]),
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

/**
 * Result of parsing or validating something a person typed: the value with a note on
 * how it was read, or why it was refused, both as phrases (words come at render time).
 */
export type Parsed<T> = { ok: true; value: T; note?: Phrase } | { ok: false; error: Phrase };

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
  /** A way out the author may choose instead of a fix: post the plan scaled down to the money available. */
  action?: 'scale-down';
}

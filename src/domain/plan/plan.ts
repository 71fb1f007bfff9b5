/**
 * The IMC plan model: vocabulary, zod schemas and the types every other part of
 * the domain shares. Pure data: no Slack, no storage, no clock.
 *
 * Conventions
 * - Money is an integer number of minor units (fen, cents) in `budget.currency`.
 * - Rates (conversion, reach, goal values with unit `percent`) are fractions: 2 % is 0.02.
 * - Calendar dates are ISO `yyyy-MM-dd` strings in the team's time zone.
 * - Ids below are stable: they are stored in plans and used in prompts and rules.
 */
import { z } from 'zod';

export const PROBLEM_TYPES = [
  'market',
  'brand',
  'product',
  'service',
  'price',
  'communication',
  'channel',
  'sales',
  'logistics',
] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];
/** Problems communication alone cannot fix (domain §2). */
export const NON_COMMS_PROBLEMS: readonly ProblemType[] = ['product', 'service', 'price', 'logistics'];

export const SEGMENTS = ['loyal', 'competitor-loyal', 'switcher', 'new-to-category'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const STAGES = [
  'need-recognition',
  'information-search',
  'evaluation',
  'purchase-decision',
  'post-purchase',
] as const;
export type Stage = (typeof STAGES)[number];

export const INVOLVEMENTS = ['low', 'high'] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];

export const MOTIVATIONS = ['informational', 'transformational'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

export const OBJECTIVES = ['category-demand', 'brand-awareness', 'brand-attitude', 'purchase-intention'] as const;
export type Objective = (typeof OBJECTIVES)[number];
/** Objectives whose budget is derived with the sales funnel; the others use the reach model. */
export const FUNNEL_OBJECTIVES: readonly Objective[] = ['purchase-intention', 'category-demand'];

export const GOAL_METRICS = [
  'awareness',
  'recognition',
  'trust',
  'reputation',
  'loyalty',
  'acquisition',
  'activation',
  'retention',
  'conversion',
  'sharing',
  'revenue',
  'orders',
  // Added with the contact plan (domain §9): what marketers actually set.
  'recall',
  'consideration',
  'purchase-intent',
  'favourability',
  'nps',
  'share-of-voice',
  'engagement',
  'followers',
  'reach',
  'visits',
  'leads',
  'mql',
  'sql',
  'pipeline',
  'demo-requests',
  'repeat-rate',
  'churn',
  'cac',
  'roas',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export const GOAL_UNITS = ['percent', 'count', 'money', 'score'] as const;
export type GoalUnit = (typeof GOAL_UNITS)[number];

export const MESSAGE_TYPES = ['brand', 'incentive', 'both'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MEDIA_TYPES = ['owned', 'paid', 'earned'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const RESEARCH_KINDS = ['macro', 'market', 'competition', 'consumer-insight'] as const;
export type ResearchKind = (typeof RESEARCH_KINDS)[number];

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD', 'AUD', 'CAD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** B2B and B2C journeys use different channels at the same stage (domain §7): email nurture and LinkedIn ads serve evaluation in B2B. */
export const BUSINESS_MODELS = ['b2c', 'b2b'] as const;
export type BusinessModel = (typeof BUSINESS_MODELS)[number];

/** How an insight was found (seed 000's four methods). */
export const RESEARCH_METHODS = ['big-data', 'desk', 'survey', 'interviews'] as const;
export type ResearchMethod = (typeof RESEARCH_METHODS)[number];

/** Where a goal's or a touchpoint's KPI is measured (domain §9). */
export const DATA_SOURCES = ['survey', 'analytics', 'crm', 'platform', 'sales'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** Short-term offers of value (seed 003: the brand incentive). */
export const INCENTIVE_MECHANICS = [
  'discount',
  'coupon',
  'gift',
  'free-trial',
  'sample',
  'bundle',
  'cashback',
  'loyalty-points',
  'referral-reward',
  'contest',
] as const;
export type IncentiveMechanic = (typeof INCENTIVE_MECHANICS)[number];

/** How paid money is spread over the dates (domain §4, phasing by pattern). */
export const PHASING_PATTERNS = ['burst', 'always-on', 'event-anchored', 'lifecycle'] as const;
export type PhasingPattern = (typeof PHASING_PATTERNS)[number];

/** Money that is not working media: it makes, seeds or manages the communication (domain §4). */
export const NON_MEDIA_KINDS = ['production', 'content', 'kol-fees', 'pr', 'agency', 'other'] as const;
export type NonMediaKind = (typeof NON_MEDIA_KINDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-MM-dd');
const minorUnits = z.number().int();
const fraction = z.number();

export const GoalSchema = z.object({
  metric: z.enum(GOAL_METRICS),
  unit: z.enum(GOAL_UNITS),
  baseline: z.number(),
  target: z.number(),
  /** Most indicators should go up; `decrease` is for goals such as cost or churn. */
  direction: z.enum(['increase', 'decrease']).default('increase'),
  deadline: isoDate,
  /** Where the figure comes from (survey, analytics, CRM, platform, sales data). */
  source: z.enum(DATA_SOURCES).optional(),
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

export const FunnelInputsSchema = z.object({
  targetRevenue: minorUnits,
  averageOrderValue: minorUnits,
  conversionRate: fraction,
  costPerVisit: minorUnits,
  /** Lifetime value of a customer, when known; compared with cost per order. */
  customerValue: minorUnits.optional(),
});
export type FunnelInputs = z.infer<typeof FunnelInputsSchema>;

export const ReachInputsSchema = z.object({
  audienceSize: z.number().int(),
  reachRate: fraction,
  frequency: z.number(),
  /** Cost per thousand impressions, in minor units. */
  cpm: minorUnits,
});
export type ReachInputs = z.infer<typeof ReachInputsSchema>;

export const NonMediaLineSchema = z.object({
  kind: z.enum(NON_MEDIA_KINDS),
  /** What it pays for, e.g. "film shoot" or "KOL fees for 5 creators". */
  description: z.string().optional(),
  amount: minorUnits,
});
export type NonMediaLine = z.infer<typeof NonMediaLineSchema>;

/** What one paid channel pays for the contacts it buys: per visit (traffic) or per thousand impressions (reach). */
export const ChannelCostSchema = z.object({
  channelId: z.string().min(1),
  costPerVisit: minorUnits.optional(),
  cpm: minorUnits.optional(),
});
export type ChannelCost = z.infer<typeof ChannelCostSchema>;

export const RetentionInputsSchema = z.object({
  /** Existing customers the retention task works on. */
  baseCustomers: z.number().int(),
  /** Uplift in repeat-purchase rate, as a fraction (extra orders = base × uplift, capped by the base). */
  repeatRateUplift: fraction,
  /** Cost of one contact (CRM message, community activity), minor units. */
  costPerContact: minorUnits.optional(),
});
export type RetentionInputs = z.infer<typeof RetentionInputsSchema>;

/** The brand message (seed 003, Schultz step 3): what every touchpoint carries. */
export const MessagePlanSchema = z.object({
  /** The consumer insight in one sentence. */
  insight: z.string().optional(),
  /** How it was found, and the evidence (e.g. "12 of 15 interviewees said…"). */
  insightMethods: z.array(z.enum(RESEARCH_METHODS)).default([]),
  evidence: z.string().optional(),
  /** What the brand promises this audience. */
  proposition: z.string().optional(),
  /** Why they should believe it. */
  reasonToBelieve: z.string().optional(),
  tone: z.string().optional(),
});
export type MessagePlan = z.infer<typeof MessagePlanSchema>;

/** The brand incentive (seed 003): a short-term offer; its cost is a line of the budget. */
export const IncentiveSchema = z.object({
  mechanic: z.enum(INCENTIVE_MECHANICS).optional(),
  /** Cost to the brand of one redemption, minor units (e.g. ¥100 off plus a ¥20 gift is 12,000 fen). */
  value: minorUnits.optional(),
  /** A percentage off the order (fraction), when the offer was given as one; `value` is then rate × average order value, once known. */
  rate: fraction.optional(),
  /** Who qualifies, e.g. "first order over ¥299". */
  eligibility: z.string().optional(),
  /** When it runs, e.g. "launch week" or "1–11 Nov". */
  duration: z.string().optional(),
  /** Expected redemptions; when absent the budget assumes every order redeems. */
  expectedRedemptions: z.number().int().optional(),
  /** Stages where the incentive is offered (defaults to the purchase decision). */
  stages: z.array(z.enum(STAGES)).default([]),
});
export type Incentive = z.infer<typeof IncentiveSchema>;

/** When a touchpoint happens: a phase of the schedule, a date, or a trigger such as "7 days after first order". */
export const TouchpointTimingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phase'), phase: z.string().min(1) }),
  z.object({ kind: z.literal('date'), date: isoDate }),
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
  currency: z.enum(CURRENCIES),
  /** Money the team has, if known. */
  available: minorUnits.optional(),
  funnel: FunnelInputsSchema.optional(),
  reach: ReachInputsSchema.optional(),
  /** Share of the working budget kept back for testing and contingency. */
  reserveRate: fraction.default(0.1),
  /** Gross margin as a fraction of revenue, when known: turns revenue into contribution (domain §4, profit). */
  grossMargin: fraction.optional(),
  /** Production and other non-media costs, each its own line of the total. */
  nonMedia: z.array(NonMediaLineSchema).optional(),
  /** Per paid channel cost assumptions; a channel without one uses the plan-wide figure. */
  channelCosts: z.array(ChannelCostSchema).optional(),
  /** How paid money is spread over the dates; inferred from the plan when not chosen. */
  pattern: z.enum(PHASING_PATTERNS).optional(),
  /** The peak window of an event-anchored plan (618, Double 11, a launch day), ISO dates inclusive. */
  peak: z.object({ start: isoDate, end: isoDate }).optional(),
  /** The retention task (post-purchase): the base it works on and the uplift in repeat rate it aims for. */
  retention: RetentionInputsSchema.optional(),
  /** The author chose to post a plan scaled down to the money available; its goals are scaled and labelled so. */
  scaledDown: z.boolean().optional(),
});
export type Budget = z.infer<typeof BudgetSchema>;

export const AudienceSchema = z.object({
  description: z.string(),
  segment: z.enum(SEGMENTS).optional(),
  stage: z.enum(STAGES).optional(),
  involvement: z.enum(INVOLVEMENTS).optional(),
  motivation: z.enum(MOTIVATIONS).optional(),
});
export type Audience = z.infer<typeof AudienceSchema>;

/**
 * A plan as the rules see it. Fields are optional because rules must also judge an
 * incomplete or inconsistent plan and say what is missing; `PlanSchema` below is
 * the complete form a finished conversation produces.
 */
export const PlanDraftSchema = z.object({
  campaign: z.string().optional(),
  brand: z.string().optional(),
  /** Every problem the team named; `keyProblem` is the one chosen to solve. */
  problems: z.array(z.enum(PROBLEM_TYPES)).default([]),
  keyProblem: z.enum(PROBLEM_TYPES).optional(),
  problemStatement: z.string().optional(),
  audience: AudienceSchema.optional(),
  businessModel: z.enum(BUSINESS_MODELS).optional(),
  /** The stages the campaign moves the audience through, in journey order, starting at `audience.stage`. */
  journey: z.array(z.enum(STAGES)).default([]),
  research: z.array(z.enum(RESEARCH_KINDS)).default([]),
  primaryObjective: z.enum(OBJECTIVES).optional(),
  secondaryObjectives: z.array(z.enum(OBJECTIVES)).default([]),
  goals: z.array(GoalSchema).default([]),
  concept: z.string().optional(),
  messageType: z.enum(MESSAGE_TYPES).optional(),
  /** Whether the message carries a call to action (relevant at the purchase-decision stage). */
  callToAction: z.boolean().optional(),
  message: MessagePlanSchema.optional(),
  incentive: IncentiveSchema.optional(),
  channels: z.array(ChannelSchema).default([]),
  /** The contact plan: one row per touchpoint (domain §7). */
  contactPlan: z.array(TouchpointSchema).default([]),
  budget: BudgetSchema.optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  reviewDate: isoDate.optional(),
});
export type PlanDraft = z.infer<typeof PlanDraftSchema>;

export const PlanSchema = PlanDraftSchema.extend({
  campaign: z.string().min(1),
  brand: z.string().min(1),
  keyProblem: z.enum(PROBLEM_TYPES),
  problemStatement: z.string().min(1),
  audience: AudienceSchema.required(),
  primaryObjective: z.enum(OBJECTIVES),
  concept: z.string().min(1),
  messageType: z.enum(MESSAGE_TYPES),
  budget: BudgetSchema,
  startDate: isoDate,
  endDate: isoDate,
  reviewDate: isoDate,
});
export type Plan = z.infer<typeof PlanSchema>;

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

/** Human labels for the vocabulary, used by prompts, rules and rendering. */
export const LABELS = {
  problem: {
    market: 'Market',
    brand: 'Brand',
    product: 'Product',
    service: 'Service',
    price: 'Price',
    communication: 'Communication',
    channel: 'Channel (distribution)',
    sales: 'Sales',
    logistics: 'Logistics',
  } satisfies Record<ProblemType, string>,
  segment: {
    loyal: 'Loyal to our brand',
    'competitor-loyal': 'Loyal to a competitor',
    switcher: 'Switchers (buy on deal or at random)',
    'new-to-category': 'New to the category',
  } satisfies Record<Segment, string>,
  stage: {
    'need-recognition': 'Need recognition',
    'information-search': 'Information search',
    evaluation: 'Evaluation of alternatives',
    'purchase-decision': 'Purchase decision',
    'post-purchase': 'Post-purchase',
  } satisfies Record<Stage, string>,
  involvement: { low: 'Low involvement', high: 'High involvement' } satisfies Record<Involvement, string>,
  motivation: {
    informational: 'Informational (rational: remove or avoid a problem)',
    transformational: 'Transformational (emotional: gratification, approval)',
  } satisfies Record<Motivation, string>,
  objective: {
    'category-demand': 'Category demand',
    'brand-awareness': 'Brand awareness',
    'brand-attitude': 'Brand attitude',
    'purchase-intention': 'Purchase intention',
  } satisfies Record<Objective, string>,
  metric: {
    awareness: 'Awareness',
    recognition: 'Aided awareness',
    trust: 'Trust',
    reputation: 'Reputation',
    loyalty: 'Loyalty',
    acquisition: 'New customers',
    activation: 'Activation',
    retention: 'Retention',
    conversion: 'Conversion',
    sharing: 'Sharing',
    revenue: 'Revenue',
    orders: 'Orders',
    recall: 'Unaided awareness',
    consideration: 'Consideration',
    'purchase-intent': 'Purchase intent',
    favourability: 'Favourability',
    nps: 'NPS',
    'share-of-voice': 'Share of voice',
    engagement: 'Engagement',
    followers: 'Followers',
    reach: 'Reach',
    visits: 'Visits',
    leads: 'Leads',
    mql: 'Marketing-qualified leads (MQL)',
    sql: 'Sales-qualified leads (SQL)',
    pipeline: 'Pipeline',
    'demo-requests': 'Demo requests',
    'repeat-rate': 'Repeat purchase rate',
    churn: 'Churn',
    cac: 'Cost per acquisition (CAC/CPA)',
    roas: 'Return on ad spend (ROAS)',
  } satisfies Record<GoalMetric, string>,
  messageType: {
    brand: 'Brand message',
    incentive: 'Incentive',
    both: 'Brand message and incentive',
  } satisfies Record<MessageType, string>,
  media: { owned: 'Owned', paid: 'Paid', earned: 'Earned' } satisfies Record<MediaType, string>,
  research: {
    macro: 'Macro environment',
    market: 'Market',
    competition: 'Competition',
    'consumer-insight': 'Consumer insight',
  } satisfies Record<ResearchKind, string>,
  businessModel: { b2c: 'B2C (selling to consumers)', b2b: 'B2B (selling to businesses)' } satisfies Record<BusinessModel, string>,
  researchMethod: {
    'big-data': 'Big data',
    desk: 'Desk research',
    survey: 'Survey',
    interviews: 'Interviews',
  } satisfies Record<ResearchMethod, string>,
  dataSource: {
    survey: 'survey',
    analytics: 'analytics',
    crm: 'CRM',
    platform: 'platform data',
    sales: 'sales data',
  } satisfies Record<DataSource, string>,
  mechanic: {
    discount: 'Discount',
    coupon: 'Coupon',
    gift: 'Gift with purchase',
    'free-trial': 'Free trial',
    sample: 'Free sample',
    bundle: 'Bundle',
    cashback: 'Cashback',
    'loyalty-points': 'Loyalty points',
    'referral-reward': 'Referral reward',
    contest: 'Contest or lucky draw',
  } satisfies Record<IncentiveMechanic, string>,
} as const;

/** Minor units per major unit; JPY has none. */
export const MINOR_UNITS: Record<Currency, number> = {
  CNY: 100,
  USD: 100,
  EUR: 100,
  GBP: 100,
  JPY: 1,
  HKD: 100,
  SGD: 100,
  AUD: 100,
  CAD: 100,
};

export const CURRENCY_SYMBOLS: Record<Currency, string> = {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  HKD: 'HK$',
  SGD: 'S$',
  AUD: 'A$',
  CAD: 'C$',
};

/**
 * The plan vocabulary: the stable ids a plan stores (problem types, stages,
 * objectives …), the currencies, and the labels of the ids that no question offers
 * as a choice. Choice labels come from the question script (prompts/plan.yml), the
 * one place people edit them; see `Labels`.
 */

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

/** The vocabularies whose ids questions offer as choices; a map entry names the one its choices come from. */
export const VOCABULARY = {
  problem: PROBLEM_TYPES,
  segment: SEGMENTS,
  stage: STAGES,
  involvement: INVOLVEMENTS,
  motivation: MOTIVATIONS,
  objective: OBJECTIVES,
  messageType: MESSAGE_TYPES,
  research: RESEARCH_KINDS,
  currency: CURRENCIES,
  pattern: PHASING_PATTERNS,
  businessModel: BUSINESS_MODELS,
} as const;
/** The name of a choice vocabulary, e.g. `stage`. */
export type VocabularyName = keyof typeof VOCABULARY;

/**
 * Human labels of vocabulary ids, by vocabulary: the choice vocabularies' labels are
 * read from the question script's choices (`labelsOf` in conversation/script.ts);
 * goal metrics and media types, which no question offers as choices, use the labels below.
 */
export type Labels = Record<VocabularyName | 'metric' | 'media', Readonly<Record<string, string>>>;

/** The label of an id in `labels`; an id without one (an old or hand-edited plan) is shown as it is. */
export function labelOf(labels: Labels, vocabulary: keyof Labels, id: string | undefined): string {
  const known = labels[vocabulary];
  return id !== undefined && Object.hasOwn(known, id) ? (known[id] as string) : String(id);
}

/** Goal indicators as people read them. Not choices of any question (goals are typed), so they live here. */
export const METRIC_LABELS: Record<GoalMetric, string> = {
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
};

/** How an insight was found, as people read it (no question offers these as choices: the insight answer's words say). */
export const RESEARCH_METHOD_LABELS: Record<ResearchMethod, string> = {
  'big-data': 'Big data',
  desk: 'Desk research',
  survey: 'Survey',
  interviews: 'Interviews',
};

/** Where a goal or a touchpoint is measured, in running text ("measured by CRM"). */
export const DATA_SOURCE_LABELS: Record<DataSource, string> = {
  survey: 'survey',
  analytics: 'analytics',
  crm: 'CRM',
  platform: 'platform data',
  sales: 'sales data',
};

/** The incentive's mechanics (read from the offer's words, not offered as choices). */
export const MECHANIC_LABELS: Record<IncentiveMechanic, string> = {
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
};

/** Kinds of non-media cost as people read them (typed in a line's words, never offered as choices). */
export const NON_MEDIA_LABELS: Record<NonMediaKind, string> = {
  production: 'Production',
  content: 'Content',
  'kol-fees': 'KOL fees',
  pr: 'PR and seeding',
  agency: 'Agency fees',
  other: 'Other',
};

/** Media types as people read them (channels.yml gives each channel its type). */
export const MEDIA_LABELS: Record<MediaType, string> = { owned: 'Owned', paid: 'Paid', earned: 'Earned' };

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

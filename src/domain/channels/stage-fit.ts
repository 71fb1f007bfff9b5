/**
 * Stage fit (domain §3): which objectives, messages and channels suit each buying
 * stage, and which goal metrics measure each objective. Data first, so that rules,
 * prompts and rendering read the same table.
 */
import { OBJECTIVES, STAGES, type GoalMetric, type Objective, type Stage } from '../plan/plan.js';

/** What fits one buying stage: the objectives, and in words the message and channels. */
export interface StageFit {
  objectives: Objective[];
  messages: string;
  channels: string;
}

/** The §3 table: for each buying stage, what fits it. */
export const STAGE_FIT: Record<Stage, StageFit> = {
  'need-recognition': {
    objectives: ['category-demand', 'brand-awareness'],
    messages: 'the problem, the category, emotion',
    channels: 'broad paid reach (online video, TV, outdoor, social ads, programmatic display) and PR',
  },
  'information-search': {
    objectives: ['brand-awareness', 'brand-attitude'],
    messages: 'benefits, proof, useful content',
    channels: 'search, owned content, KOLs, reviews and PR',
  },
  evaluation: {
    objectives: ['brand-attitude', 'purchase-intention'],
    messages: 'comparisons, proof, demos',
    channels: 'reviews and other earned media, KOLs, search, the owned site and sales staff',
  },
  'purchase-decision': {
    objectives: ['purchase-intention'],
    messages: 'the offer, a call to action, where to buy',
    channels: 'search ads, retargeting, e-commerce ads, point of sale and promotions',
  },
  'post-purchase': {
    objectives: ['brand-attitude', 'purchase-intention'],
    messages: 'reassurance, how to use it, referral',
    channels: 'email/CRM, community, owned social accounts and packaging',
  },
};

/**
 * Goal metrics that measure each objective, from the §2 objective table mapped onto
 * the ten indicators plus revenue and orders. Purchase intention includes retention
 * because at the post-purchase stage intention means buying again.
 */
export const OBJECTIVE_METRICS: Record<Objective, GoalMetric[]> = {
  'category-demand': ['revenue', 'orders', 'acquisition', 'activation'],
  'brand-awareness': ['awareness', 'recognition'],
  'brand-attitude': ['trust', 'reputation', 'loyalty'],
  'purchase-intention': ['conversion', 'acquisition', 'activation', 'retention', 'orders', 'revenue'],
};

/** Whether an objective suits an audience at this stage; unknown values never fit. */
export function objectiveFitsStage(objective: Objective, stage: Stage): boolean {
  const fit = Object.hasOwn(STAGE_FIT, stage) ? STAGE_FIT[stage] : undefined;
  return fit !== undefined && fit.objectives.includes(objective);
}

/** The buying stages an objective suits, in journey order. */
export function stagesForObjective(objective: Objective): Stage[] {
  return STAGES.filter((stage) => objectiveFitsStage(objective, stage));
}

/** Whether a goal metric measures the objective; unknown values never do. */
export function metricMeasuresObjective(metric: GoalMetric, objective: Objective): boolean {
  return OBJECTIVES.includes(objective) && OBJECTIVE_METRICS[objective].includes(metric);
}

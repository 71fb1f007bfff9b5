/**
 * Stage fit (domain §3, §7): which objectives, messages and channels suit each buying
 * stage, which goal metrics measure each objective, and which stages a channel reaches
 * for a business model. Data first, so that rules, prompts, the contact-plan proposal
 * and rendering read the same table.
 */
import { OBJECTIVES, STAGES, type BusinessModel, type Channel, type GoalMetric, type Objective, type Stage } from '../plan/plan.js';

/** What fits one buying stage: the objectives, the message in words, and the catalogue channels to recommend first. */
export interface StageFit {
  objectives: Objective[];
  /** What the message says at this stage (seed 004): every proposed touchpoint adapts the concept this way. */
  messages: string;
  /**
   * Catalogue channel ids to recommend for the stage, best first, by business model. Fixes name
   * these (from the catalogue, never a channel it lacks); a test checks each fits its stage.
   */
  recommended: Record<BusinessModel, string[]>;
}

/** The §3 table: for each buying stage, what fits it. */
export const STAGE_FIT: Record<Stage, StageFit> = {
  'need-recognition': {
    objectives: ['category-demand', 'brand-awareness'],
    messages: 'the problem, the category, emotion',
    recommended: {
      b2c: ['paid-short-video-ads', 'paid-online-video', 'paid-outdoor', 'paid-social-ads', 'earned-press'],
      b2b: ['paid-linkedin-ads', 'earned-press', 'paid-dsp', 'paid-online-video'],
    },
  },
  'information-search': {
    objectives: ['brand-awareness', 'brand-attitude'],
    messages: 'benefits, proof, useful content',
    recommended: {
      b2c: ['paid-search-ads', 'owned-xiaohongshu', 'paid-kol', 'earned-reviews', 'owned-website'],
      b2b: ['paid-search-ads', 'owned-website', 'owned-webinars', 'owned-linkedin', 'earned-review-sites'],
    },
  },
  evaluation: {
    objectives: ['brand-attitude', 'purchase-intention'],
    messages: 'comparisons, proof, demos',
    recommended: {
      b2c: ['earned-reviews', 'paid-kol', 'owned-live-streaming', 'owned-sampling', 'owned-official-store'],
      b2b: ['owned-email-crm', 'owned-webinars', 'paid-linkedin-ads', 'owned-employees', 'earned-review-sites'],
    },
  },
  'purchase-decision': {
    objectives: ['purchase-intention'],
    messages: 'the offer, a call to action, where to buy',
    recommended: {
      b2c: ['paid-search-ads', 'paid-ecommerce-ads', 'paid-dsp', 'paid-kol-live', 'owned-point-of-sale'],
      b2b: ['owned-employees', 'paid-abm', 'owned-email-crm', 'paid-search-ads'],
    },
  },
  'post-purchase': {
    objectives: ['brand-attitude', 'purchase-intention'],
    messages: 'reassurance, how to use it, referral',
    recommended: {
      b2c: ['owned-email-crm', 'owned-community', 'owned-sms', 'owned-referral', 'owned-packaging'],
      b2b: ['owned-email-crm', 'owned-community', 'owned-webinars', 'owned-referral'],
    },
  },
};

/**
 * Goal metrics that measure each objective, from the §2 objective table and the §9 list.
 * Purchase intention includes retention and repeat rate because at the post-purchase stage
 * intention means buying again, and leads through pipeline because in B2B that is how
 * intention shows. Efficiency metrics (CAC, ROAS) and reach measure how, not whether.
 */
export const OBJECTIVE_METRICS: Record<Objective, GoalMetric[]> = {
  'category-demand': ['revenue', 'orders', 'acquisition', 'activation', 'visits'],
  'brand-awareness': ['awareness', 'recognition', 'recall', 'share-of-voice'],
  'brand-attitude': ['trust', 'reputation', 'loyalty', 'favourability', 'consideration', 'nps'],
  'purchase-intention': [
    'conversion', 'acquisition', 'activation', 'retention', 'repeat-rate', 'churn', 'orders', 'revenue',
    'purchase-intent', 'consideration', 'leads', 'mql', 'sql', 'pipeline', 'demo-requests',
  ],
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

/** The stages a channel reaches for the business model; a malformed channel reaches none. */
export function channelStages(channel: Channel, model: BusinessModel | undefined): Stage[] {
  const stages = model === 'b2b' && Array.isArray(channel.b2bStages) ? channel.b2bStages : channel.stages;
  return Array.isArray(stages) ? stages.filter((stage) => STAGES.includes(stage)) : [];
}

/** Whether the channel reaches people at the stage, for the business model. */
export function channelFitsStage(channel: Channel, stage: Stage, model: BusinessModel | undefined): boolean {
  return channelStages(channel, model).includes(stage);
}

/** The stages of the journey the channel reaches, in journey order. */
export function journeyStagesFor(channel: Channel, journey: readonly Stage[], model: BusinessModel | undefined): Stage[] {
  const reached = channelStages(channel, model);
  return journey.filter((stage) => reached.includes(stage));
}

/** The recommended catalogue channels for a stage that the catalogue really holds, best first. */
export function recommendedChannels(stage: Stage, model: BusinessModel | undefined, catalogue: readonly Channel[]): Channel[] {
  if (!Object.hasOwn(STAGE_FIT, stage)) return [];
  return STAGE_FIT[stage].recommended[model ?? 'b2c'].flatMap((id) => catalogue.filter((channel) => channel.id === id));
}

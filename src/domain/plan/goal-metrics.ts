/**
 * What each goal metric is (domain §9): its usual unit, the way it should move, where
 * it is measured, the buying stage it gives evidence of, and how far a single campaign
 * can realistically move it. Data only: parsers, rules, the journey proposal and the
 * rendering read the same table.
 */
import type { DataSource, GoalMetric, GoalUnit, Stage } from './plan.js';

/** The facts about one goal metric. */
export interface MetricInfo {
  /** The unit a value is read in when the line gives none (a `%` sign always means percent). */
  unit: GoalUnit;
  /** `decrease` for metrics that should go down (churn, acquisition cost); the rest should go up. */
  direction: 'increase' | 'decrease';
  /** Where the figure usually comes from; a goal line may name another. */
  source: DataSource;
  /** The buying stage the metric gives evidence of (awareness: need recognition; orders: the purchase). */
  stage: Stage;
  /**
   * What one campaign can realistically reach: `ceiling` is the highest share (fractions) a
   * percent goal should aim for, `maxStep` the most percentage points it should add, and
   * `maxMultiple` how many times the baseline a count or amount should grow.
   */
  realistic?: { ceiling?: number; maxStep?: number; maxMultiple?: number };
}

const GROWTH = { maxMultiple: 10 };

/** Every goal metric's facts. */
export const METRIC_INFO: Record<GoalMetric, MetricInfo> = {
  awareness: { unit: 'percent', direction: 'increase', source: 'survey', stage: 'need-recognition', realistic: { ceiling: 0.9, maxStep: 0.4 } },
  recognition: { unit: 'percent', direction: 'increase', source: 'survey', stage: 'need-recognition', realistic: { ceiling: 0.95, maxStep: 0.4 } },
  recall: { unit: 'percent', direction: 'increase', source: 'survey', stage: 'need-recognition', realistic: { ceiling: 0.7, maxStep: 0.3 } },
  reach: { unit: 'count', direction: 'increase', source: 'platform', stage: 'need-recognition', realistic: { ceiling: 0.95, ...GROWTH } },
  'share-of-voice': { unit: 'percent', direction: 'increase', source: 'platform', stage: 'need-recognition', realistic: { ceiling: 0.8, maxStep: 0.4 } },
  followers: { unit: 'count', direction: 'increase', source: 'platform', stage: 'information-search', realistic: GROWTH },
  engagement: { unit: 'percent', direction: 'increase', source: 'platform', stage: 'information-search', realistic: { ceiling: 0.5, ...GROWTH } },
  visits: { unit: 'count', direction: 'increase', source: 'analytics', stage: 'information-search', realistic: GROWTH },
  sharing: { unit: 'count', direction: 'increase', source: 'platform', stage: 'information-search', realistic: GROWTH },
  leads: { unit: 'count', direction: 'increase', source: 'crm', stage: 'information-search', realistic: GROWTH },
  consideration: { unit: 'percent', direction: 'increase', source: 'survey', stage: 'evaluation', realistic: { ceiling: 0.9, maxStep: 0.4 } },
  favourability: { unit: 'percent', direction: 'increase', source: 'survey', stage: 'evaluation', realistic: { ceiling: 0.95, maxStep: 0.4 } },
  trust: { unit: 'score', direction: 'increase', source: 'survey', stage: 'evaluation', realistic: { ceiling: 0.95, maxStep: 0.4 } },
  reputation: { unit: 'score', direction: 'increase', source: 'survey', stage: 'evaluation', realistic: { ceiling: 0.95, maxStep: 0.4 } },
  'purchase-intent': { unit: 'percent', direction: 'increase', source: 'survey', stage: 'evaluation', realistic: { ceiling: 0.9, maxStep: 0.4 } },
  mql: { unit: 'count', direction: 'increase', source: 'crm', stage: 'evaluation', realistic: GROWTH },
  sql: { unit: 'count', direction: 'increase', source: 'crm', stage: 'evaluation', realistic: GROWTH },
  'demo-requests': { unit: 'count', direction: 'increase', source: 'crm', stage: 'evaluation', realistic: GROWTH },
  conversion: { unit: 'percent', direction: 'increase', source: 'analytics', stage: 'purchase-decision', realistic: { ceiling: 0.3, maxMultiple: 3 } },
  orders: { unit: 'count', direction: 'increase', source: 'sales', stage: 'purchase-decision', realistic: GROWTH },
  revenue: { unit: 'money', direction: 'increase', source: 'sales', stage: 'purchase-decision', realistic: GROWTH },
  acquisition: { unit: 'count', direction: 'increase', source: 'crm', stage: 'purchase-decision', realistic: GROWTH },
  pipeline: { unit: 'money', direction: 'increase', source: 'crm', stage: 'purchase-decision', realistic: GROWTH },
  cac: { unit: 'money', direction: 'decrease', source: 'sales', stage: 'purchase-decision' },
  roas: { unit: 'score', direction: 'increase', source: 'platform', stage: 'purchase-decision', realistic: { maxMultiple: 3 } },
  activation: { unit: 'percent', direction: 'increase', source: 'analytics', stage: 'post-purchase', realistic: { ceiling: 0.95, maxStep: 0.5 } },
  retention: { unit: 'percent', direction: 'increase', source: 'crm', stage: 'post-purchase', realistic: { ceiling: 0.95, maxStep: 0.4 } },
  'repeat-rate': { unit: 'percent', direction: 'increase', source: 'crm', stage: 'post-purchase', realistic: { ceiling: 0.9, maxStep: 0.4 } },
  loyalty: { unit: 'percent', direction: 'increase', source: 'crm', stage: 'post-purchase', realistic: { ceiling: 0.95, maxStep: 0.4 } },
  nps: { unit: 'score', direction: 'increase', source: 'survey', stage: 'post-purchase' },
  churn: { unit: 'percent', direction: 'decrease', source: 'crm', stage: 'post-purchase' },
};

/** The facts of a metric, or undefined for an id that is not one (an old or hand-edited plan). */
export function metricInfo(metric: string): MetricInfo | undefined {
  return Object.hasOwn(METRIC_INFO, metric) ? METRIC_INFO[metric as GoalMetric] : undefined;
}

/**
 * The KPIs a touchpoint of the contact plan is measured by (domain §7, §9), with
 * where each is measured and the unit its actual is read in at the review. Every
 * goal metric is also a KPI; a few only make sense for one touchpoint (clicks,
 * open rate, live viewers). Data only: the proposal, the catalogue check, the
 * review and the rendering read the same table.
 */
import { METRIC_INFO } from '../plan/goal-metrics.js';
import { GOAL_METRICS, METRIC_LABELS, type Channel, type DataSource, type GoalUnit, type MediaType, type Stage } from '../plan/plan.js';

/** One KPI: how it is called, where it is measured, and its unit. */
export interface KpiInfo {
  label: string;
  source: DataSource;
  unit: GoalUnit;
}

/** KPIs that measure a touchpoint but are not campaign goals. */
const TOUCHPOINT_KPIS = {
  impressions: { label: 'Impressions', source: 'platform', unit: 'count' },
  'video-views': { label: 'Video views', source: 'platform', unit: 'count' },
  clicks: { label: 'Clicks', source: 'platform', unit: 'count' },
  'click-rate': { label: 'Click-through rate', source: 'platform', unit: 'percent' },
  'open-rate': { label: 'Open rate', source: 'crm', unit: 'percent' },
  mentions: { label: 'Mentions', source: 'platform', unit: 'count' },
  registrations: { label: 'Registrations', source: 'crm', unit: 'count' },
  attendees: { label: 'Attendees', source: 'crm', unit: 'count' },
  samples: { label: 'Samples or trials taken', source: 'crm', unit: 'count' },
  redemptions: { label: 'Redemptions', source: 'sales', unit: 'count' },
  sales: { label: 'Sales', source: 'sales', unit: 'money' },
  gmv: { label: 'GMV', source: 'platform', unit: 'money' },
  'live-viewers': { label: 'Live viewers', source: 'platform', unit: 'count' },
  rating: { label: 'Average rating', source: 'platform', unit: 'score' },
  reviews: { label: 'Reviews posted', source: 'platform', unit: 'count' },
  referrals: { label: 'Referrals', source: 'crm', unit: 'count' },
  'active-members': { label: 'Active members', source: 'crm', unit: 'count' },
  'qr-scans': { label: 'QR scans', source: 'analytics', unit: 'count' },
} as const satisfies Record<string, KpiInfo>;

/** Every KPI id: the goal metrics, then the touchpoint-only ones. */
export const KPIS: Record<string, KpiInfo> = {
  ...Object.fromEntries(
    GOAL_METRICS.map((metric) => [metric, { label: METRIC_LABELS[metric], source: METRIC_INFO[metric].source, unit: METRIC_INFO[metric].unit }]),
  ),
  ...TOUCHPOINT_KPIS,
};

/** The KPI of an id, or undefined for an id that is not one (a KPI typed by hand). */
export function kpiInfo(id: string): KpiInfo | undefined {
  return Object.hasOwn(KPIS, id) ? KPIS[id] : undefined;
}

/** The usual KPI of a touchpoint at a stage, by media type, when its channel does not name one. */
const STAGE_KPIS: Record<Stage, Record<MediaType, string>> = {
  'need-recognition': { paid: 'reach', owned: 'followers', earned: 'share-of-voice' },
  'information-search': { paid: 'clicks', owned: 'visits', earned: 'mentions' },
  evaluation: { paid: 'engagement', owned: 'engagement', earned: 'rating' },
  'purchase-decision': { paid: 'conversion', owned: 'orders', earned: 'conversion' },
  'post-purchase': { paid: 'repeat-rate', owned: 'repeat-rate', earned: 'reviews' },
};

/** The KPI a touchpoint on this channel at this stage is measured by, and its data source. */
export function kpiFor(channel: Channel, stage: Stage): { metric: string; source: DataSource } {
  const named = channel.kpis?.[stage];
  const usual = Object.hasOwn(STAGE_KPIS, stage) ? STAGE_KPIS[stage][channel.media] : undefined;
  const metric = named !== undefined && kpiInfo(named) ? named : (usual ?? 'reach');
  return { metric, source: kpiInfo(metric)?.source ?? 'platform' };
}

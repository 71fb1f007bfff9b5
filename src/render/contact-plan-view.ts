/**
 * The contact plan as a table people read (`contact-plan.hbs`): the journey, then per
 * stage the message guidance of the stage and one line per touchpoint (channel, format,
 * timing, what it says when it departs from the stage's guidance, the call to action or
 * offer it carries, and its KPI with the data source). Pure; strings are plain text.
 */
import { kpiInfo } from '../domain/channels/kpis.js';
import { channelFitsStage, STAGE_FIT } from '../domain/channels/stage-fit.js';
import { stageMessage } from '../domain/contact/contact-plan.js';
import { journeyOf } from '../domain/contact/journey.js';
import type { CarriedRates } from '../domain/conversation/flow-state.js';
import { formatDate, formatMoney, formatRate } from '../domain/plan/format.js';
import { tidyPhrase } from './shorten.js';
import { labelOf, MECHANIC_LABELS, STAGES, type Channel, type Currency, type Labels, type PlanDraft, type Touchpoint, type TouchpointTiming } from '../domain/plan/plan.js';

/** One touchpoint line. */
export interface ContactRowView {
  /** Its position, as `change row <n>` names it. */
  number: string;
  channel: string;
  media: string;
  format: string | null;
  timing: string;
  /** What it says, when the author wrote it; proposed rows follow the stage's guidance shown above them. */
  message: string | null;
  /** "call to action", "offer: coupon worth ¥30". */
  extras: string | null;
  kpi: string;
  offStage: boolean;
  /** The channel's actuals from the last review, e.g. "last campaign: ¥1.80 per visit, 2.1 % conversion". */
  last: string | null;
}

/** The touchpoints of one stage. */
export interface ContactStageView {
  label: string;
  /** What the message says at this stage (STAGE_FIT.messages). */
  guidance: string;
  inJourney: boolean;
  rows: ContactRowView[];
}

/** Everything `contact-plan.hbs` shows. */
export interface ContactPlanView {
  hasRows: boolean;
  /** "7 touchpoints across 3 stages". */
  summary: string;
  /** "Evaluation of alternatives → Purchase decision". */
  journey: string;
  businessModel: string | null;
  /** The core concept every row carries, or null when there is none yet. */
  concept: string | null;
  stages: ContactStageView[];
  /** Journey stages without a touchpoint, e.g. "Information search", or null. */
  uncovered: string | null;
}

const PHASES: Record<string, string> = { 'warm-up': 'warm-up', launch: 'launch', peak: 'peak', sustain: 'sustain' };

/** "launch", "always on", "7 days after first order", "11 Nov 2027". */
export function timingText(timing: TouchpointTiming | undefined): string {
  switch (timing?.kind) {
    case 'phase':
      return PHASES[timing.phase] ?? timing.phase;
    case 'date':
      return formatDate(timing.date);
    case 'trigger':
      return timing.offsetDays !== undefined && timing.offsetDays > 0
        ? `${timing.offsetDays} day${timing.offsetDays === 1 ? '' : 's'} after ${timing.event}`
        : `on ${timing.event}`;
    case 'always':
      return 'always on';
    default:
      return 'timing to be set';
  }
}

/** Data sources in a table cell: the word alone. */
const SOURCE_WORDS: Record<string, string> = { survey: 'survey', analytics: 'analytics', crm: 'CRM', platform: 'platform', sales: 'sales' };

/** "Repeat purchase rate (CRM)"; a KPI typed by hand is shown as typed. */
export function kpiText(kpi: Touchpoint['kpi']): string {
  if (!kpi) return 'no KPI yet';
  const label = kpiInfo(kpi.metric)?.label ?? kpi.metric;
  return `${label} (${SOURCE_WORDS[kpi.source] ?? kpi.source})`;
}

/** A channel's name for a table row: without its bracketed examples ("Short-video ads (Douyin, …)" is "Short-video ads"). */
function rowName(channel: Channel): string {
  return channel.name.replace(/\s*\([^)]*\)/g, '').trim() || channel.name;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function lastRates(carried: CarriedRates | undefined, channelId: string, currency: Currency): string | null {
  const rate = carried?.channels.find((c) => c.channelId === channelId);
  if (!rate) return null;
  const parts = [
    rate.costPerVisit !== undefined ? `${formatMoney(rate.costPerVisit, currency)} per visit` : '',
    rate.cpm !== undefined ? `${formatMoney(rate.cpm, currency)} CPM` : '',
    rate.conversion !== undefined ? `${formatRate(rate.conversion, 1)} conversion` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `last campaign: ${parts.join(', ')}` : null;
}

/** The table of a draft's contact plan (rows given, so a table being edited can be shown too). */
export function contactPlanView(
  draft: PlanDraft,
  rows: readonly Touchpoint[],
  labels: Labels,
  options: { catalogue?: readonly Channel[]; carried?: CarriedRates; showConcept?: boolean } = {},
): ContactPlanView {
  const journey = journeyOf(draft);
  const model = draft.businessModel;
  const currency = draft.budget?.currency ?? 'CNY';
  const channelOf = (id: string): Channel | undefined =>
    draft.channels.find((c) => c?.id === id) ?? options.catalogue?.find((c) => c.id === id);
  const offer = draft.incentive?.mechanic
    ? `offer: ${MECHANIC_LABELS[draft.incentive.mechanic].toLowerCase()}${draft.incentive.value !== undefined ? ` worth ${formatMoney(draft.incentive.value, currency)}` : draft.incentive.rate !== undefined ? ` of ${formatRate(draft.incentive.rate, 0)}` : ''}`
    : 'offer';
  const rowView = (row: Touchpoint, index: number): ContactRowView => {
    const channel = channelOf(row.channelId);
    const proposed = row.message === stageMessage(draft.concept, row.stage);
    const extras = [row.usesIncentive ? offer : '', row.callToAction && !row.usesIncentive ? 'call to action' : ''].filter(Boolean);
    return {
      number: String(index + 1),
      channel: channel ? rowName(channel) : row.channelId,
      media: channel ? labelOf(labels, 'media', channel.media).toLowerCase() : 'unknown media',
      format: row.format ?? null,
      timing: timingText(row.timing),
      message: proposed || row.message.trim() === '' ? (row.message.trim() === '' ? '(no message)' : null) : row.message,
      extras: extras.length > 0 ? extras.join(', ') : null,
      kpi: kpiText(row.kpi),
      offStage: channel !== undefined && !channelFitsStage(channel, row.stage, model),
      last: lastRates(options.carried, row.channelId, currency),
    };
  };
  const numbered = rows.map((row, index) => ({ row, view: rowView(row, index) }));
  const stages = STAGES.filter((stage) => journey.includes(stage) || rows.some((row) => row.stage === stage)).map((stage) => ({
    label: labelOf(labels, 'stage', stage),
    guidance: STAGE_FIT[stage].messages,
    inJourney: journey.includes(stage),
    rows: numbered.filter(({ row }) => row.stage === stage).map(({ view }) => view),
  }));
  const uncovered = stages.filter((stage) => stage.inJourney && stage.rows.length === 0).map((stage) => stage.label);
  const stageCount = new Set(rows.map((row) => row.stage)).size;
  return {
    hasRows: rows.length > 0,
    summary: `${count(rows.length, 'touchpoint', 'touchpoints')} across ${count(stageCount, 'stage', 'stages')}`,
    journey: journey.map((stage) => labelOf(labels, 'stage', stage)).join(' → ') || 'not set yet',
    businessModel: model ? labelOf(labels, 'businessModel', model) : null,
    // The draft shows the concept in its message section; the question shows it here.
    concept: options.showConcept !== false && typeof draft.concept === 'string' && tidyPhrase(draft.concept) !== '' ? tidyPhrase(draft.concept) : null,
    stages,
    uncovered: uncovered.length > 0 ? uncovered.join(', ') : null,
  };
}

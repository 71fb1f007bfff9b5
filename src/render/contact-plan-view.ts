/**
 * The contact plan as a table people read (`contact-plan.hbs`): the journey, then per
 * stage the message guidance of the stage and one line per touchpoint (channel, format,
 * timing, what it says when it departs from the stage's guidance, the call to action or
 * offer it carries, and its KPI with the data source). Pure; strings are plain text.
 */
import { kpiInfo } from '../domain/channels/kpis.js';
import { channelFitsStage } from '../domain/channels/stage-fit.js';
import { stageMessage } from '../domain/contact/contact-plan.js';
import { journeyOf } from '../domain/contact/journey.js';
import type { CarriedRates } from '../domain/conversation/flow-state.js';
import { formatDate } from '../domain/plan/format.js';
import type { Translator } from './i18n/translator.js';
import { tidyPhrase } from './shorten.js';
import { words } from './view-text.js';
import { labelOf, STAGES, type Channel, type Currency, type Labels, type PlanDraft, type Touchpoint, type TouchpointTiming } from '../domain/plan/plan.js';

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

/** "launch", "always on", "7 days after first order", "11 Nov 2027", in the reader's language. */
export function timingText(timing: TouchpointTiming | undefined, t: Translator): string {
  switch (timing?.kind) {
    case 'phase': {
      const key = `pages.contact.phase.${timing.phase}`;
      return t.has(key) ? words(t, key) : timing.phase;
    }
    case 'date':
      return t.format.date(timing.date);
    case 'trigger':
      return timing.offsetDays !== undefined && timing.offsetDays > 0
        ? words(t, 'pages.contact.after', { count: timing.offsetDays, event: timing.event })
        : words(t, 'pages.contact.on', { event: timing.event });
    case 'always':
      return words(t, 'pages.contact.always');
    default:
      return words(t, 'pages.contact.no_timing');
  }
}

/**
 * A row's timing and KPI as the row parser reads them back ("launch", "7 days after first
 * order", "Repeat purchase rate (CRM)"): the Edit form's prefilled inputs, which a person
 * edits and sends back. This is input, not display, so it is the parser's words, in every language.
 */
export function timingInput(timing: TouchpointTiming | undefined): string {
  switch (timing?.kind) {
    case 'phase':
      return timing.phase;
    case 'date':
      return formatDate(timing.date);
    case 'trigger':
      return timing.offsetDays !== undefined && timing.offsetDays > 0 ? `${timing.offsetDays} day${timing.offsetDays === 1 ? '' : 's'} after ${timing.event}` : `on ${timing.event}`;
    case 'always':
      return 'always on';
    default:
      return 'timing to be set';
  }
}

/** The KPI as the row parser reads it back: "Repeat purchase rate (CRM)". */
export function kpiInput(kpi: NonNullable<Touchpoint['kpi']>): string {
  return `${kpiInfo(kpi.metric)?.label ?? kpi.metric} (${INPUT_SOURCES[kpi.source] ?? kpi.source})`;
}

const INPUT_SOURCES: Record<string, string> = { survey: 'survey', analytics: 'analytics', crm: 'CRM', platform: 'platform', sales: 'sales' };

/** A KPI's name: a goal metric by the reader's labels, a touchpoint KPI by the catalogue, one typed by hand as typed. */
export function kpiName(id: string, t: Translator, labels?: Labels): string {
  const label = labels?.metric[id];
  if (label !== undefined) return label;
  const key = `pages.kpi.${id}`;
  if (t.has(key)) return words(t, key);
  return kpiInfo(id)?.label ?? id;
}

/** "Repeat purchase rate (CRM)"; a KPI typed by hand is shown as typed. */
export function kpiText(kpi: Touchpoint['kpi'], t: Translator, labels?: Labels): string {
  if (!kpi) return words(t, 'pages.contact.no_kpi');
  const source = `pages.contact.source.${kpi.source}`;
  return words(t, 'pages.contact.kpi', { kpi: kpiName(kpi.metric, t, labels), source: t.has(source) ? words(t, source) : kpi.source });
}

/** A channel's name for a table row: without its bracketed examples ("Short-video ads (Douyin, …)" is "Short-video ads"). */
function rowName(channel: Channel): string {
  return channel.name.replace(/\s*\([^)]*\)/g, '').replace(/\s*（[^）]*）/g, '').trim() || channel.name;
}

function lastRates(carried: CarriedRates | undefined, channelId: string, currency: Currency, t: Translator): string | null {
  const rate = carried?.channels.find((c) => c.channelId === channelId);
  if (!rate) return null;
  const parts = [
    rate.costPerVisit !== undefined ? words(t, 'pages.contact.per_visit', { money: t.format.money(rate.costPerVisit, currency) }) : '',
    rate.cpm !== undefined ? words(t, 'pages.contact.cpm', { money: t.format.money(rate.cpm, currency) }) : '',
    rate.conversion !== undefined ? words(t, 'pages.contact.conversion', { rate: t.format.rate(rate.conversion, 1) }) : '',
  ].filter(Boolean);
  return parts.length > 0 ? words(t, 'pages.contact.last', { rates: parts.join(words(t, 'pages.list.separator')) }) : null;
}

/** The table of a draft's contact plan (rows given, so a table being edited can be shown too). */
export function contactPlanView(
  draft: PlanDraft,
  rows: readonly Touchpoint[],
  labels: Labels,
  t: Translator,
  options: { catalogue?: readonly Channel[]; carried?: CarriedRates; showConcept?: boolean } = {},
): ContactPlanView {
  const journey = journeyOf(draft);
  const model = draft.businessModel;
  const currency = draft.budget?.currency ?? 'CNY';
  const channelOf = (id: string): Channel | undefined =>
    draft.channels.find((c) => c?.id === id) ?? options.catalogue?.find((c) => c.id === id);
  const incentive = draft.incentive;
  const mechanic = incentive?.mechanic ? words(t, `pages.mechanic.${incentive.mechanic}`).toLowerCase() : undefined;
  const offer =
    mechanic === undefined
      ? words(t, 'pages.contact.offer')
      : incentive?.value !== undefined
        ? words(t, 'pages.contact.offer_worth', { mechanic, value: t.format.money(incentive.value, currency) })
        : incentive?.rate !== undefined
          ? words(t, 'pages.contact.offer_rate', { mechanic, rate: t.format.rate(incentive.rate, 0) })
          : words(t, 'pages.contact.offer_of', { mechanic });
  const rowView = (row: Touchpoint, index: number): ContactRowView => {
    const channel = channelOf(row.channelId);
    const proposed = row.message === stageMessage(draft.concept, row.stage);
    const extras = [row.usesIncentive ? offer : '', row.callToAction && !row.usesIncentive ? words(t, 'pages.contact.cta') : ''].filter(Boolean);
    return {
      number: String(index + 1),
      channel: channel ? rowName(channel) : row.channelId,
      media: channel ? labelOf(labels, 'media', channel.media).toLowerCase() : words(t, 'pages.contact.unknown_media'),
      format: formatIn(t, row.format, channel),
      timing: timingText(row.timing, t),
      message: proposed || row.message.trim() === '' ? (row.message.trim() === '' ? words(t, 'pages.contact.no_message') : null) : row.message,
      extras: extras.length > 0 ? extras.join(words(t, 'pages.list.separator')) : null,
      kpi: kpiText(row.kpi, t, labels),
      offStage: channel !== undefined && !channelFitsStage(channel, row.stage, model),
      last: lastRates(options.carried, row.channelId, currency, t),
    };
  };
  const numbered = rows.map((row, index) => ({ row, view: rowView(row, index) }));
  const stages = STAGES.filter((stage) => journey.includes(stage) || rows.some((row) => row.stage === stage)).map((stage) => ({
    label: labelOf(labels, 'stage', stage),
    guidance: words(t, `pages.contact.guidance.${stage}`),
    inJourney: journey.includes(stage),
    rows: numbered.filter(({ row }) => row.stage === stage).map(({ view }) => view),
  }));
  const uncovered = stages.filter((stage) => stage.inJourney && stage.rows.length === 0).map((stage) => stage.label);
  const stageCount = new Set(rows.map((row) => row.stage)).size;
  return {
    hasRows: rows.length > 0,
    summary: words(t, 'pages.contact.summary', { touchpoints: words(t, 'pages.contact.touchpoints', { count: rows.length }), stages: words(t, 'pages.contact.stages', { count: stageCount }) }),
    journey: journey.map((stage) => labelOf(labels, 'stage', stage)).join(' → ') || words(t, 'pages.contact.no_journey'),
    businessModel: model ? labelOf(labels, 'businessModel', model) : null,
    // The draft shows the concept in its message section; the question shows it here.
    concept: options.showConcept !== false && typeof draft.concept === 'string' && tidyPhrase(draft.concept) !== '' ? tidyPhrase(draft.concept) : null,
    stages,
    uncovered: uncovered.length > 0 ? uncovered.join(words(t, 'pages.list.separator')) : null,
  };
}

/** A touchpoint's format: the catalogue's own for its channel in the reader's words (`pages.format`), one the team wrote as written. */
export function formatIn(t: Translator, format: string | undefined, channel: { id: string; format?: string } | undefined): string | null {
  if (format === undefined) return null;
  const key = `pages.format.${channel?.id ?? ''}`;
  return channel !== undefined && format === channel.format && t.has(key) ? words(t, key) : format;
}

/**
 * The contact plan (domain §7, seed 002's contact management): when, where and how the
 * audience is reached at each stage of its journey. The bot proposes it from the chosen
 * channels and the catalogue's stage fit, so a typical plan needs no extra answers; the
 * author accepts it or changes rows. What the author changed is kept when the proposal
 * is redone (a new concept, another channel), everything else follows the answers.
 */
import { z } from 'zod';
import { kpiFor } from '../channels/kpis.js';
import { channelStages, journeyStagesFor, STAGE_FIT } from '../channels/stage-fit.js';
import {
  STAGES,
  TouchpointSchema,
  type BusinessModel,
  type Channel,
  type MessageType,
  type Stage,
  type Touchpoint,
  type TouchpointField,
} from '../plan/plan.js';
import { proposeTiming } from './timing.js';

/** What the proposal is made from. */
export interface ContactPlanInputs {
  journey: readonly Stage[];
  businessModel: BusinessModel | undefined;
  channels: readonly Channel[];
  concept: string | undefined;
  messageType: MessageType | undefined;
  callToAction: boolean | undefined;
  /** Stages where the incentive is offered, when the author said; else the proposal places it. */
  incentiveStages?: readonly Stage[];
}

/**
 * The stored answer to the contact-plan question: the rows as accepted, and the proposed rows
 * the author removed (by row id, or `channel:<id>` for every proposed row of a channel the
 * author brought in by hand, whose rows are then the author's own).
 */
export const ContactPlanAnswerSchema = z.object({
  rows: z.array(TouchpointSchema),
  removed: z.array(z.string()).default([]),
});
export type ContactPlanAnswer = z.infer<typeof ContactPlanAnswerSchema>;

/** The id of a proposed row: its stage and channel, so it survives a redone proposal. */
export function proposedRowId(stage: Stage, channelId: string): string {
  return `${stage}/${channelId}`;
}

/**
 * Which journey stages each channel serves: every stage gets a touchpoint if some chosen
 * channel reaches it (the most specialised channel first), then each remaining channel
 * goes to the stage it reaches that has the fewest touchpoints so far. A channel that
 * reaches no stage of the journey still gets a row, at the journey stage nearest to one
 * it reaches, so the check can name it.
 */
function assignStages(journey: readonly Stage[], channels: readonly Channel[], model: BusinessModel | undefined): [Stage, Channel][] {
  const fits = new Map(channels.map((channel) => [channel, journeyStagesFor(channel, journey, model)]));
  const pairs: [Stage, Channel][] = [];
  const load = new Map<Stage, number>(journey.map((stage) => [stage, 0]));
  const assigned = new Set<Channel>();
  const add = (stage: Stage, channel: Channel): void => {
    pairs.push([stage, channel]);
    load.set(stage, (load.get(stage) ?? 0) + 1);
    assigned.add(channel);
  };
  const byScarcity = [...journey].sort((a, b) => candidates(a).length - candidates(b).length || journey.indexOf(a) - journey.indexOf(b));
  function candidates(stage: Stage): Channel[] {
    return channels.filter((channel) => fits.get(channel)?.includes(stage));
  }
  for (const stage of byScarcity) {
    const options = candidates(stage);
    if (options.length === 0) continue;
    const fresh = options.filter((channel) => !assigned.has(channel));
    const pool = fresh.length > 0 ? fresh : options;
    const best = pool.reduce((a, b) => ((fits.get(b)?.length ?? 0) < (fits.get(a)?.length ?? 0) ? b : a));
    add(stage, best);
  }
  for (const channel of channels) {
    if (assigned.has(channel)) continue;
    const stages = fits.get(channel) ?? [];
    if (stages.length > 0) {
      const home = stages.reduce((a, b) => ((load.get(b) ?? 0) < (load.get(a) ?? 0) ? b : a));
      add(home, channel);
    } else {
      add(nearestStage(journey, channelStages(channel, model)), channel);
    }
  }
  return pairs;
}

/** The journey stage closest (in journey order) to any stage the channel reaches; the first when it reaches none. */
function nearestStage(journey: readonly Stage[], reached: readonly Stage[]): Stage {
  const first = journey[0] as Stage;
  if (reached.length === 0) return first;
  const distance = (stage: Stage) => Math.min(...reached.map((r) => Math.abs(STAGES.indexOf(r) - STAGES.indexOf(stage))));
  return journey.reduce((a, b) => (distance(b) < distance(a) ? b : a), first);
}

/**
 * Where the incentive goes when the author has not said: the purchase decision, or
 * after the purchase for a loyalty offer, or, failing both, the last stage of the
 * journey (which the checks then question if it is too early for an offer).
 */
export function proposeIncentiveStages(journey: readonly Stage[]): Stage[] {
  if (journey.includes('purchase-decision')) return ['purchase-decision'];
  if (journey.includes('post-purchase')) return ['post-purchase'];
  const last = journey.at(-1);
  return last === undefined ? [] : [last];
}

/** The concept adapted to a stage with the stage's message guidance (STAGE_FIT.messages). */
export function stageMessage(concept: string | undefined, stage: Stage): string {
  const angle = STAGE_FIT[stage].messages;
  const core = typeof concept === 'string' ? concept.trim().replace(/[\s.。!！?？]+$/u, '') : '';
  return core === '' ? '' : `${core} — ${angle}`;
}

/** The journey in stage order, with unknown stages left out. */
function journeyOf(inputs: ContactPlanInputs): Stage[] {
  return STAGES.filter((stage) => inputs.journey.includes(stage));
}

/** The proposed touchpoint for a channel at a stage (also the start of a row the author adds). */
export function proposeRow(stage: Stage, channel: Channel, inputs: ContactPlanInputs, id = proposedRowId(stage, channel.id)): Touchpoint {
  const journey = journeyOf(inputs);
  const offers = inputs.messageType === 'incentive' || inputs.messageType === 'both';
  const incentiveStages = inputs.incentiveStages && inputs.incentiveStages.length > 0 ? inputs.incentiveStages : proposeIncentiveStages(journey);
  const usesIncentive = offers && incentiveStages.includes(stage);
  const callToAction = usesIncentive || (stage === 'purchase-decision' && inputs.callToAction === true);
  return {
    id,
    stage,
    channelId: channel.id,
    ...(channel.format ? { format: channel.format } : {}),
    timing: proposeTiming(stage, channel, journey.length > 0 ? journey : [stage]),
    message: stageMessage(inputs.concept, stage),
    kpi: kpiFor(channel, stage),
    callToAction,
    usesIncentive,
  };
}

/** The proposed contact plan, in journey order; empty without a journey or channels. */
export function proposeContactPlan(inputs: ContactPlanInputs): Touchpoint[] {
  const journey = journeyOf(inputs);
  if (journey.length === 0 || inputs.channels.length === 0) return [];
  const rows = assignStages(journey, inputs.channels, inputs.businessModel).map(([stage, channel]) => proposeRow(stage, channel, inputs));
  return sortRows(rows, inputs.channels);
}

/** Rows in journey order, and within a stage in the order the channels were chosen (added rows last). */
function sortRows(rows: Touchpoint[], channels: readonly Channel[]): Touchpoint[] {
  const channelRank = (row: Touchpoint) => {
    const index = channels.findIndex((channel) => channel.id === row.channelId);
    return index < 0 ? channels.length : index;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        STAGES.indexOf(a.row.stage) - STAGES.indexOf(b.row.stage) ||
        Number(a.row.id.startsWith('added-')) - Number(b.row.id.startsWith('added-')) ||
        channelRank(a.row) - channelRank(b.row) ||
        a.index - b.index,
    )
    .map(({ row }) => row);
}

/** A row with the author's fields laid over the proposal's. */
function overlay(proposed: Touchpoint, stored: Touchpoint): Touchpoint {
  const authored = stored.authored ?? [];
  if (authored.length === 0) return proposed;
  const merged: Record<string, unknown> = { ...proposed, authored };
  for (const field of authored) {
    const value = stored[field];
    if (value === undefined) delete merged[field];
    else merged[field] = value;
  }
  return merged as Touchpoint;
}

/**
 * The contact plan as the author left it, against a fresh proposal: proposed rows take the
 * author's changes, removed rows stay removed, rows the author added or changed stay even
 * when the proposal moved on (their other fields following the answers too), untouched rows
 * the new proposal no longer has go, and so do rows of a channel no longer chosen. The
 * result is in journey order.
 */
export function reconcileContactPlan(answer: ContactPlanAnswer, inputs: ContactPlanInputs): Touchpoint[] {
  const removed = new Set(answer.removed);
  // Channels the author brought in by hand take no part in the proposal, so it does not shift the others.
  const proposal = proposeContactPlan({ ...inputs, channels: inputs.channels.filter((c) => !removed.has(`channel:${c.id}`)) });
  const stored = new Map(answer.rows.map((row) => [row.id, row]));
  const rows: Touchpoint[] = [];
  for (const proposed of proposal) {
    if (removed.has(proposed.id)) continue;
    const own = stored.get(proposed.id);
    rows.push(own ? overlay(proposed, own) : proposed);
  }
  const proposedIds = new Set(proposal.map((row) => row.id));
  for (const row of answer.rows) {
    const channel = inputs.channels.find((c) => c.id === row.channelId);
    const authoredByHand = row.id.startsWith('added-') || (row.authored ?? []).length > 0;
    if (proposedIds.has(row.id) || removed.has(row.id) || !channel || !authoredByHand) continue;
    rows.push(overlay(proposeRow(row.stage, channel, inputs, row.id), row));
  }
  return sortRows(rows, inputs.channels);
}

/** What one change of a row sets (only the fields named), or that the row goes. */
export type RowChange = { remove: true } | { remove?: false; set: Partial<Omit<Touchpoint, 'id' | 'authored'>> };

/**
 * Applies a change to row `id` of the table and returns the new stored answer. An unknown
 * id adds a row (for `add row`); removing a proposed row remembers it, so it does not
 * come back when the proposal is redone.
 */
export function changeRow(answer: ContactPlanAnswer, table: readonly Touchpoint[], id: string, change: RowChange): ContactPlanAnswer {
  const current = table.find((row) => row.id === id);
  const others = answer.rows.filter((row) => row.id !== id);
  if (change.remove) {
    const removed = id.startsWith('added-') ? answer.removed : [...new Set([...answer.removed, id])];
    return { rows: others, removed };
  }
  const fields = Object.keys(change.set) as TouchpointField[];
  const base: Touchpoint = current ?? { id, stage: change.set.stage ?? 'purchase-decision', channelId: change.set.channelId ?? '', timing: { kind: 'always' }, message: '' };
  const authored = [...new Set([...(current?.authored ?? []), ...fields])];
  const row = { ...base, ...change.set, authored } as Touchpoint;
  return { rows: [...others, row], removed: answer.removed };
}

/** The answer with no proposed rows for a channel the author brought in by hand. */
export function withoutProposalsFor(answer: ContactPlanAnswer, channelId: string): ContactPlanAnswer {
  const mark = `channel:${channelId}`;
  return answer.removed.includes(mark) ? answer : { ...answer, removed: [...answer.removed, mark] };
}

/** A fresh id for a row the author adds. */
export function nextAddedId(rows: readonly Touchpoint[]): string {
  const used = rows.map((row) => /^added-(\d+)$/.exec(row.id)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  return `added-${Math.max(0, ...used) + 1}`;
}

/** The table as a stored answer (what `accept` records). */
export function asAnswer(table: readonly Touchpoint[], previous?: ContactPlanAnswer): ContactPlanAnswer {
  return { rows: table.map((row) => ({ ...row })), removed: previous?.removed ?? [] };
}

/**
 * The contact plan and the message (domain §7, §8; seeds 001–004): every stage of the
 * journey has a touchpoint and the purchase a call to action or an offer, every
 * touchpoint carries the one core concept, and the incentive is not asked to do a brand
 * message's job or offered before people are looking.
 */
import { channelFitsStage } from '../channels/stage-fit.js';
import { stageMessage } from '../contact/contact-plan.js';
import { incentiveStagesOf } from '../contact/incentive.js';
import { journeyOf } from '../contact/journey.js';
import { carriesConcept } from '../contact/message-plan.js';
import type { PlanDraft, Stage, Touchpoint } from '../plan/plan.js';
import { recommendationFor } from './media-rules.js';
import { defineRule, type FindingBody, type RuleContext, type RuleDefinition } from './rule-definition.js';
import { phrase, type Phrase } from '../message/phrase.js';
import { all, channelTerm, isBlank, rowsRef, term } from './rule-text.js';

/** The rows with their 1-based positions, skipping anything that is not a row. */
function positioned(draft: PlanDraft): { position: number; row: Touchpoint }[] {
  return draft.contactPlan.flatMap((row, index) => (row && typeof row === 'object' ? [{ position: index + 1, row }] : []));
}

/** Chosen channels that could serve a stage (for a second row), else the catalogue's recommendation. */
function whoCouldServe(stage: Stage, draft: PlanDraft, ctx: RuleContext): Phrase {
  const chosen = draft.channels.filter((channel) => channel && channelFitsStage(channel, stage, draft.businessModel)).map((channel) => channelTerm(draft, channel.id));
  if (chosen.length > 0) return phrase('findings.journey-coverage.serve.chosen', { channels: all(chosen.slice(0, 3), 'or') });
  const recommended = recommendationFor(stage, draft, ctx);
  return recommended ? phrase('findings.journey-coverage.serve.recommended', { channels: recommended }) : phrase('findings.journey-coverage.serve.any');
}

const journeyCoverage = defineRule({
  id: 'JOURNEY-COVERAGE',
  severity: 'warning',
  title: 'Every stage of the journey has a touchpoint',
  questionIds: ['contact_plan', 'journey'],
  check(draft, ctx) {
    const rows = positioned(draft);
    if (rows.length === 0) return [];
    const journey = journeyOf(draft);
    const findings: FindingBody[] = [];
    const uncovered = journey.filter((stage) => !rows.some(({ row }) => row.stage === stage));
    const firstGap = uncovered[0];
    if (firstGap !== undefined) {
      findings.push({
        severity: 'warning',
        id: 'stage-uncovered',
        params: { stages: all(uncovered.map((s) => term('stage', s, true))), count: uncovered.length, first: term('stage', firstGap, true), serve: whoCouldServe(firstGap, draft, ctx) },
        questionId: 'contact_plan',
      });
    }
    const purchase = rows.filter(({ row }) => row.stage === 'purchase-decision');
    const asks = purchase.some(({ row }) => row.callToAction === true || row.usesIncentive === true);
    const firstPurchase = purchase[0];
    if (journey.includes('purchase-decision') && firstPurchase !== undefined && !asks) {
      findings.push({
        severity: 'warning',
        id: 'no-ask-at-purchase',
        params: { rows: rowsRef(purchase.map((p) => p.position)), first: firstPurchase.position },
        questionId: 'contact_plan',
      });
    }
    return findings;
  },
});

const oneVoice = defineRule({
  id: 'ONE-VOICE',
  severity: 'warning',
  title: 'Every touchpoint carries the core concept',
  questionIds: ['contact_plan', 'concept'],
  check(draft) {
    if (isBlank(draft.concept)) return [];
    const concept = (draft.concept as string).trim();
    const off = positioned(draft).filter(({ row }) => !carriesConcept(row.message, concept));
    const first = off[0];
    if (first === undefined) return [];
    const empty = off.filter(({ row }) => isBlank(row.message));
    const elsewhere = off.filter(({ row }) => !isBlank(row.message));
    const named = (some: typeof off) => ({
      rows: rowsRef(some.map((o) => o.position)),
      channels: all(some.map(({ row }) => channelTerm(draft, row.channelId))),
      count: some.length,
    });
    const parts = [
      ...(empty.length > 0 ? [phrase('findings.one-voice.no-message', named(empty))] : []),
      ...(elsewhere.length > 0 ? [phrase('findings.one-voice.other-message', named(elsewhere))] : []),
    ];
    return [
      {
        severity: 'warning',
        id: 'off-concept',
        params: { parts: all(parts), count: off.length, concept, row: first.position, example: stageMessage(concept, first.row.stage) },
        questionId: 'contact_plan',
      },
    ];
  },
});

const incentiveFit = defineRule({
  id: 'INCENTIVE-FIT',
  severity: 'warning',
  title: 'The incentive serves the objective and comes when people are buying',
  questionIds: ['message_type', 'contact_plan', 'primary_objective'],
  check(draft) {
    const findings: FindingBody[] = [];
    const objective = draft.primaryObjective;
    if (draft.messageType === 'incentive' && (objective === 'brand-awareness' || objective === 'brand-attitude')) {
      findings.push({ severity: 'warning', id: 'incentive-only', params: { objective: term('objective', objective, true) }, questionId: 'message_type' });
    }
    if (incentiveStagesOf(draft).includes('need-recognition')) {
      const rows = positioned(draft).filter(({ row }) => row.stage === 'need-recognition' && row.usesIncentive === true);
      const first = rows[0];
      const where = first ? phrase('findings.incentive-fit.in-rows', { rows: rowsRef(rows.map((r) => r.position)) }) : '';
      findings.push(
        first
          ? { severity: 'warning', id: 'offer-at-need-row', params: { where, row: first.position }, questionId: 'contact_plan' }
          : { severity: 'warning', id: 'offer-at-need', params: { where }, questionId: 'message_type' },
      );
    }
    return findings;
  },
});

/** Rules about the journey, the contact plan and the incentive. */
export const CONTACT_RULES: readonly RuleDefinition[] = [journeyCoverage, oneVoice, incentiveFit];

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
import { channelName, isBlank, joinNames, labelOf, rowNames, stageName } from './rule-text.js';

/** The rows with their 1-based positions, skipping anything that is not a row. */
function positioned(draft: PlanDraft): { position: number; row: Touchpoint }[] {
  return draft.contactPlan.flatMap((row, index) => (row && typeof row === 'object' ? [{ position: index + 1, row }] : []));
}

/** Chosen channels that could serve a stage (for a second row), else the catalogue's recommendation. */
function whoCouldServe(stage: Stage, draft: PlanDraft, ctx: RuleContext): string {
  const chosen = draft.channels.filter((channel) => channel && channelFitsStage(channel, stage, draft.businessModel)).map((channel) => channel.name);
  if (chosen.length > 0) return `one of your channels that reaches it (${joinNames(chosen.slice(0, 3), 'or')})`;
  const recommended = recommendationFor(stage, draft, ctx);
  return recommended ? `a channel that reaches it, such as ${recommended}` : 'a channel that reaches it';
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
      const stages = joinNames(uncovered.map((s) => stageName(ctx.labels, s)));
      findings.push({
        severity: 'warning',
        problem: `No touchpoint reaches the audience at ${stages}, ${uncovered.length === 1 ? 'a stage' : 'stages'} of its journey.`,
        principle: 'Contact management decides when, where and how to reach the audience at each step; a step with no contact is where people drop out.',
        fix: `Type \`add row\` and give ${stageName(ctx.labels, firstGap)} ${whoCouldServe(firstGap, draft, ctx)}, or take the stage out of the journey with \`change journey\`.`,
        questionId: 'contact_plan',
      });
    }
    const purchase = rows.filter(({ row }) => row.stage === 'purchase-decision');
    const asks = purchase.some(({ row }) => row.callToAction === true || row.usesIncentive === true);
    const firstPurchase = purchase[0];
    if (journey.includes('purchase-decision') && firstPurchase !== undefined && !asks) {
      findings.push({
        severity: 'warning',
        problem: `At the purchase decision, no touchpoint (${rowNames(purchase.map((p) => p.position))}) carries a call to action or the incentive.`,
        principle: 'People about to buy need a reason to act now and to know where to do it.',
        fix: `Give one a call to action, e.g. \`change row ${firstPurchase.position}\` then \`cta: yes\` ("Order on Tmall today"), or add an incentive with \`change message type\`.`,
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
  check(draft, ctx) {
    if (isBlank(draft.concept)) return [];
    const concept = (draft.concept as string).trim();
    const off = positioned(draft).filter(({ row }) => !carriesConcept(row.message, concept));
    const first = off[0];
    if (first === undefined) return [];
    const empty = off.filter(({ row }) => isBlank(row.message));
    const elsewhere = off.filter(({ row }) => !isBlank(row.message));
    const named = (list: typeof off) => `${rowNames(list.map((o) => o.position))} (${joinNames(list.map(({ row }) => channelName(draft, row.channelId)))})`;
    const parts = [
      ...(empty.length > 0 ? [`${named(empty)} ${empty.length === 1 ? 'has' : 'have'} no message`] : []),
      ...(elsewhere.length > 0 ? [`${named(elsewhere)} ${elsewhere.length === 1 ? 'says' : 'say'} something other than the core concept`] : []),
    ];
    const text = joinNames(parts);
    return [
      {
        severity: 'warning',
        problem: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`,
        principle: 'Integration is one concept in every channel the audience touches; channels that each say their own thing are only multi-channel.',
        fix: `Rewrite ${off.length === 1 ? 'it' : 'each'} so it carries “${concept}” at its stage, e.g. \`change row ${first.position}\` then \`message: ${stageMessage(concept, first.row.stage)}\`.`,
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
  check(draft, ctx) {
    const findings: FindingBody[] = [];
    const objective = draft.primaryObjective;
    if (draft.messageType === 'incentive' && (objective === 'brand-awareness' || objective === 'brand-attitude')) {
      findings.push({
        severity: 'warning',
        problem: `The message is an incentive only, but the primary objective is ${labelOf(ctx.labels, 'objective', objective).toLowerCase()}.`,
        principle:
          "Don't confuse the goals: an offer buys a sale today; it does not make people know or like the brand, and on its own it teaches them to wait for the next deal.",
        fix: 'Lead with a brand message (change the message type to brand message, or both) and keep the offer for the purchase decision.',
        questionId: 'message_type',
      });
    }
    if (incentiveStagesOf(draft).includes('need-recognition')) {
      const rows = positioned(draft).filter(({ row }) => row.stage === 'need-recognition' && row.usesIncentive === true);
      const where = rows.length > 0 ? ` (${rowNames(rows.map((r) => r.position))})` : '';
      const first = rows[0];
      findings.push({
        severity: 'warning',
        problem: `The incentive is offered at need recognition${where}, to people who are not shopping yet.`,
        principle:
          'An offer aimed at people who do not yet feel the need reaches no buyer and trains the audience to wait for deals (a year-end car discount for someone not looking for a car).',
        fix: first
          ? `Take the offer off that row (\`change row ${first.position}\` then \`incentive: no\`) and let it tell the need and the category; save the offer for the purchase decision.`
          : 'Lead with a brand message about the need, and add the purchase decision to the journey for the offer (`change journey`).',
        questionId: first ? 'contact_plan' : 'message_type',
      });
    }
    return findings;
  },
});

/** Rules about the journey, the contact plan and the incentive. */
export const CONTACT_RULES: readonly RuleDefinition[] = [journeyCoverage, oneVoice, incentiveFit];

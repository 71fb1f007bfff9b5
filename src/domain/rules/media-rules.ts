/**
 * Media (seeds 000 and 004): a mix of owned, paid and earned, chosen for channels that
 * reach the audience at the stages of its journey; judged per row of the contact plan.
 */
import { MEDIA_TYPES, type PlanDraft, type Stage } from '../plan/plan.js';
import { channelFitsStage, journeyStagesFor, recommendedChannels } from '../channels/stage-fit.js';
import { journeyOf } from '../contact/journey.js';
import { defineRule, type FindingBody, type RuleContext, type RuleDefinition } from './rule-definition.js';
import { asSentence, joinNames, labelOf, stageName } from './rule-text.js';

const mediaMix = defineRule({
  id: 'MEDIA-MIX',
  severity: 'warning',
  title: 'Owned, paid and earned media work together',
  questionIds: ['channels'],
  check(draft, ctx) {
    // With no channels at all CHANNEL-STAGE-FIT already reports the error.
    if (draft.channels.length === 0) return [];
    const used = MEDIA_TYPES.filter((media) => draft.channels.some((channel) => channel.media === media));
    const gaps: string[] = [];
    if (used.length < 2) {
      const only = used.length === 1 ? `only ${labelOf(ctx.labels, 'media', used[0]).toLowerCase()} media` : 'no known media type';
      gaps.push(`the channels use ${only}`);
    }
    if (!used.includes('owned')) gaps.push('there is no owned channel');
    if (gaps.length === 0) return [];
    return [
      {
        severity: 'warning',
        problem: asSentence(joinNames(gaps)),
        principle:
          'Paid media buys attention, earned media lends credibility, and owned media is where the brand keeps the people both bring in.',
        fix: 'Combine at least two of owned, paid and earned, and include an owned channel, e.g. your WeChat official account or website.',
        questionId: 'channels',
      },
    ];
  },
});

/** "Search ads, Website or Outdoor" from the catalogue's recommended channels for the stage; empty without a catalogue. */
export function recommendationFor(stage: Stage, draft: PlanDraft, ctx: RuleContext, exclude: readonly string[] = []): string {
  const names = recommendedChannels(stage, draft.businessModel, ctx.catalogue ?? [])
    .filter((channel) => !exclude.includes(channel.id))
    .map((channel) => channel.name);
  return joinNames(names.slice(0, 4), 'or');
}

const channelStageFit = defineRule({
  id: 'CHANNEL-STAGE-FIT',
  severity: 'error/warning',
  title: 'The channels reach the stages of the journey',
  questionIds: ['channels', 'audience_stage', 'journey', 'contact_plan'],
  check(draft, ctx) {
    const principle =
      'Each channel reaches people at some stages of the journey; money spent where the audience is not is wasted. A channel is off-stage only if no stage of the journey fits it.';
    if (draft.channels.length === 0) {
      return [
        {
          severity: 'error',
          problem: 'No channels have been chosen yet.',
          principle,
          fix: 'Choose the channels that carry the concept, e.g. your WeChat account, search ads and a few KOLs.',
          questionId: 'channels',
        },
      ];
    }
    const journey = journeyOf(draft);
    const first = journey[0];
    if (first === undefined) return [];
    const model = draft.businessModel;
    const stages = joinNames(journey.map((s) => stageName(ctx.labels, s)), 'or');
    const where = journey.length === 1 ? stages : `any stage of the journey (${stages})`;
    const offJourney = draft.channels.filter((channel) => journeyStagesFor(channel, journey, model).length === 0);
    const names = offJourney.map((channel) => channel?.name ?? channel?.id ?? 'a channel');
    if (offJourney.length === draft.channels.length) {
      const recommended = recommendationFor(first, draft, ctx);
      return [
        {
          severity: 'error',
          problem: `None of your channels (${joinNames(names)}) reaches people at ${stages}.`,
          principle,
          fix: recommended
            ? `Add a channel that reaches ${stageName(ctx.labels, first)}, such as ${recommended}.`
            : `Add a channel that reaches ${stageName(ctx.labels, first)}: each channel in the list shows the stages it reaches.`,
          questionId: 'channels',
        },
      ];
    }
    const findings: FindingBody[] = [];
    if (offJourney.length > 0) {
      const them = names.length === 1 ? 'it' : 'them';
      findings.push({
        severity: 'warning',
        problem: `${joinNames(names)} ${names.length === 1 ? 'does' : 'do'} not reach people at ${where}.`,
        principle,
        fix: `Drop ${them} or give ${them} a small share; or, if the campaign really takes the audience there, add the stage ${them} ${names.length === 1 ? 'serves' : 'serve'} with \`change journey\`.`,
        questionId: 'channels',
      });
    }
    findings.push(...misplacedRows(draft, journey, offJourney.map((channel) => channel?.id), ctx));
    return findings;
  },
});

/** Rows that put a channel at a journey stage it does not reach, while it reaches another stage of the journey. */
function misplacedRows(draft: PlanDraft, journey: readonly Stage[], skip: readonly (string | undefined)[], ctx: RuleContext): FindingBody[] {
  const model = draft.businessModel;
  const misplaced = draft.contactPlan.flatMap((row, index) => {
    const channel = draft.channels.find((c) => c?.id === row?.channelId);
    if (!channel || skip.includes(channel.id) || channelFitsStage(channel, row.stage, model)) return [];
    return [{ position: index + 1, row, channel, fitting: journeyStagesFor(channel, journey, model) }];
  });
  const firstMisplaced = misplaced[0];
  if (firstMisplaced === undefined) return [];
  const described = misplaced.map(
    ({ position, row, channel, fitting }) =>
      `row ${position} puts ${channel.name} at ${stageName(ctx.labels, row.stage)}, which it does not reach (it reaches ${joinNames(fitting.map((s) => stageName(ctx.labels, s)), 'and')})`,
  );
  const target = firstMisplaced.fitting[0] as Stage;
  return [
    {
      severity: 'warning',
      problem: asSentence(joinNames(described)),
      principle: 'A touchpoint only works where its channel meets the audience: the row has to sit at a stage its channel reaches.',
      fix: `Move the row to a stage its channel reaches, e.g. \`change row ${firstMisplaced.position}\` then \`stage: ${stageName(ctx.labels, target)}\`, or give that stage another channel.`,
      questionId: 'contact_plan',
    },
  ];
}

/** Rules about the media mix and the channels. */
export const MEDIA_RULES: readonly RuleDefinition[] = [mediaMix, channelStageFit];

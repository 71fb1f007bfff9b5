/**
 * Media (seeds 000 and 004): a mix of owned, paid and earned, chosen for channels that
 * reach the audience at the stages of its journey; judged per row of the contact plan.
 */
import { MEDIA_TYPES, type PlanDraft, type Stage } from '../plan/plan.js';
import { channelFitsStage, journeyStagesFor, recommendedChannels } from '../channels/stage-fit.js';
import { journeyOf } from '../contact/journey.js';
import { defineRule, type FindingBody, type RuleContext, type RuleDefinition } from './rule-definition.js';
import { phrase, type Param, type Phrase } from '../message/phrase.js';
import { all, channelTerm, term } from './rule-text.js';

const mediaMix = defineRule({
  id: 'MEDIA-MIX',
  severity: 'warning',
  title: 'Owned, paid and earned media work together',
  questionIds: ['channels'],
  check(draft, ctx) {
    // With no channels at all CHANNEL-STAGE-FIT already reports the error.
    if (draft.channels.length === 0) return [];
    const used = MEDIA_TYPES.filter((media) => draft.channels.some((channel) => channel.media === media));
    const gaps: Phrase[] = [];
    if (used.length === 1) gaps.push(phrase('findings.media-mix.gap.only', { media: term('media', used[0] as string, true) }));
    if (used.length === 0) gaps.push(phrase('findings.media-mix.gap.unknown'));
    if (!used.includes('owned')) gaps.push(phrase('findings.media-mix.gap.no-owned'));
    if (gaps.length === 0) return [];
    return [{ severity: 'warning', id: 'thin', params: { gaps: all(gaps) }, questionId: 'channels' }];
  },
});

/** "Search ads, Website or Outdoor" from the catalogue's recommended channels for the stage; undefined without a catalogue. */
export function recommendationFor(stage: Stage, draft: PlanDraft, ctx: RuleContext, exclude: readonly string[] = []): Param | undefined {
  const channels = recommendedChannels(stage, draft.businessModel, ctx.catalogue ?? [])
    .filter((channel) => !exclude.includes(channel.id))
    .slice(0, 4)
    .map((channel): Param => ({ term: 'channel', id: channel.id, name: channel.name }));
  return channels.length > 0 ? all(channels, 'or') : undefined;
}

const channelStageFit = defineRule({
  id: 'CHANNEL-STAGE-FIT',
  severity: 'error/warning',
  title: 'The channels reach the stages of the journey',
  questionIds: ['channels', 'audience_stage', 'journey', 'contact_plan'],
  check(draft, ctx) {
    if (draft.channels.length === 0) return [{ severity: 'error', id: 'no-channels', params: {}, questionId: 'channels' }];
    const journey = journeyOf(draft);
    const first = journey[0];
    if (first === undefined) return [];
    const model = draft.businessModel;
    const stages = all(journey.map((s) => term('stage', s, true)), 'or');
    const offJourney = draft.channels.filter((channel) => journeyStagesFor(channel, journey, model).length === 0);
    const names = all(offJourney.map((channel): Param => (channel?.id ? channelTerm(draft, channel.id) : phrase('findings.channel-stage-fit.a-channel'))));
    if (offJourney.length === draft.channels.length) {
      const recommended = recommendationFor(first, draft, ctx);
      const params = { channels: names, stages, first: term('stage', first, true) };
      return recommended
        ? [{ severity: 'error', id: 'none-reach', params: { ...params, recommended }, questionId: 'channels' }]
        : [{ severity: 'error', id: 'none-reach-no-catalogue', params, questionId: 'channels' }];
    }
    const findings: FindingBody[] = [];
    if (offJourney.length > 0) {
      const where = journey.length === 1 ? stages : phrase('findings.channel-stage-fit.any-stage', { stages });
      findings.push({ severity: 'warning', id: 'off-journey', params: { channels: names, count: offJourney.length, where }, questionId: 'channels' });
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
  const described = misplaced.map(({ position, row, channel, fitting }) =>
    phrase('findings.channel-stage-fit.misplaced-row', {
      row: position,
      channel: channelTerm(draft, channel.id),
      stage: term('stage', row.stage, true),
      fitting: all(fitting.map((s) => term('stage', s, true))),
    }),
  );
  const target = firstMisplaced.fitting[0] as Stage;
  return [
    {
      severity: 'warning',
      id: 'misplaced-rows',
      params: { rows: all(described), first: firstMisplaced.position, target: term('stage', target, true) },
      questionId: 'contact_plan',
    },
  ];
}

/** Rules about the media mix and the channels. */
export const MEDIA_RULES: readonly RuleDefinition[] = [mediaMix, channelStageFit];

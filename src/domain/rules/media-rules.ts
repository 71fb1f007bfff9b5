/**
 * Media (seeds 000 and 004): a mix of owned, paid and earned, chosen for channels that
 * reach the audience at its buying stage.
 */
import { MEDIA_TYPES, STAGES } from '../plan/plan.js';
import { STAGE_FIT } from '../channels/stage-fit.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { asSentence, joinNames, labelOf } from './rule-text.js';

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

const channelStageFit = defineRule({
  id: 'CHANNEL-STAGE-FIT',
  severity: 'error/warning',
  title: 'The channels reach the audience stage',
  questionIds: ['channels', 'audience_stage'],
  check(draft, ctx) {
    const stage = draft.audience?.stage;
    const principle =
      'Each channel reaches people at some stages of the journey; money spent where the audience is not is wasted.';
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
    if (stage === undefined || !STAGES.includes(stage)) return [];
    const stageName = labelOf(ctx.labels, 'stage', stage).toLowerCase();
    const offStage = draft.channels.filter((channel) => !(channel.stages ?? []).includes(stage));
    if (offStage.length === 0) return [];
    const names = offStage.map((channel) => channel.name);
    if (offStage.length === draft.channels.length) {
      return [
        {
          severity: 'error',
          problem: `None of your channels (${joinNames(names)}) reaches people at ${stageName}.`,
          principle,
          fix: `Add channels that reach ${stageName}: ${STAGE_FIT[stage].channels}.`,
          questionId: 'channels',
        },
      ];
    }
    return [
      {
        severity: 'warning',
        problem: `${joinNames(names)} ${names.length === 1 ? 'does' : 'do'} not reach people at ${stageName}.`,
        principle,
        fix: `Drop ${names.length === 1 ? 'it' : 'them'} or give ${names.length === 1 ? 'it' : 'them'} a small share; channels that reach ${stageName} are ${STAGE_FIT[stage].channels}.`,
        questionId: 'channels',
      },
    ];
  },
});

/** Rules about the media mix and the channels. */
export const MEDIA_RULES: readonly RuleDefinition[] = [mediaMix, channelStageFit];

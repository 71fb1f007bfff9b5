/**
 * The concept and the message (seeds 003 and 004): one core idea in one sentence,
 * and a message type that suits the audience's buying stage.
 */
import { incentiveStagesOf } from '../contact/incentive.js';
import { journeyOf } from '../contact/journey.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { isBlank, rowNames } from './rule-text.js';

/** Beyond about this many words a concept stops being a line people remember. */
export const MAX_CONCEPT_WORDS = 25;

/** Kana and CJK ideographs: scripts written without spaces between words. */
const CJK_CHARS = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/g;

/**
 * Words in a concept. Chinese and Japanese are written without spaces, so each two
 * CJK characters count as one word (a common average word length).
 */
export function countWords(text: string): number {
  const cjk = text.match(CJK_CHARS)?.length ?? 0;
  const spaced = text.replace(CJK_CHARS, ' ').match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu);
  return (spaced?.length ?? 0) + Math.ceil(cjk / 2);
}

/**
 * Sentences in a concept: a line break, or a full stop, question or exclamation mark
 * followed by more words, starts a new one. "2.5" or "e.g." inside a word does not.
 */
export function countSentences(text: string): number {
  const pieces = text
    .trim()
    .split(/\n+|[.!?](?=\s+\S)|[。！？](?=\S)/u)
    .filter((piece) => /[\p{L}\p{N}]/u.test(piece));
  return Math.max(pieces.length, 1);
}

const conceptOneLine = defineRule({
  id: 'CONCEPT-ONE-LINE',
  severity: 'error/warning',
  title: 'One core concept in one line',
  questionIds: ['concept'],
  check(draft, ctx) {
    const principle =
      'One concept carried through every channel is what makes communication integrated; if it does not fit in a sentence, each channel will tell a different story.';
    if (isBlank(draft.concept)) {
      return [
        {
          severity: 'error',
          problem: 'The plan has no core concept yet.',
          principle,
          fix: 'Write the one idea every channel will carry, in a sentence, e.g. "Spring in every sip: cold brew that keeps pace with your day."',
          questionId: 'concept',
        },
      ];
    }
    const concept = (draft.concept as string).trim();
    const words = countWords(concept);
    const sentences = countSentences(concept);
    if (words <= MAX_CONCEPT_WORDS && sentences === 1) return [];
    const size = sentences > 1 ? `${sentences} sentences` : `${words} words`;
    return [
      {
        severity: 'warning',
        problem: `The core concept runs to ${size}; it should be one sentence of at most about ${MAX_CONCEPT_WORDS} words.`,
        principle,
        fix: 'Cut it to the single idea that matters, in one sentence; move the details to the message for each channel.',
        questionId: 'concept',
      },
    ];
  },
});

const messageStageFit = defineRule({
  id: 'MESSAGE-STAGE-FIT',
  severity: 'warning',
  title: 'The message suits the stages it speaks to',
  questionIds: ['message_type', 'call_to_action', 'audience_stage', 'contact_plan'],
  check(draft, ctx) {
    // An offer at need recognition is INCENTIVE-FIT's; this rule takes information search.
    if (incentiveStagesOf(draft).includes('information-search')) {
      const rows = draft.contactPlan.flatMap((row, index) =>
        row?.stage === 'information-search' && row.usesIncentive === true ? [index + 1] : [],
      );
      const first = rows[0];
      return [
        {
          severity: 'warning',
          problem: `The incentive is offered at information search${rows.length > 0 ? ` (${rowNames(rows)})` : ''}, where people are still learning about the options and not ready to buy.`,
          principle:
            'Offers belong to the purchase decision; earlier, a discount reaches people who are not shopping yet (a year-end car deal for someone not looking for a car).',
          fix: first
            ? `Let that row give benefits and proof instead (\`change row ${first}\` then \`incentive: no\`), and save the offer for people closer to buying.`
            : 'Lead with a brand message about the need and your benefits, and save the offer for people closer to buying.',
          questionId: first ? 'contact_plan' : 'message_type',
        },
      ];
    }
    // With a contact plan, JOURNEY-COVERAGE judges the purchase rows themselves.
    const asksForSale = journeyOf(draft).includes('purchase-decision') && draft.primaryObjective === 'purchase-intention';
    if (draft.contactPlan.length === 0 && asksForSale && draft.messageType === 'brand' && draft.callToAction !== true) {
      return [
        {
          severity: 'warning',
          problem: 'The campaign takes the audience to the purchase decision with a purchase-intention objective, but the message is a brand message with no incentive or call to action.',
          principle: 'People about to buy need a reason to act now and to know where to do it.',
          fix: 'Add a clear call to action (e.g. "Order on Tmall today") or an incentive such as a trial price.',
          questionId: 'call_to_action',
        },
      ];
    }
    return [];
  },
});

/** Rules about the core concept and the message. */
export const MESSAGE_RULES: readonly RuleDefinition[] = [conceptOneLine, messageStageFit];

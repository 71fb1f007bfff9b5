/**
 * The concept and the message (seeds 003 and 004): one core idea in one sentence,
 * and a message type that suits the audience's buying stage.
 */
import { incentiveStagesOf } from '../contact/incentive.js';
import { journeyOf } from '../contact/journey.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { phrase } from '../message/phrase.js';
import { isBlank, rowsRef } from './rule-text.js';

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
  check(draft) {
    if (isBlank(draft.concept)) return [{ severity: 'error', id: 'missing', params: {}, questionId: 'concept' }];
    const concept = (draft.concept as string).trim();
    const words = countWords(concept);
    const sentences = countSentences(concept);
    if (words <= MAX_CONCEPT_WORDS && sentences === 1) return [];
    return [
      {
        severity: 'warning',
        id: sentences > 1 ? 'sentences' : 'words',
        params: { count: sentences > 1 ? sentences : words, max: MAX_CONCEPT_WORDS },
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
  check(draft) {
    // An offer at need recognition is INCENTIVE-FIT's; this rule takes information search.
    if (incentiveStagesOf(draft).includes('information-search')) {
      const rows = draft.contactPlan.flatMap((row, index) =>
        row?.stage === 'information-search' && row.usesIncentive === true ? [index + 1] : [],
      );
      const first = rows[0];
      const where = rows.length > 0 ? phrase('findings.message-stage-fit.in-rows', { rows: rowsRef(rows) }) : '';
      return first
        ? [{ severity: 'warning', id: 'offer-at-search-row', params: { where, row: first }, questionId: 'contact_plan' }]
        : [{ severity: 'warning', id: 'offer-at-search', params: { where }, questionId: 'message_type' }];
    }
    // With a contact plan, JOURNEY-COVERAGE judges the purchase rows themselves.
    const asksForSale = journeyOf(draft).includes('purchase-decision') && draft.primaryObjective === 'purchase-intention';
    if (draft.contactPlan.length === 0 && asksForSale && draft.messageType === 'brand' && draft.callToAction !== true) {
      return [{ severity: 'warning', id: 'no-call-to-action', params: {}, questionId: 'call_to_action' }];
    }
    return [];
  },
});

/** Rules about the core concept and the message. */
export const MESSAGE_RULES: readonly RuleDefinition[] = [conceptOneLine, messageStageFit];

/**
 * Answers the bot proposes instead of asking (questions marked `proposed` in the script):
 * the business model, the journey and the tone follow from earlier answers, so a typical
 * plan needs no extra answers; `change <question>` lets the author set them by hand.
 */
import { proposeBusinessModel, proposeJourney } from '../contact/journey.js';
import { proposeTone } from '../contact/message-plan.js';
import type { PlanDraft } from './plan.js';

/** The questions the bot can propose, in the order their proposals build on each other. */
export const PROPOSABLE_QUESTIONS = ['business_model', 'journey', 'tone'] as const;

/** The proposed answer to a question, from the draft so far; undefined when the question proposes nothing (yet). */
export function proposedAnswer(questionId: string, draft: PlanDraft): string | string[] | undefined {
  switch (questionId) {
    case 'business_model':
      return proposeBusinessModel(draft);
    case 'journey': {
      const journey = proposeJourney(draft);
      return journey.length > 0 ? journey : undefined;
    }
    case 'tone':
      return proposeTone(draft.audience);
    default:
      return undefined;
  }
}

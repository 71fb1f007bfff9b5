/**
 * Research (seed 000): macro, market, competition and consumer insight. The insight
 * into the audience is the one a communication plan cannot do without.
 */
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { joinNames, labelOf } from './rule-text.js';

const researchInsight = defineRule({
  id: 'RESEARCH-INSIGHT',
  severity: 'warning',
  title: 'Consumer insight research was done',
  questionIds: ['research', 'insight'],
  check(draft, ctx) {
    // An insight that names how it was found (an interview, a survey, data, desk research) is research done.
    const methods = Array.isArray(draft.message?.insightMethods) ? draft.message.insightMethods : [];
    if (draft.research.includes('consumer-insight') || methods.length > 0) return [];
    const done = draft.research.map((kind) => labelOf(ctx.labels, 'research', kind).toLowerCase());
    const insight = draft.message?.insight;
    const unsupported = typeof insight === 'string' && insight.trim() !== '';
    return [
      {
        severity: 'warning',
        problem: unsupported
          ? `The insight (“${insight.trim()}”) names no research behind it${done.length > 0 ? `, and the research done (${joinNames(done)}) was not about the consumer` : ''}.`
          : done.length > 0
            ? `You researched ${joinNames(done)}, but not the consumer's own view (consumer insight).`
            : 'No research has been done, so there is no consumer insight behind the plan.',
        principle: 'The concept and message should rest on what the audience actually thinks and does, not on what the team assumes.',
        fix: unsupported
          ? 'Say how you know it (`change insight`), e.g. "… 12 of 15 customers we interviewed said so", or check it before launch with a short survey or five to ten interviews.'
          : 'Gather consumer insight before launch: look at your data, read existing studies, run a short survey or talk to five to ten customers.',
        questionId: unsupported ? 'insight' : 'research',
      },
    ];
  },
});

/** Rules about the research behind the plan. */
export const RESEARCH_RULES: readonly RuleDefinition[] = [researchInsight];

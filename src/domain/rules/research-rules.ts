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
  questionIds: ['research'],
  check(draft, ctx) {
    if (draft.research.includes('consumer-insight')) return [];
    const done = draft.research.map((kind) => labelOf(ctx.labels, 'research', kind).toLowerCase());
    return [
      {
        severity: 'warning',
        problem:
          done.length > 0
            ? `You researched ${joinNames(done)}, but not the consumer's own view (consumer insight).`
            : 'No research has been done, so there is no consumer insight behind the plan.',
        principle: 'The concept and message should rest on what the audience actually thinks and does, not on what the team assumes.',
        fix: 'Gather consumer insight before launch: look at your data, read existing studies, run a short survey or talk to five to ten customers.',
        questionId: 'research',
      },
    ];
  },
});

/** Rules about the research behind the plan. */
export const RESEARCH_RULES: readonly RuleDefinition[] = [researchInsight];

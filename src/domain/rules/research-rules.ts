/**
 * Research (seed 000): macro, market, competition and consumer insight. The insight
 * into the audience is the one a communication plan cannot do without.
 */
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { phrase } from '../message/phrase.js';
import { all, term } from './rule-text.js';

const researchInsight = defineRule({
  id: 'RESEARCH-INSIGHT',
  severity: 'warning',
  title: 'Consumer insight research was done',
  questionIds: ['research', 'insight'],
  check(draft) {
    // An insight that names how it was found (an interview, a survey, data, desk research) is research done.
    const methods = Array.isArray(draft.message?.insightMethods) ? draft.message.insightMethods : [];
    if (draft.research.includes('consumer-insight') || methods.length > 0) return [];
    const done = all(draft.research.map((kind) => term('research', kind, true)));
    const insight = draft.message?.insight;
    const unsupported = typeof insight === 'string' && insight.trim() !== '';
    const others = draft.research.length > 0 ? phrase('findings.research-insight.not-about-consumer', { done }) : '';
    if (unsupported) return [{ severity: 'warning', id: 'insight-unsupported', params: { insight: insight.trim(), others }, questionId: 'insight' }];
    return draft.research.length > 0
      ? [{ severity: 'warning', id: 'no-consumer', params: { done }, questionId: 'research' }]
      : [{ severity: 'warning', id: 'none', params: {}, questionId: 'research' }];
  },
});

/** Rules about the research behind the plan. */
export const RESEARCH_RULES: readonly RuleDefinition[] = [researchInsight];

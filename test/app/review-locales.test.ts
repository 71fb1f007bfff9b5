/**
 * The review's questions in the reviewer's language (src/app/load-locales.ts, src/domain/review/review-script.ts):
 * the goal a question quotes is written as the status writes it, in Chinese for the Chinese script, in
 * English as before for the English one.
 */
import { describe, expect, it } from 'vitest';
import { loadReviewLocales } from '../../src/app/load-locales.js';
import { loadReviewScript } from '../../src/app/load-script.js';
import { reviewFactsOf, reviewQuestionsFor } from '../../src/domain/review/review-script.js';
import { englishWords } from '../support/english-words.js';
import { funnelPlan } from '../domain/review/review-helpers.js';

const script = loadReviewLocales(loadReviewScript());
const plan = { ...funnelPlan(), goals: [...funnelPlan().goals, { metric: 'revenue' as const, unit: 'money' as const, baseline: 0, target: 100_000_000, direction: 'increase' as const, deadline: '2027-03-31', source: 'sales' as const }] };

function goalQuestion(language: 'en' | 'zh-CN', n: number): string {
  const questions = reviewQuestionsFor(language === 'en' ? script : (script.translations?.[language] ?? script), reviewFactsOf(plan, 18_000_000));
  const question = questions.find((q) => q.id === `goal_${n}`);
  if (!question) throw new Error(`no goal_${n}`);
  return question.text;
}

describe('the review’s goal questions', () => {
  it('quote the goal in Chinese for a Chinese reviewer: its metric, figures, date and source', () => {
    const text = goalQuestion('zh-CN', 4);
    expect(text).toMatch(/^目标4是 /);
    expect(text).toContain('¥100万');
    expect(text).toContain('2027年3月31日');
    expect(englishWords(text)).toEqual([]);
    expect(englishWords(goalQuestion('zh-CN', 1))).toEqual([]);
  });

  it('quote it in English as before for an English reviewer', () => {
    expect(goalQuestion('en', 4)).toBe('Goal 4 was Revenue: ¥0 → ¥1,000,000 by 31 Mar 2027 (sales data). What is the actual figure now?');
  });
});

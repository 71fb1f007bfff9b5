/**
 * The review's questions in the reviewer's language (src/app/load-locales.ts, src/domain/review/review-script.ts):
 * the goal a question quotes is written as the status writes it, in Chinese for the Chinese script, in
 * English as before for the English one.
 */
import { describe, expect, it } from 'vitest';
import { loadInputLocales, loadReviewLocales } from '../../src/app/load-locales.js';
import { loadReviewScript, loadScript } from '../../src/app/load-script.js';
import { reviewFactsOf, reviewQuestionsFor } from '../../src/domain/review/review-script.js';
import { englishWords } from '../support/english-words.js';
import { funnelPlan } from '../domain/review/review-helpers.js';

const script = loadReviewLocales(loadReviewScript(), undefined, undefined, loadInputLocales(loadScript()));
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

describe('the review’s touchpoint question', () => {
  const facts = {
    ...reviewFactsOf(plan, 18_000_000),
    contactPlan: 'yes' as const,
    rows: '1 Search ads (clicks); 2 Website (conversion); 3 My own podcast (its KPI); and 2 more rows',
    rowList: [
      { channelId: 'paid-search-ads', channel: 'Search ads', kpi: 'clicks' },
      { channelId: 'owned-website', channel: 'Website', kpi: 'conversion' },
      { channelId: 'custom-podcast', channel: 'My own podcast' },
    ],
    moreRows: 2,
  };
  const touchpoints = (language: 'en' | 'zh-CN') =>
    reviewQuestionsFor(language === 'en' ? script : (script.translations?.[language] ?? script), facts).find((q) => q.id === 'touchpoint_actuals')?.text ?? '';

  it('lists the rows with the channels and KPIs in Chinese for a Chinese reviewer, a channel the team named as typed', () => {
    const text = touchpoints('zh-CN');
    expect(text).toContain('1 搜索广告（点击量）；2 品牌官网（转化率）；3 My own podcast（该行的KPI）；另有 2 行');
    expect(englishWords(text, ['My own podcast'])).toEqual([]);
  });

  it('lists them in English as before for an English reviewer', () => {
    expect(touchpoints('en')).toContain('Rows: 1 Search ads (clicks); 2 Website (conversion); 3 My own podcast (its KPI); and 2 more rows.');
  });
});

describe('the review’s spend question', () => {
  const spend = (language: 'en' | 'zh-CN') =>
    reviewQuestionsFor(language === 'en' ? script : (script.translations?.[language] ?? script), reviewFactsOf(plan, 25_000_000)).find((q) => q.id === 'actual_spend')?.text ?? '';

  it('writes the planned spend as a Chinese reader does (¥25万), and as before in English (¥250,000)', () => {
    expect(spend('zh-CN')).toContain('¥25万');
    expect(spend('zh-CN')).not.toContain('¥250,000');
    expect(spend('en')).toContain('¥250,000');
  });
});

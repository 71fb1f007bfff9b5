import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../src/domain/conversation/interpret-reply.js';
import { stepReview, type ReviewStepResult } from '../../../src/domain/review/review-flow.js';
import { ZH } from '../../support/zh-words.js';
import { asked, begin, effectOf, funnelPlan, REVIEW_NOW, REVIEW_SCRIPT } from './review-helpers.js';

const plan = funnelPlan();

/** One reply in Chinese, read with the locale's thread words and question names. */
function say(result: ReviewStepResult, text: string): ReviewStepResult {
  return stepReview(REVIEW_SCRIPT, plan, result.state, interpretReply(text, ZH.thread), REVIEW_NOW, ZH);
}

function answered(texts: string[]): ReviewStepResult {
  return texts.reduce(say, begin(plan));
}

describe('the review answered in Chinese', () => {
  it('reads Chinese figures: 18万元, 百分之三十一, 1200单, 3.9', () => {
    const result = answered(['18万元', '百分之三十一', '1200单', '3.9']);
    expect(result.state.answers.actual_spend?.value).toBe(18_000_000);
    expect(result.state.answers.goal_1?.value).toBe(0.31);
    expect(result.state.answers.goal_2?.value).toBe(1200);
    expect(asked(result)).toBe('actual_visits');
  });

  it.each([
    ['修改 实际花费', 'actual_spend'],
    ['修改花费', 'actual_spend'],
    ['修改 目标1', 'goal_1'],
    ['修改目标2', 'goal_2'],
    ['修改 信任度', 'goal_3'],
    ['修改 认知度', 'goal_1'],
  ])('%s goes to %s', (text, id) => {
    expect(asked(say(answered(['18万元', '百分之三十一', '1200单']), text))).toBe(id);
  });

  it('re-asks an ambiguous Chinese target with the questions it could mean', () => {
    const result = say(answered(['18万元']), '修改目标');
    expect(effectOf(result, 'info').message).toMatch(/"目标" could mean Goal 1: Awareness, Goal 2: Orders, or Goal 3: Trust/);
  });

  it('goes back with 返回 and skips an optional figure with 跳过', () => {
    const back = say(answered(['18万元', '百分之三十一']), '返回');
    expect(effectOf(back, 'ask')).toMatchObject({ question: { id: 'goal_1' }, current: '31 %' });
    const atVisits = answered(['18万元', '31%', '1200', '3.9']);
    expect(say(atVisits, '跳过').state.answers.actual_visits).toEqual({ skipped: true });
  });

  it('reads Chinese question names only when given the locale words', () => {
    const result = stepReview(REVIEW_SCRIPT, plan, answered(['18万元']).state, interpretReply('change 实际花费'), REVIEW_NOW);
    expect(effectOf(result, 'info').message).toMatch(/I don't know a question called "实际花费"/);
  });
});

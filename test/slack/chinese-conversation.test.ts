import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CHANNEL, messageText, startHarness, type Harness } from '../support/bot-harness.js';
import { approvedPlan } from '../support/approved-plan.js';
import { completePlan, say, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';
import { FREE_TEXT_QUESTIONS, REVIEW_ANSWERS_ZH, TYPED_ANSWERS_ZH } from '../fixtures/typed-answers-zh.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Answers in Chinese until the plan is posted, accepting warnings with 接受; returns the questions asked and every re-ask. */
async function answerInChinese(planId: string): Promise<{ asked: string[]; reasks: string[] }> {
  const asked: string[] = [];
  const reasks: string[] = [];
  for (let step = 0; step < 80; step += 1) {
    const record = await h.record(planId);
    if (record.status !== 'planning') return { asked, reasks };
    if (record.flow.status === 'checking') {
      await say(h, planId, '接受');
      continue;
    }
    const current = record.flow.current ?? '';
    asked.push(current);
    await say(h, planId, TYPED_ANSWERS_ZH[current] ?? '');
    const after = await h.record(planId);
    if (after.flow.rejected) {
      reasks.push(`${current}: ${after.flow.rejected.error}`);
      return { asked, reasks };
    }
  }
  throw new Error(`plan ${planId} did not finish within 80 steps`);
}

describe('a plan answered entirely in Chinese, end to end through the Bolt HTTP receiver', () => {
  it('is posted with zero re-asks, and is the same plan as the English answers make', async () => {
    h = await startHarness();
    const english = await startPlan(h, ALICE, CHANNEL, 'Spring cold brew launch');
    const englishAsked = await completePlan(h, english, TYPED_ANSWERS);
    const chinese = await startPlan(h, ALICE, CHANNEL, '春季冷萃上市');
    const { asked, reasks } = await answerInChinese(chinese);

    expect(reasks).toEqual([]);
    expect(asked).toEqual(englishAsked.filter((id) => id !== 'campaign'));
    const zh = await h.record(chinese);
    const en = await h.record(english);
    expect(zh.status).toBe('draft');
    const zhPlan = zh.versions.at(-1)?.plan;
    const enPlan = en.versions.at(-1)?.plan;
    expect(zhPlan).toMatchObject({ campaign: '春季冷萃上市', brand: '月叶茶', concept: '像山间清晨一样的冷萃茶。' });
    // Free text stays as typed: the insight, the proposition, the offer's terms and the rows' messages (which carry the concept).
    const structured = (plan: typeof zhPlan) => {
      const { campaign: _c, brand: _b, problemStatement: _p, concept: _k, audience, message, incentive, contactPlan, ...rest } = plan ?? ({} as NonNullable<typeof zhPlan>);
      const { description: _d, ...segmentAndStage } = audience ?? { description: '' };
      const { insight: _i, evidence: _e, proposition: _o, reasonToBelieve: _r, ...messageChoices } = message ?? {};
      const { eligibility: _l, duration: _u, ...incentiveFigures } = incentive ?? {};
      const rows = (contactPlan ?? []).map(({ message: _m, ...row }) => row);
      return { ...rest, audience: segmentAndStage, message: messageChoices, incentive: incentiveFigures, contactPlan: rows };
    };
    expect(structured(zhPlan)).toEqual(structured(enPlan));
    expect(FREE_TEXT_QUESTIONS.every((id) => TYPED_ANSWERS_ZH[id] !== TYPED_ANSWERS[id])).toBe(true);

    const draft = h.fake.messages(CHANNEL).find((m) => m.ts === zh.versions[0]?.messageTs);
    expect(messageText(draft)).toContain('月叶茶');
  });

  it('understands the thread words in Chinese: 状态, 返回, 修改 预算 after the draft is posted', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL, '春季冷萃上市');
    await say(h, planId, TYPED_ANSWERS_ZH.brand ?? '');
    const naming = async () => {
      const record = await h.record(planId);
      return h.fake.messages(CHANNEL, { threadTs: record.threadTs }).filter((m) => m.bot_id && messageText(m).includes('月叶茶')).length;
    };
    const before = await naming();
    await say(h, planId, '状态');
    expect(await naming()).toBe(before + 1);
    await say(h, planId, '返回');
    expect((await h.record(planId)).flow.current).toBe('brand');
    await say(h, planId, TYPED_ANSWERS_ZH.brand ?? '');
    await answerInChinese(planId);
    expect((await h.record(planId)).status).toBe('draft');

    await say(h, planId, '修改 预算');
    const reopened = await h.record(planId);
    expect(reopened.status).toBe('planning');
    expect(reopened.flow.current).toBe('budget_available');
    await say(h, planId, '30万');
    expect((await h.record(planId)).flow.answers.budget_available?.value).toBe(30_000_000);
  });
});

describe('Chinese after the plan: /imc remind, /imc budget and the review', () => {
  it('moves the reminder to 2027年5月2日 and sums a quick budget typed in Chinese', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h, TYPED_ANSWERS_ZH, '春季冷萃上市');
    const moved = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2027年5月2日` });
    expect(moved.body).toContain('2 May 2027');
    const budget = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'budget 100万 1000元 百分之一 2元' });
    const english = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'budget ¥1,000,000 ¥1,000 1% ¥2' });
    expect(budget.body).toContain('¥200,000');
    expect(budget.body).toBe(english.body);
  });

  it('runs the review answered in Chinese (修改 实际花费 included) to the same figures as the English one', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h, TYPED_ANSWERS_ZH, '春季冷萃上市');
    const started = await h.driver.slashCommand({ userId: BOB, channelId: CHANNEL, text: `review ${planId}` });
    expect(started.status).toBe(200);
    await h.settle();
    await say(h, planId, REVIEW_ANSWERS_ZH.actual_spend ?? '', BOB);
    await say(h, planId, '修改 实际花费', BOB);
    expect((await h.record(planId)).review?.state.current).toBe('actual_spend');
    for (let step = 0; step < 20; step += 1) {
      const record = await h.record(planId);
      if (record.status !== 'reviewing') break;
      const current = record.review?.state.current ?? '';
      await say(h, planId, REVIEW_ANSWERS_ZH[current] ?? '', BOB);
      expect((await h.record(planId)).review?.state.rejected, current).toBeUndefined();
    }
    const record = await h.record(planId);
    expect(record.status).toBe('reviewed');
    expect(record.review?.summary?.goals.map((g) => g.attainment)).toEqual([0.8, 1.134]);
    expect(record.review?.summary?.spend).toEqual({ planned: 25_000_000, actual: 18_000_000, difference: -7_000_000, ratio: 0.72 });
    // On contribution at the plan's 40 % margin, as in English: (¥1,134,000 × 40 % − ¥180,000) / ¥180,000.
    expect(record.review?.summary).toMatchObject({ returnOnSpend: 1.52, returnBasis: 'contribution' });
  });
});

/**
 * A plan answered in Chinese by a person whose Slack is set to zh-CN: every question the
 * thread asks is asked in Chinese (its Chinese label, text, buttons and menu), answered
 * the way a Chinese team types, with no re-ask; the same plan in English stays English.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CHANNEL, messageText, startHarness, type Harness } from '../support/bot-harness.js';
import { say, startPlan } from '../support/plan-conversation.js';
import { scriptIn } from '../../src/domain/conversation/script-words.js';
import { zhScript } from '../support/zh-words.js';
import { approvedPlan } from '../support/approved-plan.js';
import { loadReviewLocales } from '../../src/app/load-locales.js';
import { loadReviewScript } from '../../src/app/load-script.js';
import { escapeMrkdwn } from '../../src/render/escape.js';

const ZH = scriptIn(zhScript, 'zh-CN');
let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The spring launch typed in Chinese; a question not named here is answered with its Chinese example. */
const CHINESE: Record<string, string> = {
  ...Object.fromEntries(ZH.questions.flatMap((q) => (q.example === undefined ? [] : [[q.id, q.example]]))),
  campaign: '月叶冷泡茶春季上新',
  problems: '品牌、传播',
  key_problem: '传播',
  problem_statement: '一线城市白领不知道我们的冷泡茶有什么不同。',
  audience_segment: '品牌转换者',
  audience_stage: '方案评估',
  involvement: '低',
  motivation: '情感',
  research: '消费者洞察、竞品分析',
  primary_objective: '购买意愿',
  secondary_objectives: '品牌态度',
  goals: '转化率 1% -> 2% 截止 2027年3月31日\n销售额 0 -> 100万 截止 2027年3月31日',
  message_type: '品牌讯息',
  incentive_redemptions: '2000',
  channels: '品牌官网、搜索广告、用户评价和口碑、微信公众号和小程序',
  budget_available: '25万',
  customer_value: '跳过',
  start_date: '2027年1月5日',
  end_date: '2027年3月31日',
  review_date: '2027年4月15日',
  phasing: '节点式',
  peak_start: '2027年2月1日',
  peak_end: '2027年2月14日',
  checking: '接受',
};

/** Codes a Chinese marketer writes in Latin letters too. */
const CODES = new Set(['B2B', 'B2C', 'CRM', 'KOL', 'CPM', 'NPS', 'MQL', 'SQL', 'CAC', 'CPA', 'ROAS', 'ABM', 'CNY', 'Instagram', 'YouTube', 'PR']);
const englishWords = (text: string) => [...text.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0]).filter((w) => !CODES.has(w));

async function threadMessages(planId: string): Promise<string[]> {
  const record = await h.record(planId);
  return h.fake
    .messages(CHANNEL, { threadTs: record.threadTs })
    .filter((m) => m.bot_id && m.ts !== record.threadTs)
    .map((m) => messageText(m));
}

/** Answers the plan in Chinese until it goes out, checking each question as it is asked; the questions asked, in order. */
async function askAllInChinese(planId: string, answers: Record<string, string>): Promise<string[]> {
  const asked: string[] = [];
  for (let step = 0; step < 80; step += 1) {
    const record = await h.record(planId);
    if (record.status !== 'planning') break;
    if (record.flow.status === 'checking') {
      await say(h, planId, '接受');
      continue;
    }
    const id = record.flow.current;
    if (!id) throw new Error('asking nothing');
    asked.push(id);
    const question = ZH.questions.find((q) => q.id === id);
    if (!question) throw new Error(id);
    // The question as it is asked, before it is answered (an answered question's message shrinks to its answer).
    const shown = (await threadMessages(planId)).findLast((m) => m.includes(`*${escapeMrkdwn(question.label)}*`) && m.includes(escapeMrkdwn(question.text)));
    expect(shown, `${id} asked in Chinese`).toBeDefined();
    expect(shown, id).not.toContain(zhScript.questions.find((q) => q.id === id)?.text);
    // The question's own lines (its heading and text): no English but codes. The budget's
    // lead above it and a contact table below it are the plan's pages, drawn elsewhere.
    const lines = (shown ?? '').split('\n');
    const at = lines.findIndex((line) => line.startsWith(`*${escapeMrkdwn(question.label)}*`));
    const own = lines.slice(at, at + 2).join('\n');
    expect(englishWords(own), `${id}: ${own}`).toEqual([]);
    for (const choice of question.choices?.slice(0, 6) ?? []) expect(shown, `${id}: ${choice.label}`).toContain(choice.label);
    const answer = answers[id];
    if (answer === undefined) throw new Error(`no Chinese answer for ${id}`);
    await say(h, planId, answer);
  }
  return asked;
}

/** A bot whose Alice has her Slack set to Simplified Chinese. */
async function startWithChineseAlice(): Promise<void> {
  h = await startHarness();
  const alice = h.fake.user(ALICE);
  if (!alice) throw new Error('no Alice');
  alice.locale = 'zh-CN';
}

describe('a plan in Chinese', () => {
  it('asks every question in Chinese, with Chinese buttons, and reads every Chinese answer the first time', async () => {
    await startWithChineseAlice();
    const planId = await startPlan(h, ALICE, CHANNEL, '月叶冷泡茶春季上新');
    const asked = await askAllInChinese(planId, CHINESE);
    // No re-ask: each question was answered once, and the plan went out.
    expect(asked.length).toBeGreaterThan(30);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).toEqual(expect.arrayContaining(['peak_start', 'peak_end', 'non_media', 'contact_plan', 'average_order_value', 'conversion_rate']));
    expect((await h.record(planId)).status).not.toBe('planning');
  }, 120_000);

  it('asks the reach model, the incentive and the per-channel costs in Chinese too', async () => {
    await startWithChineseAlice();
    const planId = await startPlan(h, ALICE, CHANNEL, '月叶双十一');
    const asked = await askAllInChinese(planId, {
      ...CHINESE,
      audience_stage: '需求认知',
      primary_objective: '品牌认知',
      goals: '认知度 10% -> 40% 截止 2027年3月31日',
      message_type: '品牌讯息加激励',
      channels: '抖音品牌号、搜索广告、电商平台广告（天猫、京东）、户外广告（广告牌、交通、电梯屏）',
      phasing: '爆发式',
    });
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).toEqual(expect.arrayContaining(['audience_size', 'reach_rate', 'frequency', 'cpm', 'channel_cpm', 'incentive_offer', 'incentive_terms']));
    expect((await h.record(planId)).status).not.toBe('planning');
  }, 120_000);

  it('asks the review’s questions in Chinese, placeholders filled, and reads Chinese answers', async () => {
    await startWithChineseAlice();
    const planId = await approvedPlan(h);
    h.clock.current = new Date('2027-04-15T02:00:00Z');
    const started = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${planId}` });
    expect(started.status).toBe(200);
    await h.settle();
    const review = loadReviewLocales(loadReviewScript()).translations?.['zh-CN'];
    if (!review) throw new Error('no Chinese review');
    const asked: string[] = [];
    for (let step = 0; step < 20; step += 1) {
      const record = await h.record(planId);
      if (record.status !== 'reviewing') break;
      const current = record.review?.state.current;
      if (!current) throw new Error('review is not asking anything');
      asked.push(current);
      const text = (await threadMessages(planId)).at(-1) ?? '';
      const template = review.questions.find((q) => current === q.id || current.startsWith(`${q.id}_`));
      const lead = template?.text.split(/[{（]/)[0] ?? '';
      expect(text, current).toContain(lead);
      expect(text, current).not.toContain('What is the actual figure now');
      const answer = { actual_spend: '18万', actual_media_spend: '15万', goal_1: '1.8%', goal_2: '113.4万', worked: '比较类关键词的搜索广告效果最好', did_not_work: '微信推文触达很少' }[current] ?? '跳过';
      await say(h, planId, answer, ALICE);
    }
    expect(asked.slice(0, 4)).toEqual(['actual_spend', 'actual_media_spend', 'goal_1', 'goal_2']);
    expect(new Set(asked).size).toBe(asked.length);
    const goalQuestion = (await threadMessages(planId)).find((m) => m.includes('目标1：转化率'));
    expect(goalQuestion).toBeDefined();
  }, 120_000);

  it('keeps the English words for an English reader of the same bot', async () => {
    h = await startHarness();
    const planId = await startPlan(h, BOB, CHANNEL);
    const record = await h.record(planId);
    const first = h.fake.messages(CHANNEL, { threadTs: record.threadTs }).filter((m) => m.bot_id && m.ts !== record.threadTs).map((m) => messageText(m));
    const campaign = zhScript.questions.find((q) => q.id === 'brand');
    expect(first.join('\n')).toContain(`*${campaign?.label}*`);
    expect(first.join('\n')).toContain(campaign?.text);
    expect(first.join('\n')).not.toMatch(/\p{Script=Han}/u);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchChoice, matchChoices, type Choice } from '../../support/english-parsers.js';
import { ZH, zhScript } from '../../support/zh-words.js';

/** A question's choices with their Chinese names, as the flow hands them to the matcher. */
function choicesOf(questionId: string, words = true): Choice[] {
  const question = zhScript.questions.find((q) => q.id === questionId);
  if (!question?.choices) throw new Error(`no choice question ${questionId}`);
  return question.choices.map((c) => ({ id: c.id, label: c.label, ...(words ? { names: ZH.choices[questionId]?.[c.id] ?? [] } : {}) }));
}

const one = (text: string, questionId: string) => matchChoice(text, choicesOf(questionId));
const many = (text: string, questionId: string, allowNone = false) =>
  matchChoices(text, choicesOf(questionId), { allowNone, noneWords: ZH.none });

describe('choices typed in Chinese', () => {
  it.each([
    ['品牌', 'key_problem', 'brand'],
    ['传播', 'key_problem', 'communication'],
    ['忠于竞品', 'audience_segment', 'competitor-loyal'],
    ['评估', 'audience_stage', 'evaluation'],
    ['高', 'involvement', 'high'],
    ['低', 'involvement', 'low'],
    ['情感', 'motivation', 'transformational'],
    ['理性', 'motivation', 'informational'],
    ['购买意愿', 'primary_objective', 'purchase-intention'],
    ['人民币', 'currency', 'CNY'],
    ['美元', 'currency', 'USD'],
    ['品牌讯息', 'message_type', 'brand'],
    ['品牌', 'message_type', 'brand'],
    ['微信公众号', 'channels', 'owned-wechat'],
  ])('reads %s at %s as %s, with no note', (text, questionId, id) => {
    expect(one(text, questionId)).toEqual({ ok: true, value: id });
  });

  it('knows a Chinese name for every choice of every question and every channel, and each one picks its own choice', () => {
    const questions = zhScript.questions.filter((q) => q.choices !== undefined);
    expect(questions.map((q) => q.id)).toContain('channels');
    for (const question of questions) {
      for (const choice of question.choices ?? []) {
        const names = ZH.choices[question.id]?.[choice.id] ?? [];
        expect(names.length, `${question.id}.${choice.id}`).toBeGreaterThan(0);
        for (const name of names) expect(one(name, question.id), `${name} at ${question.id}`).toEqual({ ok: true, value: choice.id });
      }
    }
    expect(Object.keys(ZH.choices.channels ?? {})).toEqual(zhScript.catalogue.map((c) => c.id));
  });

  it('reads full-width forms, spaces and wrappers around a Chinese name', () => {
    expect(one('人民币（元）', 'currency')).toEqual({ ok: true, value: 'CNY' });
    expect(one(' 忠于 竞品 ', 'audience_segment')).toEqual({ ok: true, value: 'competitor-loyal' });
    expect(one('“评估”', 'audience_stage')).toEqual({ ok: true, value: 'evaluation' });
    expect(one('评估。', 'audience_stage')).toEqual({ ok: true, value: 'evaluation' });
    expect(one('b站', 'channels')).toEqual({ ok: true, value: 'owned-bilibili' });
  });

  it('takes a Chinese answer that holds one name, and says how it read it', () => {
    expect(one('主要是品牌的问题', 'key_problem')).toEqual({ ok: true, value: 'brand', note: 'Took `主要是品牌的问题` to mean “Brand”.' });
    expect(one('提升品牌认知度', 'primary_objective')).toMatchObject({ ok: true, value: 'brand-awareness' });
    expect(one('正在评估阶段', 'audience_stage')).toMatchObject({ ok: true, value: 'evaluation' });
    expect(one('高介入度产品', 'involvement')).toMatchObject({ ok: true, value: 'high' });
  });

  it('prefers the longer of two names one inside the other', () => {
    expect(one('抖音广告投放', 'channels')).toMatchObject({ ok: true, value: 'paid-short-video-ads' });
    expect(one('购买后阶段', 'audience_stage')).toMatchObject({ ok: true, value: 'post-purchase' });
    expect(one('购买决策阶段', 'audience_stage')).toMatchObject({ ok: true, value: 'purchase-decision' });
  });

  it('takes part of a name when only one choice has it', () => {
    expect(one('知名', 'primary_objective')).toEqual({ ok: true, value: 'brand-awareness', note: 'Took `知名` to mean “Brand awareness”.' });
    expect(one('竞品忠', 'audience_segment')).toMatchObject({ ok: true, value: 'competitor-loyal' });
  });

  it('re-asks an answer that fits several choices, naming them', () => {
    const objective = one('品牌', 'primary_objective');
    expect(objective).toMatchObject({ ok: false });
    if (!objective.ok) {
      expect(objective.error).toContain('`品牌` could be more than one option (Brand awareness, Brand attitude)');
      expect(objective.error).toContain('1. Category demand');
    }
    expect(one('忠于', 'audience_segment')).toMatchObject({ ok: false, error: expect.stringContaining('Loyal to our brand, Loyal to a competitor') });
    expect(one('转发', 'channels')).toMatchObject({ ok: false, error: expect.stringContaining('Organic KOL and celebrity reposts') });
    expect(one('微信社群', 'channels')).toMatchObject({ ok: false, error: expect.stringContaining('could be more than one option') });
  });

  it('does not take a name that the answer says it is not', () => {
    expect(one('不是品牌', 'key_problem')).toMatchObject({ ok: false, error: expect.stringContaining('names “Brand” but also says not') });
    expect(one('没有高介入', 'involvement')).toMatchObject({ ok: false });
  });

  it('refuses Chinese that names no choice, with the numbered list', () => {
    expect(one('天气', 'key_problem')).toMatchObject({ ok: false, error: expect.stringMatching(/couldn't match `天气`.*\n1\. Market/s) });
    expect(one('品', 'audience_stage')).toMatchObject({ ok: false });
  });

  it.each([
    ['第2个', 'brand'],
    ['第二个', 'brand'],
    ['选项3', 'product'],
    ['第9项', 'logistics'],
    ['２', 'brand'],
  ])('reads the option number %s', (text, id) => {
    expect(one(text, 'key_problem')).toEqual({ ok: true, value: id });
  });

  it('says there is no such option for a Chinese number out of range', () => {
    expect(one('第12个', 'key_problem')).toMatchObject({ ok: false, error: expect.stringContaining('There is no option 12') });
  });
});

describe('lists typed in Chinese', () => {
  it.each([
    '品牌、传播',
    '品牌，传播',
    '品牌,传播',
    '品牌；传播',
    '品牌 、 传播',
    '品牌和传播',
    '品牌与传播',
    '品牌以及传播',
    '品牌\n传播',
    'brand、传播',
    '品牌, communication',
    '2、6',
    '品牌、传播、品牌',
  ])('reads %s as brand and communication', (text) => {
    expect(many(text, 'problems')).toMatchObject({ ok: true, value: ['brand', 'communication'] });
  });

  it('reads the channels of the spring plan in order', () => {
    expect(many('官网、搜索广告、口碑、微信公众号', 'channels')).toEqual({
      ok: true,
      value: ['owned-website', 'paid-search-ads', 'earned-reviews', 'owned-wechat'],
    });
    expect(many('小红书、抖音广告和付费KOL', 'channels')).toMatchObject({ ok: true, value: ['owned-xiaohongshu', 'paid-short-video-ads', 'paid-kol'] });
  });

  it('keeps a name with 和 or 及 in it whole', () => {
    expect(many('邮件和CRM', 'channels')).toEqual({ ok: true, value: ['owned-email-crm'] });
    expect(many('员工及销售人员、官网', 'channels')).toEqual({ ok: true, value: ['owned-employees', 'owned-website'] });
  });

  it('says which piece of a Chinese list it could not read', () => {
    expect(many('品牌、天气', 'problems')).toMatchObject({ ok: false, error: expect.stringContaining('`天气`') });
  });

  it.each(['无', '没有', '暂无', '没有。', 'none'])('reads %s as none of them when the question may be skipped', (text) => {
    expect(many(text, 'research', true)).toEqual({ ok: true, value: [] });
  });

  it('asks for at least one option when none is not allowed', () => {
    expect(many('无', 'problems')).toMatchObject({ ok: false, error: expect.stringContaining('at least one') });
  });
});

describe('English answers are read exactly as without the Chinese names', () => {
  const questions = zhScript.questions.filter((q) => q.choices !== undefined).map((q) => q.id);
  const latin = fc.string({ unit: fc.constantFrom(...'abcdefghiklmnoprstuvwy -,&/0123456789'.split('')), maxLength: 30 });

  it('for any typed Latin text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...questions), latin, (questionId, text) => {
        expect(matchChoice(text, choicesOf(questionId))).toEqual(matchChoice(text, choicesOf(questionId, false)));
        expect(matchChoices(text, choicesOf(questionId))).toEqual(matchChoices(text, choicesOf(questionId, false)));
      }),
      { numRuns: 400 },
    );
  });

  it('for every label, id and prefix of a label', () => {
    for (const questionId of questions) {
      for (const choice of choicesOf(questionId, false)) {
        for (const text of [choice.id, choice.label, choice.label.slice(0, 3), choice.label.toLowerCase().split(' ')[0] ?? '']) {
          expect(matchChoice(text, choicesOf(questionId))).toEqual(matchChoice(text, choicesOf(questionId, false)));
        }
      }
    }
  });
});

/**
 * The questions' own words in Chinese (locales/zh-CN/questions.yml): every question,
 * choice, part, channel, metric and media type has them, they read as a Chinese
 * strategist writes (no English but codes), the examples are answers the questions read
 * with no re-ask, every label the bot shows is read back as that choice, English is
 * unchanged, and a gap or a mistake stops the start naming the file and key.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALES_DIR, loadInputLocales, loadMessageCatalogue, loadReviewLocales } from '../../../src/app/load-locales.js';
import { loadReviewScript, loadScript } from '../../../src/app/load-script.js';
import { readText } from '../../../src/domain/conversation/flow-answer.js';
import { scriptIn, scriptWordLookup } from '../../../src/domain/conversation/script-words.js';
import { createTranslators } from '../../../src/render/i18n/translator.js';
import { GOAL_METRICS, MEDIA_TYPES } from '../../../src/domain/plan/plan.js';
import { zhScript } from '../../support/zh-words.js';

const ENGLISH = loadScript();
const ZH = scriptIn(zhScript, 'zh-CN');
const NOW = new Date(Date.UTC(2026, 0, 1));
const ctx = { now: NOW, timeZone: 'Asia/Shanghai', answers: {}, currency: 'CNY' as const, ...(zhScript.words ? { words: zhScript.words } : {}) };

/** Codes and names a Chinese marketer writes in Latin letters too. */
const CODES = new Set(['B2B', 'B2C', 'CRM', 'KOL', 'CPM', 'NPS', 'MQL', 'SQL', 'CAC', 'CPA', 'ROAS', 'ABM', 'CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD', 'AUD', 'CAD', 'Instagram', 'YouTube']);
function englishWords(text: string): string[] {
  return [...text.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0]).filter((word) => !CODES.has(word));
}

describe('the Chinese questions', () => {
  it('is a translation of the whole script, question for question, with the same structure', () => {
    expect(ZH).not.toBe(zhScript);
    expect(ZH.questions.map((q) => [q.id, q.kind, q.optional, q.when])).toEqual(ENGLISH.questions.map((q) => [q.id, q.kind, q.optional, q.when]));
    for (const [index, question] of ZH.questions.entries()) {
      expect(question.choices?.map((c) => c.id)).toEqual(ENGLISH.questions[index]?.choices?.map((c) => c.id));
    }
  });

  it('writes every label, text, help, example, choice, part and channel in Chinese, with no English word but codes', () => {
    for (const question of ZH.questions) {
      for (const [field, text] of Object.entries({ label: question.label, text: question.text, help: question.help, example: question.example ?? '', section: question.section ?? '' })) {
        expect(englishWords(text), `${question.id}.${field}: ${text}`).toEqual([]);
      }
      expect(question.label).toMatch(/\p{Script=Han}/u);
      expect(question.text).toMatch(/\p{Script=Han}/u);
      for (const choice of question.choices ?? []) expect(englishWords(choice.label), `${question.id}.${choice.id}`).toEqual([]);
    }
    for (const channel of ZH.catalogue) expect(englishWords(channel.name), channel.id).toEqual([]);
    for (const metric of GOAL_METRICS) expect(englishWords(ZH.labels.metric[metric] ?? ''), metric).toEqual([]);
    for (const media of MEDIA_TYPES) expect(ZH.labels.media[media]).toMatch(/\p{Script=Han}/u);
  });

  it('gives every Chinese example as an answer its question reads with no re-ask, and the way a Chinese team writes it', () => {
    for (const question of ZH.questions) {
      if (question.example === undefined || question.kind === 'contact-plan') continue;
      const read = readText(question, question.example, ctx);
      expect(read.ok, `${question.id}: ${question.example}`).toBe(true);
    }
    const example = (id: string) => ZH.questions.find((q) => q.id === id)?.example;
    expect(example('target_revenue')).toBe('100万');
    expect(example('start_date')).toBe('2026年4月1日');
    expect(example('goals')).toMatch(/^认知度 .* 截止 2026年6月30日$/);
  });

  it('reads the Chinese example as the same answer the English example gives, where both say one thing', () => {
    for (const id of ['problems', 'key_problem', 'audience_stage', 'involvement', 'motivation', 'primary_objective', 'currency', 'phasing', 'reach_rate', 'start_date', 'call_to_action']) {
      const english = ENGLISH.questions.find((q) => q.id === id);
      const chinese = ZH.questions.find((q) => q.id === id);
      if (!english || !chinese) throw new Error(id);
      const en = readText(english, english.example ?? '', ctx);
      const zh = readText(english, chinese.example ?? '', ctx);
      expect(zh.ok && en.ok, id).toBe(true);
      if (id === 'start_date') continue;
      if (zh.ok && en.ok) expect(zh.value, id).toEqual(en.value);
    }
  });

  it('picks each choice when its shown Chinese label is typed (into the English flow, beside input.yml’s names)', () => {
    for (const [index, question] of ZH.questions.entries()) {
      const english = ENGLISH.questions[index];
      if (!english || !question.choices) continue;
      for (const choice of question.choices) {
        const read = readText(english, choice.label, { ...ctx, answers: question.id === 'key_problem' ? { problems: { value: [choice.id] } as never } : {} });
        expect(read.ok, `${question.id}: ${choice.label}`).toBe(true);
        if (read.ok) expect(read.value, `${question.id}: ${choice.label}`).toEqual(question.kind === 'multi' ? [choice.id] : choice.id);
      }
    }
  });

  it('reads each Chinese metric label in a goal line', () => {
    const goals = ENGLISH.questions.find((q) => q.id === 'goals');
    if (!goals) throw new Error('no goals');
    for (const metric of ['awareness', 'recognition', 'revenue', 'orders', 'nps', 'roas', 'repeat-rate', 'mql', 'churn'] as const) {
      const line = metric === 'revenue' ? `${ZH.labels.metric[metric]} 0 -> 100万 截止 2027年3月31日` : metric === 'orders' ? `${ZH.labels.metric[metric]} 0 -> 5000 截止 2027年3月31日` : metric === 'roas' ? `${ZH.labels.metric[metric]} 2 -> 3 截止 2027年3月31日` : metric === 'nps' ? `${ZH.labels.metric[metric]} 20 -> 35 截止 2027年3月31日` : `${ZH.labels.metric[metric]} 10% -> 20% 截止 2027年3月31日`;
      const read = readText(goals, line, ctx);
      expect(read.ok, line).toBe(true);
      if (read.ok) expect((read.value as { metric: string }[])[0]?.metric, line).toBe(metric);
    }
  });

  it('leaves English exactly as prompts/plan.yml says it', () => {
    expect(zhScript.questions).toEqual(ENGLISH.questions);
    expect(zhScript.labels).toEqual(ENGLISH.labels);
    expect(scriptIn(zhScript, 'en')).toBe(zhScript);
    expect(ENGLISH.questions.find((q) => q.id === 'brand')?.text).toBe('Which brand (or product line) is this campaign for?');
  });
});

/** A copy of locales/ with zh-CN/questions.yml edited; the start-up error it gives. */
function errorWith(edit: (text: string) => string, load: (dir: string) => unknown = (dir) => loadInputLocales(loadScript(), dir)): string {
  const dir = mkdtempSync(join(tmpdir(), 'imc-questions-'));
  try {
    cpSync(DEFAULT_LOCALES_DIR, dir, { recursive: true });
    const path = join(dir, 'zh-CN', 'questions.yml');
    const text = readFileSync(path, 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    writeFileSync(path, edited);
    load(dir);
    return 'started';
  } catch (error) {
    return (error as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the start-up check of the Chinese questions', () => {
  it('stops on a question without its Chinese text, naming the file and the key', () => {
    expect(errorWith((t) => t.replace('    text: 这次活动是为哪个品牌（或产品线）做的？\n', ''))).toMatch(/zh-CN\/questions\.yml: questions\.brand\.text: .*no text|zh-CN\/questions\.yml: questions\.brand\.text/);
  });

  it('stops on a missing question, choice, channel or metric', () => {
    expect(errorWith((t) => t.replace(/  main_competitor:\n(    .*\n)+/, ''))).toMatch(/questions\.yml: questions\.main_competitor: missing/);
    expect(errorWith((t) => t.replace('      logistics: 物流\n', ''))).toMatch(/questions\.yml: questions\.problems\.choices\.logistics: missing/);
    expect(errorWith((t) => t.replace('  paid-cinema: 影院广告\n', ''))).toMatch(/questions\.yml: channels\.paid-cinema: missing/);
    expect(errorWith((t) => t.replace('  churn: 流失率\n', ''))).toMatch(/questions\.yml: metrics\.churn: missing/);
    expect(errorWith((t) => t.replace('  Budget: 预算\n', ''))).toMatch(/questions\.yml: sections\.Budget: missing/);
  });

  it('stops on a Chinese example its own parser refuses, saying why', () => {
    expect(errorWith((t) => t.replace('    example: 2026年5月31日\n', '    example: 下个月的某天\n'))).toMatch(/questions\.yml: questions\.end_date\.example: "下个月的某天" is not an answer this question accepts/);
    expect(errorWith((t) => t.replace('    example: 100万\n', '    example: 很多钱\n'))).toMatch(/questions\.target_revenue\.example/);
  });

  it('stops on a shown label that input.yml gives to another choice, naming both', () => {
    expect(errorWith((t) => t.replace('      switcher: 品牌转换者\n', '      switcher: 忠于竞品\n'))).toMatch(/questions\.yml: questions\.audience_segment\.choices\.switcher: "忠于竞品" is a name of choice "competitor-loyal" in input\.yml/);
  });

  it('stops on two questions labelling one choice differently, and on an unknown id', () => {
    expect(errorWith((t) => t.replace('    example: 品牌\n    choices:\n      market: 市场\n      brand: 品牌\n', '    example: 品牌\n    choices:\n      market: 市场\n      brand: 品牌形象\n'))).toMatch(/questions\.yml: questions: question "key_problem": choice "brand" is labelled "品牌形象" here but "品牌"/);
    expect(errorWith((t) => t.replace('\nquestions:\n', '\nquestions:\n  slogan:\n    label: 口号\n    text: 口号是什么？\n    help: 一句话。\n'))).toMatch(/questions\.yml: questions\.slogan: there is no question "slogan"/);
  });
});

describe('the start-up check of the Chinese review', () => {
  const review = (dir: string) => loadReviewLocales(loadReviewScript(), dir);
  it('loads the review in Chinese beside English', () => {
    const loaded = loadReviewLocales(loadReviewScript());
    expect(loaded.questions.map((q) => q.label)).toContain('Actual spend');
    expect(loaded.translations?.['zh-CN']?.questions.map((q) => q.label)).toContain('实际花费');
  });

  it('stops on a review question without its Chinese text, an unknown placeholder, or a refused example', () => {
    expect(errorWith((t) => t.replace('    text: 这次活动带来了多少订单？没有这个数字就跳过。\n', ''), review)).toMatch(/questions\.yml: review\.actual_orders\.text/);
    expect(errorWith((t) => t.replace('    label: 目标{n}：{metric}', '    label: 目标{n}：{kpi}'), review)).toMatch(/questions\.yml: review: question "goal": unknown placeholder \{kpi\}/);
    expect(errorWith((t) => t.replace("    example: '1080'", '    example: 一千多单'), review)).toMatch(/questions\.yml: review: question "actual_orders": the example "一千多单"/);
  });
});

describe('a re-ask in the reader’s language', () => {
  const translators = createTranslators(loadMessageCatalogue(), scriptWordLookup(zhScript));
  const refusal = (id: string, typed: string) => {
    const question = zhScript.questions.find((q) => q.id === id);
    if (!question) throw new Error(id);
    const read = readText(question, typed, ctx);
    if (read.ok) throw new Error(`${id} read ${typed}`);
    return read.error;
  };

  it('names the question and its choices in Chinese for a Chinese reader, in English for an English one', () => {
    const unknownChoice = refusal('audience_segment', '随便哪个');
    const zh = translators.for('zh-CN').text(unknownChoice);
    expect(zh).toContain('忠于本品牌');
    expect(zh).toContain('品类新用户');
    expect(zh).not.toContain('Loyal to our brand');
    expect(translators.for('en').text(unknownChoice)).toContain('Loyal to our brand');

    const number = refusal('frequency', '很多次');
    expect(translators.for('zh-CN').text(number)).toContain('频次');
    expect(translators.for('en').text(number)).toContain('frequency');
  });

  it('gives the Chinese example to a Chinese reader', () => {
    const text = refusal('concept', 'x'.repeat(400));
    expect(translators.for('zh-CN').text(text)).toContain('忙碌一天里的一杯从容');
    expect(translators.for('en').text(text)).toContain('A calm cup in a busy day');
  });
});

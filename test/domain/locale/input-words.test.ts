import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScript } from '../../../src/app/load-script.js';
import { ScriptError } from '../../../src/domain/conversation/script.js';
import { mergeInputWords, validateInputWords } from '../../../src/domain/locale/input-words.js';

const script = loadScript();
const REAL = parse(readFileSync(join(import.meta.dirname, '../../../locales/zh-CN/input.yml'), 'utf8')) as Record<string, any>;

/** The real file with one change made by `edit`. */
function edited(edit: (raw: Record<string, any>) => void): Record<string, any> {
  const copy = structuredClone(REAL);
  edit(copy);
  return copy;
}

function problem(raw: unknown): string {
  try {
    validateInputWords(raw, script);
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).code).toBe('SCRIPT_INVALID');
    return (error as Error).message;
  }
  throw new Error('the words were accepted');
}

describe('validateInputWords', () => {
  it('accepts the real zh-CN words and resolves them per question', () => {
    const words = validateInputWords(REAL, script);
    expect(words.choices.key_problem?.brand).toContain('品牌');
    expect(words.choices.problems?.brand).toEqual(words.choices.key_problem?.brand);
    expect(words.choices.secondary_objectives?.['purchase-intention']).toContain('购买意愿');
    expect(Object.keys(words.choices.channels ?? {})).toHaveLength(script.catalogue.length);
    expect(words.questions.budget_available).toContain('预算');
    expect(words.thread.back).toContain('返回');
    expect(words.metrics.revenue).toContain('销售额');
    expect(words.review.actual_spend).toContain('实际花费');
  });

  it.each([
    ['a question without names', (r: any) => delete r.questions.brand, 'questions: no names for question "brand"'],
    ['a question the script does not have', (r: any) => (r.questions.slogan = ['口号']), 'questions.slogan: there is no question "slogan" in the script'],
    ['a review question without names', (r: any) => delete r.review_questions.worked, 'review_questions: no names for review question "worked"'],
    ['a review question the review does not have', (r: any) => (r.review_questions.nps = ['净推荐值']), 'review_questions.nps: the review has no question "nps"'],
    ['one name for two review questions', (r: any) => r.review_questions.worked.push('教训'), 'review_questions: "教训" names both "worked" and "did_not_work"'],
    ['a choice without names', (r: any) => delete r.vocabularies.problem.choices.logistics, 'vocabularies.problem.choices: no names for choice "logistics" (of problems, key_problem)'],
    ['a channel without names', (r: any) => delete r.vocabularies.channel.choices['paid-tv'], 'vocabularies.channel.choices: no names for choice "paid-tv"'],
    ['a choice the questions do not offer', (r: any) => (r.vocabularies.problem.choices.weather = ['天气']), 'vocabularies.problem.choices.weather: not a choice of problems, key_problem'],
    ['a choice question no vocabulary names', (r: any) => delete r.vocabularies.motivation, 'vocabularies: no vocabulary names the choices of question "motivation"'],
    ['a vocabulary naming a question without choices', (r: any) => r.vocabularies.problem.questions.push('brand'), 'vocabularies.problem.questions: "brand" is not a choice question'],
    ['two vocabularies naming one question', (r: any) => r.vocabularies.research.questions.push('problems'), '"problems" is already named by vocabulary "problem"'],
    ['one name for two choices', (r: any) => r.vocabularies.stage.choices.evaluation.push('购买'), 'vocabularies.stage.choices: "购买" names both "evaluation" and "purchase-decision"'],
    ['one name for two choices, written differently', (r: any) => r.vocabularies.involvement.choices.high.push(' 低 '), 'names both "low" and "high"'],
    ['one name for two questions', (r: any) => r.questions.end_date.push('开始日期'), 'questions: "开始日期" names both "start_date" and "end_date"'],
    ['a metric without names', (r: any) => delete r.metrics.orders, 'metrics: no names for metric "orders"'],
    ['a metric the bot does not know', (r: any) => (r.metrics.satisfaction = ['满意度']), 'metrics.satisfaction: not a goal metric'],
    ['one name for two metrics', (r: any) => r.metrics.orders.push('销售额'), 'metrics: "销售额" names both "revenue" and "orders"'],
    ['a thread word that is also a choice', (r: any) => r.thread.skip.push('评估'), 'thread.skip: "评估" is also a name of choice "evaluation" of question "audience_stage"'],
    ['one thread word for two things', (r: any) => r.thread.back.push('取消'), 'thread: "取消" names both "back" and "cancel"'],
    ['a kind of thread word that does not exist', (r: any) => (r.thread.undo = ['撤销']), 'thread: Unrecognized key'],
    ['a missing kind of thread word', (r: any) => delete r.thread.accept, 'thread.accept:'],
    ['a word that is both yes and no', (r: any) => r.no.push('好'), 'yes and no both list "好"'],
    ['a name without Chinese', (r: any) => r.vocabularies.channel.choices['paid-kol'].push('KOL'), 'vocabularies.channel.choices.paid-kol: every name needs a Chinese character'],
    ['an empty name', (r: any) => r.questions.brand.push('  '), 'questions.brand.3: an empty name'],
    ['an empty list', (r: any) => (r.questions.brand = []), 'questions.brand: needs at least one name'],
    ['a key the file does not know', (r: any) => (r.messages = {}), 'Unrecognized key'],
    ['a bad language tag', (r: any) => (r.language = 'Chinese'), 'language: a language tag such as zh-CN'],
  ])('refuses %s, naming the key', (_what, edit, message) => {
    expect(problem(edited(edit))).toContain(message);
  });

  it('refuses something that is not a words file', () => {
    expect(problem(null)).toMatch(/^the file: /);
    expect(problem(['返回'])).toMatch(/^the file: /);
  });

  it('merges the words of several languages into one list per key', () => {
    const zh = validateInputWords(REAL, script);
    const merged = mergeInputWords([zh, { ...zh, yesNo: { yes: ['はい'], no: ['いいえ'] } }]);
    expect(merged?.yesNo.yes).toEqual([...zh.yesNo.yes, 'はい']);
    expect(merged?.choices.key_problem?.brand).toEqual([...(zh.choices.key_problem?.brand ?? []), ...(zh.choices.key_problem?.brand ?? [])]);
    expect(mergeInputWords([])).toBeUndefined();
  });
});

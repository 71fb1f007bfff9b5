import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretReply, startFlow, stepFlow, type FlowEffect, type FlowInput, type StepResult } from '../../../src/domain/conversation/flow.js';
import { resolveTarget } from '../../../src/domain/conversation/flow-target.js';
import { THREAD_WORD_KINDS } from '../../../src/domain/conversation/interpret-reply.js';
import { TYPED_ANSWERS } from '../../fixtures/typed-answers.js';
import { FREE_TEXT_QUESTIONS, TYPED_ANSWERS_ZH } from '../../fixtures/typed-answers-zh.js';
import { ZH, zhScript } from '../../support/zh-words.js';
import { en } from '../../support/words.js';
import { inEnglish, type InEnglish } from '../../support/english-effects.js';

// Tuesday 10 November 2026 in Shanghai, before the campaign's dates.
const NOW = new Date('2026-11-10T03:00:00Z');
const TZ = 'Asia/Shanghai';

const read = (text: string): FlowInput => interpretReply(text, ZH.thread);

function send(result: StepResult, text: string): StepResult {
  return stepFlow(zhScript, result.state, read(text), NOW);
}

function asked(result: StepResult): InEnglish<Extract<FlowEffect, { type: 'ask' | 'reask' }>> | undefined {
  const found = result.effects.find((e): e is Extract<FlowEffect, { type: 'ask' | 'reask' }> => e.type === 'ask' || e.type === 'reask');
  return found && inEnglish(found);
}

/** Answers every question from `answers`, accepting warnings with `accept`, and counts the re-asks. */
function converse(answers: Record<string, string>, accept: string): { result: StepResult; reasks: string[]; questions: string[] } {
  let result = startFlow(zhScript, { now: NOW, timeZone: TZ });
  const reasks: string[] = [];
  const questions: string[] = [];
  for (let guard = 0; guard < 80; guard += 1) {
    if (result.state.status === 'finished') return { result, reasks, questions };
    if (result.state.status === 'checking') {
      result = send(result, accept);
      continue;
    }
    const ask = asked(result);
    if (!ask) throw new Error(`nothing asked: ${JSON.stringify(result.effects)}`);
    if (ask.type === 'reask') reasks.push(`${ask.question.id}: ${ask.error}`);
    if (reasks.length > 0) return { result, reasks, questions };
    questions.push(ask.question.id);
    result = send(result, answers[ask.question.id] ?? '');
  }
  throw new Error('the conversation never finished');
}

function walkTo(questionId: string): StepResult {
  let result = startFlow(zhScript, { now: NOW, timeZone: TZ });
  for (let guard = 0; guard < 60 && asked(result)?.question.id !== questionId; guard += 1) {
    result = send(result, TYPED_ANSWERS_ZH[asked(result)?.question.id ?? ''] ?? '');
  }
  return result;
}

describe('the plan conversation answered in Chinese', () => {
  it('finishes with zero re-asks and the same plan as the English answers', () => {
    const chinese = converse(TYPED_ANSWERS_ZH, '接受');
    expect(chinese.reasks).toEqual([]);
    const english = converse(TYPED_ANSWERS, 'accept');
    expect(english.reasks).toEqual([]);
    expect(chinese.questions).toEqual(english.questions);
    // The contact plan's rows carry the concept, which stays as typed: compare the rest of each row.
    const withoutMessages = (value: unknown) =>
      value !== null && typeof value === 'object' && 'rows' in value
        ? { ...value, rows: (value as { rows: { message?: string }[] }).rows.map(({ message: _message, ...row }) => row) }
        : value;
    const values = (r: StepResult) =>
      Object.fromEntries(
        Object.entries(r.state.answers)
          .filter(([id]) => !FREE_TEXT_QUESTIONS.includes(id))
          .map(([id, a]) => [id, withoutMessages(a.value) ?? 'skipped']),
      );
    expect(values(chinese.result)).toEqual(values(english.result));
    const finished = chinese.result.effects.find((e) => e.type === 'finished');
    expect(finished).toMatchObject({ plan: { brand: '月叶茶', keyProblem: 'communication', budget: { currency: 'CNY', available: 25_000_000 } } });
  });
});

describe('thread words in Chinese', () => {
  it.each([
    ['返回', 'back'],
    ['上一步', 'back'],
    ['返回。', 'back'],
    ['跳过', 'skip'],
    ['跳过！', 'skip'],
    ['状态', 'status'],
    ['进度', 'status'],
    ['帮助', 'help'],
    ['？', 'help'],
    ['取消', 'cancel'],
    ['使用', 'use-suggestion'],
    ['接受', 'accept-warnings'],
    ['*接受*', 'accept-warnings'],
  ])('reads %s as %s', (text, type) => {
    expect(read(text)).toEqual({ type });
  });

  it('reads every thread word of the locale file as its kind', () => {
    const types: Record<string, string> = { back: 'back', skip: 'skip', status: 'status', help: 'help', cancel: 'cancel', use: 'use-suggestion', accept: 'accept-warnings', 'scale-down': 'scale-down' };
    for (const kind of THREAD_WORD_KINDS) {
      for (const word of ZH.thread[kind]) {
        const input = read(word);
        if (kind === 'change') expect(input, word).toEqual({ type: 'change', target: '', raw: word });
        else expect(input, word).toEqual({ type: types[kind] });
      }
    }
  });

  it.each([
    ['修改 预算', '预算'],
    ['修改预算', '预算'],
    ['修改一下预算', '预算'],
    ['更改 开始日期', '开始日期'],
    ['修改 budget', 'budget'],
    ['change 预算', '预算'],
    ['修改', ''],
  ])('reads %s as change with the target %s', (text, target) => {
    expect(read(text)).toEqual({ type: 'change', target, raw: text });
  });

  it('reads the contact plan\'s row commands in Chinese: the row number, and only what follows as the change', () => {
    expect(read('修改第3行')).toEqual({ type: 'edit-row', row: 3 });
    expect(read('修改第 3 行')).toEqual({ type: 'edit-row', row: 3 });
    expect(read('修改第3行：timing: launch')).toEqual({ type: 'edit-row', row: 3, text: 'timing: launch' });
    expect(read('修改3 timing: launch')).toEqual({ type: 'edit-row', row: 3, text: 'timing: launch' });
    expect(read('删除第3行')).toEqual({ type: 'remove-row', row: 3 });
    expect(read('添加一行')).toEqual({ type: 'add-row' });
    expect(read('change row 3')).toEqual({ type: 'edit-row', row: 3 });
  });

  it('reads a reply that only contains a thread word as an answer', () => {
    for (const text of ['返回上海', '跳过早餐的上班族', '帮助年轻人放松', '取消订单太麻烦', '接受度', '使用场景']) {
      expect(read(text)).toEqual({ type: 'text', text });
    }
  });

  it('reads Chinese thread words only when given the locale words, and English the same either way', () => {
    expect(interpretReply('返回')).toEqual({ type: 'text', text: '返回' });
    // Closing punctuation and full-width forms are read alike either way (fast-check found `?.`).
    for (const text of ['?.', 'help~', 'ｈｅｌｐ', 'skip!!']) expect(read(text)).toEqual(interpretReply(text));
    expect(interpretReply('?.')).toEqual({ type: 'help' });
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('back', 'skip', 'Change budget', 'use it', 'help', '?', 'status.', 'go back'), fc.string({ maxLength: 30 })), (text) => {
        fc.pre(!/\p{Script=Han}|？/u.test(text));
        expect(read(text)).toEqual(interpretReply(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('修改 <question> names a question by its Chinese name', () => {
  const funnel = { primary_objective: { value: 'purchase-intention' } };

  it.each([
    ['预算', 'budget_available'],
    ['开始日期', 'start_date'],
    ['核心概念', 'concept'],
    ['概念', 'concept'],
    ['渠道', 'channels'],
    ['关键问题', 'key_problem'],
    ['问题', 'problems'],
    ['客单价', 'average_order_value'],
    ['一下预算', 'budget_available'],
    ['我们的预算', 'budget_available'],
  ])('%s -> %s', (target, id) => {
    expect(resolveTarget(zhScript, funnel, target)).toMatchObject({ ok: true, value: { id } });
  });

  it('finds every Chinese name of every question (or says why it does not apply)', () => {
    for (const question of zhScript.questions) {
      for (const name of ZH.questions[question.id] ?? []) {
        const resolved = resolveTarget(zhScript, funnel, name);
        if (resolved.ok) expect(resolved.value.id, name).toBe(question.id);
        else expect(en(resolved.error), name).toMatch(new RegExp(`^"${question.label}" does not apply`));
      }
    }
  });

  it('says which questions an ambiguous Chinese target could mean', () => {
    const dates = resolveTarget(zhScript, funnel, '日期');
    expect(dates).toMatchObject({ ok: false, unknown: false });
    if (!dates.ok) expect(en(dates.error)).toMatch(/"日期" could mean Start date, End date, Review date, Peak starts, or Peak ends/);
    const objective = resolveTarget(zhScript, funnel, '目标');
    if (objective.ok) throw new Error('目标 should be ambiguous');
    expect(en(objective.error)).toMatch(/"目标" could mean Audience, Primary objective, Secondary objectives, Goals, or Target revenue\./);
    expect(resolveTarget(zhScript, funnel, '天气')).toMatchObject({ ok: false, unknown: true });
  });

  it('goes back to the budget with 修改 预算 and comes back to where it was', () => {
    const atDates = walkTo('start_date');
    const changing = send(atDates, '修改 预算');
    expect(asked(changing)).toMatchObject({ type: 'ask', question: { id: 'budget_available' }, current: '¥250,000' });
    const answered = send(changing, '30万');
    expect(answered.state.answers.budget_available?.value).toBe(30_000_000);
    expect(asked(answered)?.question.id).toBe('start_date');
  });

  it('takes a long Chinese sentence that starts with 更改 as the answer to a free-text question', () => {
    const atStatement = walkTo('problem_statement');
    const answered = send(atStatement, '更改包装以后销量下降了一半');
    expect(answered.state.answers.problem_statement?.value).toBe('更改包装以后销量下降了一半');
    const short = send(atStatement, '修改天气');
    expect(inEnglish(short.effects[0] as FlowEffect)).toMatchObject({ type: 'info', message: expect.stringContaining('I don\'t know a question called "天气"') });
  });

  it('skips an optional question with 跳过 and refuses to skip a required one', () => {
    const atResearch = walkTo('research');
    expect(send(atResearch, '跳过').state.answers.research).toEqual({ skipped: true });
    const atBrand = walkTo('brand');
    expect(inEnglish(send(atBrand, '跳过').effects[0] as FlowEffect)).toMatchObject({ type: 'info', message: expect.stringContaining("can't be skipped") });
  });

  it('goes back with 返回 and shows the earlier answer', () => {
    const atProblems = walkTo('problems');
    expect(asked(send(atProblems, '返回'))).toMatchObject({ question: { id: 'brand' }, current: '月叶茶' });
  });

  it('takes the suggested answer with 使用', () => {
    const started = startFlow(zhScript, { now: NOW, timeZone: TZ, suggestions: { brand: { text: 'Moonleaf Tea', source: 'the last review' } } });
    const atBrand = send(started, '春季冷萃上市');
    expect(send(atBrand, '使用').state.answers.brand?.value).toBe('Moonleaf Tea');
  });
});

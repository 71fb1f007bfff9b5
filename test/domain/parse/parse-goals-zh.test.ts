import { describe, expect, it } from 'vitest';
import { parseGoals, type GoalContext } from '../../support/english-parsers.js';
import { GOAL_METRICS } from '../../../src/domain/plan/plan.js';
import { ZH } from '../../support/zh-words.js';
import { parseGoals as rawParseGoals } from '../../../src/domain/parse/index.js';
import { zh } from '../../support/words.js';

// Tuesday 10 November 2026 in Shanghai.
const CONTEXT: GoalContext = { now: new Date('2026-11-10T03:00:00Z'), timeZone: 'Asia/Shanghai', currency: 'CNY', metricNames: ZH.metrics };

function goals(text: string, context: GoalContext = CONTEXT) {
  return parseGoals(text, context);
}

function error(text: string, context: GoalContext = CONTEXT): string {
  const result = goals(text, context);
  if (result.ok) throw new Error(`expected ${text} to be rejected, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const REVENUE = { metric: 'revenue', unit: 'money', baseline: 0, target: 100_000_000, direction: 'increase', deadline: '2027-03-31', source: 'sales' };
const AWARENESS = { metric: 'awareness', unit: 'percent', baseline: 0.1, target: 0.4, direction: 'increase', deadline: '2027-03-31', source: 'survey' };

describe('goals written in Chinese', () => {
  it('reads the two lines of the issue', () => {
    expect(goals('销售额 0 -> 100万 截止 2027年3月31日')).toEqual({ ok: true, value: [REVENUE] });
    expect(goals('认知度 10% 到 40% 3月底前')).toEqual({ ok: true, value: [AWARENESS], note: 'Line 1: Read `3月底` as 31 Mar 2027.' });
  });

  it.each([
    '认知度 10% 到 40% 截止 2027年3月31日',
    '认知度10%到40%截止2027年3月31日',
    '认知度 10% → 40% 截止 2027年3月31日',
    '认知度 10% -> 40% 截止 2027年3月31日',
    '认知度 10% 至 40% 截止 2027年3月31日',
    '认知度从10%提升到40%，截止2027年3月31日',
    '认知度 从 10% 提高到 40% 截至 2027年3月31日',
    '提升认知度 10% 到 40% 截止 2027年3月31日',
    '认知度：10% 到 40%，2027年3月31日前',
    '认知度 10% 到 40% 2027年3月31日之前',
    '认知度 10% 到 40% 2027年3月31日以前',
    '认知度 10% 到 40% 2027年3月31日',
    '认知度 10% 到 40% 截止日期：2027-03-31',
    '认知度 10% 到 40% by 2027-03-31',
    '认知度 百分之十 到 百分之四十 截止 2027年3月31日',
    '认知度：１０％→４０％，截止２０２７年３月３１日',
    '品牌认知度 10% 到 40% 三月底前',
    '- 认知度 10% 到 40% 3月底前',
    '1、认知度 10% 到 40% 3月底前',
    '一、认知度 10% 到 40% 3月底前',
    'awareness 10% 到 40% 截止 2027年3月31日',
  ])('reads %s', (text) => {
    expect(goals(text)).toMatchObject({ ok: true, value: [AWARENESS] });
  });

  it.each([
    ['销售额 0 -> 100万 截止 2027年3月31日'],
    ['销售额 ¥0 -> ￥100万 截止 2027年3月31日'],
    ['营收 0 到 一百万元 2027年3月31日前'],
    ['销售额 0元 到 100万元 截止 2027年3月31日'],
    ['GMV 0 到 100万 截止 2027年3月31日'],
  ])('reads the revenue goal %s in the plan currency', (text) => {
    expect(goals(text)).toMatchObject({ ok: true, value: [REVENUE] });
  });

  it('reads every Chinese name of every metric the bot knows', () => {
    for (const metric of GOAL_METRICS) {
      const names = ZH.metrics[metric];
      expect(names.length, metric).toBeGreaterThan(0);
      for (const name of names) {
        expect(goals(`${name} 10 到 20 截止 2027年3月31日`), name).toMatchObject({ ok: true, value: [{ metric }] });
        expect(goals(`${name}10到20截止2027年3月31日`), name).toMatchObject({ ok: true, value: [{ metric }] });
      }
    }
  });

  it('reads a decrease from the verb of the arrow or of the line, only for a metric that should go down', () => {
    expect(goals('流失率 8% 降到 5% 截止 3月底')).toMatchObject({ ok: true, value: [{ metric: 'churn', direction: 'decrease', target: 0.05 }] });
    expect(goals('降低 获客成本 300 到 200 截止 3月底')).toMatchObject({ ok: true, value: [{ metric: 'cac', direction: 'decrease' }] });
    expect(error('订单数 1000 降到 500 截止 3月底')).toContain("should go up, so I can't `降到` it");
    expect(error('降低 订单数 1000 到 500 截止 3月底')).toContain("should go up, so I can't `降低` it");
    expect(goals('订单数 0 增长到 1000 截止 3月底')).toMatchObject({ ok: true, value: [{ direction: 'increase' }] });
    expect(goals('订单数 0单 到 1000单 截止 3月底')).toMatchObject({ ok: true, value: [{ baseline: 0, target: 1000 }] });
  });

  it('reads several lines, each with its own deadline', () => {
    const result = goals('转化率 1% 到 2% 截止 2027年3月31日\n销售额 ¥0 -> 100万 2027年6月30日前');
    expect(result).toMatchObject({
      ok: true,
      value: [
        { metric: 'conversion', baseline: 0.01, target: 0.02, deadline: '2027-03-31' },
        { metric: 'revenue', target: 100_000_000, deadline: '2027-06-30' },
      ],
    });
  });

  it('takes the review date when a Chinese line has no deadline, as for English', () => {
    expect(goals('认知度 10% 到 40%', { ...CONTEXT, defaultDeadline: '2027-04-15' })).toMatchObject({ ok: true, value: [{ deadline: '2027-04-15' }] });
  });

  it('re-asks in the terms of the line: Chinese metric names and a Chinese example', () => {
    const unknown = error('满意度 1 到 2 截止 2027年3月31日');
    expect(unknown).toContain("I don't know that metric");
    // Listed the reader's way: by commas for an English reader, by 、 for a Chinese one.
    expect(unknown).toContain('认知度, 辨识度, 无提示认知度, 信任度');
    const raw = rawParseGoals('满意度 1 到 2 截止 2027年3月31日', CONTEXT);
    expect(!raw.ok && zh(raw.error)).toContain('认知度、辨识度、无提示认知度、信任度');
    expect(unknown).toContain('For example: `认知度 10% 到 40% 截止 2027年3月31日`');
    expect(error('认知度 10% 到 40%')).toContain('`截止 2027年3月31日` or `3月底前`');
    expect(error('认知度 10% 到 40% 明年3月前')).toContain('`2027年3月1日` or `2027年3月底`');
    expect(error('认知度 10% 40% 截止 3月底')).toContain('an arrow and a target');
    expect(error('认知度 10% 到 很多 截止 3月底')).toContain('the target `很多`');
  });

  it('reads English goal lines as before, and Chinese names only when given them', () => {
    expect(goals('awareness 10% -> 40% by 2027-03-31')).toMatchObject({ ok: true, value: [AWARENESS] });
    expect(error('awareness 10% -> 40%')).toContain('`by <date>`');
    const english = { ...CONTEXT, metricNames: undefined };
    expect(error('认知度 10% 到 40% 截止 2027年3月31日', english)).toContain('start the line with one of: awareness, aided awareness, unaided awareness');
  });
});

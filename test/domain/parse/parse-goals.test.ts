import { describe, expect, it } from 'vitest';
import { parseGoals } from '../../support/english-parsers.js';
import { GoalSchema, type Goal } from '../../../src/domain/plan/plan.js';

const CONTEXT = { now: new Date('2026-03-01T17:00:00Z'), timeZone: 'Asia/Shanghai', currency: 'CNY' as const };

function goals(text: string, context: Parameters<typeof parseGoals>[1] = CONTEXT): Goal[] {
  const result = parseGoals(text, context);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function error(text: string, context: Parameters<typeof parseGoals>[1] = CONTEXT): string {
  const result = parseGoals(text, context);
  if (result.ok) throw new Error(`expected rejection, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('parseGoals', () => {
  it('reads every documented line format', () => {
    const text = [
      '- awareness 10% -> 40% by 2027-03-31',
      '• conversion: 1% to 2% by 2027-03-31',
      '* revenue ¥0 -> ¥1,000,000 by Mar 31',
      '',
      '1. orders 0 -> 1,000 by 2027-03-31',
      'trust 3.2 -> 4 by end of March',
      'new customers 500 → 2,000 by 2027-06-30',
      'shares 2k => 10k by 2027-06-30',
    ].join('\n');
    expect(goals(text)).toEqual([
      { metric: 'awareness', unit: 'percent', baseline: 0.1, target: 0.4, direction: 'increase', deadline: '2027-03-31' },
      { metric: 'conversion', unit: 'percent', baseline: 0.01, target: 0.02, direction: 'increase', deadline: '2027-03-31' },
      { metric: 'revenue', unit: 'money', baseline: 0, target: 100_000_000, direction: 'increase', deadline: '2026-03-31' },
      { metric: 'orders', unit: 'count', baseline: 0, target: 1000, direction: 'increase', deadline: '2027-03-31' },
      { metric: 'trust', unit: 'score', baseline: 3.2, target: 4, direction: 'increase', deadline: '2026-03-31' },
      { metric: 'acquisition', unit: 'count', baseline: 500, target: 2000, direction: 'increase', deadline: '2027-06-30' },
      { metric: 'sharing', unit: 'count', baseline: 2000, target: 10_000, direction: 'increase', deadline: '2027-06-30' },
    ]);
  });

  it('produces goals the plan schema accepts', () => {
    for (const goal of goals('awareness 10% -> 40% by 2027-03-31\nrevenue 1m -> 2m by 2027-03-31')) {
      expect(GoalSchema.parse(goal)).toEqual(goal);
    }
  });

  it.each([
    ['popularity 10% -> 20% by 2027-01-01', 'awareness'],
    ['brand awareness 10% -> 20% by 2027-01-01', 'awareness'],
    ['acquisition 10 -> 20 by 2027-01-01', 'acquisition'],
    ['sales ¥1m -> ¥2m by 2027-01-01', 'revenue'],
    ['sharing 10 -> 20 by 2027-01-01', 'sharing'],
    ['conversion rate 1% -> 2% by 2027-01-01', 'conversion'],
    ['repeat purchase 20% -> 30% by 2027-01-01', 'retention'],
    ['Reputation 3 -> 4 by 2027-01-01', 'reputation'],
  ])('maps the metric name in %s to %s', (line, metric) => {
    expect(goals(line)[0]?.metric).toBe(metric);
  });

  it('reads bare numbers for a percent metric as percent, with a note', () => {
    const result = parseGoals('awareness 10 -> 40 by 2027-03-31', CONTEXT);
    expect(result).toMatchObject({ ok: true, value: [{ unit: 'percent', baseline: 0.1, target: 0.4 }] });
    expect(result.ok && result.note).toMatch(/Line 1: Read `10` as 10 %/);
  });

  it('makes a goal percent when any value carries %', () => {
    expect(goals('trust 40% -> 60% by 2027-03-31')[0]).toMatchObject({ unit: 'percent', baseline: 0.4, target: 0.6 });
  });

  it('sets direction from reduce/decrease/lower and flags a target below the baseline', () => {
    expect(goals('reduce repeat purchase 30% -> 20% by 2027-01-01')[0]?.direction).toBe('decrease');
    expect(goals('lower trust 4 -> 3 by 2027-01-01')[0]?.direction).toBe('decrease');
    const result = parseGoals('awareness 40% -> 30% by 2027-01-01', CONTEXT);
    expect(result).toMatchObject({ ok: true, value: [{ direction: 'increase' }], note: expect.stringMatching(/`reduce`/) });
  });

  it('uses the default deadline when a line has none', () => {
    expect(goals('awareness 10% -> 40%', { ...CONTEXT, defaultDeadline: '2027-12-31' })[0]?.deadline).toBe('2027-12-31');
    expect(error('awareness 10% -> 40%')).toMatch(/Line 1 \(`awareness 10% -> 40%`\): .*`by <date>`\. For example: `awareness 10% -> 40% by 2027-03-31`/);
  });

  it('names the failing line, counting blank lines', () => {
    const message = error('awareness 10% -> 40% by 2027-03-31\n\nhappiness 1 -> 2 by 2027-03-31');
    expect(message).toMatch(/^Line 3 \(`happiness 1 -> 2 by 2027-03-31`\): I don't know that metric/);
    expect(message).toContain('For example: `awareness 10% -> 40% by 2027-03-31`');
  });

  it.each([
    ['awareness 10% by 2027-03-31', /arrow/],
    ['awareness -> 40% by 2027-03-31', /starting value is missing/],
    ['awareness 10% -> by 2027-03-31', /target|arrow/],
    ['awareness 10% -> 140% by 2027-03-31', /more than 100 %/],
    ['orders 1.5 -> 3 by 2027-03-31', /whole number/],
    ['orders -5 -> 3 by 2027-03-31', /count/],
    ['revenue $5 -> $10 by 2027-03-31', /amount in CNY/],
    ['awareness 10% -> 40% by someday', /deadline/],
    ['awareness 10% -> 40% by 2026-02-30', /deadline/],
    ['awareness 10% -> 20% -> 30% by 2027-03-31', /arrow/],
  ])('rejects %s with the line and an example', (line, reason) => {
    const message = error(line);
    expect(message).toMatch(reason);
    expect(message).toMatch(/^Line 1 /);
    expect(message).toContain('`awareness 10% -> 40% by 2027-03-31`');
  });

  it('rejects no goals, more than ten goals and hostile input', () => {
    expect(error('')).toMatch(/awareness 10% -> 40%/);
    expect(error('\n  \n- \n')).toMatch(/didn't find any goals/);
    expect(error(Array.from({ length: 11 }, () => 'awareness 10% -> 40% by 2027-03-31').join('\n'))).toMatch(/11 goals.*10/);
    expect(error('x'.repeat(100_000))).toMatch(/too long/);
    expect(error(`awareness 10% -> 40% by 2027-03-31\nawareness ${'-'.repeat(1000)}`)).toMatch(/^Line 2 is too long.*for example `awareness/);
    expect(error('<!channel> 1 -> 2 by 2027-01-01')).toMatch(/Line 1/);
  });
});

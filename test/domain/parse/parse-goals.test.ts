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
      { metric: 'awareness', unit: 'percent', baseline: 0.1, target: 0.4, direction: 'increase', deadline: '2027-03-31', source: 'survey' },
      { metric: 'conversion', unit: 'percent', baseline: 0.01, target: 0.02, direction: 'increase', deadline: '2027-03-31', source: 'analytics' },
      { metric: 'revenue', unit: 'money', baseline: 0, target: 100_000_000, direction: 'increase', deadline: '2026-03-31', source: 'sales' },
      { metric: 'orders', unit: 'count', baseline: 0, target: 1000, direction: 'increase', deadline: '2027-03-31', source: 'sales' },
      { metric: 'trust', unit: 'score', baseline: 3.2, target: 4, direction: 'increase', deadline: '2026-03-31', source: 'survey' },
      { metric: 'acquisition', unit: 'count', baseline: 500, target: 2000, direction: 'increase', deadline: '2027-06-30', source: 'crm' },
      { metric: 'sharing', unit: 'count', baseline: 2000, target: 10_000, direction: 'increase', deadline: '2027-06-30', source: 'platform' },
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
    ['repeat purchase 20% -> 30% by 2027-01-01', 'repeat-rate'],
    ['retention rate 20% -> 30% by 2027-01-01', 'retention'],
    ['Reputation 3 -> 4 by 2027-01-01', 'reputation'],
    ['favourability 30% -> 40% by 2027-01-01', 'favourability'],
    ['leads 100 -> 400 by 2027-01-01', 'leads'],
    ['MQL 40 -> 120 by 2027-01-01', 'mql'],
    ['marketing-qualified leads 40 -> 120 by 2027-01-01', 'mql'],
    ['SQLs 10 -> 30 by 2027-01-01', 'sql'],
    ['pipeline ¥1m -> ¥3m by 2027-01-01', 'pipeline'],
    ['demo requests 20 -> 60 by 2027-01-01', 'demo-requests'],
    ['purchase intent 12% -> 20% by 2027-01-01', 'purchase-intent'],
    ['consideration 15% -> 25% by 2027-01-01', 'consideration'],
    ['NPS 20 -> 35 by 2027-01-01', 'nps'],
    ['share of voice 8% -> 15% by 2027-01-01', 'share-of-voice'],
    ['engagement rate 2% -> 4% by 2027-01-01', 'engagement'],
    ['followers 10k -> 50k by 2027-01-01', 'followers'],
    ['reach 1m -> 3m by 2027-01-01', 'reach'],
    ['churn 8% -> 5% by 2027-01-01', 'churn'],
    ['CAC ¥120 -> ¥90 by 2027-01-01', 'cac'],
    ['CPA ¥120 -> ¥90 by 2027-01-01', 'cac'],
    ['ROAS 2.5 -> 4 by 2027-01-01', 'roas'],
    ['site visits 10k -> 30k by 2027-01-01', 'visits'],
  ])('maps the metric name in %s to %s', (line, metric) => {
    expect(goals(line)[0]?.metric).toBe(metric);
  });

  it('keeps aided awareness (recognition) and unaided awareness (recall) apart from plain awareness', () => {
    const [aided, unaided, plain, prompted, topOfMind] = goals(
      [
        'aided awareness 20% -> 35% by 2027-01-01',
        'unaided awareness 5% -> 12% by 2027-01-01',
        'awareness 10% -> 20% by 2027-01-01',
        'prompted awareness 20% -> 30% by 2027-01-01',
        'top of mind 3% -> 6% by 2027-01-01',
      ].join('\n'),
    );
    expect([aided?.metric, unaided?.metric, plain?.metric, prompted?.metric, topOfMind?.metric]).toEqual(['recognition', 'recall', 'awareness', 'recognition', 'recall']);
  });

  it('reads the data source in brackets or after via/source, and assumes the usual one otherwise', () => {
    expect(goals('awareness 12% -> 30% by 2027-03-31 (survey)')[0]?.source).toBe('survey');
    expect(goals('awareness 12% -> 30% by 2027-03-31 [brand tracker]')[0]?.source).toBe('survey');
    expect(goals('leads 100 -> 400 by 2027-03-31 via HubSpot')[0]?.source).toBe('crm');
    expect(goals('conversion 1% -> 2% (source: platform) by 2027-03-31')[0]?.source).toBe('platform');
    expect(goals('revenue ¥0 -> ¥1m by 2027-03-31 measured by analytics')[0]?.source).toBe('analytics');
    // The usual source of each metric when none is named.
    expect(goals('followers 1k -> 5k by 2027-03-31')[0]?.source).toBe('platform');
    expect(goals('mql 10 -> 40 by 2027-03-31')[0]?.source).toBe('crm');
    expect(goals('awareness 10% -> 20% by 2027-03-31')[0]?.source).toBe('survey');
    expect(error('awareness 10% -> 20% by 2027-03-31 (source: nielsen)')).toMatch(/don't know the data source `nielsen`/);
  });

  it('reads NPS below zero but not outside -100 to 100', () => {
    expect(goals('nps -5 -> 20 by 2027-03-31')[0]).toMatchObject({ metric: 'nps', unit: 'score', baseline: -5, target: 20 });
    expect(error('nps -5 -> 120 by 2027-03-31')).toMatch(/outside the NPS range/);
    expect(error('trust -1 -> 4 by 2027-03-31')).toMatch(/isn't a score/);
  });

  it('reads bare numbers for a percent metric as percent, with a note', () => {
    const result = parseGoals('awareness 10 -> 40 by 2027-03-31', CONTEXT);
    expect(result).toMatchObject({ ok: true, value: [{ unit: 'percent', baseline: 0.1, target: 0.4 }] });
    expect(result.ok && result.note).toMatch(/Line 1: Read `10` as 10 %/);
  });

  it('makes a goal percent when any value carries %', () => {
    expect(goals('trust 40% -> 60% by 2027-03-31')[0]).toMatchObject({ unit: 'percent', baseline: 0.4, target: 0.6 });
  });

  it('takes the direction from the metric: churn and acquisition cost go down, everything else up', () => {
    expect(goals('churn 8% -> 5% by 2027-01-01')[0]?.direction).toBe('decrease');
    expect(goals('reduce churn 8% -> 5% by 2027-01-01')[0]?.direction).toBe('decrease');
    expect(goals('lower CAC ¥200 -> ¥150 by 2027-01-01')[0]?.direction).toBe('decrease');
    expect(goals('improve retention 30% -> 40% by 2027-01-01')[0]?.direction).toBe('increase');
    expect(goals('grow revenue ¥1m -> ¥2m by 2027-01-01')[0]?.direction).toBe('increase');
  });

  it('accepts "reduce" only for metrics that should go down, and "increase" only for those that should go up', () => {
    expect(error('reduce retention 30% -> 20% by 2027-01-01')).toMatch(/retention is a metric that should go up, so I can't `reduce` it/);
    expect(error('lower repeat rate 30% -> 20% by 2027-01-01')).toMatch(/should go up/);
    expect(error('cut trust 4 -> 3 by 2027-01-01')).toMatch(/should go up/);
    expect(error('increase churn 5% -> 8% by 2027-01-01')).toMatch(/churn is a metric that should go down, so I can't `increase` it/);
  });

  it('flags a target on the wrong side of the baseline, which the rules then refuse', () => {
    const up = parseGoals('awareness 40% -> 30% by 2027-01-01', CONTEXT);
    expect(up).toMatchObject({ ok: true, value: [{ direction: 'increase' }], note: expect.stringMatching(/awareness should go up/) });
    const down = parseGoals('churn 5% -> 8% by 2027-01-01', CONTEXT);
    expect(down).toMatchObject({ ok: true, value: [{ direction: 'decrease' }], note: expect.stringMatching(/churn should go down/) });
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

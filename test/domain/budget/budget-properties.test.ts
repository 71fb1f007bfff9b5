/**
 * Properties of the closing budget over random valid plans: the money closes line by
 * line to the minor unit, the channels that buy a task get what the task needs or the
 * shortfall is reported exactly, and no figure the team reads is NaN, negative or
 * Infinity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseBudget, MIN_COVERAGE } from '../../../src/domain/budget/budget.js';
import type { BudgetSketch, MoneyLines, TaskLine } from '../../../src/domain/budget/budget-types.js';
import { formatMoney } from '../../../src/domain/plan/format.js';
import { PHASING_PATTERNS, PlanDraftSchema, type Channel, type PlanDraft } from '../../../src/domain/plan/plan.js';
import { evaluatePlan } from '../../../src/domain/rules/index.js';
import { budgetSketchView, sketchContextOf } from '../../../src/render/budget-sketch-view.js';
import { createRenderer } from '../../../src/render/renderer.js';
import { SAMPLE_LABELS } from '../../fixtures/plans.js';
import { fixOf, problemOf } from '../../support/finding-words.js';
import { translator } from '../../support/words.js';

const EN = translator('en');

const CHANNELS: Channel[] = [
  { id: 'paid-search-ads', name: 'Search ads', media: 'paid', stages: ['information-search', 'evaluation', 'purchase-decision'] },
  { id: 'paid-ecommerce-ads', name: 'E-commerce ads', media: 'paid', stages: ['evaluation', 'purchase-decision'] },
  { id: 'paid-online-video', name: 'Online video', media: 'paid', stages: ['need-recognition'] },
  { id: 'owned-website', name: 'Website', media: 'owned', stages: ['information-search', 'evaluation', 'purchase-decision'] },
  { id: 'owned-email-crm', name: 'Email and CRM', media: 'owned', stages: ['purchase-decision', 'post-purchase'] },
  { id: 'earned-reviews', name: 'Reviews', media: 'earned', stages: ['information-search', 'evaluation'] },
];

const money = (max: number) => fc.integer({ min: 1, max });
/** Rates a plan may budget on: from 0.01 % to 100 %, to a billionth. */
const rate = fc.integer({ min: 100_000, max: 1_000_000_000 }).map((ppb) => ppb / 1e9);

const funnel = fc.record({
  targetRevenue: money(2_000_000_000),
  averageOrderValue: money(1_000_000),
  conversionRate: rate,
  costPerVisit: money(50_000),
  customerValue: fc.option(money(5_000_000), { nil: undefined }),
});
const reach = fc.record({
  audienceSize: fc.integer({ min: 1, max: 50_000_000 }),
  reachRate: rate,
  frequency: fc.integer({ min: 1, max: 200 }).map((tenths) => tenths / 10),
  cpm: money(500_000),
});
const retention = fc.record({
  baseCustomers: fc.integer({ min: 1, max: 2_000_000 }),
  repeatRateUplift: rate,
  costPerContact: fc.integer({ min: 1, max: 5_000 }),
  averageOrderValue: fc.option(money(1_000_000), { nil: undefined }),
});
const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10));

/** A valid plan of any of the three models, with any channels, costs, lines and money. */
const plan: fc.Arbitrary<PlanDraft> = fc
  .record({
    model: fc.constantFrom('funnel', 'reach', 'retention'),
    channels: fc.subarray(CHANNELS),
    funnel,
    reach,
    retention,
    available: fc.option(fc.integer({ min: 0, max: 5_000_000_000 }), { nil: undefined }),
    nonMedia: fc.array(fc.record({ kind: fc.constantFrom('production', 'content', 'pr', 'agency'), amount: fc.integer({ min: 0, max: 50_000_000 }) }), { maxLength: 3 }),
    ownCosts: fc.array(fc.record({ channelId: fc.constantFrom('paid-search-ads', 'paid-ecommerce-ads', 'paid-online-video'), costPerVisit: money(20_000), cpm: money(200_000) }), { maxLength: 2 }),
    reserveRate: fc.integer({ min: 0, max: 50 }).map((p) => p / 100),
    incentive: fc.option(fc.record({ value: money(100_000), expectedRedemptions: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }) }), { nil: undefined }),
    grossMargin: fc.option(rate, { nil: undefined }),
    dates: fc.tuple(day, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 })),
    pattern: fc.option(fc.constantFrom(...PHASING_PATTERNS), { nil: undefined }),
    scaledDown: fc.boolean(),
  })
  .map((p) => {
    const [start, a, b, c] = p.dates;
    const at = (n: number) => new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const [first, last] = [Math.min(a, b), Math.max(a, b)];
    const objective = p.model === 'reach' ? 'brand-awareness' : 'purchase-intention';
    return PlanDraftSchema.parse({
      primaryObjective: objective,
      audience: { description: 'x', stage: p.model === 'retention' ? 'post-purchase' : p.model === 'reach' ? 'need-recognition' : 'evaluation' },
      channels: p.channels,
      messageType: p.incentive ? 'both' : 'brand',
      ...(p.incentive ? { incentive: { ...p.incentive, stages: [] } } : {}),
      goals: [
        { metric: 'revenue', unit: 'money', baseline: 0, target: p.funnel.targetRevenue, deadline: '2030-01-01' },
        { metric: 'orders', unit: 'count', baseline: 0, target: 1000, deadline: '2030-01-01' },
      ],
      budget: {
        currency: 'CNY',
        available: p.available,
        reserveRate: p.reserveRate,
        nonMedia: p.nonMedia,
        channelCosts: p.ownCosts,
        grossMargin: p.grossMargin,
        pattern: p.pattern,
        peak: { start: at(first), end: at(last) },
        scaledDown: p.scaledDown,
        ...(p.model === 'funnel' ? { funnel: p.funnel } : p.model === 'reach' ? { reach: p.reach } : { retention: p.retention }),
      },
      startDate: start,
      endDate: at(Math.max(last, c)),
    });
  });

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const linesOf = (lines: MoneyLines): TaskLine[] => [...(lines.traffic?.lines ?? []), ...(lines.reach?.lines ?? []), ...(lines.retention?.lines ?? [])];
const unplacedOf = (lines: MoneyLines) => (lines.traffic?.unplaced ?? 0) + (lines.reach?.unplaced ?? 0) + (lines.retention?.unplaced ?? 0);

/** Every number in the sketch, wherever it sits, except the contribution per order (a margin below the incentive is a real loss). */
function numbersIn(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === 'contributionPerOrder' || k === 'valuePerOrder' ? [] : numbersIn(v, `${path}.${k}`)));
  }
  return [];
}

/** A figure a person would read as broken: NaN, Infinity, or a negative amount or count. */
const BROKEN = /NaN|Infinity|(?:^|[\s(:])[-−][¥$€£]?\d/;

const renderer = createRenderer();
const runs = { numRuns: 400 };

describe('the closing budget, for any valid plan', () => {
  it('closes line by line to the minor unit, and places exactly the money available (or the need)', () => {
    fc.assert(
      fc.property(plan, (draft) => {
        const sketch = analyseBudget(draft).sketch;
        if (!sketch) return;
        for (const lines of [sketch.need, sketch.funded]) {
          expect(sum(linesOf(lines).map((l) => l.amount)) + unplacedOf(lines)).toBe(lines.working);
          expect(lines.working + lines.nonMediaTotal + (lines.incentive?.amount ?? 0) + lines.reserve).toBe(lines.total);
          for (const line of linesOf(lines)) {
            expect(line.amount).toBe(line.unit === 'thousand-impressions' ? Math.ceil((line.units * line.unitCost) / 1000) : line.units * line.unitCost);
          }
        }
        expect(sketch.unallocated).toBeGreaterThanOrEqual(0);
        expect(sketch.funded.total + sketch.unallocated).toBe(sketch.available ?? sketch.need.total);
        expect(sketch.total).toBe(sketch.available ?? sketch.need.total);
        expect(sum(sketch.phases.map((p) => p.amount))).toBe(sum(linesOf(sketch.funded).filter((l) => l.media === 'paid' || l.unit === 'contact').map((l) => l.amount)));
      }),
      runs,
    );
  });

  it('gives the buying channels what the task needs, or reports the gap to the minor unit', () => {
    fc.assert(
      fc.property(plan, (draft) => {
        const sketch = analyseBudget(draft).sketch;
        if (!sketch) return;
        if (sketch.status !== 'shortfall') {
          expect(linesOf(sketch.funded)).toEqual(linesOf(sketch.need));
          expect(sketch.gap).toBe(0);
          return;
        }
        expect(sketch.gap).toBe(sketch.need.total - sketch.available!);
        expect(sketch.gap).toBeGreaterThan(0);
        // Short: no channel gets more than its need, and what is left over cannot buy one more unit anywhere.
        linesOf(sketch.funded).forEach((line, i) => expect(line.units).toBeLessThanOrEqual(linesOf(sketch.need)[i]!.units));
        const findings = evaluatePlan(draft, { today: '2026-12-01', labels: SAMPLE_LABELS });
        const coverage = sketch.coverage ?? 0;
        if (coverage >= MIN_COVERAGE || sketch.scaledDown) {
          expect(problemOf(findings.find((f) => f.rule === 'BUDGET-SHORTFALL'))).toContain(`${formatMoney(sketch.gap, 'CNY')} short`);
        } else {
          expect(findings.some((f) => f.rule === 'BUDGET-ABSURD' && f.severity === 'error')).toBe(true);
        }
      }),
      runs,
    );
  });

  it('holds no NaN, negative or infinite figure, in the sketch or in any message about it', () => {
    fc.assert(
      fc.property(plan, (draft) => {
        const analysis = analyseBudget(draft);
        const sketch: BudgetSketch | undefined = analysis.sketch;
        for (const [path, value] of numbersIn(sketch)) {
          expect(Number.isFinite(value), path).toBe(true);
          expect(value, path).toBeGreaterThanOrEqual(0);
        }
        const text = renderer.render('budget-sketch', budgetSketchView(sketch, sketchContextOf(draft, 'Budget sketch'), EN), EN);
        const findings = evaluatePlan(draft, { today: '2026-12-01', labels: SAMPLE_LABELS }).filter((f) => f.rule.startsWith('BUDGET-'));
        for (const message of [text, ...findings.flatMap((f) => [problemOf(f), fixOf(f)])]) expect(message).not.toMatch(BROKEN);
      }),
      runs,
    );
  });
});

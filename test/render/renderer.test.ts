import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BudgetSketch } from '../../src/domain/budget/budget-types.js';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { PlanSchema, type StoredFinding, type Plan } from '../../src/domain/plan/plan.js';
import { mrkdwn } from '../../src/render/escape.js';
import { DEFAULT_TEMPLATE_DIR, RenderError, createRenderer, escapeViewModel } from '../../src/render/renderer.js';
import { budgetSketchView, sketchContextOf } from '../../src/render/budget-sketch-view.js';
import { findingsView } from '../../src/render/findings-view.js';
import { strategySummaryView } from '../../src/render/strategy-summary-view.js';
import { SAMPLE_LABELS, sampleDraft, sampleDraftWithOfferValue } from '../fixtures/plans.js';
import { findingReader } from '../support/finding-words.js';
import { translator } from '../support/words.js';

const EN = translator('en');

const HOSTILE = '<!channel> & <@U123>';
const HOSTILE_SHOWN = '&lt;!channel&gt; &amp; &lt;@U123&gt;';
const renderer = createRenderer();

function samplePlan(): Plan {
  return PlanSchema.parse(sampleDraft());
}

/** Every free-text field, channel name and finding text is the hostile string. */
function hostilePlan(): { plan: Plan; findings: StoredFinding[]; sketch: BudgetSketch } {
  const plan = samplePlan();
  Object.assign(plan, { campaign: HOSTILE, brand: HOSTILE, problemStatement: HOSTILE, concept: HOSTILE });
  plan.audience.description = HOSTILE;
  plan.channels = plan.channels.map((channel) => ({ ...channel, id: HOSTILE, name: HOSTILE, region: HOSTILE }));
  const sketch = buildBudgetSketch(plan);
  if (!sketch) throw new Error('the sample plan should have a budget sketch');
  sketch.phases = sketch.phases.map((phase) => ({ ...phase, name: HOSTILE }));
  const findings: StoredFinding[] = ['error', 'warning', 'tip'].map((severity) => ({
    rule: HOSTILE,
    severity: severity as StoredFinding['severity'],
    problem: HOSTILE,
    principle: HOSTILE,
    fix: HOSTILE,
  }));
  return { plan, findings, sketch };
}

describe('renderer with hostile text', () => {
  it('escapes every user string in the strategy summary; the only markup is the mention the bot built', () => {
    const { plan, findings, sketch } = hostilePlan();
    const text = renderer.render('strategy-summary', strategySummaryView(plan, findingsView(findings, findingReader('en')), SAMPLE_LABELS, EN, { planId: 'P1', authorId: 'UAUTHOR', sketch }), EN);
    expect(text).toContain(HOSTILE_SHOWN);
    expect(text.match(/</g)).toHaveLength(1);
    expect(text).toContain('planned by <@UAUTHOR>');
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('escapes every user string in the budget sketch and the findings', () => {
    const { plan, findings, sketch } = hostilePlan();
    for (const text of [
      renderer.render('budget-sketch', budgetSketchView(sketch, sketchContextOf(plan, 'Budget sketch'), EN), EN),
      renderer.render('findings', findingsView(findings, findingReader('en'))),
    ]) {
      expect(text).toContain(HOSTILE_SHOWN);
      expect(text).not.toContain('<');
    }
  });

  it('shows quotes and apostrophes as typed, with no HTML entities', () => {
    const plan = samplePlan();
    plan.concept = `It's "the" one`;
    const text = renderer.render('strategy-summary', strategySummaryView(plan, findingsView([], findingReader('en')), SAMPLE_LABELS, EN), EN);
    expect(text).toContain(`“It's "the" one”`);
    expect(text).not.toMatch(/&#x27;|&quot;|&#39;/);
  });

  it('does not let a value forge a section break or a new line', () => {
    const plan = samplePlan();
    plan.concept = 'one\n---\ntwo';
    const text = renderer.render('strategy-summary', strategySummaryView(plan, findingsView([], findingReader('en')), SAMPLE_LABELS, EN), EN);
    expect(text).toContain('“one --- two”');
    expect(text.split('\n').filter((line) => line === '---')).toHaveLength(
      renderer.render('strategy-summary', strategySummaryView(samplePlan(), findingsView([], findingReader('en')), SAMPLE_LABELS, EN), EN).split('\n').filter((l) => l === '---').length,
    );
  });
});

describe('renderer with a full plan', () => {
  it('renders the strategy summary with the brief, goals and their sources, the message and incentive plan, the contact plan, schedule and findings', () => {
    const plan = PlanSchema.parse(sampleDraftWithOfferValue());
    const findings: StoredFinding[] = [
      { rule: 'APPEAL-FIT', severity: 'tip', problem: 'Low involvement buyers skim.', principle: 'p', fix: 'Repeat one benefit.' },
      { rule: 'RESEARCH-INSIGHT', severity: 'warning', problem: 'No interviews yet.', principle: 'p', fix: 'Talk to five buyers.' },
    ];
    const text = renderer.render('strategy-summary', strategySummaryView(plan, findingsView(findings, findingReader('en')), SAMPLE_LABELS, EN, { sketch: buildBudgetSketch(plan) }), EN);
    expect(text).toContain('*Campaign:* Spring cold brew launch 2027');
    expect(text).toContain('*The brief*\nAchieve purchase intention (conversion 2.5 % → 3.5 %) among office workers aged 25–35');
    expect(text).toContain('(from evaluation to purchase) by promising “A smooth cold brew ready the moment you are” — grounded in the insight that switchers want');
    expect(text).toContain('• Conversion: 2.5 % → 3.5 % by 30 Apr 2027 · measured by analytics');
    expect(text).toContain('• Reason to believe: brewed for 18 hours and poured in under a minute');
    expect(text).toContain('*The incentive*\n• Coupon, costing ¥10 per redemption\n• Who qualifies: first order in the app\n• When: launch month\n• Expected redemptions: 20,000\n• Offered at: Purchase decision');
    expect(text).toContain('*Contact plan*: 8 touchpoints across 2 stages\nJourney: Evaluation of alternatives → Purchase decision');
    expect(text).toContain(
      '*Purchase decision* · say: _the offer, a call to action, where to buy_\n`7` *Search ads* (paid, search ad) · always on · offer: coupon worth ¥10 · KPI: Conversion (analytics)\n`8` *E-commerce platform ads* (paid, platform ad) · launch · offer: coupon worth ¥10',
    );
    expect(text).toContain('Review after the campaign: *14 May 2027*');
    expect(text).toContain('*Checks: 1 warning and 1 tip*');
    expect(text.indexOf('RESEARCH-INSIGHT')).toBeLessThan(text.indexOf('APPEAL-FIT'));
    expect(text).toMatch(/• Warm-up: \d+ Mar 2027/);
  });

  it('renders the worked funnel case: 100,000 visits and ¥200,000; ¥150,000 funds 68,181 of them', () => {
    const plan = samplePlan();
    plan.budget = {
      currency: 'CNY',
      available: 15_000_000,
      reserveRate: 0.1,
      funnel: { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 },
    };
    const text = renderer.render('budget-sketch', budgetSketchView(buildBudgetSketch(plan), sketchContextOf(plan, 'Budget sketch'), EN), EN);
    expect(text).toContain('= ¥1,000,000 ÷ (1 % × ¥1,000) = *100,000 visits*, about 1,000 orders');
    expect(text).toContain('Working media = visits × cost per visit = *¥200,000*');
    // The sample's three paid channels share the visits: 33,334 + 33,333 + 33,333 at ¥2.
    expect(text).toContain('• Search ads (Paid): 33,334 visits × ¥2 = ¥66,668');
    // ¥220,000 needed; ¥150,000 funds W ≤ ¥136,363.63: 68,181 visits = ¥136,362 + ¥13,636.20 reserve, ¥1.80 left.
    expect(text).toContain('Shortfall of ¥70,000: 68 % of the need is covered');
    expect(text).toContain('• Reserve: ¥13,636.20 of ¥20,000 needed _(10 % of the working money, for tests and contingency)_');
    expect(text).toContain('• Unallocated: ¥1.80');
    expect(text).toContain('*Total funded: ¥150,000 of ¥220,000 needed*');
  });

  it('renders the reach maths for an awareness plan', () => {
    const plan = samplePlan();
    plan.primaryObjective = 'brand-awareness';
    plan.budget = {
      currency: 'CNY',
      reserveRate: 0.1,
      reach: { audienceSize: 2_000_000, reachRate: 0.4, frequency: 3, cpm: 5_000 },
    };
    const text = renderer.render('budget-sketch', budgetSketchView(buildBudgetSketch(plan), sketchContextOf(plan, 'Budget sketch'), EN), EN);
    expect(text).toContain('= 2,000,000 × 40 % × 3 = *2,400,000 impressions*');
    expect(text).toContain('Working media = impressions ÷ 1,000 × CPM = *¥120,000*');
    expect(text).toContain('• Search ads (Paid): 800,000 impressions at ¥50 per 1,000 = ¥40,000');
    expect(text).not.toContain('Against the money available');
  });

  it('says what is missing when there is no budget sketch', () => {
    const text = renderer.render('budget-sketch', budgetSketchView(undefined, sketchContextOf(samplePlan(), 'Budget sketch'), EN), EN);
    expect(text).toMatch(/^There is no budget sketch yet/);
  });

  it('renders a clean findings list', () => {
    expect(renderer.render('findings', findingsView([], findingReader('en')))).toBe(':white_check_mark: *Checks:* the plan passes every IMC rule.');
  });
});

describe('renderer strictness', () => {
  it('fails loudly on a missing field instead of printing nothing', () => {
    const { campaign: _dropped, ...view } = strategySummaryView(samplePlan(), findingsView([], findingReader('en')), SAMPLE_LABELS, EN);
    expect(() => renderer.render('strategy-summary', view, EN)).toThrow(/"campaign" not defined/);
  });

  it('fails loudly when a flag used by #if is missing', () => {
    const { hasFindings: _dropped, ...view } = findingsView([], findingReader('en'));
    const error = catchError(() => renderer.render('findings', view));
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).code).toBe('template_failed');
  });

  it('names an unknown template', () => {
    const error = catchError(() => renderer.render('no-such-template', {}));
    expect((error as RenderError).code).toBe('template_not_found');
  });

  it('refuses values that are not pre-formatted', () => {
    expect(() => escapeViewModel({ when: new Date(0) })).toThrow(/Date/);
  });

  it('passes bot-built markup through and escapes everything else, deeply', () => {
    expect(escapeViewModel({ a: ['<b>'], c: { d: mrkdwn('<@U1>') }, n: 1, f: false, z: null })).toEqual({
      a: ['&lt;b&gt;'],
      c: { d: '<@U1>' },
      n: 1,
      f: false,
      z: null,
    });
  });

  it('refuses, when it is created, a template that does not compile, naming the file and the line', () => {
    const error = catchError(() => createRenderer(join(import.meta.dirname, '../fixtures/templates/broken')));
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).code).toBe('template_invalid');
    expect((error as Error).message).toMatch(/templates\/broken\/greeting\.hbs does not compile: Parse error on line 4 \(unexpected end of file: a block is not closed\)/);
  });

  it('compiles every shipped template at creation', () => {
    expect(() => createRenderer()).not.toThrow();
  });

  it('reads and compiles each template once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imc-templates-'));
    writeFileSync(join(dir, 'hello.hbs'), 'Hello {{name}}');
    const own = createRenderer(dir);
    expect(own.render('hello', { name: 'A & B' })).toBe('Hello A &amp; B');
    writeFileSync(join(dir, 'hello.hbs'), 'Changed {{name}}');
    expect(own.render('hello', { name: 'C' })).toBe('Hello C');
  });

  it('checked by the build: reads the templates at warm() or the first render, which renders as usual, partials and all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imc-templates-lazy-'));
    writeFileSync(join(dir, 'inner.hbs'), '[{{name}}]');
    writeFileSync(join(dir, 'outer.hbs'), 'Hello {{> inner}}');
    const lazy = createRenderer(dir, { checkedAtBuild: true });
    // Not read yet: a template written after creation is still found.
    writeFileSync(join(dir, 'late.hbs'), 'Late {{name}}');
    expect(lazy.render('outer', { name: 'A & B' })).toBe('Hello [A &amp; B]');
    expect(lazy.render('late', { name: 'C' })).toBe('Late C');
    expect(() => lazy.render('missing', {})).toThrow(/Template "missing.hbs" not found .*known: /);
    const warmed = createRenderer(DEFAULT_TEMPLATE_DIR, { checkedAtBuild: true });
    warmed.warm();
    expect(warmed.render('findings', findingsView([], findingReader('en')))).toBe(renderer.render('findings', findingsView([], findingReader('en'))));
  });
});

describe("a template's own words ({{t}})", () => {
  const dir = mkdtempSync(join(tmpdir(), 'imc-templates-t-'));
  writeFileSync(join(dir, 'words.hbs'), '{{t "pages.summary.campaign" campaign=name}}');
  writeFileSync(join(dir, 'unknown.hbs'), '{{t "pages.no_such_key"}}');
  const own = createRenderer(dir);

  it("says the catalogue's words in the language of this render, the value escaped once", () => {
    expect(own.render('words', { name: 'A & <!here>' }, EN)).toBe('*Campaign:* A &amp; &lt;!here&gt;');
    expect(own.render('words', { name: 'A & <!here>' }, translator('zh-CN'))).toBe('*活动：* A &amp; &lt;!here&gt;');
  });

  it('refuses to render words without a translator, or a key the catalogue lacks', () => {
    expect(() => own.render('words', { name: 'x' })).toThrow(/needs the reader's translator/);
    expect(() => own.render('unknown', {}, EN)).toThrow(/the catalogue has no such key/);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

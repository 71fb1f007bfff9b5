import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { buildBudgetSketch } from '../../../src/domain/budget/budget.js';
import { PlanSchema, type Plan } from '../../../src/domain/plan/plan.js';
import { budgetChartModel } from '../../../src/render/chart/budget-chart-model.js';
import { budgetChartSvg, columns } from '../../../src/render/chart/budget-chart-svg.js';
import { chartFontFiles, woffToSfnt } from '../../../src/render/chart/chart-font.js';
import { renderChartPng } from '../../../src/render/chart/render-chart-png.js';
import { budgetChartBlocks } from '../../../src/slack/blocks/budget-chart-blocks.js';
import { findBlockKitProblem } from '../../../src/local-slack/block-kit-limits.js';
import { sampleDraft } from '../../fixtures/plans.js';
import { darkPixels, decodePng } from '../../support/png.js';

const plan = (): Plan => PlanSchema.parse(sampleDraft());

describe('the budget chart model', () => {
  it('follows the sketch: one bar per funded line (channels, non-media, reserve), adding up to the total, and the paid spend by phase', () => {
    const p = plan();
    const sketch = buildBudgetSketch(p);
    const model = budgetChartModel(p, sketch, 2);
    expect(model?.title).toBe('Budget: Spring cold brew launch 2027 (v2)');
    const [allocation, phases] = model?.panels ?? [];
    const lines = sketch?.funded.traffic?.lines ?? [];
    expect(allocation?.bars.slice(0, lines.length).map((bar) => [bar.label, bar.value])).toEqual(lines.map((line) => [line.name, line.amount]));
    expect(allocation?.bars.map((bar) => bar.label)).toContain('Reserve');
    expect(allocation?.bars.reduce((sum, bar) => sum + bar.value, 0)).toBe(sketch?.total);
    expect(allocation?.title).toMatch(/^Allocation of ¥[\d,]+ by channel$/);
    expect(phases?.bars.reduce((sum, bar) => sum + bar.value, 0)).toBe(sketch?.phases.reduce((sum, phase) => sum + phase.amount, 0));
    expect(phases?.bars[0]?.label).toContain(`${sketch?.phases[0]?.name}: `);
    expect(model?.altText).toContain('the largest is');
  });

  it('names a non-media bar by its kind, as the text sketch does, and an "other" cost by its own words', () => {
    const p = plan();
    const withCosts: Plan = {
      ...p,
      budget: {
        ...p.budget,
        nonMedia: [
          { kind: 'content', description: 'for Website and WeChat official account and mini program', amount: 2_000_000 },
          { kind: 'pr', description: 'for Reviews and word of mouth', amount: 1_000_000 },
          { kind: 'other', description: 'Pop-up stand rental', amount: 500_000 },
        ],
      },
    };
    const labels = budgetChartModel(withCosts, buildBudgetSketch(withCosts))?.panels[0]?.bars.map((bar) => bar.label) ?? [];
    expect(labels).toEqual(expect.arrayContaining(['Content', 'PR and seeding', 'Pop-up stand rental']));
    expect(labels.some((label) => label.startsWith('for '))).toBe(false);
  });

  it('has nothing to draw without a sketch, and no phase chart without dates', () => {
    const p = plan();
    expect(budgetChartModel(p, undefined)).toBeUndefined();
    const undated = { ...p, budget: { ...p.budget } };
    const sketch = buildBudgetSketch(undated);
    expect(budgetChartModel(undated, sketch && { ...sketch, phases: [] })?.panels.map((panel) => panel.id)).toEqual(['allocation']);
  });
});

describe("Slack's native chart blocks", () => {
  it('are bar charts within Slack\'s limits, in major units, with short unique labels', () => {
    const p = plan();
    p.channels = p.channels.map((channel) => ({ ...channel, name: 'A channel with a very long name indeed' }));
    const model = budgetChartModel(p, buildBudgetSketch(p), 1);
    const blocks = budgetChartBlocks(model!, 'chart|P-ABCDE');
    expect(findBlockKitProblem(blocks, 'message')).toBeUndefined();
    const categories = (blocks[0] as { chart: { axis_config: { categories: string[] } } }).chart.axis_config.categories;
    expect(new Set(categories).size).toBe(categories.length);
    expect(categories.every((label) => label.length <= 20)).toBe(true);
    const values = (blocks[0] as { chart: { series: { data: { value: number }[] }[] } }).chart.series[0]!.data.map((d) => d.value);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo((buildBudgetSketch(p)?.total ?? 0) / 100, 2);
  });
});

describe('the chart as SVG and PNG', () => {
  it('escapes what people typed, and counts a Chinese character as two columns', () => {
    const p = plan();
    p.campaign = '<script>&"x"';
    const { svg } = budgetChartSvg(budgetChartModel(p, buildBudgetSketch(p))!);
    expect(svg).toContain('&lt;script&gt;&amp;&quot;x&quot;');
    expect(svg).not.toContain('<script>');
    expect(columns('微信 ok')).toBe(7);
  });

  it('is a real PNG of the expected size with its text drawn, Chinese included', async () => {
    const p = plan();
    p.campaign = '春季冷萃上市';
    const model = budgetChartModel(p, buildBudgetSketch(p), 1)!;
    const { svg, width, height } = budgetChartSvg(model);
    const image = await renderChartPng(model);
    expect(image.png.length).toBeGreaterThan(10_000);
    expect(image.png.length).toBeLessThan(500_000);
    const decoded = decodePng(image.png);
    expect([decoded.width, decoded.height]).toEqual([width * 2, height * 2]);
    const everything = { x: 0, y: 0, width: decoded.width, height: decoded.height };
    const ink = darkPixels(decoded, everything);
    expect(ink).toBeGreaterThan(5_000);
    // Without a font resvg drops all text silently: the same picture then has (almost) no ink.
    const bare = decodePng(new Resvg(svg, { fitTo: { mode: 'width', value: width * 2 }, font: { loadSystemFonts: false } }).render().asPng());
    expect(darkPixels(bare, everything)).toBeLessThan(ink / 50);
    // The Chinese title is drawn: the title row has ink where the six characters are.
    const titleRow = { x: 2 * (28 + 'Budget: '.length * 24 * 0.602), y: 50, width: 2 * 6 * 24, height: 64 };
    expect(darkPixels(decoded, titleRow)).toBeGreaterThan(600);
  });

  it('unpacks the bundled WOFF font, and refuses what is not one', () => {
    const woff = readFileSync(createRequire(import.meta.url).resolve('@fontsource/unifontex/files/unifontex-latin-400-normal.woff'));
    const font = woffToSfnt(woff);
    expect(font.readUInt32BE(0)).toBe(0x00010000);
    expect(font.length).toBe(woff.readUInt32BE(16));
    expect(() => woffToSfnt(Buffer.from('not a font at all, just some text'))).toThrow(/WOFF/);
  });

  it('unpacks the fonts again when a temp cleaner removed them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imc-fonts-test-'));
    try {
      const first = await chartFontFiles(dir);
      expect(first).toHaveLength(3);
      await rm(first[2] as string);
      const again = await chartFontFiles(dir);
      expect(again.every((path) => existsSync(path))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

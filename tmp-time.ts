import { Resvg } from '@resvg/resvg-js';
import { buildBudgetSketch } from './src/domain/budget/budget.js';
import { PlanSchema } from './src/domain/plan/plan.js';
import { budgetChartModel } from './src/render/chart/budget-chart-model.js';
import { budgetChartSvg } from './src/render/chart/budget-chart-svg.js';
import { sampleDraft } from './test/fixtures/plans.js';
const p = PlanSchema.parse(sampleDraft());
const { svg, width } = budgetChartSvg(budgetChartModel(p, buildBudgetSketch(p), 1)!);
const f = '/tmp/imc-bot-fonts/UnifontExMono-5.2.6.ttf';
for (const [name, opts] of [['s2', { fitTo: { mode: 'width', value: width * 2 } }], ['s1', {}], ['s2 speed', { fitTo: { mode: 'width', value: width * 2 }, textRendering: 0, shapeRendering: 0 }], ['s2 crisp', { fitTo: { mode: 'width', value: width * 2 }, shapeRendering: 1, textRendering: 0 }]] as const) {
  let t = performance.now();
  const r = new Resvg(svg, { ...(opts as object), font: { loadSystemFonts: false, fontFiles: [f], defaultFontFamily: 'UnifontExMono' } });
  const c = performance.now() - t; t = performance.now();
  const img = r.render(); const png = img.asPng();
  console.log(name, 'construct', Math.round(c), 'render', Math.round(performance.now() - t), png.length);
}

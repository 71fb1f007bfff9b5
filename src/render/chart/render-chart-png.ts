/**
 * The budget chart as a PNG: the SVG from `budgetChartSvg`, rasterised by resvg
 * with the bundled font (system fonts are not loaded: the picture is the same on
 * every machine). Rendered at twice the size so it stays sharp on high-density screens.
 */
import { createRequire } from 'node:module';
import type { BudgetChartModel } from './budget-chart-model.js';
import { budgetChartSvg, CHART_FONT_FAMILY } from './budget-chart-svg.js';
import { chartFontFiles } from './chart-font.js';

/**
 * resvg, a native module (~25 ms to load), is required at the first chart, not at start;
 * a require of our own, so the bundle of npm start (scripts/bundle.mjs) leaves it out too.
 */
let resvgModule: typeof import('@resvg/resvg-js') | undefined;
function loadResvg(): typeof import('@resvg/resvg-js') {
  resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  return resvgModule;
}

/** A rendered chart: the PNG bytes and their pixel size. */
export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

/** Renders the model to a PNG at `scale` times the SVG's size (default 2). */
export async function renderChartPng(model: BudgetChartModel, scale = 2): Promise<ChartImage> {
  const { svg, width } = budgetChartSvg(model);
  const fontFiles = await chartFontFiles();
  const { Resvg } = loadResvg();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * scale },
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: CHART_FONT_FAMILY, monospaceFamily: CHART_FONT_FAMILY },
  });
  const rendered = resvg.render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}

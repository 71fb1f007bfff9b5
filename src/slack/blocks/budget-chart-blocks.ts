/**
 * Slack's native chart (`data_visualization`, bar charts) for the budget chart
 * model. Slack's limits shape it: titles of at most 50 characters, category labels
 * of at most 20 and unique, at most 20 bars; values are in major units (yuan,
 * dollars) so the axis reads like the sketch.
 */
import type { BudgetChartModel, ChartBar, ChartPanel } from '../../render/chart/budget-chart-model.js';
import type { Block } from './block-kit.js';
import { truncate } from './block-kit.js';

const MAX_TITLE = 50;
const MAX_LABEL = 20;
const MAX_POINTS = 20;

/** One bar chart block per panel of the model (allocation, phases). */
export function budgetChartBlocks(model: BudgetChartModel, blockIdPrefix: string): Block[] {
  return model.panels.map((panel) => chartBlock(panel, model, `${blockIdPrefix}-${panel.id}`));
}

function chartBlock(panel: ChartPanel, model: BudgetChartModel, blockId: string): Block {
  const bars = foldTail(panel.bars, model.otherLabel);
  const labels = uniqueLabels(bars.map((bar) => truncate(bar.short ?? bar.label, MAX_LABEL)));
  return {
    type: 'data_visualization',
    block_id: truncate(blockId, 255),
    title: truncate(panel.title, MAX_TITLE),
    chart: {
      type: 'bar',
      series: [{ name: model.currency, data: bars.map((bar, index) => ({ label: labels[index] as string, value: bar.value / model.minorPerMajor })) }],
      axis_config: { categories: labels, y_label: model.currency },
    },
  };
}

/** Past 20 bars, the smallest are added up into one "Other" bar (named in the reader's language). */
function foldTail(bars: ChartBar[], other: string): ChartBar[] {
  if (bars.length <= MAX_POINTS) return bars;
  const kept = bars.slice(0, MAX_POINTS - 1);
  const rest = bars.slice(MAX_POINTS - 1);
  return [...kept, { label: other, value: rest.reduce((sum, bar) => sum + bar.value, 0), kind: 'paid', display: '' }];
}

function uniqueLabels(labels: string[]): string[] {
  const seen = new Set<string>();
  return labels.map((label) => {
    let candidate = label;
    for (let n = 2; seen.has(candidate); n += 1) candidate = `${truncate(label, MAX_LABEL - String(n).length - 1)} ${n}`;
    seen.add(candidate);
    return candidate;
  });
}

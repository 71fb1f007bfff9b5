/**
 * Shows the budget chart of a posted version, after its budget sketch is in the
 * channel (an outbox effect, so it never delays an acknowledgement and survives a
 * restart). `native` adds Slack's chart blocks to the sketch message; where Slack
 * refuses them (`invalid_blocks`: a workspace without charts) or they would not fit,
 * a PNG of the same chart is shared instead. Slack finishes an upload
 * asynchronously, so the PNG is shared by `files.completeUploadExternal` itself and
 * no block ever points at a file still being processed. The text sketch stays as it
 * is, for screen readers and notifications.
 */
import type { BudgetChartMode } from '../config.js';
import { buildBudgetSketch } from '../domain/budget/budget.js';
import type { EffectPerformer } from '../app/outbox-worker.js';
import { SlackCallError, type Logger, type MessagePresenter, type Messenger } from '../app/ports.js';
import type { Surfaces } from '../app/surface-ports.js';
import { budgetChartModel, type BudgetChartModel } from '../render/chart/budget-chart-model.js';
import { renderChartPng } from '../render/chart/render-chart-png.js';
import { escapeMrkdwn } from '../render/escape.js';
import type { PlanRecord } from '../app/plan-record.js';
import { budgetChartBlocks } from './blocks/budget-chart-blocks.js';

/** The effect name the plan service queues after a version's budget sketch. */
export const BUDGET_CHART_EFFECT = 'budget-chart';

const MAX_MESSAGE_BLOCKS = 50;

export interface BudgetChartEffectOptions {
  mode: BudgetChartMode;
  /** Draws the budget sketch again (in the channel's language) to add the chart blocks under it. */
  presenter: MessagePresenter;
  messenger: Messenger;
  surfaces: Surfaces;
  logger: Logger;
}

/** The performer of `budget-chart` effects. */
export function budgetChartEffect(options: BudgetChartEffectOptions): EffectPerformer {
  const { mode, logger } = options;
  return async (record, item) => {
    const version = record.versions.find((candidate) => candidate.version === item.version);
    // A version replaced before its chart went out gets none: the newer one brings its own.
    if (mode === 'off' || !version || version.supersededAt) return;
    const sketch = buildBudgetSketch(version.plan);
    const model = budgetChartModel(version.plan, sketch, version.version);
    if (!model) return;
    let shareImage = mode === 'image' || mode === 'both';
    if (mode === 'native' || mode === 'both') {
      const shown = await addNativeChart(options, record, version.budgetTs, model, () => options.presenter.present(record, { kind: 'budget', version: version.version }, { channel: true }));
      if (!shown) shareImage = true;
    }
    if (!shareImage) return;
    let png: Buffer;
    try {
      png = (await renderChartPng(model)).png;
    } catch (error) {
      logger.error('could not render the budget chart', { planId: record.id, version: version.version, error: String(error) });
      return;
    }
    // Beside a native chart the PNG is the downloadable copy, in the plan's thread; alone it goes with the sketch.
    const inThread = mode === 'both' && record.threadTs !== undefined;
    await options.surfaces.uploadFile(
      { filename: `budget-${record.id}-v${version.version}.png`, bytes: png, title: model.title, altText: model.altText },
      { channelId: record.channelId, ...(inThread ? { threadTs: record.threadTs } : {}), comment: `:bar_chart: ${escapeMrkdwn(model.title)}` },
    );
    logger.info('budget chart shared as an image', { planId: record.id, version: version.version });
  };
}

/** Adds the chart blocks to the posted sketch; false when Slack refused them or they would not fit. */
async function addNativeChart(
  options: BudgetChartEffectOptions,
  record: PlanRecord,
  budgetTs: string | undefined,
  model: BudgetChartModel,
  sketchMessage: () => Promise<{ text: string; blocks?: unknown[] } | undefined>,
): Promise<boolean> {
  if (!budgetTs) return false;
  const message = await sketchMessage();
  if (!message) return false;
  const blocks = [...(message.blocks ?? []), ...budgetChartBlocks(model, `chart|${record.id}`)];
  if (blocks.length > MAX_MESSAGE_BLOCKS) return false;
  try {
    await options.messenger.update(record.channelId, budgetTs, { text: message.text, blocks });
    return true;
  } catch (error) {
    if (!(error instanceof SlackCallError) || error.code !== 'invalid_blocks') throw error;
    options.logger.warn('Slack refused the native budget chart; sharing it as an image instead', { planId: record.id });
    return false;
  }
}

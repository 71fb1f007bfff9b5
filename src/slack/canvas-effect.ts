/**
 * Creates or updates the canvas of an approved plan (the `plan-canvas` effect):
 * the channel's own canvas when the channel has none yet, otherwise a canvas
 * tabbed in the channel (a channel holds one channel canvas, and it may already
 * be another plan's or the team's). An update replaces the content; a canvas
 * someone deleted is created again. The thread is told either way.
 */
import { buildBudgetSketch } from '../domain/budget/budget.js';
import type { Labels } from '../domain/plan/plan.js';
import type { EffectPerformer } from '../app/outbox-worker.js';
import { enqueue } from '../app/outbox-worker.js';
import type { PlanRecord } from '../app/plan-record.js';
import { SlackCallError, type Logger } from '../app/ports.js';
import type { Surfaces } from '../app/surface-ports.js';
import { planCanvasMarkdown, planCanvasTitle } from '../render/canvas/plan-canvas.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';
import { notice } from '../app/message-intent.js';

/** The performer of `plan-canvas` effects; `labels` name the plan's choices as the question script does. */
export function canvasEffect(surfaces: Surfaces, logger: Logger, labels: Labels): EffectPerformer {
  return async (record, item) => {
    const version = record.versions.find((candidate) => candidate.version === item.version);
    if (!version) return;
    const approval = record.approval?.version === version.version ? record.approval : undefined;
    const markdown = planCanvasMarkdown(version.plan, buildBudgetSketch(version.plan), {
      planId: record.id,
      version: version.version,
      ...(approval?.approvedAt ? { approvedOn: approval.approvedAt.slice(0, 10) } : {}),
      approvers: approval?.approvers ?? [],
    }, labels);
    const title = planCanvasTitle(version.plan, version.version);
    const existing = record.canvas;
    if (existing) {
      try {
        await surfaces.replaceCanvas(existing.id, markdown);
        logger.info('plan canvas updated', { planId: record.id, version: version.version });
        return { apply: (latest: PlanRecord) => remember(latest, { ...existing, version: version.version }, phrase('canvas.updated', { version: String(version.version) })) };
      } catch (error) {
        if (!(error instanceof SlackCallError) || error.code !== 'canvas_not_found') throw error;
        logger.info('the plan canvas was deleted; creating it again', { planId: record.id });
      }
    }
    const created = await create(surfaces, record.channelId, title, markdown);
    logger.info('plan saved as a canvas', { planId: record.id, version: version.version, kind: created.kind });
    const said = phrase(created.kind === 'channel' ? 'canvas.saved_channel' : 'canvas.saved_tab', {
      version: String(version.version),
      campaign: version.plan.campaign,
      who: item.userId ? phrase('canvas.for_user', { user: { user: item.userId } }) : '',
    });
    return {
      apply: (latest: PlanRecord) =>
        remember(latest, { id: created.id, version: version.version, kind: created.kind }, said),
    };
  };
}

async function create(surfaces: Surfaces, channelId: string, title: string, markdown: string): Promise<{ id: string; kind: 'channel' | 'standalone' }> {
  try {
    return { id: await surfaces.createChannelCanvas(channelId, title, markdown), kind: 'channel' };
  } catch (error) {
    if (!(error instanceof SlackCallError) || error.code !== 'channel_canvas_already_exists') throw error;
    return { id: await surfaces.createCanvas(channelId, title, markdown), kind: 'standalone' };
  }
}

function remember(record: PlanRecord, canvas: NonNullable<PlanRecord['canvas']>, note: Phrase): void {
  record.canvas = canvas;
  enqueue(record, { kind: 'post', where: 'thread', intent: notice(note, phrase('canvas.saved_fallback')) });
}

/**
 * The approved plan as a canvas. When a version is approved the thread offers
 * "Save as canvas"; a click queues the canvas (an outbox effect, so the click's
 * acknowledgement never waits for Slack), and once a plan has a canvas every newly
 * approved version updates it. The effect's performer lives in the Slack layer.
 */
import { enqueue } from './outbox-worker.js';
import { isPlanId } from './plan-id.js';
import { latestVersion, type PlanRecord, type PlanStatus } from './plan-record.js';
import type { PlanService } from './plan-service.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';

/** The effect name of creating or updating a plan's canvas. */
export const CANVAS_EFFECT = 'plan-canvas';

/** Statuses in which the latest version has been approved. */
const APPROVED: readonly PlanStatus[] = ['approved', 'reviewing', 'reviewed'];

export interface CanvasServiceOptions {
  plans: PlanService;
}

export class CanvasService {
  constructor(private readonly options: CanvasServiceOptions) {}

  /**
   * A version was just approved (called under the plan's lock, right after the
   * approval notice was queued): offer the canvas under that notice, or update the
   * canvas the plan already has.
   */
  onApproved(record: PlanRecord): void {
    const version = latestVersion(record)?.version;
    if (version === undefined) return;
    if (record.canvas) {
      if (record.canvas.version !== version) enqueue(record, { kind: 'effect', effect: CANVAS_EFFECT, version });
      return;
    }
    const notice = record.outbox.at(-1);
    if (notice?.kind === 'post' && notice.where === 'thread' && notice.intent?.kind === 'notice') notice.intent = { ...notice.intent, offer: 'canvas' };
    else enqueue(record, { kind: 'post', where: 'thread', intent: { kind: 'canvas-offer' } });
  }

  /** The "Save as canvas" button. Returns what to tell the person who clicked. */
  async save(planId: string, userId: string, teamId: string): Promise<Phrase> {
    if (!isPlanId(planId)) return phrase('canvas.not_found');
    let reply = phrase('canvas.gone', { planId });
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.teamId !== teamId) return false;
      const version = latestVersion(record);
      if (!version || !APPROVED.includes(record.status)) {
        reply = phrase('canvas.not_approved', { planId: record.id, status: phrase(`plan.status.${record.status}`) });
        return false;
      }
      if (record.canvas?.version === version.version) {
        reply = phrase('canvas.already_saved', { version: String(version.version), planId: record.id, channel: { channel: record.channelId } });
        return false;
      }
      if (record.outbox.some((item) => item.kind === 'effect' && item.effect === CANVAS_EFFECT)) {
        reply = phrase('canvas.in_progress');
        return false;
      }
      enqueue(record, { kind: 'effect', effect: CANVAS_EFFECT, version: version.version, userId });
      reply = phrase('canvas.saving', { version: String(version.version), planId: record.id, channel: { channel: record.channelId } });
      return true;
    });
    return reply;
  }
}

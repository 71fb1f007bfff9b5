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
import type { OutgoingMessage } from './ports.js';

/** The effect name of creating or updating a plan's canvas. */
export const CANVAS_EFFECT = 'plan-canvas';

/** Statuses in which the latest version has been approved. */
const APPROVED: readonly PlanStatus[] = ['approved', 'reviewing', 'reviewed'];

export interface CanvasServiceOptions {
  plans: PlanService;
  /** The thread message that offers to save the plan as a canvas. */
  offerMessage: (record: PlanRecord) => OutgoingMessage;
  /** The same offer added under a message (the approval notice). */
  withOffer: (message: OutgoingMessage, record: PlanRecord) => OutgoingMessage;
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
    if (notice?.kind === 'post' && notice.where === 'thread') notice.message = this.options.withOffer(notice.message, record);
    else enqueue(record, { kind: 'post', where: 'thread', message: this.options.offerMessage(record) });
  }

  /** The "Save as canvas" button. Returns what to tell the person who clicked. */
  async save(planId: string, userId: string, teamId: string): Promise<string> {
    if (!isPlanId(planId)) return "I can't find that plan.";
    let reply = `There is no plan \`${planId}\` any more.`;
    await this.options.plans.withRecord(planId, async (record) => {
      if (record.teamId !== teamId) return false;
      const version = latestVersion(record);
      if (!version || !APPROVED.includes(record.status)) {
        reply = `Plan \`${record.id}\` is not approved (it is ${record.status}), so there is nothing to save as a canvas yet.`;
        return false;
      }
      if (record.canvas?.version === version.version) {
        reply = `Version ${version.version} of \`${record.id}\` is already saved as a canvas in <#${record.channelId}>; it is updated whenever a new version is approved.`;
        return false;
      }
      if (record.outbox.some((item) => item.kind === 'effect' && item.effect === CANVAS_EFFECT)) {
        reply = 'The canvas is being saved already; it appears in the channel in a moment.';
        return false;
      }
      enqueue(record, { kind: 'effect', effect: CANVAS_EFFECT, version: version.version, userId });
      reply = `Saving version ${version.version} of \`${record.id}\` as a canvas in <#${record.channelId}>…`;
      return true;
    });
    return reply;
  }
}

/** The "Save as canvas" button on an approved plan's thread. */
import type { Listeners } from './listener-router.js';
import type { BlockAction } from '@slack/bolt';
import type { CanvasService } from '../../app/canvas-service.js';
import type { Logger } from '../../app/ports.js';
import { CANVAS_ACTION } from '../blocks/canvas-messages.js';
import { clicker, replyEphemeral } from './reply-ephemeral.js';
import type { Voice } from '../voice.js';

export function registerCanvasActions(app: Listeners, canvases: CanvasService, voice: Voice, logger: Logger): void {
  app.action<BlockAction>(CANVAS_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    replyEphemeral(respond, voice, clicker(body), await canvases.save(planId, body.user.id, body.team?.id ?? ''), logger);
  });
}

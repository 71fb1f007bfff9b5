/** The thread message that offers to save an approved plan as a canvas. */
import type { PlanRecord } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { actions, button, context, section } from './block-kit.js';
import { encodeValue } from './action-ids.js';

/** Action id of the "Save as canvas" button: value `plan`. */
export const CANVAS_ACTION = 'imc_canvas';

/** The offer on its own, as a thread message. */
export function canvasOfferMessage(record: PlanRecord): OutgoingMessage {
  return { text: 'Save the approved plan as a canvas?', blocks: [section(offerText(record)), offerButton(record)] };
}

/** The approval notice with the offer under it: one message says the plan is approved and what to do with it. */
export function withCanvasOffer(message: OutgoingMessage, record: PlanRecord): OutgoingMessage {
  const blocks = message.blocks && message.blocks.length > 0 ? message.blocks : [section(message.text)];
  return { text: message.text, blocks: [...blocks, context(offerText(record)), offerButton(record)] };
}

function offerText(record: PlanRecord): string {
  return `:page_facing_up: Keep the approved plan where the team can find it: save it as a canvas in <#${record.channelId}>, with the contact plan and the budget as tables. Later approved versions update it.`;
}

function offerButton(record: PlanRecord): Record<string, unknown> {
  return actions(encodeValue('canvas', record.id), [button('Save as canvas', CANVAS_ACTION, record.id, 'primary')]);
}

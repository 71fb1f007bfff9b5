/** The thread message that offers to save an approved plan as a canvas, in the reader's language. */
import type { PlanRecord } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import type { Translator } from '../../render/i18n/translator.js';
import { actions, button, context, section } from './block-kit.js';
import { encodeValue } from './action-ids.js';

/** Action id of the "Save as canvas" button: value `plan`. */
export const CANVAS_ACTION = 'imc_canvas';

/** The offer on its own, as a thread message. */
export function canvasOfferMessage(t: Translator, record: PlanRecord): OutgoingMessage {
  return { text: t.plain({ key: 'canvas.offer_fallback' }), blocks: [section(offerText(t, record)), offerButton(t, record)] };
}

/** The approval notice with the offer under it: one message says the plan is approved and what to do with it. */
export function withCanvasOffer(t: Translator, message: OutgoingMessage, record: PlanRecord): OutgoingMessage {
  const blocks = message.blocks && message.blocks.length > 0 ? message.blocks : [section(message.text)];
  return { text: message.text, blocks: [...blocks, context(offerText(t, record)), offerButton(t, record)] };
}

function offerText(t: Translator, record: PlanRecord): string {
  return t.t('canvas.offer', { channel: { channel: record.channelId } });
}

function offerButton(t: Translator, record: PlanRecord): Record<string, unknown> {
  return actions(encodeValue('canvas', record.id), [button(t.plain({ key: 'canvas.button' }), CANVAS_ACTION, record.id, 'primary')]);
}

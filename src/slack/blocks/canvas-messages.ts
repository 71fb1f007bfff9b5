/** The thread message that offers to save an approved plan as a canvas. */
import type { PlanRecord } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { actions, button, section } from './block-kit.js';
import { encodeValue } from './action-ids.js';

/** Action id of the "Save as canvas" button: value `plan`. */
export const CANVAS_ACTION = 'imc_canvas';

export function canvasOfferMessage(record: PlanRecord): OutgoingMessage {
  const text = `:page_facing_up: Keep the approved plan where the team can find it: save it as a canvas in <#${record.channelId}>, with the contact plan and the budget as tables. Later approved versions update it.`;
  return {
    text: 'Save the approved plan as a canvas?',
    blocks: [section(text), actions(encodeValue('canvas', record.id), [button('Save as canvas', CANVAS_ACTION, record.id, 'primary')])],
  };
}

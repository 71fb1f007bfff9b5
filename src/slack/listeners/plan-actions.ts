/**
 * Buttons and menus on the plan's messages. The value (or block id) names the plan
 * and question; the service decides whether the click still applies. Replies that
 * only the clicker should see go back through the response URL, unawaited, so the
 * acknowledgement is not held up by a round trip to Slack.
 */
import type { Listeners } from './listener-router.js';
import type { BlockAction } from '@slack/bolt';
import type { PlanAction, PlanService } from '../../app/plan-service.js';
import type { Logger } from '../../app/ports.js';
import { ACTION, actionDedupeKey, decodeValue } from '../blocks/action-ids.js';
import type { Voice } from '../voice.js';
import { clicker, replyEphemeral, unlessUnsaved } from './reply-ephemeral.js';

interface ActionElement {
  action_id: string;
  block_id?: string;
  value?: string;
  action_ts?: string;
  selected_option?: { value: string };
  selected_options?: { value: string }[];
}

/** The plan id and the action a click means, or undefined for clicks that are not ours. */
export function readPlanAction(element: ActionElement): { planId: string; action: PlanAction } | undefined {
  const [kind] = element.action_id.split(':');
  if (kind === ACTION.answer) {
    const [planId, questionId, choice] = decodeValue(element.value);
    if (!planId || !questionId || !choice) return undefined;
    return { planId, action: { kind: 'choose', questionId, values: [choice] } };
  }
  if (kind === ACTION.select || kind === ACTION.multi) {
    const [, planId, questionId] = decodeValue(element.block_id);
    if (!planId || !questionId) return undefined;
    if (kind === ACTION.select) {
      const value = element.selected_option?.value;
      return value ? { planId, action: { kind: 'choose', questionId, values: [value] } } : undefined;
    }
    return { planId, action: { kind: 'select-pending', questionId, values: (element.selected_options ?? []).map((o) => o.value) } };
  }
  if (kind === ACTION.control) {
    const [planId, control, questionId] = decodeValue(element.value);
    if (!planId || !control) return undefined;
    return { planId, action: { kind: 'control', control, ...(questionId ? { questionId } : {}) } };
  }
  if (kind === ACTION.fix) {
    const [planId, questionId] = decodeValue(element.value);
    if (!planId || !questionId) return undefined;
    return { planId, action: { kind: 'fix', questionId } };
  }
  return undefined;
}

export function registerPlanActions(app: Listeners, plans: PlanService, voice: Voice, logger: Logger): void {
  const pattern = new RegExp(`^(${[ACTION.answer, ACTION.select, ACTION.multi, ACTION.control, ACTION.fix].join('|')})`);
  app.action<BlockAction>(pattern, async ({ ack, body, action, respond }) => {
    await ack();
    const parsed = readPlanAction(action as ActionElement);
    if (!parsed) return;
    const key = actionDedupeKey(body.container?.message_ts, action as ActionElement);
    const person = clicker(body);
    const outcome = await unlessUnsaved(respond, voice, person, logger, () => plans.handleAction(parsed.planId, body.user.id, parsed.action, key));
    replyEphemeral(respond, voice, person, outcome.ephemeral, logger);
  });
}

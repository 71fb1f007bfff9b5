/**
 * The draft's Edit button and the Edit form: the modal opens at once (the trigger
 * lives 3 s), a part or a row chosen in it updates it, and a submission is answered
 * inline (`response_action: errors`, one per field) or with the finished view.
 */
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import type { EditService, SubmitOutcome } from '../../app/edit-service.js';
import type { PlanService } from '../../app/plan-service.js';
import type { Logger } from '../../app/ports.js';
import type { Surfaces } from '../../app/surface-ports.js';
import { ACTION } from '../blocks/action-ids.js';
import { decodeMeta, EDIT_ACTION, EDIT_VIEW, editDoneView, editModalView, errorsResponse, submittedValues } from '../blocks/edit-modal.js';
import { EDIT_WORDS } from '../blocks/edit-words.js';
import { replyEphemeral } from './reply-ephemeral.js';
import { isUnsaved, UNSAVED_TEXT } from './unsaved.js';

interface Services {
  plans: PlanService;
  edits: EditService;
  surfaces: Surfaces;
}

type Json = Record<string, unknown>;

export function registerEditModal(app: App, { plans, edits, surfaces }: Services, logger: Logger): void {
  app.action<BlockAction>(ACTION.edit, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    const found = await edits.form({ planId }, body.user.id);
    if (!found.ok) return replyEphemeral(respond, EDIT_WORDS.refusal(found.refusal), logger);
    try {
      await surfaces.openModal(body.trigger_id, editModalView(found.opened));
    } catch (error) {
      // The trigger expired or Slack refused the view: the thread still takes `change …`.
      logger.warn('could not open the Edit form; opening the plan in its thread instead', { planId, code: (error as { code?: string }).code });
      const outcome = await plans.editPlan(planId, body.user.id);
      replyEphemeral(respond, outcome.ephemeral ? `${EDIT_WORDS.openFailed}` : undefined, logger);
    }
  });

  for (const actionId of [EDIT_ACTION.section, EDIT_ACTION.row]) {
    app.action<BlockAction>(actionId, async ({ ack, body, action }) => {
      await ack();
      const view = body.view as (Json & { id: string; hash?: string }) | undefined;
      const meta = decodeMeta(view?.private_metadata);
      if (!view || !meta) return;
      const chosen = (action as { selected_option?: { value?: string } }).selected_option?.value;
      const target = actionId === EDIT_ACTION.section ? { section: chosen } : { section: meta.section, row: chosen };
      const found = await edits.form({ planId: meta.planId, version: meta.version, ...target }, body.user.id);
      const next = found.ok ? editModalView(found.opened) : editDoneView(EDIT_WORDS.refusal(found.refusal));
      // The hash keeps an older menu choice from overwriting a newer one.
      await surfaces.updateModal(view.id, next, view.hash).catch((error: unknown) => logger.warn('could not update the Edit form', { code: (error as { code?: string }).code }));
    });
  }

  app.view<ViewSubmitAction>(EDIT_VIEW, async ({ ack, body, view }) => {
    const meta = decodeMeta(view.private_metadata);
    const firstInput = (view.blocks as unknown as Json[]).find((block) => block.type === 'input')?.block_id as string | undefined;
    const inline = (text: string) => (firstInput ? { response_action: 'errors' as const, errors: { [firstInput]: text } } : { response_action: 'update' as const, view: editDoneView(text) as never });
    if (!meta) return ack(inline(EDIT_WORDS.refusal({ code: 'not-found' })));
    let outcome: SubmitOutcome;
    try {
      outcome = await edits.submit(meta, body.user.id, submittedValues(view.state));
    } catch (error) {
      if (!isUnsaved(error)) throw error;
      // Nothing was kept: the person sees why in the form and can submit again.
      return ack(inline(UNSAVED_TEXT.replace('send it again', 'submit it again')));
    }
    switch (outcome.kind) {
      case 'refused':
        return ack(inline(EDIT_WORDS.refusal(outcome.refusal)));
      case 'errors':
        return ack(errorsResponse(outcome.errors));
      case 'saved': {
        const text = outcome.result === 'finished' ? EDIT_WORDS.posted(outcome.version) : outcome.result === 'findings' ? EDIT_WORDS.findings : EDIT_WORDS.question;
        return ack({ response_action: 'update', view: editDoneView(text) as never });
      }
    }
  });
}

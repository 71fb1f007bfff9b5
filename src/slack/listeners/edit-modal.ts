/**
 * The draft's Edit button and the Edit form: the modal opens at once (the trigger
 * lives 3 s), a part or a row chosen in it updates it, and a submission is answered
 * inline (`response_action: errors`, one per field) or with the finished view. All of
 * it in the editing person's language (their Slack locale, else the channel's), as the
 * questions of their plan's thread are.
 */
import type { Listeners } from './listener-router.js';
import type { BlockAction, ViewSubmitAction } from '@slack/bolt';
import type { EditService, SubmitOutcome } from '../../app/edit-service.js';
import type { PlanService } from '../../app/plan-service.js';
import type { Logger } from '../../app/ports.js';
import type { Surfaces } from '../../app/surface-ports.js';
import { phrase, type Phrase } from '../../domain/message/phrase.js';
import { ACTION } from '../blocks/action-ids.js';
import { decodeMeta, EDIT_ACTION, EDIT_VIEW, editDoneView, editModalView, errorsResponse, inlineError, refusalPhrase, savedPhrase, submittedValues } from '../blocks/edit-modal.js';
import { ACK_LOOKUP_MS, type Person, type Voice } from '../voice.js';
import { clicker, replyEphemeral, unlessUnsaved } from './reply-ephemeral.js';
import { isUnsaved } from './unsaved.js';
import { teamOf } from './team-of.js';

interface Services {
  plans: PlanService;
  edits: EditService;
  surfaces: Surfaces;
}

type Json = Record<string, unknown>;

export function registerEditModal(app: Listeners, { plans, edits, surfaces }: Services, voice: Voice, logger: Logger): void {
  /** The translator of the person in the form (a view carries no channel: their locale, else the default language). */
  const translatorOf = async (person: Person) => voice.translator(await voice.languageOf(person, ACK_LOOKUP_MS));
  const inView = (body: { user: { id: string } }, context: { teamId?: string }): Person => ({ userId: body.user.id, teamId: teamOf(body, context), channelId: '' });

  app.action<BlockAction>(ACTION.edit, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    const person = clicker(body);
    const found = await edits.form({ planId }, body.user.id);
    if (!found.ok) return replyEphemeral(respond, voice, person, refusalPhrase(found.refusal), logger);
    try {
      await surfaces.openModal(body.trigger_id, editModalView(found.opened, await translatorOf(person)));
    } catch (error) {
      // The trigger expired or Slack refused the view: the thread still takes `change …`.
      logger.warn('could not open the Edit form; opening the plan in its thread instead', { planId, code: (error as { code?: string }).code });
      const outcome = await unlessUnsaved(respond, voice, person, logger, () => plans.editPlan(planId, body.user.id));
      replyEphemeral(respond, voice, person, outcome.ephemeral ? phrase('edit.done.open_failed') : undefined, logger);
    }
  });

  for (const actionId of [EDIT_ACTION.section, EDIT_ACTION.row]) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, context }) => {
      await ack();
      const view = body.view as (Json & { id: string; hash?: string }) | undefined;
      const meta = decodeMeta(view?.private_metadata);
      if (!view || !meta) return;
      const chosen = (action as { selected_option?: { value?: string } }).selected_option?.value;
      const target = actionId === EDIT_ACTION.section ? { section: chosen } : { section: meta.section, row: chosen };
      const found = await edits.form({ planId: meta.planId, version: meta.version, ...target }, body.user.id);
      const t = await translatorOf(inView(body, context));
      const next = found.ok ? editModalView(found.opened, t) : editDoneView(refusalPhrase(found.refusal), t);
      // The hash keeps an older menu choice from overwriting a newer one.
      await surfaces.updateModal(view.id, next, view.hash).catch((error: unknown) => logger.warn('could not update the Edit form', { code: (error as { code?: string }).code }));
    });
  }

  app.view<ViewSubmitAction>(EDIT_VIEW, async ({ ack, body, view, context }) => {
    const meta = decodeMeta(view.private_metadata);
    const t = await translatorOf(inView(body, context));
    const firstInput = (view.blocks as unknown as Json[]).find((block) => block.type === 'input')?.block_id as string | undefined;
    const inline = (said: Phrase) =>
      firstInput ? { response_action: 'errors' as const, errors: { [firstInput]: inlineError(t, said) } } : { response_action: 'update' as const, view: editDoneView(said, t) as never };
    if (!meta) return ack(inline(refusalPhrase({ code: 'not-found' })));
    let outcome: SubmitOutcome;
    try {
      outcome = await edits.submit(meta, body.user.id, submittedValues(view.state));
    } catch (error) {
      if (!isUnsaved(error)) throw error;
      // Nothing was kept: the person sees why in the form and can submit again.
      return ack(inline(phrase('edit.error.unsaved')));
    }
    switch (outcome.kind) {
      case 'refused':
        return ack(inline(refusalPhrase(outcome.refusal)));
      case 'errors':
        return ack(errorsResponse(outcome.errors, voice.findingReader(t)));
      case 'saved':
        return ack({ response_action: 'update', view: editDoneView(savedPhrase(outcome.result, outcome.version), t) as never });
    }
  });
}

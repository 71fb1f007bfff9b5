/**
 * The plan's own messages in the channel: the kickoff that opens the thread,
 * the posted draft (strategy summary) and its budget sketch, in the reader's language.
 * The summary and the sketch themselves are the plan's content (templates/ and the
 * view models, still in English); the words around them come from the catalogue.
 */
import type { BudgetSketch } from '../../domain/budget/budget-types.js';
import type { Labels } from '../../domain/plan/plan.js';
import { UNTITLED, type PlanRecord, type PlanStatus, type PlanVersion } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { toSlackMessage } from '../../render/slack-message.js';
import type { Renderer } from '../../render/renderer.js';
import type { Translator } from '../../render/i18n/translator.js';
import { budgetSketchView, sketchContextOf } from '../../render/budget-sketch-view.js';
import { analyseBudget } from '../../domain/budget/budget.js';
import { strategySummaryView } from '../../render/strategy-summary-view.js';
import { actions, button, context, LIMITS, section, truncate } from './block-kit.js';
import { ACTION, encodeValue } from './action-ids.js';

/** The top-level message that starts a plan's thread. */
export function kickoffMessage(t: Translator, record: PlanRecord): OutgoingMessage {
  const author = { user: record.authorId };
  const text =
    record.title === UNTITLED ? t.t('plan.kickoff.text_untitled', { author, planId: record.id }) : t.t('plan.kickoff.text', { author, title: record.title, planId: record.id });
  return {
    text: `${text} ${t.t('plan.kickoff.fallback_tail')}`,
    blocks: [section(text), context(t.t('plan.kickoff.context', { author: { user: record.authorId } }))],
  };
}

/** The posted draft: the strategy summary, marked as a draft, with who approved it and buttons to vote (beside the reactions) or edit. */
export function draftMessage(
  t: Translator,
  renderer: Renderer,
  record: PlanRecord,
  version: PlanVersion,
  sketch: BudgetSketch | undefined,
  statusLine: string,
  labels: Labels,
  status: PlanStatus = record.status,
): OutgoingMessage {
  const view = strategySummaryView(version.plan, version.findings, labels, { planId: record.id, authorId: record.authorId, ...(sketch ? { sketch } : {}) });
  const rendered = renderer.render('strategy-summary', view);
  const state = t.plain({ key: `plan.state.${stateOf(status)}` });
  const buttons = { approve: t.plain({ key: 'plan.button.approve' }), reject: t.plain({ key: 'plan.button.request_changes' }), edit: t.plain({ key: 'plan.button.edit' }) };
  // Room for the approval line and the buttons appended below.
  const reserve = { blocks: 2, chars: statusLine.length + buttons.approve.length + buttons.reject.length + buttons.edit.length };
  const header = t.plain({ key: 'plan.draft.header', params: { state, campaign: version.plan.campaign, version: String(version.version) } });
  const message = toSlackMessage(rendered, { header, planId: record.id, reserve, cutNotice: t.t('plan.cut_notice', { planId: record.id }) });
  const blocks: unknown[] = [...message.blocks];
  if (statusLine) blocks.push(context(statusLine));
  if (['draft', 'changes-requested', 'approved'].includes(status)) {
    const vote = encodeValue(record.id, String(version.version));
    blocks.push(
      actions(encodeValue('draft', record.id), [
        button(buttons.approve, ACTION.approve, vote, 'primary'),
        button(buttons.reject, ACTION.requestChanges, vote),
        button(buttons.edit, ACTION.edit, record.id),
      ]),
    );
  }
  return { text: truncate(t.t('plan.draft.fallback', { state, planId: record.id, summary: { mrkdwn: message.text } }), LIMITS.sectionText), blocks };
}

/** The budget sketch that follows the draft. */
export function budgetMessage(t: Translator, renderer: Renderer, record: PlanRecord, version: PlanVersion, sketch: BudgetSketch | undefined): OutgoingMessage {
  // The sketch's own words (its title, why there is none) are the plan's content, still in English.
  const title = `Budget sketch: ${version.plan.campaign}`;
  const missing = sketch || analyseBudget(version.plan).problems.length === 0 ? undefined : 'There is no budget sketch: the figures cannot make one. The checks on the plan name the numbers to correct.';
  const rendered = renderer.render('budget-sketch', budgetSketchView(sketch, sketchContextOf(version.plan, title, missing)));
  const header = t.plain({ key: 'plan.budget.header', params: { campaign: version.plan.campaign, version: String(version.version) } });
  const message = toSlackMessage(rendered, { header, planId: record.id, cutNotice: t.t('plan.cut_notice', { planId: record.id }) });
  return { text: message.text, blocks: message.blocks };
}

/** How the draft's header names the plan's state: the reviews belong to an approved plan. */
function stateOf(status: PlanStatus): 'approved' | 'changes_requested' | 'cancelled' | 'draft' {
  switch (status) {
    case 'approved':
    case 'reviewing':
    case 'reviewed':
      return 'approved';
    case 'changes-requested':
      return 'changes_requested';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'draft';
  }
}

/** What an earlier draft turns into once a new version is posted. */
export function supersededMessage(t: Translator, record: PlanRecord, old: PlanVersion, newVersion: number): OutgoingMessage {
  const text = t.t('plan.superseded', { campaign: old.plan.campaign, version: String(old.version), newVersion: String(newVersion), planId: record.id });
  return { text, blocks: [section(`:recycle: ${text}`)] };
}

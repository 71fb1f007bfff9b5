/**
 * The plan's own messages in the channel: the kickoff that opens the thread,
 * the posted draft (strategy summary) and its budget sketch.
 */
import type { BudgetSketch } from '../../domain/budget/budget-types.js';
import type { Labels } from '../../domain/plan/plan.js';
import type { PlanRecord, PlanVersion } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { toSlackMessage } from '../../render/slack-message.js';
import { escapeMrkdwn } from '../../render/escape.js';
import type { Renderer } from '../../render/renderer.js';
import { budgetSketchView, sketchContextOf } from '../../render/budget-sketch-view.js';
import { strategySummaryView } from '../../render/strategy-summary-view.js';
import { analyseBudget } from '../../domain/budget/budget.js';
import { actions, button, context, LIMITS, section, truncate } from './block-kit.js';
import { ACTION, encodeValue } from './action-ids.js';

/** The top-level message that starts a plan's thread. */
export function kickoffMessage(record: PlanRecord): OutgoingMessage {
  const name = record.title === 'Untitled campaign' ? 'a new campaign' : `*${escapeMrkdwn(record.title)}*`;
  const text = `:clipboard: <@${record.authorId}> started an IMC plan for ${name} (plan \`${record.id}\`).`;
  return {
    text: `${text} Questions follow in the thread.`,
    blocks: [
      section(text),
      context(`I'll ask the questions in this thread, one at a time. Only <@${record.authorId}> answers; everyone is welcome to discuss. Type \`help\` in the thread any time.`),
    ],
  };
}

/** The posted draft: the strategy summary, marked as a draft, with who approved it and buttons to vote (beside the reactions) or edit. */
export function draftMessage(
  renderer: Renderer,
  record: PlanRecord,
  version: PlanVersion,
  sketch: BudgetSketch | undefined,
  statusLine: string,
  labels: Labels,
): OutgoingMessage {
  const view = strategySummaryView(version.plan, version.findings, labels, { planId: record.id, authorId: record.authorId, ...(sketch ? { sketch } : {}) });
  const rendered = renderer.render('strategy-summary', view);
  // Room for the approval line and the buttons appended below.
  const reserve = { blocks: 2, chars: statusLine.length + 'ApproveRequest changesEdit plan'.length };
  const message = toSlackMessage(rendered, { header: `${statusLabel(record)}: ${version.plan.campaign} (v${version.version})`, planId: record.id, reserve });
  const blocks: unknown[] = [...message.blocks];
  if (statusLine) blocks.push(context(statusLine));
  if (['draft', 'changes-requested', 'approved'].includes(record.status)) {
    const vote = encodeValue(record.id, String(version.version));
    blocks.push(
      actions(encodeValue('draft', record.id), [
        button('Approve', ACTION.approve, vote, 'primary'),
        button('Request changes', ACTION.requestChanges, vote),
        button('Edit plan', ACTION.edit, record.id),
      ]),
    );
  }
  return { text: truncate(`${statusLabel(record)}: IMC plan ${record.id}, ${message.text}`, LIMITS.sectionText), blocks };
}

/** The budget sketch that follows the draft. */
export function budgetMessage(renderer: Renderer, record: PlanRecord, version: PlanVersion, sketch: BudgetSketch | undefined): OutgoingMessage {
  const title = `Budget sketch: ${version.plan.campaign}`;
  const missing = sketch || analyseBudget(version.plan).problems.length === 0 ? undefined : 'There is no budget sketch: the figures cannot make one. The checks on the plan name the numbers to correct.';
  const rendered = renderer.render('budget-sketch', budgetSketchView(sketch, sketchContextOf(version.plan, title, missing)));
  const message = toSlackMessage(rendered, { header: `Budget sketch: ${version.plan.campaign} (v${version.version})`, planId: record.id });
  return { text: message.text, blocks: message.blocks };
}

function statusLabel(record: PlanRecord): string {
  switch (record.status) {
    case 'approved':
      return 'Approved';
    case 'changes-requested':
      return 'Changes requested';
    case 'reviewing':
    case 'reviewed':
      return 'Approved';
    case 'cancelled':
      return 'Cancelled';
    default:
      return 'Draft';
  }
}

/** What an earlier draft turns into once a new version is posted. */
export function supersededMessage(record: PlanRecord, old: PlanVersion, newVersion: number): OutgoingMessage {
  const text = `~${escapeMrkdwn(old.plan.campaign)} (v${old.version})~ was replaced by version ${newVersion}, posted below. \`/imc show ${record.id}\` shows the current one.`;
  return { text, blocks: [section(`:recycle: ${text}`)] };
}

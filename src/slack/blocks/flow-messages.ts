/**
 * Turns the flow's effects into the Slack messages the plan's thread shows.
 * Pure: no Slack calls; user text is escaped here or by the renderer.
 */
import type { FlowEffect } from '../../domain/conversation/flow-state.js';
import { labelOf, VOCABULARY, type Finding, type Labels } from '../../domain/plan/plan.js';
import type { Question } from '../../domain/conversation/script.js';
import type { NewOutboxItem } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { escapeMrkdwn } from '../../render/escape.js';
import type { Renderer } from '../../render/renderer.js';
import { findingsView } from '../../render/findings-view.js';
import { contactPlanView } from '../../render/contact-plan-view.js';
import { ACTION, encodeValue } from './action-ids.js';
import { actions, button, context, LIMITS, section, truncate, type Block } from './block-kit.js';
import { questionMessage } from './question-message.js';

export interface PresentContext {
  planId: string;
  renderer: Renderer;
  /** Whether `back` has somewhere to go (the flow's history is not empty). */
  canGoBack: boolean;
  /** Finds a question by id, to label the fix buttons of findings. */
  questionById(id: string): Question | undefined;
  /** The effects of the post-campaign review: question controls act on the review. */
  review?: boolean;
  /** The script's labels, for naming stages and channels' media in the contact plan. */
  labels?: Labels;
}

/** Without the script's labels, ids are shown as they are. */
const NO_LABELS = Object.fromEntries([...Object.keys(VOCABULARY), 'metric', 'media'].map((name) => [name, {}])) as Labels;

/** A thread message. */
function say(message: OutgoingMessage): NewOutboxItem {
  return { kind: 'post', where: 'thread', message };
}

/** Plain mrkdwn text as a thread message. */
export function textMessage(mrkdwnText: string, fallback = mrkdwnText): OutgoingMessage {
  return { text: truncate(fallback, LIMITS.sectionText), blocks: [section(mrkdwnText)] };
}

/** The outbox items for one step's effects (`finished` is handled by the service, which knows the version). */
export function presentEffects(effects: readonly FlowEffect[], ctx: PresentContext): NewOutboxItem[] {
  return effects.flatMap((effect): NewOutboxItem[] => {
    switch (effect.type) {
      case 'ask': {
        const table = effect.table;
        const editing = table?.editing;
        return [
          {
            kind: 'post',
            where: 'thread',
            role: 'question',
            message: questionMessage(effect.question, {
              planId: ctx.planId,
              position: effect.position,
              note: effect.note,
              error: effect.error,
              suggestion: effect.suggestion,
              proposal: effect.proposal,
              lead: effect.lead,
              current: effect.current,
              canGoBack: ctx.canGoBack,
              review: ctx.review ?? false,
              ...(table ? { table: ctx.renderer.render('contact-plan', contactPlanView(table.draft, table.rows, ctx.labels ?? NO_LABELS, { carried: table.carried })) } : {}),
              ...(table && editing ? { editing: editingHeading(table, editing, ctx.labels ?? NO_LABELS) } : {}),
            }),
          },
        ];
      }
      case 'reask':
        return [
          {
            kind: 'post',
            where: 'thread',
            role: 'question',
            message: questionMessage(effect.question, { planId: ctx.planId, error: effect.error, canGoBack: ctx.canGoBack, review: ctx.review ?? false }),
          },
        ];
      case 'status': {
        const lines = effect.answered.map((line) => `• *${escapeMrkdwn(line.label)}*: ${escapeMrkdwn(line.value)}`);
        const part = effect.section ? `part ${effect.section.number} of ${effect.section.total} (${escapeMrkdwn(effect.section.label)}), ` : '';
        const heading = `*Answers so far* (${part}${effect.remaining} question${effect.remaining === 1 ? '' : 's'} to go as things stand)`;
        const status = say(textMessage(`${heading}\n${lines.join('\n') || '_Nothing answered yet._'}`, heading));
        if (!effect.current) return [status];
        // The open question again, with its buttons, below the list: also how a conversation whose
        // messages were lost (the bot was removed from the channel, Slack was down) gets going again.
        const question: NewOutboxItem = {
          kind: 'post',
          where: 'thread',
          role: 'question',
          message: questionMessage(effect.current, { planId: ctx.planId, canGoBack: ctx.canGoBack, review: ctx.review ?? false }),
        };
        return [status, question];
      }
      case 'help': {
        const about = effect.question ? `*${escapeMrkdwn(effect.question.label)}*: ${escapeMrkdwn(effect.question.help)}\n\n` : '';
        const words = effect.controls.map((c) => `• \`${escapeMrkdwn(c.word)}\`: ${escapeMrkdwn(c.meaning)}`).join('\n');
        return [say(textMessage(`${about}*Words you can type in this thread*\n${words}`, 'Help'))];
      }
      case 'findings':
        return [say(findingsMessage(effect.findings, effect.blocking, ctx))];
      case 'cancelled':
        return [say(textMessage(':no_entry_sign: Plan cancelled. Nothing was posted. Start again any time with `/imc plan`.', 'Plan cancelled'))];
      case 'info':
        return [say(textMessage(`:information_source: ${escapeMrkdwn(effect.message)}`, escapeMrkdwn(effect.message)))];
      case 'finished':
        return [];
    }
  });
}

/** "Changing row 7 of the contact plan: KOL live commerce at purchase decision." (plain text; the message escapes it). */
function editingHeading(table: NonNullable<Extract<FlowEffect, { type: 'ask' }>['table']>, editing: { position?: number; adding: boolean }, labels: Labels): string {
  if (editing.adding) return 'Adding a row to the contact plan: give its stage and channel; the rest is proposed and can be changed too.';
  const row = editing.position !== undefined ? table.rows[editing.position - 1] : undefined;
  if (!row) return 'Changing a row of the contact plan.';
  const channel = table.draft.channels.find((c) => c.id === row.channelId)?.name ?? row.channelId;
  return `Changing row ${editing.position} of the contact plan: ${channel} at ${labelOf(labels, 'stage', row.stage).toLowerCase()}.`;
}

/** The rule findings, with a button per error to jump to its question, and "post anyway" when only warnings remain. */
export function findingsMessage(findings: readonly Finding[], blocking: boolean, ctx: PresentContext): OutgoingMessage {
  const rendered = ctx.renderer.render('findings', findingsView([...findings]));
  const blocks: Block[] = rendered
    .split(/\n-{3,}\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, 40)
    .map((part) => section(part));
  const fixes = findings
    .filter((f) => f.questionId && (blocking ? f.severity === 'error' : f.severity === 'warning'))
    .map((f) => f.questionId as string)
    .filter((id, index, all) => all.indexOf(id) === index)
    .slice(0, 20)
    .map((id, index) => button(`Fix: ${ctx.questionById(id)?.label ?? id}`, `${ACTION.fix}:${index}`, encodeValue(ctx.planId, id)));
  const scaleDown = findings.some((f) => f.action === 'scale-down')
    ? [button('Post it scaled down to the money', `${ACTION.control}:scale-down`, encodeValue(ctx.planId, 'scale-down', ''))]
    : [];
  const buttons = blocking
    ? [...scaleDown, ...fixes]
    : [button('Post the plan', `${ACTION.control}:accept-warnings`, encodeValue(ctx.planId, 'accept-warnings', ''), 'primary'), ...fixes];
  if (buttons.length > 0) blocks.push(actions(encodeValue('findings', ctx.planId), buttons.slice(0, 25)));
  blocks.push(
    context(
      blocking
        ? `Fix the errors above to post the plan: click a *Fix* button or type \`change &lt;question&gt;\`.${scaleDown.length > 0 ? ' Or type `scale down` to post a plan cut to the money available.' : ''}`
        : 'These are warnings: fix them, or type `accept` (or click *Post the plan*) to post the plan as it is.',
    ),
  );
  const fallback = blocking ? 'The plan has errors to fix before it can be posted.' : 'The plan has warnings to review.';
  return { text: fallback, blocks };
}

/**
 * A question as a Slack message: the question, a hint of how to answer, buttons
 * or menus for choices, and the control buttons that apply. Everything derived
 * from what people typed is escaped before it reaches mrkdwn.
 */
import type { Question } from '../../domain/conversation/script.js';
import { suggestionOrigin, type Suggestion } from '../../domain/conversation/flow-state.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { escapeMrkdwn } from '../../render/escape.js';
import { blockTextLength } from '../../render/block-limits.js';
import { sectionsWithin } from '../../render/slack-message.js';
import { ACTION, encodeValue, questionBlockId } from './action-ids.js';
import { actions, button, context, LIMITS, multiSelect, section, staticSelect, truncate, type Block } from './block-kit.js';

/** Single-choice questions with at most this many choices get buttons; more get a menu. */
const MAX_BUTTONS = 6;

const KIND_HINTS: Record<Question['kind'], string> = {
  single: 'Click one, or reply with its number or name.',
  multi: 'Pick in the menu and click *Done*, or reply with numbers or names, e.g. `1, 3, 5`.',
  text: 'Reply in this thread.',
  number: 'Reply with a number, e.g. `2,000,000` or `2m`.',
  money: 'Reply with an amount, e.g. `¥200,000`, `200k` or `1.2m`.',
  percentage: 'Reply with a percentage, e.g. `2%`.',
  date: 'Reply with a date, e.g. `2027-03-31`, `Mar 31` or `in 6 weeks`.',
  goals: 'Reply with one goal per line, e.g. `awareness 10% -> 40% by 2027-03-31`.',
  yesno: 'Click, or reply `yes` or `no`.',
  offer: 'Reply with the offer and what one redemption costs, e.g. `¥30 coupon`, `20% off` or `free sample worth ¥15`.',
  'contact-plan': 'Reply `accept` (or click *Accept contact plan*), or `change row 3` to change a row; `add row` and `remove row 3` work too.',
  costs: 'Reply with one cost per line or separated by `;`, e.g. `content ¥20,000; PR ¥10,000`, or `none`.',
  'channel-costs': 'Reply with a channel and its cost, one per line or separated by `;`, e.g. `E-commerce ads ¥1.50`, or `same`.',
};

export interface QuestionMessageOptions {
  planId: string;
  position?: { number: number; total: number; section?: { label: string; number: number; total: number } };
  /** The bot's proposal for a question it proposes rather than asks. */
  proposal?: string;
  /** Rendered mrkdwn shown under the question (the contact plan's table). */
  table?: string;
  /** Heading of a row being changed, e.g. "Changing row 3". */
  editing?: string;
  /** Why the last answer was refused (user text inside it is escaped here). */
  error?: string;
  /** How the previous answer was read. */
  note?: string;
  suggestion?: Suggestion;
  /** What to know before answering (e.g. what the plan needs, before the money available is asked). */
  lead?: string;
  /** The stored answer when the question is asked again. */
  current?: string;
  canGoBack: boolean;
  /** A question of the post-campaign review: its controls act on the review (Cancel review), never on the plan. */
  review?: boolean;
}

/** Builds the message that asks `question`. */
export function questionMessage(question: Question, options: QuestionMessageOptions): OutgoingMessage {
  const blocks: Block[] = [];
  if (options.note) blocks.push(context(`:information_source: ${escapeMrkdwn(options.note)}`));
  if (options.error) blocks.push(section(`:warning: ${escapeMrkdwn(options.error)}`));
  if (options.lead) blocks.push(section(`:bar_chart: ${escapeMrkdwn(options.lead)}`));
  blocks.push(section(`*${escapeMrkdwn(question.label)}*${counterText(options.position)}\n${escapeMrkdwn(options.editing ?? question.text)}`));
  const hints: string[] = [];
  if (options.current) hints.push(`Current answer: ${escapeMrkdwn(options.current)}`);
  if (options.proposal !== undefined) {
    hints.push(`Proposed: *${escapeMrkdwn(options.proposal)}* (from your earlier answers). Click _Use proposal_ or type \`use\` to keep it, or reply with your own.`);
  }
  if (options.suggestion) {
    hints.push(`Suggested: *${escapeMrkdwn(options.suggestion.text)}* (${escapeMrkdwn(suggestionOrigin(options.suggestion))}). Click _Use suggestion_ or type \`use\`.`);
  }
  hints.push(KIND_HINTS[question.kind] + (question.optional ? ' This one is optional: `skip` it if it does not apply.' : ''));
  const hintBlock = context(hints.join('\n'));
  const choiceBlock = choiceElements(question, options.planId);
  const controls = actions(encodeValue('controls', options.planId, question.id), controlButtons(question, options));
  const after = [hintBlock, ...(choiceBlock ? [choiceBlock] : []), controls];
  if (options.table) {
    const used = [...blocks, ...after].reduce((sum, block) => sum + blockTextLength(block), 0);
    blocks.push(...(sectionsWithin(options.table, { blocks: blocks.length + after.length, chars: used + 400 }, options.planId) as unknown as Block[]));
  }
  blocks.push(...after);
  const fallback = [options.error ? `⚠️ ${options.error}` : '', `${question.label}: ${question.text}`].filter(Boolean).map(escapeMrkdwn).join('\n');
  return { text: truncate(fallback, LIMITS.sectionText), blocks };
}

/** "(Audience · part 2 of 8)" in a plan, whose parts are fixed; "(3 of 9)" in a review, whose questions are. */
function counterText(position: QuestionMessageOptions['position']): string {
  if (!position) return '';
  const part = position.section;
  if (part) return `  _(${escapeMrkdwn(part.label)} · part ${part.number} of ${part.total})_`;
  return `  _(${position.number} of ${position.total})_`;
}

function choiceElements(question: Question, planId: string): Block | undefined {
  const choices = question.choices ?? [];
  const blockId = questionBlockId(planId, question.id);
  if (question.kind === 'yesno') {
    return actions(blockId, [
      button('Yes', `${ACTION.answer}:yes`, encodeValue(planId, question.id, 'yes')),
      button('No', `${ACTION.answer}:no`, encodeValue(planId, question.id, 'no')),
    ]);
  }
  if (question.kind === 'single' && choices.length <= MAX_BUTTONS) {
    return actions(
      blockId,
      choices.map((choice, index) => button(`${index + 1}. ${choice.label}`, `${ACTION.answer}:${index}`, encodeValue(planId, question.id, choice.id))),
    );
  }
  const options = choices.map((choice, index) => ({ text: `${index + 1}. ${choice.label}`, value: choice.id, ...(choice.group ? { group: groupLabel(choice.group) } : {}) }));
  if (question.kind === 'single') return actions(blockId, [staticSelect(ACTION.select, 'Choose one', options)]);
  if (question.kind === 'multi') return actions(blockId, [multiSelect(ACTION.multi, 'Choose all that apply', options)]);
  return undefined;
}

function groupLabel(group: string): string {
  return group.charAt(0).toUpperCase() + group.slice(1);
}

function controlButtons(question: Question, options: QuestionMessageOptions): Block[] {
  const value = (control: string) => encodeValue(options.planId, control, question.id);
  // Review questions get their own action id, so a stale click can never reach the plan's conversation.
  const id = (control: string) => `${options.review ? ACTION.reviewControl : ACTION.control}:${control}`;
  const buttons: Block[] = [];
  // A message's multi-select reports each change; "Done" is what commits the selection.
  if (question.kind === 'multi') buttons.push(button('Done', id('done'), value('done'), 'primary'));
  if (question.kind === 'contact-plan' && !options.editing) {
    buttons.push(button('Accept contact plan', id('accept-warnings'), value('accept-warnings'), 'primary'));
  }
  if (options.suggestion) buttons.push(button('Use suggestion', id('use-suggestion'), value('use-suggestion'), 'primary'));
  else if (options.proposal !== undefined) buttons.push(button('Use proposal', id('use-suggestion'), value('use-suggestion'), 'primary'));
  if (options.canGoBack) buttons.push(button('← Back', id('back'), value('back')));
  if (question.optional) buttons.push(button('Skip', id('skip'), value('skip')));
  buttons.push(button('Status', id('status'), value('status')));
  buttons.push(button('Help', id('help'), value('help')));
  buttons.push(button(options.review ? 'Cancel review' : 'Cancel plan', id('cancel'), value('cancel'), 'danger'));
  return buttons;
}

/** The question message once answered: the question and the answer, no buttons. */
export function answeredQuestionMessage(question: Question, answer: string): OutgoingMessage {
  return {
    text: truncate(escapeMrkdwn(`${question.label}: ${answer}`), LIMITS.sectionText),
    blocks: [section(`:white_check_mark: *${escapeMrkdwn(question.label)}*: ${escapeMrkdwn(answer)}`)],
  };
}

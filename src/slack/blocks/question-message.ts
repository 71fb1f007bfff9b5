/**
 * A question as a Slack message: the question, a hint of how to answer, buttons
 * or menus for choices, and the control buttons that apply. The bot's words come
 * from the reader's translator; everything derived from what people typed (and the
 * question script's words, in the reader's language) is escaped before it
 * reaches mrkdwn.
 */
import type { Question } from '../../domain/conversation/script.js';
import { suggestionAnswer, suggestionOrigin, type SectionPosition, type Suggestion } from '../../domain/conversation/flow-state.js';
import type { Phrase } from '../../domain/message/phrase.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { escapeMrkdwn } from '../../render/escape.js';
import type { Translator } from '../../render/i18n/translator.js';
import { blockTextLength } from '../../render/block-limits.js';
import { sectionsWithin } from '../../render/slack-message.js';
import { ACTION, encodeValue, questionBlockId } from './action-ids.js';
import { actions, button, context, LIMITS, multiSelect, section, staticSelect, truncate, type Block } from './block-kit.js';

/** Single-choice questions with at most this many choices get buttons; more get a menu. */
const MAX_BUTTONS = 6;

export interface QuestionMessageOptions {
  planId: string;
  position?: { number: number; total: number; section?: SectionPosition };
  /** The bot's proposal for a question it proposes rather than asks, formatted (plain text). */
  proposal?: string;
  /** Rendered mrkdwn shown under the question (the contact plan's table). */
  table?: string;
  /** Heading of a row being changed, e.g. "Changing row 3" (mrkdwn, in the reader's language). */
  editing?: string;
  /** Why the last answer was refused. */
  error?: Phrase;
  /** How the previous answer was read. */
  note?: Phrase;
  suggestion?: Suggestion;
  /** What to know before answering (e.g. what the plan needs, before the money available is asked): the plan's content. */
  lead?: Phrase;
  /** The stored answer, formatted (plain text), when the question is asked again. */
  current?: string;
  canGoBack: boolean;
  /** A question of the post-campaign review: its controls act on the review (Cancel review), never on the plan. */
  review?: boolean;
}

/** Builds the message that asks `question`, in the translator's language. */
export function questionMessage(t: Translator, question: Question, options: QuestionMessageOptions): OutgoingMessage {
  const blocks: Block[] = [];
  if (options.note) blocks.push(context(t.t('question.note', { note: options.note })));
  const error = options.error ? t.t('question.error', { error: options.error }) : '';
  if (error) blocks.push(section(error));
  if (options.lead) blocks.push(section(`:bar_chart: ${t.text(options.lead)}`));
  blocks.push(section(`*${escapeMrkdwn(question.label)}*${counterText(t, options.position)}\n${options.editing ?? escapeMrkdwn(question.text)}`));
  const hints: string[] = [];
  if (options.current) hints.push(t.t('question.current', { answer: options.current }));
  if (options.proposal !== undefined) hints.push(t.t('question.proposed', { answer: options.proposal }));
  if (options.suggestion) hints.push(t.t('question.suggested', { answer: suggestionAnswer(options.suggestion), origin: suggestionOrigin(options.suggestion) }));
  hints.push(t.t(`question.hint.${question.kind}`) + (question.optional ? t.t('question.optional') : ''));
  const hintBlock = context(hints.join('\n'));
  const choiceBlock = choiceElements(t, question, options.planId);
  const controls = actions(encodeValue('controls', options.planId, question.id), controlButtons(t, question, options));
  const after = [hintBlock, ...(choiceBlock ? [choiceBlock] : []), controls];
  if (options.table) {
    const used = [...blocks, ...after].reduce((sum, block) => sum + blockTextLength(block), 0);
    blocks.push(...(sectionsWithin(options.table, { blocks: blocks.length + after.length, chars: used + 400 }, options.planId) as unknown as Block[]));
  }
  blocks.push(...after);
  const fallback = [error, `${escapeMrkdwn(question.label)}: ${escapeMrkdwn(question.text)}`].filter(Boolean).join('\n');
  return { text: truncate(fallback, LIMITS.sectionText), blocks };
}

/** "(Audience · part 2 of 8)" in a plan, whose parts are fixed; "(3 of 9)" in a review, whose questions are. */
function counterText(t: Translator, position: QuestionMessageOptions['position']): string {
  if (!position) return '';
  const part = position.section;
  if (part) return t.t('question.counter_section', { section: { content: part.label, ref: `sections.${part.label}` }, number: String(part.number), total: String(part.total) });
  return t.t('question.counter', { number: String(position.number), total: String(position.total) });
}

function choiceElements(t: Translator, question: Question, planId: string): Block | undefined {
  const choices = question.choices ?? [];
  const blockId = questionBlockId(planId, question.id);
  if (question.kind === 'yesno') {
    return actions(blockId, [
      button(t.plain({ key: 'answer.yes' }), `${ACTION.answer}:yes`, encodeValue(planId, question.id, 'yes')),
      button(t.plain({ key: 'answer.no' }), `${ACTION.answer}:no`, encodeValue(planId, question.id, 'no')),
    ]);
  }
  if (question.kind === 'single' && choices.length <= MAX_BUTTONS) {
    return actions(
      blockId,
      choices.map((choice, index) => button(`${index + 1}. ${choice.label}`, `${ACTION.answer}:${index}`, encodeValue(planId, question.id, choice.id))),
    );
  }
  const options = choices.map((choice, index) => ({ text: `${index + 1}. ${choice.label}`, value: choice.id, ...(choice.group ? { group: groupLabel(t, choice.group) } : {}) }));
  if (question.kind === 'single') return actions(blockId, [staticSelect(ACTION.select, t.plain({ key: 'question.choose_single' }), options)]);
  if (question.kind === 'multi') return actions(blockId, [multiSelect(ACTION.multi, t.plain({ key: 'question.choose_all' }), options)]);
  return undefined;
}

/** A menu's group heading: the media type in the reader's language ("Owned", "自有媒体"). */
function groupLabel(t: Translator, group: string): string {
  return t.plain({ key: 'question.own_words', params: { words: { content: group.charAt(0).toUpperCase() + group.slice(1), ref: `media.${group}` } } });
}

function controlButtons(t: Translator, question: Question, options: QuestionMessageOptions): Block[] {
  const value = (control: string) => encodeValue(options.planId, control, question.id);
  // Review questions get their own action id, so a stale click can never reach the plan's conversation.
  const id = (control: string) => `${options.review ? ACTION.reviewControl : ACTION.control}:${control}`;
  const label = (key: string) => t.plain({ key: `question.button.${key}` });
  const buttons: Block[] = [];
  // A message's multi-select reports each change; "Done" is what commits the selection.
  if (question.kind === 'multi') buttons.push(button(label('done'), id('done'), value('done'), 'primary'));
  if (question.kind === 'contact-plan' && !options.editing) {
    buttons.push(button(label('accept_contact_plan'), id('accept-warnings'), value('accept-warnings'), 'primary'));
  }
  if (options.suggestion) buttons.push(button(label('use_suggestion'), id('use-suggestion'), value('use-suggestion'), 'primary'));
  else if (options.proposal !== undefined) buttons.push(button(label('use_proposal'), id('use-suggestion'), value('use-suggestion'), 'primary'));
  if (options.canGoBack) buttons.push(button(label('back'), id('back'), value('back')));
  if (question.optional) buttons.push(button(label('skip'), id('skip'), value('skip')));
  buttons.push(button(label('status'), id('status'), value('status')));
  buttons.push(button(label('help'), id('help'), value('help')));
  buttons.push(button(label(options.review ? 'cancel_review' : 'cancel_plan'), id('cancel'), value('cancel'), 'danger'));
  return buttons;
}

/** The question message once answered: the question and the answer (plain text, escaped here), no buttons. */
export function answeredQuestionMessage(question: Question, answer: string): OutgoingMessage {
  return {
    text: truncate(escapeMrkdwn(`${question.label}: ${answer}`), LIMITS.sectionText),
    blocks: [section(`:white_check_mark: *${escapeMrkdwn(question.label)}*: ${escapeMrkdwn(answer)}`)],
  };
}

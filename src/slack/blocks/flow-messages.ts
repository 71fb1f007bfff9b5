/**
 * The thread's own messages besides questions: notices, the answers so far, help
 * and the rule findings, in the reader's language. Pure: no Slack calls; user text
 * is escaped here, by the translator or by the renderer.
 */
import type { ControlWord, SectionPosition } from '../../domain/conversation/flow-state.js';
import type { Phrase } from '../../domain/message/phrase.js';
import type { Finding } from '../../domain/plan/plan.js';
import type { Question } from '../../domain/conversation/script.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { escapeMrkdwn } from '../../render/escape.js';
import type { Renderer } from '../../render/renderer.js';
import type { Translator } from '../../render/i18n/translator.js';
import { findingsView } from '../../render/findings-view.js';
import { contactPlanView } from '../../render/contact-plan-view.js';
import { ACTION, encodeValue } from './action-ids.js';
import { actions, button, context, LIMITS, section, truncate, type Block } from './block-kit.js';

/** Plain mrkdwn text as a message. */
export function textMessage(mrkdwnText: string, fallback = mrkdwnText): OutgoingMessage {
  return { text: truncate(fallback, LIMITS.sectionText), blocks: [section(mrkdwnText)] };
}

/** A one-line notice in the reader's language. */
export function noticeMessage(t: Translator, text: Phrase, fallback?: Phrase): OutgoingMessage {
  return textMessage(t.text(text), fallback ? t.text(fallback) : undefined);
}

/** One line of the answers so far: the question's label and the answer formatted (plain text); a proposal says how to set it. */
export interface StatusMessageLine {
  label: string;
  answer: string;
  proposed?: boolean;
}

/** The answers so far, how many questions remain, and in a plan the part the open question is in. */
export function statusMessage(t: Translator, lines: readonly StatusMessageLine[], remaining: number, section?: SectionPosition): OutgoingMessage {
  const heading = section
    ? t.t('status.heading_part', { count: remaining, number: String(section.number), total: String(section.total), section: { content: section.label } })
    : t.t('status.heading', { count: remaining });
  const list = lines.map((line) => {
    const answer = line.proposed ? { key: 'status.proposed', params: { answer: line.answer, question: { content: line.label.toLowerCase() } } } : line.answer;
    return t.t('status.line', { label: { content: line.label }, answer });
  });
  return textMessage(`${heading}\n${list.join('\n') || t.t('status.nothing_yet')}`, heading);
}

/** What can be typed in the thread, with the open question's help first. */
export function helpMessage(t: Translator, question: Question | undefined, controls: readonly ControlWord[]): OutgoingMessage {
  const about = question ? `*${escapeMrkdwn(question.label)}*: ${escapeMrkdwn(question.help)}\n\n` : '';
  const words = controls.map((c) => t.t('help.word', { word: { key: `thread.word.${c.word}` }, meaning: c.meaning }));
  return textMessage(`${about}${t.t('help.heading')}\n${words.join('\n')}`, t.t('help.fallback'));
}

/** The rule findings, with a button per error to jump to its question, and "post anyway" when only warnings remain. */
export function findingsMessage(
  t: Translator,
  findings: readonly Finding[],
  blocking: boolean,
  ctx: { planId: string; renderer: Renderer; questionById(id: string): Question | undefined },
): OutgoingMessage {
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
    .map((id, index) => button(t.plain({ key: 'findings.fix', params: { question: { content: ctx.questionById(id)?.label ?? id } } }), `${ACTION.fix}:${index}`, encodeValue(ctx.planId, id)));
  const scaleDown = findings.some((f) => f.action === 'scale-down')
    ? [button(t.plain({ key: 'findings.scale_down' }), `${ACTION.control}:scale-down`, encodeValue(ctx.planId, 'scale-down', ''))]
    : [];
  const buttons = blocking
    ? [...scaleDown, ...fixes]
    : [button(t.plain({ key: 'findings.post_anyway' }), `${ACTION.control}:accept-warnings`, encodeValue(ctx.planId, 'accept-warnings', ''), 'primary'), ...fixes];
  if (buttons.length > 0) blocks.push(actions(encodeValue('findings', ctx.planId), buttons.slice(0, 25)));
  const how = blocking ? t.t(scaleDown.length > 0 ? 'findings.how_to_fix_or_scale_down' : 'findings.how_to_fix') : t.t('findings.how_to_accept');
  blocks.push(context(how));
  return { text: t.t(blocking ? 'findings.fallback_errors' : 'findings.fallback_warnings'), blocks };
}

/**
 * A conversation step's effects as the thread messages they call for, as intents:
 * which question to ask (by id), what to say about the last answer, the status, the
 * help, the findings. The Slack layer renders them when they are sent.
 */
import type { AnswerRecord, ConversationEffect, FlowEffect } from '../domain/conversation/flow-state.js';
import { phrase } from '../domain/message/phrase.js';
import type { Currency } from '../domain/plan/plan.js';
import { notice, type AnswerShown, type ReviewQuestionRef } from './message-intent.js';
import type { NewOutboxItem } from './plan-record.js';

export interface EffectContext {
  /** Whether `back` has somewhere to go (the conversation's history is not empty). */
  canGoBack: boolean;
  /** The effects of the post-campaign review: its questions are made from this version of the plan. */
  review?: ReviewQuestionRef;
}

/** A stored answer as a message shows it. */
export function shownAnswer(answer: AnswerRecord, currency: Currency): AnswerShown {
  return { ...(answer.value !== undefined ? { value: answer.value } : {}), ...(answer.skipped ? { skipped: true } : {}), currency };
}

/** The outbox items for one step's effects (`finished` is handled by the service, which knows the version). */
export function intentsOfEffects(effects: readonly (FlowEffect | ConversationEffect)[], ctx: EffectContext): NewOutboxItem[] {
  const review = ctx.review ? { review: ctx.review } : {};
  const thread = (intent: NewOutboxItem['intent']): NewOutboxItem => ({ kind: 'post', where: 'thread', intent });
  const question = (intent: Extract<NewOutboxItem['intent'], { kind: 'question' }>): NewOutboxItem => ({ kind: 'post', where: 'thread', role: 'question', intent });
  return effects.flatMap((effect): NewOutboxItem[] => {
    switch (effect.type) {
      case 'ask':
        return [
          question({
            kind: 'question',
            questionId: effect.question.id,
            ...review,
            position: effect.position,
            ...(effect.note ? { note: effect.note } : {}),
            ...(effect.error ? { error: effect.error } : {}),
            ...(effect.proposal !== undefined ? { proposal: shownAnswer({ value: effect.proposal }, effect.currency) } : {}),
            ...(effect.table ? { table: effect.table } : {}),
            ...(effect.suggestion ? { suggestion: effect.suggestion } : {}),
            ...(effect.lead ? { lead: effect.lead } : {}),
            ...(effect.current ? { current: shownAnswer(effect.current, effect.currency) } : {}),
            canGoBack: ctx.canGoBack,
          }),
        ];
      case 'reask':
        return [question({ kind: 'question', questionId: effect.question.id, ...review, error: effect.error, canGoBack: ctx.canGoBack })];
      case 'status': {
        const answered = effect.answered.map((line) => ({
          questionId: line.question.id,
          answer: shownAnswer(line.answer, effect.currency),
          ...(line.proposed ? { proposed: true } : {}),
        }));
        const status = thread({ kind: 'status', ...review, answered, remaining: effect.remaining, ...(effect.section ? { section: effect.section } : {}) });
        if (!effect.current) return [status];
        // The open question again, with its buttons, below the list: also how a conversation whose
        // messages were lost (the bot was removed from the channel, Slack was down) gets going again.
        return [status, question({ kind: 'question', questionId: effect.current.id, ...review, canGoBack: ctx.canGoBack })];
      }
      case 'help':
        return [thread({ kind: 'help', ...review, ...(effect.question ? { questionId: effect.question.id } : {}) })];
      case 'findings':
        return [thread({ kind: 'findings', findings: effect.findings, blocking: effect.blocking })];
      case 'cancelled':
        return [thread(notice(phrase('plan.cancelled_in_thread'), phrase('plan.cancelled_fallback')))];
      case 'info':
        return [thread(notice(phrase('thread.info', { message: effect.message }), effect.message))];
      case 'finished':
        return [];
    }
  });
}

/**
 * A conversation's effects as an English reader meets them: every phrase in them
 * (a refusal, a note, an info line) rendered by the English catalogue, and a stored
 * answer formatted the way the thread shows it. The flow tests read effects through
 * this, so they assert what a person is told.
 */
import type { ConversationEffect, FlowEffect } from '../../src/domain/conversation/flow-state.js';
import type { Phrase } from '../../src/domain/message/phrase.js';
import { answerText } from '../../src/render/i18n/answer-text.js';
import { en, translator } from './words.js';

type AnyEffect = FlowEffect | ConversationEffect | { type: string; [key: string]: unknown };

/** The English of an effect's phrases; other fields as they are. */
export type InEnglish<E> = E extends { type: 'ask' }
  ? Omit<E, 'note' | 'current' | 'error' | 'proposal' | 'lead'> & { note?: string; current?: string; error?: string; proposal?: string; lead?: string }
  : E extends { type: 'reask' }
    ? Omit<E, 'error'> & { error: string }
    : E extends { type: 'info' }
      ? Omit<E, 'message'> & { message: string }
      : E extends { type: 'status' }
        ? Omit<E, 'answered'> & { answered: { questionId: string; label: string; value: string }[] }
        : E extends { type: 'help' }
          ? Omit<E, 'controls'> & { controls: { word: string; meaning: string }[] }
          : E;

/** `effect` with its phrases in English. */
export function inEnglish<E extends AnyEffect>(effect: E): InEnglish<E> {
  const t = translator('en');
  const e = effect as unknown as Record<string, unknown> & { type: string };
  switch (e.type) {
    case 'ask': {
      const { note, current, currency, question, error, proposal, lead, ...rest } = e as unknown as Extract<FlowEffect, { type: 'ask' }>;
      return {
        ...rest,
        type: 'ask',
        question,
        currency,
        ...(note ? { note: en(note) } : {}),
        ...(lead ? { lead: en(lead) } : {}),
        ...(current ? { current: answerText(t, question, current, currency) } : {}),
        ...(error ? { error: en(error) } : {}),
        ...(proposal !== undefined ? { proposal: answerText(t, question, { value: proposal }, currency) } : {}),
      } as unknown as InEnglish<E>;
    }
    case 'reask':
      return { ...e, error: en(e.error as Phrase) } as unknown as InEnglish<E>;
    case 'info':
      return { ...e, message: en(e.message as Phrase) } as unknown as InEnglish<E>;
    case 'status': {
      const status = e as unknown as Extract<ConversationEffect, { type: 'status' }>;
      const answered = status.answered.map((line) => {
        const value = answerText(t, line.question, line.answer, status.currency);
        const shown = line.proposed ? en({ key: 'status.proposed', params: { answer: value, question: { content: line.question.label.toLowerCase() } } }) : value;
        return { questionId: line.question.id, label: line.question.label, value: shown };
      });
      return { ...e, answered } as unknown as InEnglish<E>;
    }
    case 'help': {
      const help = e as unknown as Extract<ConversationEffect, { type: 'help' }>;
      return { ...e, controls: help.controls.map((c) => ({ word: c.word, meaning: en(c.meaning) })) } as unknown as InEnglish<E>;
    }
    default:
      return effect as InEnglish<E>;
  }
}

/**
 * An intent into Block Kit, in one reader's language: the one place that turns what
 * a service meant to say into a Slack message. The plan's own messages (a draft, a
 * question) are drawn from the record as it is when the message is sent.
 */
import { buildBudgetSketch } from '../../domain/budget/budget.js';
import { CONTROL_WORDS } from '../../domain/conversation/interpret-reply.js';
import type { Question, QuestionScript } from '../../domain/conversation/script.js';
import type { ContactTable } from '../../domain/conversation/flow-state.js';
import { labelOf, type Labels } from '../../domain/plan/plan.js';
import { contactPlanView } from '../../render/contact-plan-view.js';
import { REVIEW_CONTROL_WORDS, reviewQuestions } from '../../domain/review/review-flow.js';
import type { ReviewScript } from '../../domain/review/review-script.js';
import type { MessageIntent, ReviewQuestionRef } from '../../app/message-intent.js';
import { latestVersion, type PlanRecord } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import type { Renderer } from '../../render/renderer.js';
import { answerText } from '../../render/i18n/answer-text.js';
import type { Translator } from '../../render/i18n/translator.js';
import { findingsMessage, helpMessage, noticeMessage, statusMessage } from '../blocks/flow-messages.js';
import { budgetMessage, draftMessage, kickoffMessage, supersededMessage } from '../blocks/plan-messages.js';
import { answeredQuestionMessage, questionMessage } from '../blocks/question-message.js';
import { reminderMessage, reviewSummaryMessage } from '../blocks/review-messages.js';
import { canvasOfferMessage, withCanvasOffer } from '../blocks/canvas-messages.js';

/** What rendering needs besides the intent. */
export interface PresentContext {
  t: Translator;
  /** The plan as it is now. */
  record: PlanRecord;
  script: QuestionScript;
  reviewScript: ReviewScript;
  renderer: Renderer;
}

/** The question an intent names: one of the plan script, or of the review made from a version of the plan. */
export function questionOf(ctx: Omit<PresentContext, 't' | 'renderer'>, id: string, review?: ReviewQuestionRef): Question | undefined {
  if (!review) return ctx.script.questions.find((q) => q.id === id);
  const version = ctx.record.versions.find((v) => v.version === review.version);
  return version ? reviewQuestions(ctx.reviewScript, version.plan, review.plannedSpend).find((q) => q.id === id) : undefined;
}

/** The message for `intent`, or undefined when what it shows is no longer there (a version or question that is gone). */
export function presentIntent(intent: MessageIntent, ctx: PresentContext): OutgoingMessage | undefined {
  const { t, record, renderer } = ctx;
  switch (intent.kind) {
    case 'notice': {
      const message = noticeMessage(t, intent.text, intent.fallback);
      return intent.offer === 'canvas' ? withCanvasOffer(t, message, record) : message;
    }
    case 'canvas-offer':
      return canvasOfferMessage(t, record);
    case 'kickoff':
      return kickoffMessage(t, record);
    case 'question': {
      const question = questionOf(ctx, intent.questionId, intent.review);
      if (!question) return undefined;
      return questionMessage(t, question, {
        planId: record.id,
        ...(intent.position ? { position: intent.position } : {}),
        ...(intent.error ? { error: intent.error } : {}),
        ...(intent.note ? { note: intent.note } : {}),
        ...(intent.proposal ? { proposal: answerText(t, question, intent.proposal, intent.proposal.currency) } : {}),
        ...(intent.table ? contactTableOptions(t, renderer, intent.table, ctx.script.labels) : {}),
        ...(intent.suggestion ? { suggestion: intent.suggestion } : {}),
        ...(intent.lead ? { lead: intent.lead } : {}),
        ...(intent.current ? { current: answerText(t, question, intent.current, intent.current.currency) } : {}),
        canGoBack: intent.canGoBack,
        review: intent.review !== undefined,
      });
    }
    case 'answered': {
      const question = questionOf(ctx, intent.questionId, intent.review);
      return question ? answeredQuestionMessage(question, answerText(t, question, intent.answer, intent.answer.currency)) : undefined;
    }
    case 'status': {
      const lines = intent.answered.flatMap(({ questionId, answer, proposed }) => {
        const question = questionOf(ctx, questionId, intent.review);
        return question ? [{ label: question.label, answer: answerText(t, question, answer, answer.currency), ...(proposed ? { proposed: true } : {}) }] : [];
      });
      return statusMessage(t, lines, intent.remaining, intent.section);
    }
    case 'help': {
      const question = intent.questionId ? questionOf(ctx, intent.questionId, intent.review) : undefined;
      return helpMessage(t, question, intent.review ? REVIEW_CONTROL_WORDS : CONTROL_WORDS);
    }
    case 'findings':
      return findingsMessage(t, intent.findings, intent.blocking, { planId: record.id, renderer, questionById: (id) => questionOf(ctx, id) });
    case 'draft': {
      const version = record.versions.find((v) => v.version === intent.version);
      if (!version) return undefined;
      const approval = intent.approval ? t.text(intent.approval) : '';
      return draftMessage(t, renderer, record, version, buildBudgetSketch(version.plan), approval, ctx.script.labels, intent.status);
    }
    case 'budget': {
      const version = record.versions.find((v) => v.version === intent.version);
      return version ? budgetMessage(t, renderer, record, version, buildBudgetSketch(version.plan)) : undefined;
    }
    case 'superseded': {
      const old = record.versions.find((v) => v.version === intent.version);
      return old ? supersededMessage(t, record, old, intent.by) : undefined;
    }
    case 'reminder': {
      const version = latestVersion(record);
      return version ? reminderMessage(t, record, version.plan, intent.reminder) : undefined;
    }
    case 'review-summary': {
      const version = record.versions.find((v) => v.version === intent.version);
      return version ? reviewSummaryMessage(t, renderer, record, version.plan, intent.summary, intent.reviewerId, intent.carried ?? [], ctx.script.labels) : undefined;
    }
  }
}

/**
 * The contact plan shown with its question: the table (the plan's content, from the
 * template) and, while a row is being changed, which one, in the reader's language.
 */
function contactTableOptions(t: Translator, renderer: Renderer, table: ContactTable, labels: Labels): { table: string; editing?: string } {
  const rendered = renderer.render('contact-plan', contactPlanView(table.draft, table.rows, labels, { carried: table.carried }));
  const editing = table.editing;
  if (!editing) return { table: rendered };
  if (editing.adding) return { table: rendered, editing: t.t('question.editing.adding') };
  const row = editing.position !== undefined ? table.rows[editing.position - 1] : undefined;
  if (!row) return { table: rendered, editing: t.t('question.editing.some_row') };
  const channel = table.draft.channels.find((c) => c.id === row.channelId)?.name ?? row.channelId;
  const stage = labelOf(labels, 'stage', row.stage).toLowerCase();
  return { table: rendered, editing: t.t('question.editing.row', { row: String(editing.position), channel: { content: channel }, stage: { content: stage } }) };
}

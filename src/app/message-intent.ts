/**
 * What the bot means to say, as data: services return intents, the outbox stores
 * them, and the Slack layer (src/slack/present) renders each one into Block Kit in
 * its reader's language when it is sent. An intent holds codes, ids, numbers, dates
 * and phrases, never words or Block Kit, so a stored plan reads the same in any
 * language and a message still queued when the channel's language changes goes out
 * in the new one.
 *
 * The plan's own messages (a draft, its budget sketch, a question, the findings, the
 * review summary) name what they show (the version, the question id) and are drawn
 * from the stored record at send time.
 */
import type { ContactTable, SectionPosition, Suggestion } from '../domain/conversation/flow-state.js';
import type { AnswerValue } from '../domain/conversation/flow-state.js';
import type { Phrase } from '../domain/message/phrase.js';
import type { Currency, StoredFinding } from '../domain/plan/plan.js';
import type { ReviewSummary } from '../domain/review/review.js';
import type { QuickBudget } from '../domain/budget/quick-budget.js';
import type { PlanRecord, PlanStatus } from './plan-record.js';

/** A stored answer as a message shows it: its value (absent when skipped), in the plan's currency. */
export interface AnswerShown {
  value?: AnswerValue;
  skipped?: boolean;
  currency: Currency;
}

/** A question of the post-campaign review: they are made from the plan version and the spend it planned. */
export interface ReviewQuestionRef {
  version: number;
  plannedSpend: number;
}

/** Every message the bot sends. */
export type MessageIntent =
  /** One line of mrkdwn: notices in the thread and the channel, notes to one person. `fallback` is the notification text when it differs. */
  | { kind: 'notice'; text: Phrase; fallback?: Phrase; offer?: 'canvas' }
  /** The offer to save the approved plan as a canvas, on its own (it rides under the approval notice when it can). */
  | { kind: 'canvas-offer' }
  /** The top-level message that opens a plan's thread (the plan's title, author and id come from the record). */
  | { kind: 'kickoff' }
  /** A question (asked, asked again with why the last answer was refused, or asked anew after `status`). */
  | {
      kind: 'question';
      questionId: string;
      review?: ReviewQuestionRef;
      /** Its place among the questions; in a plan, also the part of the conversation it is in. */
      position?: { number: number; total: number; section?: SectionPosition };
      /** Why the last answer was refused. */
      error?: Phrase;
      /** The bot's proposal, for a question it proposes rather than asks. */
      proposal?: AnswerShown;
      /** The contact plan as proposed and changed so far, for the contact-plan question (data: drawn in the reader's language when sent). */
      table?: ContactTable;
      /** How the previous answer was read. */
      note?: Phrase;
      suggestion?: Suggestion;
      /** What to know before answering (the budget's need before the money available is asked): the plan's content, in English until it joins the catalogue. */
      lead?: Phrase;
      /** The stored answer when the question is asked again. */
      current?: AnswerShown;
      canGoBack: boolean;
    }
  /** A question once answered: the question and its answer, no buttons. */
  | { kind: 'answered'; questionId: string; review?: ReviewQuestionRef; answer: AnswerShown }
  /** The answers so far and how many questions remain. */
  | {
      kind: 'status';
      review?: ReviewQuestionRef;
      /** The answers so far; a `proposed` one is the bot's proposal, not yet set by the author. */
      answered: { questionId: string; answer: AnswerShown; proposed?: boolean }[];
      remaining: number;
      /** The part of the plan the open question is in. */
      section?: SectionPosition;
    }
  /** What can be typed in the thread, and the open question's help. */
  | { kind: 'help'; review?: ReviewQuestionRef; questionId?: string }
  /** The rule findings of the plan's answers, with fix buttons (and "post anyway" when only warnings are left). */
  | { kind: 'findings'; findings: StoredFinding[]; blocking: boolean }
  /** A posted version as the draft: the strategy summary, its approval line and buttons. `status` is the plan's status when it was queued. */
  | { kind: 'draft'; version: number; status: PlanStatus; approval?: Phrase }
  /** A posted version's budget sketch. */
  | { kind: 'budget'; version: number }
  /** What an earlier draft turns into once version `by` is posted. */
  | { kind: 'superseded'; version: number; by: number }
  /** The review reminder on the review date, or the nudge a few days later. */
  | { kind: 'reminder'; reminder: 'review' | 'nudge' }
  /** The review summary posted to the channel; `carried` are the questions of the next plan its figures are suggested for. */
  | { kind: 'review-summary'; version: number; summary: ReviewSummary; reviewerId: string; carried?: string[] };

/** A one-line notice. */
export function notice(text: Phrase, fallback?: Phrase): MessageIntent {
  return fallback === undefined ? { kind: 'notice', text } : { kind: 'notice', text, fallback };
}

/**
 * What a command or a click answers the person who made it. Not kept with the plan, so
 * it may carry the record it shows; a command's answer is kept a few minutes in the
 * store's shared keys (as JSON, no words) for a repeated delivery to another instance.
 */
export type ReplyIntent =
  | { kind: 'text'; text: Phrase }
  /** `/imc help`; `unknown` is a subcommand the bot does not know, `unavailable` one it knows but cannot run here. */
  | { kind: 'help'; unknown?: string; unavailable?: string }
  /** `/imc list`: the newest plans of the channel, and how many it has. */
  | { kind: 'plan-list'; plans: { id: string; title: string; status: string; updatedOn: string }[]; total: number }
  /** `/imc show` of a plan still being written: its answers so far. */
  | { kind: 'plan-progress'; record: PlanRecord; answered: { questionId: string; answer: AnswerShown }[] }
  /** `/imc show` of a posted plan: its newest draft and budget sketch. */
  | { kind: 'plan-show'; record: PlanRecord; version: number }
  /** `/imc budget`: the quick objective-and-task budget. */
  | { kind: 'quick-budget'; budget: QuickBudget };

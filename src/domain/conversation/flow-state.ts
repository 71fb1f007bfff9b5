/**
 * The conversations' states and their inputs and effects, as plain data: what every
 * conversation stores (answers, history, the question open), and the planning
 * conversation's own part. States are JSON all the way down so that a stored
 * conversation resumes exactly where it was.
 */
import { z } from 'zod';
import { ContactPlanAnswerSchema } from '../contact/contact-plan.js';
import { GoalSchema, NonMediaLineSchema, SEVERITIES, type Currency, type Plan, type StoredFinding, type PlanDraft, type Touchpoint } from '../plan/plan.js';
import { isPhrase, phrase, StoredPhraseSchema, type Param, type Params, type Phrase } from '../message/phrase.js';
import type { Question } from './question.js';
import type { THREAD_WORD_KINDS } from './interpret-reply.js';

/** One channel's own cost as answered (minor units per visit, or per 1,000 impressions). */
export const ChannelCostAnswerSchema = z.object({ channelId: z.string(), amount: z.number().int() });

/**
 * A typed answer: choice id(s), text, a number (money in minor units, rates as fractions), an ISO date, a yes/no,
 * goals, non-media lines, per-channel costs, or the accepted contact plan.
 */
export const AnswerValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.array(GoalSchema),
  ContactPlanAnswerSchema,
  z.array(NonMediaLineSchema),
  z.array(ChannelCostAnswerSchema),
]);
/** A typed answer value. */
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

/** One stored answer: the typed value (absent when skipped), what was typed, and how it was read. */
export const AnswerRecordSchema = z.object({
  value: AnswerValueSchema.optional(),
  skipped: z.boolean().optional(),
  raw: z.string().optional(),
  /** How the answer was read (a phrase; an English sentence in plans saved before phrases). */
  note: StoredPhraseSchema.optional(),
});
/** One stored answer. */
export type AnswerRecord = z.infer<typeof AnswerRecordSchema>;

/** Stored answers by question id. */
export type Answers = Record<string, AnswerRecord>;

/** One channel's actual rates from the last review: what the next plan starts from. */
export const ChannelRateSchema = z.object({
  channelId: z.string().min(1),
  /** Minor units per visit, per thousand impressions; conversion as a fraction. */
  costPerVisit: z.number().int().positive().optional(),
  cpm: z.number().int().positive().optional(),
  conversion: z.number().positive().max(1).optional(),
  /** The KPI the row was measured by and its actual value. */
  kpi: z.object({ metric: z.string().min(1), actual: z.number() }).optional(),
});
/** One channel's actual rates. */
export type ChannelRate = z.infer<typeof ChannelRateSchema>;

/** The per-channel rates of the last review, and where they came from. */
export const CarriedRatesSchema = z.object({ source: z.string(), channels: z.array(ChannelRateSchema) });
/** The per-channel rates a plan starts from. */
export type CarriedRates = z.infer<typeof CarriedRatesSchema>;

/** Where a suggestion came from as data: the review (or the plan) of an earlier campaign. */
export const SuggestionSourceSchema = z.object({ campaign: z.string(), planId: z.string(), reviewedOn: z.string().optional() });

/**
 * A suggested answer and where it came from: `actual` a figure the last review measured,
 * `plan` one the last reviewed plan assumed, `default` a proposal worked out from this
 * plan's own answers (a goal's baseline, a share of the working media). `text` is typed
 * as the answer when taken (`2.5%`, `¥1,000`); `source` is the earlier plan as data, or
 * words (a proposal's reason, or a plan saved before sources were kept as data).
 */
export const SuggestionSchema = z.object({
  text: z.string(),
  /** How the suggested answer is shown, in the reader's language, when it is not shown as typed (`text` is still what is taken). */
  display: StoredPhraseSchema.optional(),
  source: z.union([SuggestionSourceSchema, StoredPhraseSchema]),
  basis: z.enum(['actual', 'plan', 'default']).optional(),
});
/** A suggested answer. */
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** The earlier plan a suggestion came from, for a message: "the review of “Spring launch” (P-7K3QX), 15 Apr 2027". */
export function suggestionSource(suggestion: Pick<Suggestion, 'source' | 'basis'>): Param {
  if (typeof suggestion.source === 'string') return { content: suggestion.source };
  if (isPhrase(suggestion.source)) return suggestion.source;
  const source = suggestion.source as z.infer<typeof SuggestionSourceSchema>;
  if (suggestion.basis === 'plan' || source.reviewedOn === undefined) return phrase('conversation.suggestion.plan', { campaign: source.campaign, planId: source.planId });
  return phrase('conversation.suggestion.review', { campaign: source.campaign, planId: source.planId, date: { date: source.reviewedOn } });
}

/** A suggested answer as the reader sees it: its words in the reader's language, or the text that is taken, as typed. */
export function suggestionAnswer(suggestion: Pick<Suggestion, 'text' | 'display'>): Param {
  return isPhrase(suggestion.display) ? suggestion.display : suggestion.text;
}

/** Where a suggestion comes from: a figure the last review measured, one the last plan assumed, or this plan's own proposal. */
export function suggestionOrigin(suggestion: Suggestion): Param {
  switch (suggestion.basis) {
    case 'plan':
      return phrase('conversation.suggestion.as_in', { source: suggestionSource(suggestion) });
    case 'default':
      return suggestionSource(suggestion);
    case 'actual':
    default:
      return phrase('conversation.suggestion.actual', { source: suggestionSource(suggestion) });
  }
}

/** A finding as stored: today's data, or the English sentences of a conversation saved before findings were data. */
const FindingSchema = z.union([
  z.object({
    rule: z.string(),
    id: z.string(),
    severity: z.enum(SEVERITIES),
    // Values are only shown (by the Slack layer, which tolerates any it does not know), never acted on.
    params: z.custom<Params>((value) => typeof value === 'object' && value !== null && !Array.isArray(value)),
    questionId: z.string().optional(),
    action: z.literal('scale-down').optional(),
  }),
  z.object({
    rule: z.string(),
    severity: z.enum(SEVERITIES),
    problem: z.string(),
    principle: z.string(),
    fix: z.string(),
    questionId: z.string().optional(),
    action: z.literal('scale-down').optional(),
  }),
]);

/** What every conversation stores, whatever its questions: validated before a stored one continues. */
export const ConversationStateSchema = z.object({
  /** Counts accepted inputs; services use it to drop duplicate or stale deliveries. */
  version: z.number().int().nonnegative(),
  /** The question being asked (only while `asking`). */
  current: z.string().optional(),
  answers: z.record(z.string(), AnswerRecordSchema),
  /** Questions asked before the current one, most recent last: `back` pops it. */
  history: z.array(z.string()),
  /** The last answer that could not be read, kept so nothing typed is lost. */
  rejected: z.object({ questionId: z.string(), text: z.string(), error: StoredPhraseSchema }).optional(),
  timeZone: z.string().min(1),
});

export const FLOW_STATUSES = ['asking', 'checking', 'finished', 'cancelled'] as const;
/** Where the planning conversation is: asking questions, checking the answers (waiting for fixes or `accept`), or over. */
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** Statuses stored by earlier versions, and what they are called now. */
const LEGACY_FLOW_STATUSES: Record<string, FlowStatus> = { reviewing: 'checking' };

/** A stored status in today's words: plans saved before the rename still resume. */
export function currentFlowStatus(status: string): string {
  return LEGACY_FLOW_STATUSES[status] ?? status;
}

/** Validates a stored planning state (e.g. read back from disk) before the flow continues it. */
export const FlowStateSchema = ConversationStateSchema.extend({
  status: z.preprocess((value) => (typeof value === 'string' ? currentFlowStatus(value) : value), z.enum(FLOW_STATUSES)),
  /** The findings of the last check of the answers. */
  findings: z.array(FindingSchema),
  /** Rule ids of the warnings the team accepted. */
  acceptedWarnings: z.array(z.string()),
  suggestions: z.record(z.string(), SuggestionSchema),
  /** The contact plan as changed so far, before the author accepts it. */
  contactDraft: ContactPlanAnswerSchema.optional(),
  /** The row of the contact plan the next reply changes (`change row 3`, `add row`), by its stable id. */
  editingRow: z.object({ id: z.string().min(1), added: z.boolean().optional() }).optional(),
  /** What the last review found per channel, shown beside the proposed rows and carried into the budget. */
  carried: CarriedRatesSchema.optional(),
});
/** The whole conversation state. */
export type FlowState = z.infer<typeof FlowStateSchema>;

/** What a person did in the thread: an answer, a button, or a control word. */
export type FlowInput =
  | { type: 'text'; text: string }
  | { type: 'choose'; questionId: string; values: string[] }
  | { type: 'back' }
  | { type: 'skip' }
  | { type: 'status' }
  | { type: 'help' }
  | { type: 'cancel' }
  /** `raw` is the whole reply, so "Change perceptions of ..." can still be an answer when nothing matches. */
  | { type: 'change'; target: string; raw?: string }
  | { type: 'use-suggestion' }
  | { type: 'accept-warnings' }
  /** `change row 3` (optionally with the change: `change row 3: channel Xiaohongshu`), `add row`, `remove row 3`. */
  | { type: 'edit-row'; row: number; text?: string }
  | { type: 'add-row'; text?: string }
  | { type: 'remove-row'; row: number }
  /** Post a plan scaled down to the money available (offered when it covers less than half the need). */
  | { type: 'scale-down' };

/** One line of a status list: the question and its stored answer (formatted for the reader when shown). */
export interface StatusLine {
  question: Question;
  answer: AnswerRecord;
  /** The answer is the bot's proposal, not one given: `change <question>` sets it. */
  proposed?: boolean;
}

/** A control word of the thread (`back`, `change`…) and what it does here, for help messages; the word is said in the reader's language. */
export interface ControlWord {
  word: ControlWordId;
  meaning: Phrase;
}

/** The control words a help message can list: the kinds of thread word. */
export type ControlWordId = (typeof THREAD_WORD_KINDS)[number] | 'change-row' | 'add-row' | 'remove-row';

/** Something for the service to show, in any conversation; the engine itself never talks to Slack. */
export type ConversationEffect =
  | {
      type: 'ask';
      question: Question;
      /**
       * 1-based position among the questions that apply, and how many apply; in a plan, also the
       * part of the conversation (fixed, so progress shown by part never jumps).
       */
      position: { number: number; total: number; section?: SectionPosition };
      suggestion?: Suggestion;
      /** The bot's proposal, for a question it proposes rather than asks (shown in the reader's language). */
      proposal?: AnswerValue;
      /** The contact plan as proposed (and changed so far), for the contact-plan question. */
      table?: ContactTable;
      /** Why the last reply could not be used, when the question is asked again with its table. */
      error?: Phrase;
      /** What the team should know before answering, e.g. what the plan needs before the money available is asked. */
      lead?: Phrase;
      /** How the previous answer was read, e.g. "Read 2 as 2 %". */
      note?: Phrase;
      /** The currency money answers are shown in. */
      currency: Currency;
      /** The stored answer when the question is asked again (back, change). */
      current?: AnswerRecord;
    }
  | { type: 'reask'; question: Question; error: Phrase; attempt: string }
  | { type: 'status'; answered: StatusLine[]; remaining: number; currency: Currency; current?: Question; section?: SectionPosition }
  | { type: 'help'; question?: Question; controls: ControlWord[] }
  | { type: 'cancelled' }
  | { type: 'info'; message: Phrase };

/** The part of the conversation a question is in, e.g. Message, part 5 of 8. */
export interface SectionPosition {
  label: string;
  number: number;
  total: number;
}

/** The contact plan shown with its question: the rows, the draft they belong to, and the row being changed. */
export interface ContactTable {
  rows: Touchpoint[];
  draft: PlanDraft;
  /** The row the next reply changes: its 1-based position (absent for a row being added). */
  editing?: { position?: number; adding: boolean };
  /** Per-channel actuals from the last review. */
  carried?: CarriedRates;
}

/** What the planning conversation shows: the engine's effects, the check's findings, and the finished plan. */
export type FlowEffect =
  | ConversationEffect
  | { type: 'findings'; findings: StoredFinding[]; blocking: boolean }
  | { type: 'finished'; plan: Plan; findings: StoredFinding[] };

/** The new state and what to show. */
export interface StepResult {
  state: FlowState;
  effects: FlowEffect[];
}

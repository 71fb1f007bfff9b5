/**
 * What the bot stores per plan: the conversation state, every posted version,
 * the approval, reminders and review, and the Slack messages still to send.
 * One record is one file on disk; the store indexes a few of its fields.
 */
import type { ApprovalPolicy, ButtonVote } from '../domain/approval/approval.js';
import type { CarriedRates, FlowState } from '../domain/conversation/flow.js';
import type { Reminder } from '../domain/review/reminders.js';
import type { ReviewState } from '../domain/review/review-flow.js';
import type { ReviewActuals, ReviewSummary } from '../domain/review/review.js';
import type { Finding, Plan } from '../domain/plan/plan.js';
import type { Suggestion } from '../domain/conversation/flow-state.js';
import type { MessageIntent } from './message-intent.js';
import { phrase, type Param } from '../domain/message/phrase.js';
import type { OutgoingMessage } from './ports.js';

/** The title a plan is stored with until someone names it (shown in the reader's words, never as it is). */
export const UNTITLED = 'Untitled campaign';

export const PLAN_STATUSES = [
  /** The question conversation is running. */
  'planning',
  /** Posted, waiting for approvals. */
  'draft',
  'changes-requested',
  'approved',
  /** The post-campaign review conversation is running. */
  'reviewing',
  'reviewed',
  'cancelled',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** One posted version of the plan; editing posts a new one and keeps the old. */
export interface PlanVersion {
  version: number;
  plan: Plan;
  findings: Finding[];
  postedAt: string;
  /** ts of the top-level draft message (the one people react to). */
  messageTs?: string;
  /** ts of the budget sketch message. */
  budgetTs?: string;
  supersededAt?: string;
  /**
   * The channel's approval rules when this version was posted. Its approval is derived
   * under them, so a later `/imc config` change never approves (or blocks) a draft
   * that is already waiting. Absent on versions stored before rules were kept.
   */
  policy?: ApprovalPolicy;
}

/** Where the ts of a posted message is remembered, so later updates can find it. */
export type MessageRole = 'kickoff' | 'question' | 'draft' | 'budget' | 'review-summary';

/**
 * What an outbox item sends: an intent, rendered for its reader when it is sent, or
 * (items queued before intents, by an older version of the bot) the Block Kit message
 * rendered back then, sent as it is.
 */
export type OutboxContent = { intent: MessageIntent; message?: undefined } | { message: OutgoingMessage; intent?: undefined };

/**
 * A Slack call the bot still owes; stored with the record so a crash cannot lose it.
 * Posts carry their item's id in Slack message metadata, so one that may already have
 * gone out (a crash or a timeout after Slack took it) is found instead of sent twice.
 * A `note` goes to one person only: ephemeral in the channel, or a direct message to
 * someone who is not in it. Slack keeps no history of ephemerals, so notes cannot be
 * checked the same way; they are short and at worst repeated after a crash.
 */
export type OutboxItem =
  | ({ id: string; kind: 'post'; where: 'channel' | 'thread'; role?: MessageRole; version?: number } & OutboxContent)
  | ({ id: string; kind: 'update'; role: MessageRole; ts?: string } & OutboxContent)
  | ({ id: string; kind: 'note'; userId: string; via: 'ephemeral' | 'dm' } & OutboxContent)
  /** Work a registered performer does at send time (a chart, a canvas), rendered from the record then. */
  | { id: string; kind: 'effect'; effect: string; version?: number; userId?: string };

/** A message item as services create it: always an intent; the outbox gives it its id. */
export type NewOutboxItem =
  | { kind: 'post'; where: 'channel' | 'thread'; role?: MessageRole; version?: number; intent: MessageIntent }
  | { kind: 'update'; role: MessageRole; ts?: string; intent: MessageIntent }
  | { kind: 'note'; userId: string; via: 'ephemeral' | 'dm'; intent: MessageIntent };
/** An effect item as services create it. */
export type NewEffectItem = Omit<Extract<OutboxItem, { kind: 'effect' }>, 'id'>;

export interface PlanRecord {
  [key: string]: unknown;
  id: string;
  teamId: string;
  channelId: string;
  /** ts of the kickoff message: the plan's thread. */
  threadTs?: string;
  /** Every top-level message of this plan (kickoff, drafts), for reaction look-ups. */
  messageTs: string[];
  status: PlanStatus;
  title: string;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  flow: FlowState;
  versions: PlanVersion[];
  /** ts of the question message currently open (so it can be marked answered). */
  questionTs?: string;
  outbox: OutboxItem[];
  /** Keys of events already applied (bounded), so redeliveries change nothing. */
  seen: string[];
  cancelledReason?: string;
  /** A multi-select's choices not yet committed with Done. */
  pending?: { questionId: string; values: string[] };
  /** The approval of the latest version, as last derived from its reactions. */
  approval?: ApprovalRecord;
  /**
   * The review reminder and its nudge: due, moved, sent or cancelled. They belong to
   * the plan, not to one approval: only approved plans send them, and approving
   * again never re-arms or drops them.
   */
  reminders?: Reminder[];
  /** The post-campaign review: its conversation, then its results. */
  review?: ReviewRecord;
  /** When the next reminder is due (see {@link nextDueAt}); the store indexes it for the reminder tick. */
  dueAt?: string;
  /**
   * Readings of the draft's reactions: the last ticket handed out and the newest one
   * applied, so an older reading (on any instance) never lands after a newer one.
   */
  approvalReadings?: { taken: number; applied: number };
  /** The canvas the approved plan was saved as, and the version it shows. */
  canvas?: { id: string; version: number; kind: 'channel' | 'standalone' };
}

export interface ApprovalRecord {
  /** The version the approval belongs to; a new version starts over. */
  version: number;
  state: 'draft' | 'changes-requested' | 'approved';
  approvers: string[];
  changeRequesters: string[];
  approvedAt?: string;
  /** Votes by the draft's buttons, in click order (a second click on the same button removes one). */
  votes?: ButtonVote[];
  /** People already told that their reaction on this draft does not count (told once per draft). */
  told?: string[];
}

export interface ReviewRecord {
  /** Who runs the review conversation (their thread replies are its answers). */
  reviewerId: string;
  state: ReviewState;
  summary?: ReviewSummary;
  actuals?: ReviewActuals;
  /** Suggested answers for the next plan in the channel. */
  suggestions?: Record<string, Suggestion>;
  /** Per-channel actual rates from the rows of the contact plan, for the next plan in the channel. */
  carried?: CarriedRates;
  reviewedOn?: string;
}

/** How many event keys a record remembers. Slack redelivers within minutes, not hundreds of events later. */
export const SEEN_LIMIT = 200;

/** Adds a dedupe key; returns false when it was already there. */
export function markSeen(record: PlanRecord, key: string): boolean {
  if (record.seen.includes(key)) return false;
  record.seen.push(key);
  if (record.seen.length > SEEN_LIMIT) record.seen.splice(0, record.seen.length - SEEN_LIMIT);
  return true;
}

/** The plan's title for a message: its name, or "untitled" in the reader's words. */
export function titleOf(record: Pick<PlanRecord, 'title'>): Param {
  return record.title === UNTITLED ? phrase('plan.untitled') : record.title;
}

/** The newest posted version, if any. */
export function latestVersion(record: PlanRecord): PlanVersion | undefined {
  return record.versions[record.versions.length - 1];
}

/**
 * When the plan next needs the reminder tick (the store indexes it as `dueAt`): the
 * earliest pending reminder of an approved plan, or a reminder claimed by a send that
 * never finished (its sender died: the tick looks for it in Slack and completes it).
 */
export function nextDueAt(record: PlanRecord): string | undefined {
  const due = (record.reminders ?? [])
    .filter((r) => r.status === 'sending' || (r.status === 'pending' && record.status === 'approved'))
    .map((r) => r.dueAt)
    .sort();
  return due[0];
}

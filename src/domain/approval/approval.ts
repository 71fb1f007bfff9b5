/**
 * Approval of a posted plan, derived from the reactions on its draft message as
 * they are now and the Approve / Request changes buttons people have left clicked.
 * Nothing is counted up or down per event, so a redelivered, duplicated or
 * out-of-order reaction event or click cannot make the status drift.
 */

import { phrase, type Phrase } from '../message/phrase.js';

/** Which reactions approve or ask for changes, and how many approvals a plan needs. */
export interface ApprovalPolicy {
  approveEmoji: string;
  rejectEmoji: string;
  approvalsNeeded: number;
  authorCanApprove: boolean;
}

/** What a person says about a draft: approve it, or ask for changes. */
export type Vote = 'approve' | 'reject';

/** A vote left by the draft's buttons (a second click on the same button takes it back). */
export interface ButtonVote {
  userId: string;
  vote: Vote;
}

/** Everything the approval depends on: the message's reactions now, the button votes, and who may count. */
export interface ApprovalInput {
  /** Emoji name -> user ids, as on the message now (skin-tone variants as separate keys, as Slack sends them). */
  reactions: Record<string, string[]>;
  /** Votes by button, in the order they were cast; one person's reaction and click are one vote. */
  buttonVotes?: readonly ButtonVote[];
  authorId: string;
  botUserId: string;
  isMember: (userId: string) => boolean;
  policy: ApprovalPolicy;
}

/** Why a reaction or click did not count. */
export type IgnoredReason = 'author' | 'bot' | 'not-member';

/** Where a vote came from. */
export type VoteSource = 'reaction' | 'button';

/** Someone whose vote did not count, why, and whether they reacted, clicked, or both. */
export interface IgnoredVote {
  userId: string;
  reason: IgnoredReason;
  sources: VoteSource[];
}

/** The approval status and who brought it about. */
export interface ApprovalOutcome {
  state: 'draft' | 'changes-requested' | 'approved';
  /** Distinct users whose approval counts, in the order they reacted. */
  approvers: string[];
  changeRequesters: string[];
  ignored: IgnoredVote[];
  needed: number;
}

/** Slack user ids (`U…`, or `W…` on Enterprise Grid); anything else is never mentioned or counted. */
const USER_ID = /^[UW][A-Z0-9]+$/;

/** `:white_check_mark::skin-tone-2:` -> `white_check_mark`: a skin tone is the same vote. */
export function baseEmoji(name: string): string {
  return name.trim().replace(/^:+|:+$/g, '').split('::')[0] ?? '';
}

/**
 * Derived from the current reactions and button votes only, so redelivered or
 * out-of-order events cannot make it drift. A person counts once per side, whether
 * they reacted, clicked or both; reactors come first in reaction order, then clickers.
 */
export function deriveApproval(input: ApprovalInput): ApprovalOutcome {
  const { policy } = input;
  const needed = neededApprovals(policy.approvalsNeeded);
  const ignored = new Map<string, IgnoredVote>();
  const counted = (emoji: string, vote: Vote): string[] => {
    const voters = new Map<string, VoteSource[]>();
    const add = (userId: string, source: VoteSource) => voters.set(userId, [...new Set([...(voters.get(userId) ?? []), source])]);
    for (const userId of reactorsOf(input.reactions, emoji)) add(userId, 'reaction');
    for (const button of input.buttonVotes ?? []) if (button.vote === vote && typeof button.userId === 'string') add(button.userId, 'button');
    return [...voters].flatMap(([userId, sources]) => {
      const reason = whyIgnored(userId, vote, input);
      if (reason === undefined) return [userId];
      const seen = ignored.get(userId);
      ignored.set(userId, seen ? { ...seen, sources: [...new Set([...seen.sources, ...sources])] } : { userId, reason, sources });
      return [];
    });
  };
  const approvers = counted(policy.approveEmoji, 'approve');
  const changeRequesters = counted(policy.rejectEmoji, 'reject');
  const state = changeRequesters.length > 0 ? 'changes-requested' : approvers.length >= needed ? 'approved' : 'draft';
  return { state, approvers, changeRequesters, ignored: [...ignored.values()], needed };
}

/** A policy asking for fewer than one approval would approve a plan nobody looked at. */
function neededApprovals(requested: number): number {
  return Number.isFinite(requested) ? Math.max(1, Math.floor(requested)) : 1;
}

/**
 * Distinct users who reacted with `emoji` in any skin tone. Variant keys are read in
 * sorted order (the plain emoji first) so the key order of the input cannot matter.
 */
function reactorsOf(reactions: Record<string, string[]>, emoji: string): string[] {
  const wanted = baseEmoji(emoji);
  const keys = Object.keys(reactions)
    .filter((key) => baseEmoji(key) === wanted)
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const users = keys.flatMap((key) => (Array.isArray(reactions[key]) ? reactions[key] : []));
  return [...new Set(users.filter((user): user is string => typeof user === 'string'))];
}

function whyIgnored(userId: string, vote: Vote, input: ApprovalInput): IgnoredReason | undefined {
  if (userId === input.botUserId) return 'bot';
  // A malformed id cannot be a channel member, and must never reach a mention.
  if (!USER_ID.test(userId) || !input.isMember(userId)) return 'not-member';
  // The author may always ask for changes to their own plan, but not approve it unless allowed.
  if (vote === 'approve' && userId === input.authorId && !input.policy.authorCanApprove) return 'author';
  return undefined;
}

/**
 * One line for the draft message: who approved, who asked for changes, and how to
 * vote, e.g. "Approvals 1 of 2, approved by <@U1>. React :white_check_mark: or click
 * *Approve* to approve; :x: or *Request changes* to ask for changes."
 */
export function describeApproval(outcome: ApprovalOutcome, policy: ApprovalPolicy): Phrase {
  const approve = { emoji: policy.approveEmoji };
  const reject = { emoji: policy.rejectEmoji };
  const count = { approvals: String(outcome.approvers.length), needed: String(outcome.needed) };
  const tally = outcome.approvers.length > 0 ? phrase('approval.line.tally_by', { ...count, users: { users: outcome.approvers } }) : phrase('approval.line.tally', count);
  switch (outcome.state) {
    case 'approved':
      return phrase('approval.line.approved', { approve, tally });
    case 'changes-requested':
      return phrase('approval.line.changes_requested', { reject, requesters: { users: outcome.changeRequesters }, tally });
    case 'draft':
      return phrase(policy.authorCanApprove ? 'approval.line.draft' : 'approval.line.draft_author_excluded', { approve, reject, tally });
  }
}

/** `:name:` with only the characters Slack allows in emoji names, so a policy value cannot inject markup. */
export function emojiCode(name: string): string {
  const clean = baseEmoji(name).replace(/[^a-z0-9_+'-]/gi, '');
  return `:${clean || 'white_check_mark'}:`;
}

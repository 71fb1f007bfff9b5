/**
 * What approval says, as phrases: the notices in the plan's thread (each names the
 * plan and its version, and who did what), the short notes to people whose vote does
 * not count, the replies to the draft's buttons, and the announcement of a change of
 * the channel's approval rules. The words are in the message catalogue.
 */
import type { ApprovalPolicy, IgnoredReason, Vote } from '../domain/approval/approval.js';
import { CONFIG_USAGE, type SettingChange } from '../domain/approval/channel-config.js';
import { joined, list, phrase, type Phrase } from '../domain/message/phrase.js';
import type { Language } from '../domain/message/language.js';

/** Which draft a notice is about. */
export interface DraftRef {
  campaign: string;
  version: number;
  authorId: string;
}

/** `*Spring launch* (v1)`, the way every approval notice names the draft. */
const draftName = (draft: DraftRef): Phrase => phrase('approval.draft_name', { campaign: draft.campaign, version: String(draft.version) });
/** The same without markup, for notification fallbacks. */
const plainName = (draft: DraftRef): Phrase => phrase('approval.draft_name_plain', { campaign: draft.campaign, version: String(draft.version) });

/** The draft reached its approvals. `reminderOn` is the date of the review reminder still to come, if any. */
export function approvedNotice(draft: DraftRef, approvers: readonly string[], reminderOn: string | undefined): { text: Phrase; fallback: Phrase } {
  const approved = phrase('approval.approved', { author: { user: draft.authorId }, draft: draftName(draft), approvers: { users: approvers } });
  return {
    text: reminderOn ? joined(approved, phrase('approval.reminder_on', { date: { date: reminderOn } })) : approved,
    fallback: phrase('approval.approved_fallback', { draft: plainName(draft) }),
  };
}

/** Someone asked for changes (`wasApproved`: the plan was approved until now). */
export function changesRequestedNotice(draft: DraftRef, requesters: readonly string[], wasApproved: boolean): { text: Phrase; fallback: Phrase } {
  const params = { requesters: { users: requesters }, draft: draftName(draft), author: { user: draft.authorId } };
  return {
    text: phrase(wasApproved ? 'approval.changes_requested_unapproved' : 'approval.changes_requested', params),
    fallback: phrase('approval.changes_requested_fallback', { draft: plainName(draft) }),
  };
}

/** An approved plan lost approvals and is a draft again. `withdrawn` are those who took theirs back (empty when an approver left the channel). */
export function approvalWithdrawnNotice(draft: DraftRef, withdrawn: readonly string[], count: number, needed: number): { text: Phrase; fallback: Phrase } {
  const tally = { approvals: String(count), needed: String(needed), draft: draftName(draft) };
  return {
    text: withdrawn.length > 0 ? phrase('approval.withdrawn', { ...tally, users: { users: withdrawn } }) : phrase('approval.no_longer_counts', tally),
    fallback: phrase('approval.draft_again_fallback', { draft: plainName(draft) }),
  };
}

/** Every change request was taken back and the plan is a draft again (when it is approved at once, the approval notice says so). */
export function changeRequestWithdrawnNotice(draft: DraftRef, withdrawn: readonly string[], count: number, needed: number): { text: Phrase; fallback: Phrase } {
  const tally = { approvals: String(count), needed: String(needed), draft: draftName(draft) };
  return {
    text: withdrawn.length > 0 ? phrase('approval.request_withdrawn', { ...tally, users: { users: withdrawn } }) : phrase('approval.request_no_longer_counts', tally),
    fallback: phrase('approval.draft_again_fallback', { draft: plainName(draft) }),
  };
}

/** Why someone's approval does not count, in a sentence for them. */
function whyNot(reason: Exclude<IgnoredReason, 'bot'>, draft: DraftRef, policy: ApprovalPolicy): Phrase {
  return reason === 'author'
    ? phrase('approval.why_not.author', { draft: draftName(draft), count: policy.approvalsNeeded })
    : phrase('approval.why_not.not_member');
}

/** To one person, once per draft: their reaction on the draft does not count, and why. */
export function uncountedReactionNote(reason: Exclude<IgnoredReason, 'bot'>, draft: DraftRef, policy: ApprovalPolicy): Phrase {
  const why = whyNot(reason, draft, policy);
  return reason === 'author'
    ? phrase('approval.uncounted_approval', { emoji: { emoji: policy.approveEmoji }, draft: draftName(draft), why })
    : phrase('approval.uncounted_reaction', { draft: draftName(draft), why });
}

/** The answer to a click on Approve or Request changes. */
export function voteReply(input: {
  draft: DraftRef;
  policy: ApprovalPolicy;
  vote: Vote;
  /** What the click did to the person's button vote. */
  click: 'cast' | 'withdrawn';
  /** Whether the person's vote counts now (from the click, a reaction or both). */
  counts: boolean;
  ignored?: Exclude<IgnoredReason, 'bot'>;
  approvals: number;
  needed: number;
}): Phrase {
  const { draft, policy, vote } = input;
  const button = phrase(vote === 'approve' ? 'approval.button_approve' : 'approval.button_request_changes');
  if (input.ignored) return phrase('approval.click_does_not_count', { button, why: whyNot(input.ignored, draft, policy) });
  const tally = phrase('approval.tally', { approvals: String(input.approvals), needed: String(input.needed) });
  if (input.click === 'withdrawn') {
    if (input.counts) {
      return phrase('approval.click_withdrawn_reaction_counts', { emoji: { emoji: vote === 'approve' ? policy.approveEmoji : policy.rejectEmoji }, draft: draftName(draft), tally });
    }
    return phrase(vote === 'approve' ? 'approval.approval_withdrawn' : 'approval.change_request_withdrawn', { draft: draftName(draft), tally });
  }
  return vote === 'approve'
    ? phrase('approval.you_approved', { draft: draftName(draft), tally, button })
    : phrase('approval.you_requested_changes', { draft: draftName(draft), button });
}

/** The channel's approval rules and language, for `/imc config`. */
export function settingsText(policy: ApprovalPolicy, language: Language): Phrase {
  return phrase('config.settings', {
    approve: { emoji: policy.approveEmoji },
    reject: { emoji: policy.rejectEmoji },
    needed: String(policy.approvalsNeeded),
    author: phrase(policy.authorCanApprove ? 'common.yes' : 'common.no'),
    language: phrase(`language.${language}`),
    usage: CONFIG_USAGE,
  });
}

function describeChange(change: SettingChange): Phrase {
  switch (change.setting) {
    case 'approvalsNeeded':
      return phrase('config.change.approvals', { from: String(change.from), to: String(change.to) });
    case 'authorCanApprove':
      return phrase(change.to ? 'config.change.author_may' : 'config.change.author_may_not');
    case 'approveEmoji':
      return phrase('config.change.approve_emoji', { from: { emoji: change.from }, to: { emoji: change.to } });
    case 'rejectEmoji':
      return phrase('config.change.reject_emoji', { from: { emoji: change.from }, to: { emoji: change.to } });
  }
}

/** For the whole channel: who changed which rule, and that waiting drafts keep theirs. */
export function settingsChangedAnnouncement(userId: string, changes: readonly SettingChange[]): Phrase {
  return phrase('config.changed', { user: { user: userId }, changes: list(changes.map(describeChange), 'semicolons') });
}

/** For the whole channel: who set the language of its posts. */
export function languageChangedAnnouncement(userId: string, language: Language): Phrase {
  return phrase('config.language_changed', { user: { user: userId }, language: phrase(`language.${language}`) });
}

/** To someone who may not loosen the rules. */
export function settingsRefusal(changes: readonly SettingChange[]): Phrase {
  return phrase('config.refused', { changes: list(changes.filter((c) => c.loosens).map(describeChange), 'semicolons') });
}

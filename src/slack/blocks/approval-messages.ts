/**
 * The words of approval: the notices in the plan's thread (each names the plan and
 * its version, and who did what), the short notes to people whose vote does not
 * count, the replies to the draft's buttons, and the announcement of a change of the
 * channel's approval rules.
 */
import { emojiCode, type ApprovalPolicy, type IgnoredReason, type Vote } from '../../domain/approval/approval.js';
import type { SettingChange } from '../../domain/approval/channel-config.js';
import { CONFIG_USAGE } from '../../domain/approval/channel-config.js';
import { formatDate } from '../../domain/plan/format.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { escapeMrkdwn } from '../../render/escape.js';
import { textMessage } from './flow-messages.js';

/** Which draft a notice is about. */
export interface DraftRef {
  campaign: string;
  version: number;
  authorId: string;
}

const who = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(', ');
/** `*Spring launch* (v1)`, the way every approval notice names the draft. */
export const draftName = (draft: DraftRef) => `*${escapeMrkdwn(draft.campaign)}* (v${draft.version})`;
/** The same without markup, for notification fallbacks. */
const plainName = (draft: DraftRef) => `${draft.campaign} (v${draft.version})`;

/** The draft reached its approvals. `reminderOn` is the date of the review reminder still to come, if any. */
export function approvedNotice(draft: DraftRef, approvers: readonly string[], reminderOn: string | undefined): OutgoingMessage {
  const remind = reminderOn ? ` I'll remind the channel to review it on ${formatDate(reminderOn)}.` : '';
  return textMessage(
    `:white_check_mark: <@${draft.authorId}> your plan ${draftName(draft)} is approved by ${who(approvers)}.${remind}`,
    `${plainName(draft)} is approved`,
  );
}

/** Someone asked for changes (`wasApproved`: the plan was approved until now). */
export function changesRequestedNotice(draft: DraftRef, requesters: readonly string[], wasApproved: boolean): OutgoingMessage {
  const lost = wasApproved ? ': it is no longer approved' : '';
  return textMessage(
    `:x: ${who(requesters)} asked for changes to ${draftName(draft)}${lost}. <@${draft.authorId}>, type \`change &lt;question&gt;\` here (or click *Edit plan* on the draft) to revise it.`,
    `Changes requested to ${plainName(draft)}`,
  );
}

/** An approved plan lost approvals and is a draft again. `withdrawn` are those who took theirs back (empty when an approver left the channel). */
export function approvalWithdrawnNotice(draft: DraftRef, withdrawn: readonly string[], count: number, needed: number): OutgoingMessage {
  const lead = withdrawn.length > 0 ? `${who(withdrawn)} took back their approval of ${draftName(draft)}` : `An approval of ${draftName(draft)} no longer counts`;
  return textMessage(`:arrow_backward: ${lead}: ${count} of ${needed} approvals, so it is a draft again.`, `${plainName(draft)} is a draft again`);
}

/** Every change request was taken back and the plan is a draft again (when it is approved at once, the approval notice says so). */
export function changeRequestWithdrawnNotice(draft: DraftRef, withdrawn: readonly string[], count: number, needed: number): OutgoingMessage {
  const lead = withdrawn.length > 0 ? `${who(withdrawn)} took back the change request on ${draftName(draft)}` : `The change request on ${draftName(draft)} no longer counts`;
  return textMessage(`:leftwards_arrow_with_hook: ${lead}: it is a draft again, with ${count} of ${needed} approvals.`, `${plainName(draft)} is a draft again`);
}

/** Why someone's approval does not count, in a sentence for them. */
function whyNot(reason: Exclude<IgnoredReason, 'bot'>, draft: DraftRef, policy: ApprovalPolicy): string {
  return reason === 'author'
    ? `you wrote ${draftName(draft)}, and in this channel a plan needs ${policy.approvalsNeeded} approval${policy.approvalsNeeded === 1 ? '' : 's'} from people other than its author`
    : `only members of the channel count, and you are not in it. Join the channel, and it will count`;
}

/** To one person, once per draft: their reaction on the draft does not count, and why. */
export function uncountedReactionNote(reason: Exclude<IgnoredReason, 'bot'>, draft: DraftRef, policy: ApprovalPolicy): OutgoingMessage {
  const what = reason === 'author' ? `${emojiCode(policy.approveEmoji)} on` : 'reaction on';
  return textMessage(`:information_source: Your ${what} ${draftName(draft)} does not count: ${whyNot(reason, draft, policy)}.`);
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
}): string {
  const { draft, policy, vote } = input;
  const button = vote === 'approve' ? '*Approve*' : '*Request changes*';
  const emoji = emojiCode(vote === 'approve' ? policy.approveEmoji : policy.rejectEmoji);
  if (input.ignored) return `Your click on ${button} does not count: ${whyNot(input.ignored, draft, policy)}.`;
  const tally = `${input.approvals} of ${input.needed} approvals`;
  if (input.click === 'withdrawn') {
    return input.counts
      ? `You took back your click, but your ${emoji} reaction on ${draftName(draft)} still counts; remove it to take your vote back (${tally}).`
      : `You took back your ${vote === 'approve' ? 'approval of' : 'change request on'} ${draftName(draft)} (${tally}).`;
  }
  return vote === 'approve'
    ? `You approved ${draftName(draft)} (${tally}). Click ${button} again to take it back.`
    : `You asked for changes to ${draftName(draft)}. Say what should change in the plan's thread; click ${button} again to take it back.`;
}

/** The channel's approval rules, for `/imc config`. */
export function settingsText(policy: ApprovalPolicy): string {
  return (
    `*Approval settings of this channel*\n• approve with ${emojiCode(policy.approveEmoji)}, ask for changes with ${emojiCode(policy.rejectEmoji)} (or the draft's buttons)\n` +
    `• approvals needed: ${policy.approvalsNeeded}\n• the author may approve their own plan: ${policy.authorCanApprove ? 'yes' : 'no'}\n${CONFIG_USAGE}\n` +
    'Anyone in the channel may make the rules stricter; only workspace admins and owners (and the people named in `IMC_ADMINS`) may loosen them. ' +
    'A change applies to plans posted after it: drafts already waiting keep the rules they were posted under.'
  );
}

function describeChange(change: SettingChange): string {
  switch (change.setting) {
    case 'approvalsNeeded':
      return `approvals needed ${change.from} → ${change.to}`;
    case 'authorCanApprove':
      return change.to ? 'the author may now approve their own plan' : 'the author may no longer approve their own plan';
    case 'approveEmoji':
      return `approve with ${emojiCode(change.from)} → ${emojiCode(change.to)}`;
    case 'rejectEmoji':
      return `ask for changes with ${emojiCode(change.from)} → ${emojiCode(change.to)}`;
  }
}

/** For the whole channel: who changed which rule, and that waiting drafts keep theirs. */
export function settingsChangedAnnouncement(userId: string, changes: readonly SettingChange[]): string {
  return (
    `:gear: <@${userId}> changed the approval rules of this channel: ${changes.map(describeChange).join('; ')}. ` +
    'They apply to plans posted from now on; drafts already waiting keep the rules they were posted under. `/imc config` shows them.'
  );
}

/** To someone who may not loosen the rules. */
export function settingsRefusal(changes: readonly SettingChange[]): string {
  const loosening = changes.filter((c) => c.loosens).map(describeChange);
  return (
    `Only workspace admins and owners (and the people named in \`IMC_ADMINS\`) can loosen this channel's approval rules, so nothing changed (${loosening.join('; ')}). ` +
    'Ask one of them, or make the rules stricter: `/imc config approvals 3` or `/imc config author-can-approve no`.'
  );
}

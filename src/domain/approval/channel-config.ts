/**
 * `/imc config …`: the approval settings of a channel. Pure parsing and merging;
 * the environment gives the workspace defaults, a channel may override them.
 */
import type { ApprovalPolicy } from './approval.js';
import type { Parsed } from '../plan/plan.js';

/** What a channel overrides; anything missing falls back to the workspace default. */
export interface ChannelSettings {
  approveEmoji?: string;
  rejectEmoji?: string;
  approvalsNeeded?: number;
  authorCanApprove?: boolean;
}

export type ConfigRequest = { kind: 'show' } | { kind: 'reset' } | { kind: 'set'; settings: ChannelSettings };

export const CONFIG_USAGE =
  '`/imc config` shows the settings; `/imc config approvals 3`, `/imc config approve-emoji thumbsup`, `/imc config reject-emoji x`, `/imc config author-can-approve no` change them for this channel; `/imc config reset` goes back to the defaults.';

const EMOJI = /^:?([a-z0-9_+'-]{1,64})(::skin-tone-\d)?:?$/i;

/** The effective policy: the channel's overrides over the defaults. */
export function effectivePolicy(defaults: ApprovalPolicy, settings: ChannelSettings | undefined): ApprovalPolicy {
  return { ...defaults, ...settings };
}

/** Reads the arguments of `/imc config`. */
export function parseConfigArgs(args: readonly string[]): Parsed<ConfigRequest> {
  const [key, ...rest] = args.map((a) => a.trim()).filter(Boolean);
  const value = rest.join(' ');
  if (!key) return { ok: true, value: { kind: 'show' } };
  switch (key.toLowerCase()) {
    case 'show':
      return { ok: true, value: { kind: 'show' } };
    case 'reset':
      return { ok: true, value: { kind: 'reset' } };
    case 'approvals':
    case 'approvals-needed': {
      const n = Number(value);
      if (!/^\d{1,2}$/.test(value) || n < 1 || n > 20) return { ok: false, error: `Approvals must be a whole number from 1 to 20, e.g. \`/imc config approvals 2\`.` };
      return { ok: true, value: { kind: 'set', settings: { approvalsNeeded: n } } };
    }
    case 'approve-emoji':
    case 'reject-emoji': {
      const match = EMOJI.exec(value);
      if (!match?.[1]) return { ok: false, error: `Give an emoji name, e.g. \`/imc config ${key.toLowerCase()} white_check_mark\`.` };
      const name = match[1].toLowerCase();
      return { ok: true, value: { kind: 'set', settings: key.toLowerCase() === 'approve-emoji' ? { approveEmoji: name } : { rejectEmoji: name } } };
    }
    case 'author-can-approve': {
      const yes = /^(yes|y|true|on|1)$/i.test(value);
      const no = /^(no|n|false|off|0)$/i.test(value);
      if (!yes && !no) return { ok: false, error: 'Say `yes` or `no`, e.g. `/imc config author-can-approve no`.' };
      return { ok: true, value: { kind: 'set', settings: { authorCanApprove: yes } } };
    }
    default:
      return { ok: false, error: `I don't know the setting \`${key}\`. ${CONFIG_USAGE}` };
  }
}

/** Merges a change into a channel's settings, refusing one that makes approving and rejecting the same emoji. */
export function applySettings(defaults: ApprovalPolicy, current: ChannelSettings, change: ChannelSettings): Parsed<ChannelSettings> {
  const next = { ...current, ...change };
  const policy = effectivePolicy(defaults, next);
  if (policy.approveEmoji === policy.rejectEmoji) {
    return { ok: false, error: `The approve and reject emoji must differ (both would be :${policy.approveEmoji}:).` };
  }
  return { ok: true, value: next };
}

/** One setting that a change of the channel's settings alters. */
export type SettingChange =
  | { setting: 'approvalsNeeded'; from: number; to: number; loosens: boolean }
  | { setting: 'authorCanApprove'; from: boolean; to: boolean; loosens: boolean }
  | { setting: 'approveEmoji' | 'rejectEmoji'; from: string; to: string; loosens: boolean };

/**
 * What moving from one policy to another changes, setting by setting. A change
 * `loosens` the rules unless it only makes approval harder: more approvals needed,
 * or the author no longer approving their own plan. Changing which emoji count is a
 * loosening too (a reject emoji nobody uses silences change requests).
 */
export function policyChanges(before: ApprovalPolicy, after: ApprovalPolicy): SettingChange[] {
  const changes: SettingChange[] = [];
  if (before.approvalsNeeded !== after.approvalsNeeded) {
    changes.push({ setting: 'approvalsNeeded', from: before.approvalsNeeded, to: after.approvalsNeeded, loosens: after.approvalsNeeded < before.approvalsNeeded });
  }
  if (before.authorCanApprove !== after.authorCanApprove) {
    changes.push({ setting: 'authorCanApprove', from: before.authorCanApprove, to: after.authorCanApprove, loosens: after.authorCanApprove });
  }
  for (const setting of ['approveEmoji', 'rejectEmoji'] as const) {
    if (before[setting] !== after[setting]) changes.push({ setting, from: before[setting], to: after[setting], loosens: true });
  }
  return changes;
}

/**
 * `/imc config …`: the approval settings of a channel. Pure parsing and merging;
 * the environment gives the workspace defaults, a channel may override them.
 */
import type { ApprovalPolicy } from './approval.js';
import type { Parsed } from '../plan/plan.js';
import { joined, phrase, type Phrase } from '../message/phrase.js';
import { languageOf, LANGUAGES, type Language } from '../message/language.js';

/** What a channel overrides; anything missing falls back to the workspace default. */
export interface ChannelSettings {
  approveEmoji?: string;
  rejectEmoji?: string;
  approvalsNeeded?: number;
  authorCanApprove?: boolean;
  /** The language of the channel's posts (drafts, budget sketches, reminders, review summaries). */
  language?: Language;
}

export type ConfigRequest = { kind: 'show' } | { kind: 'reset' } | { kind: 'set'; settings: ChannelSettings };

/** How `/imc config` is used. */
export const CONFIG_USAGE: Phrase = phrase('config.usage');

const EMOJI = /^:?([a-z0-9_+'-]{1,64})(::skin-tone-\d)?:?$/i;

/** The effective policy: the channel's overrides over the defaults (its language is no part of it). */
export function effectivePolicy(defaults: ApprovalPolicy, settings: ChannelSettings | undefined): ApprovalPolicy {
  const { language: _language, ...overrides } = settings ?? {};
  return { ...defaults, ...overrides };
}

/** Names people give a language in `/imc config language …`, beside its tag. */
const LANGUAGE_NAMES: Record<string, Language> = { english: 'en', chinese: 'zh-CN', 英文: 'en', 英语: 'en', 中文: 'zh-CN', 简体中文: 'zh-CN', 汉语: 'zh-CN' };

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
      if (!/^\d{1,2}$/.test(value) || n < 1 || n > 20) return { ok: false, error: phrase('config.approvals_range') };
      return { ok: true, value: { kind: 'set', settings: { approvalsNeeded: n } } };
    }
    case 'approve-emoji':
    case 'reject-emoji': {
      const match = EMOJI.exec(value);
      if (!match?.[1]) return { ok: false, error: phrase('config.emoji_name', { setting: key.toLowerCase() }) };
      const name = match[1].toLowerCase();
      return { ok: true, value: { kind: 'set', settings: key.toLowerCase() === 'approve-emoji' ? { approveEmoji: name } : { rejectEmoji: name } } };
    }
    case 'author-can-approve': {
      const yes = /^(yes|y|true|on|1)$/i.test(value);
      const no = /^(no|n|false|off|0)$/i.test(value);
      if (!yes && !no) return { ok: false, error: phrase('config.yes_or_no') };
      return { ok: true, value: { kind: 'set', settings: { authorCanApprove: yes } } };
    }
    case 'language':
    case 'lang': {
      const language = languageOf(value) ?? LANGUAGE_NAMES[value.toLowerCase()];
      if (!language) return { ok: false, error: phrase('config.language_unknown', { given: value, languages: { list: LANGUAGES.map((l) => ({ typed: l })), join: 'or' } }) };
      return { ok: true, value: { kind: 'set', settings: { language } } };
    }
    default:
      return { ok: false, error: joined(phrase('config.unknown_setting', { setting: key }), CONFIG_USAGE) };
  }
}

/** Merges a change into a channel's settings, refusing one that makes approving and rejecting the same emoji. */
export function applySettings(defaults: ApprovalPolicy, current: ChannelSettings, change: ChannelSettings): Parsed<ChannelSettings> {
  const next = { ...current, ...change };
  const policy = effectivePolicy(defaults, next);
  if (policy.approveEmoji === policy.rejectEmoji) {
    return { ok: false, error: phrase('config.same_emoji', { emoji: { emoji: policy.approveEmoji } }) };
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

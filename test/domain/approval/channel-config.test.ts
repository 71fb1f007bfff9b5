import { describe, expect, it } from 'vitest';
import { applySettings, effectivePolicy, parseConfigArgs, policyChanges } from '../../../src/domain/approval/channel-config.js';
import { en } from '../../support/words.js';

const defaults = { approveEmoji: 'white_check_mark', rejectEmoji: 'x', approvalsNeeded: 2, authorCanApprove: false };

describe('/imc config', () => {
  it('reads each setting', () => {
    expect(parseConfigArgs([])).toEqual({ ok: true, value: { kind: 'show' } });
    expect(parseConfigArgs(['approvals', '3'])).toEqual({ ok: true, value: { kind: 'set', settings: { approvalsNeeded: 3 } } });
    expect(parseConfigArgs(['approve-emoji', ':thumbsup:'])).toEqual({ ok: true, value: { kind: 'set', settings: { approveEmoji: 'thumbsup' } } });
    expect(parseConfigArgs(['author-can-approve', 'yes'])).toEqual({ ok: true, value: { kind: 'set', settings: { authorCanApprove: true } } });
    expect(parseConfigArgs(['reset'])).toEqual({ ok: true, value: { kind: 'reset' } });
  });

  it('refuses bad values with an example', () => {
    for (const args of [['approvals', '0'], ['approvals', 'many'], ['approve-emoji', '<!channel>'], ['author-can-approve', 'maybe'], ['colour', 'red']]) {
      const result = parseConfigArgs(args);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(en(result.error)).toMatch(/`\/imc config/);
    }
  });

  it('lets a channel override the workspace defaults, but not make approve and reject the same', () => {
    expect(effectivePolicy(defaults, { approvalsNeeded: 1 })).toEqual({ ...defaults, approvalsNeeded: 1 });
    expect(applySettings(defaults, {}, { approveEmoji: 'x' }).ok).toBe(false);
    expect(applySettings(defaults, { rejectEmoji: 'no_entry' }, { approveEmoji: 'x' })).toEqual({ ok: true, value: { rejectEmoji: 'no_entry', approveEmoji: 'x' } });
  });
});

describe('policyChanges', () => {
  it('calls a change that only makes approval harder a tightening, and anything else a loosening', () => {
    expect(policyChanges(defaults, { ...defaults, approvalsNeeded: 3 })).toEqual([{ setting: 'approvalsNeeded', from: 2, to: 3, loosens: false }]);
    expect(policyChanges(defaults, { ...defaults, approvalsNeeded: 1 })).toEqual([{ setting: 'approvalsNeeded', from: 2, to: 1, loosens: true }]);
    expect(policyChanges(defaults, { ...defaults, authorCanApprove: true })).toEqual([{ setting: 'authorCanApprove', from: false, to: true, loosens: true }]);
    expect(policyChanges({ ...defaults, authorCanApprove: true }, defaults)).toEqual([{ setting: 'authorCanApprove', from: true, to: false, loosens: false }]);
    expect(policyChanges(defaults, { ...defaults, rejectEmoji: 'no_entry' })).toEqual([{ setting: 'rejectEmoji', from: 'x', to: 'no_entry', loosens: true }]);
  });

  it('lists nothing when nothing changes, and every setting a reset changes', () => {
    expect(policyChanges(defaults, { ...defaults })).toEqual([]);
    const changed = { approveEmoji: 'thumbsup', rejectEmoji: 'x', approvalsNeeded: 4, authorCanApprove: true };
    expect(policyChanges(changed, defaults).map((c) => [c.setting, c.loosens])).toEqual([
      ['approvalsNeeded', true],
      ['authorCanApprove', false],
      ['approveEmoji', true],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { applySettings, effectivePolicy, parseConfigArgs } from '../../../src/domain/approval/channel-config.js';

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
      if (!result.ok) expect(result.error).toMatch(/`\/imc config/);
    }
  });

  it('lets a channel override the workspace defaults, but not make approve and reject the same', () => {
    expect(effectivePolicy(defaults, { approvalsNeeded: 1 })).toEqual({ ...defaults, approvalsNeeded: 1 });
    expect(applySettings(defaults, {}, { approveEmoji: 'x' }).ok).toBe(false);
    expect(applySettings(defaults, { rejectEmoji: 'no_entry' }, { approveEmoji: 'x' })).toEqual({ ok: true, value: { rejectEmoji: 'no_entry', approveEmoji: 'x' } });
  });
});

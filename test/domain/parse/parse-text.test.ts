import { describe, expect, it } from 'vitest';
import { parseText } from '../../support/english-parsers.js';

describe('parseText', () => {
  it('trims and keeps newlines, emoji and other scripts', () => {
    expect(parseText('  Fresh coffee ☕\nfor commuters  ')).toEqual({ ok: true, value: 'Fresh coffee ☕\nfor commuters' });
    expect(parseText('春季焕新')).toEqual({ ok: true, value: '春季焕新' });
    expect(parseText('line one\r\nline two')).toEqual({ ok: true, value: 'line one\nline two' });
  });

  it('rejects empty answers with an example', () => {
    expect(parseText('   \n ', { label: 'core concept', example: 'Coffee that keeps up with you' })).toEqual({
      ok: false,
      error: 'Please type the core concept. For example: `Coffee that keeps up with you`.',
    });
  });

  it('counts characters as people see them and enforces the limit', () => {
    expect(parseText('😀'.repeat(10), { max: 10 })).toMatchObject({ ok: true });
    expect(parseText('a'.repeat(501))).toMatchObject({ ok: false, error: expect.stringMatching(/501 characters.*500.*For example/) });
    expect(parseText('a'.repeat(100_000))).toMatchObject({ ok: false, error: expect.stringMatching(/too long.*For example/) });
  });

  it('rejects control characters and broken surrogates', () => {
    expect(parseText('bell\u0007')).toMatchObject({ ok: false, error: expect.stringMatching(/control characters.*For example/) });
    expect(parseText('nul\u0000')).toMatchObject({ ok: false });
    expect(parseText('half \uD83D pair')).toMatchObject({ ok: false, error: expect.stringMatching(/broken character/) });
  });

  it('keeps Slack-looking text as typed; escaping is the renderer’s job', () => {
    expect(parseText('<!channel> hi')).toEqual({ ok: true, value: '<!channel> hi' });
  });
});

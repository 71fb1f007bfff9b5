import { describe, expect, it } from 'vitest';
import { SlackCallError } from '../src/app/ports.js';
import { ConfigError } from '../src/config.js';
import { ScriptError } from '../src/domain/conversation/script.js';
import { asCodedError, CodedError, describeError, UNEXPECTED } from '../src/errors.js';
import { RenderError } from '../src/render/renderer.js';
import { StoreError } from '../src/store/store-error.js';

describe('the coded errors', () => {
  const errors = [
    new ConfigError('SLACK_BOT_TOKEN is missing.', ['SLACK_BOT_TOKEN']),
    new StoreError('data/plans/P-1.json is damaged.', 'STORE_CORRUPT', { path: 'data/plans/P-1.json' }),
    new ScriptError('prompts/plan.yml: question "brand": the question has no text'),
    new SlackCallError('not_in_channel', false),
    new RenderError('Template "x.hbs" not found', 'template_not_found'),
  ];

  it('share one base with a stable code and keep their own names', () => {
    expect(errors.map((e) => [e.name, e.code])).toEqual([
      ['ConfigError', 'CONFIG_INVALID'],
      ['StoreError', 'STORE_CORRUPT'],
      ['ScriptError', 'SCRIPT_INVALID'],
      ['SlackCallError', 'not_in_channel'],
      ['RenderError', 'template_not_found'],
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(CodedError);
      expect(error).toBeInstanceOf(Error);
      expect(asCodedError(error)).toBe(error);
    }
  });

  it('describe themselves with their own message, which says what to fix', () => {
    expect(describeError(errors[0])).toBe('SLACK_BOT_TOKEN is missing.');
    expect(describeError(errors[2])).toBe('prompts/plan.yml: question "brand": the question has no text');
  });

  it('set anything else apart as unexpected, named by its code or class', () => {
    const errno = Object.assign(new Error('EACCES: permission denied, open data/.lock'), { code: 'EACCES' });
    expect(describeError(errno)).toBe('unexpected error (EACCES): EACCES: permission denied, open data/.lock');
    expect(describeError(new TypeError('x is not a function'))).toBe('unexpected error (TypeError): x is not a function');
    expect(describeError('a thrown string')).toBe('unexpected error (Error): a thrown string');
    const wrapped = asCodedError(errno);
    expect(wrapped.code).toBe(UNEXPECTED);
    expect(wrapped.cause).toBe(errno);
  });
});

import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadScript } from '../../src/app/load-script.js';
import { ScriptError } from '../../src/domain/conversation/script.js';

const fixtures = join(import.meta.dirname, '../fixtures/scripts');

function loadError(dir: string): ScriptError {
  try {
    loadScript(join(fixtures, dir));
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    return error as ScriptError;
  }
  throw new Error(`${dir} loaded`);
}

describe('loadScript', () => {
  it('loads the real prompts by default', () => {
    const script = loadScript();
    expect(script.questions[0]?.id).toBe('campaign');
    expect(script.questions.at(-1)?.id).toBe('peak_end');
    expect(script.catalogue.length).toBeGreaterThan(20);
  });

  it('loads a minimal script from another folder, with the catalogue as channel choices', () => {
    const script = loadScript(join(fixtures, 'minimal'));
    expect(script.questions.map((q) => q.id)).toEqual(['campaign', 'channels']);
    expect(script.questions[1]?.choices?.map((c) => c.label)).toEqual(['Website', 'TV']);
  });

  it('names the file when the YAML does not parse', () => {
    const error = loadError('bad-yaml');
    expect(error.code).toBe('SCRIPT_INVALID');
    expect(error.message).toMatch(/bad-yaml\/plan\.yml: is not valid YAML/);
  });

  it('names the file and the question for a script mistake', () => {
    expect(loadError('bad-when').message).toMatch(/bad-when\/plan\.yml: question "tv_budget": `when` refers to "channels", which is not an earlier question/);
  });

  it('names the catalogue file for a duplicate channel', () => {
    expect(loadError('duplicate-channel').message).toMatch(/duplicate-channel\/channels\.yml: channel "paid-tv" appears more than once/);
  });

  it('names the file when the folder is missing', () => {
    expect(loadError('no-such-folder').message).toMatch(/no-such-folder\/channels\.yml: cannot read the file/);
  });

  it('rejects hostile YAML without polluting prototypes', () => {
    expect(loadError('hostile').message).toMatch(/hostile\/plan\.yml: question "__proto__"/);
    expect(({} as Record<string, unknown>).label).toBeUndefined();
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputLocales } from '../../src/app/load-locales.js';
import { loadScript } from '../../src/app/load-script.js';
import { ScriptError } from '../../src/domain/conversation/script.js';

const fixtures = join(import.meta.dirname, '../fixtures/locales');
const script = loadScript();

function loadError(dir: string): string {
  try {
    loadInputLocales(script, dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).code).toBe('SCRIPT_INVALID');
    return (error as Error).message;
  }
  throw new Error(`${dir} loaded`);
}

describe('loadInputLocales', () => {
  it('loads locales/zh-CN beside prompts/ by default and keeps the script as it was', () => {
    const loaded = loadInputLocales(script);
    expect(loaded.questions).toBe(script.questions);
    expect(loaded.catalogue).toBe(script.catalogue);
    expect(loaded.words?.thread.skip).toContain('跳过');
    expect(script.words).toBeUndefined();
  });

  it('names the file and the key for an id the script does not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imc-locales-'));
    try {
      const real = readFileSync(join(import.meta.dirname, '../../locales/zh-CN/input.yml'), 'utf8');
      mkdirSync(join(dir, 'zh-CN'));
      writeFileSync(join(dir, 'zh-CN', 'input.yml'), real.replace('\nquestions:\n', '\nquestions:\n  slogan: [口号]\n'));
      expect(loadError(dir)).toMatch(/zh-CN\/input\.yml: questions\.slogan: there is no question "slogan" in the script/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file when the YAML does not parse', () => {
    expect(loadError(join(fixtures, 'bad-yaml'))).toMatch(/bad-yaml\/zh-CN\/input\.yml: is not valid YAML/);
  });

  it('names the file a language folder is missing', () => {
    expect(loadError(join(fixtures, 'no-file'))).toMatch(/no-file\/zh-CN\/input\.yml: cannot read the file/);
  });

  it('refuses a file whose language is not its folder', () => {
    expect(loadError(join(fixtures, 'wrong-language'))).toMatch(/wrong-language\/zh-CN\/input\.yml: language: is "zh-TW", but the folder is "zh-CN"/);
  });

  it('refuses to start without the locales folder, naming it', () => {
    expect(loadError(join(fixtures, 'no-such-folder'))).toMatch(/no-such-folder: cannot read the locales folder/);
  });

  it('runs English only from an empty locales folder', () => {
    const empty = mkdtempSync(join(tmpdir(), 'imc-locales-'));
    try {
      expect(loadInputLocales(script, empty).words).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

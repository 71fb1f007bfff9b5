import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInputLocales } from '../../src/app/load-locales.js';
import { DEFAULT_PROMPTS_DIR, loadReviewScript, loadScript } from '../../src/app/load-script.js';
import { readYamlCache, shippedYamlFiles, textHash, writeYamlCache } from '../../src/app/parsed-yaml-cache.js';
import { ScriptError } from '../../src/domain/conversation/script.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'imc-yaml-cache-'));
  made.push(dir);
  return dir;
}
/** A copy of the real prompts folder. */
function promptsCopy(): string {
  const dir = tempDir();
  cpSync(DEFAULT_PROMPTS_DIR, dir, { recursive: true });
  return dir;
}
/** A cache written for `files`, read back as a start reads it. */
function cacheFor(files: string[]) {
  const path = join(tempDir(), 'parsed-yaml.json');
  writeYamlCache(files, path);
  return readYamlCache(path);
}

describe('the build\'s cache of parsed YAML', () => {
  it('holds every shipped prompt and locale file, and a start from it loads the same scripts as parsing the YAML', () => {
    const files = shippedYamlFiles();
    expect(files.map((f) => f.split('/').slice(-2).join('/'))).toEqual(expect.arrayContaining(['prompts/plan.yml', 'prompts/channels.yml', 'prompts/review.yml', 'zh-CN/input.yml', 'en/messages.yml', 'zh-CN/messages.yml', 'en/messages.edit.yml', 'zh-CN/messages.edit.yml']));
    const cache = cacheFor(files);
    expect(cache.size).toBe(files.length);
    expect(cache.has(textHash(readFileSync(join(DEFAULT_PROMPTS_DIR, 'plan.yml'), 'utf8')))).toBe(true);
    const none = new Map<string, string>();
    expect(loadInputLocales(loadScript(DEFAULT_PROMPTS_DIR, cache))).toEqual(loadInputLocales(loadScript(DEFAULT_PROMPTS_DIR, none)));
    expect(loadReviewScript(DEFAULT_PROMPTS_DIR, cache)).toEqual(loadReviewScript(DEFAULT_PROMPTS_DIR, none));
  });

  it('does not hide an edit made after the build: a prompt whose text changed is parsed again', () => {
    const cache = cacheFor(shippedYamlFiles());
    const dir = promptsCopy();
    const plan = join(dir, 'plan.yml');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('What is this campaign called?', 'What do we call this campaign?'));
    expect(loadScript(dir, cache).questions[0]?.text).toMatch(/^What do we call this campaign\?/);
  });

  it('still refuses a broken script at start when the broken file itself is in the cache (the check runs on the cached value)', () => {
    const dir = promptsCopy();
    const plan = join(dir, 'plan.yml');
    // A script mistake, not a YAML one: `when` names a question that comes later.
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('    kind: text\n    max: 80\n', '    kind: text\n    max: 80\n    when: { question: brand, in: [x] }\n'));
    const cache = cacheFor([plan, join(dir, 'channels.yml')]);
    expect(cache.has(textHash(readFileSync(plan, 'utf8')))).toBe(true);
    expect(() => loadScript(dir, cache)).toThrow(ScriptError);
    expect(() => loadScript(dir, cache)).toThrow(/plan\.yml: question "campaign": `when` refers to "brand"/);
  });

  it('leaves out a file that does not parse, so a start still names the file and the YAML error', () => {
    const dir = promptsCopy();
    const plan = join(dir, 'plan.yml');
    writeFileSync(plan, 'questions: [\n  - id: campaign\n');
    const cache = cacheFor([plan]);
    expect(cache.size).toBe(0);
    expect(() => loadScript(dir, cache)).toThrow(/plan\.yml: is not valid YAML/);
  });

  it('is only a shortcut: a missing or damaged cache file means the YAML is parsed', () => {
    const damaged = join(tempDir(), 'parsed-yaml.json');
    writeFileSync(damaged, '{"version":1,"parsed":');
    expect(readYamlCache(damaged).size).toBe(0);
    expect(readYamlCache(join(tempDir(), 'none.json')).size).toBe(0);
    expect(loadScript(DEFAULT_PROMPTS_DIR, readYamlCache(damaged)).questions[0]?.id).toBe('campaign');
  });
});

/**
 * The message catalogue is checked before the bot starts: a key one language lacks, a
 * placeholder one language uses and the other does not, a plural form the grammar
 * needs and does not have, stop the start with the file and the key named, so nobody
 * ever meets a raw key or an empty placeholder.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCALES_DIR, loadMessageCatalogue } from '../../../src/app/load-locales.js';
import { loadConfig } from '../../../src/config.js';
import { createBot } from '../../../src/create-bot.js';
import { ScriptError } from '../../../src/domain/conversation/script.js';
import { catalogueKeys } from '../../../src/render/i18n/message-catalogue.js';
import { createTranslators } from '../../../src/render/i18n/translator.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real locales/ folder with `edit` applied to one language's messages.yml. */
function brokenLocales(language: 'en' | 'zh-CN', edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'imc-catalogue-'));
  dirs.push(dir);
  cpSync(DEFAULT_LOCALES_DIR, dir, { recursive: true });
  const file = join(dir, language, 'messages.yml');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after, 'the edit changed the file').not.toBe(before);
  writeFileSync(file, after);
  return dir;
}

function loadError(dir: string): string {
  try {
    loadMessageCatalogue(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    return (error as Error).message;
  }
  throw new Error(`${dir} loaded`);
}

describe('the real catalogue', () => {
  it('loads, and Chinese has every key English has', () => {
    const catalogue = loadMessageCatalogue();
    const en = catalogueKeys(catalogue.messages.en).toSorted();
    expect(en.length).toBeGreaterThan(300);
    expect(catalogueKeys(catalogue.messages['zh-CN']).toSorted()).toEqual(en);
  });

  it('gives every key words in both languages: no key is shown as itself', () => {
    const translators = createTranslators(loadMessageCatalogue());
    for (const key of catalogueKeys(translators.catalogue.messages.en)) {
      for (const language of ['en', 'zh-CN'] as const) {
        const words = translators.for(language).t(key, { count: 2 });
        expect(words, `${language} ${key}`).not.toBe(key);
        expect(words.trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });
});

describe('a broken catalogue stops the start, naming the file and the key', () => {
  it('a key Chinese lacks', () => {
    const dir = brokenLocales('zh-CN', (yaml) => yaml.replace(/^ {6}unreadable: "\{\{typed\}\} 我没能读成金额。"\n/m, ''));
    expect(loadError(dir)).toMatch(/zh-CN\/messages\.yml: messages\.parse\.money\.unreadable: missing \(.*en\/messages\.yml has it\)/);
  });

  it('a key only Chinese has', () => {
    const dir = brokenLocales('zh-CN', (yaml) => yaml.replace('\n    yes: "是"', '\n    yes: "是"\n    maybe: "也许"'));
    expect(loadError(dir)).toMatch(/zh-CN\/messages\.yml: messages\.common\.maybe: unknown key/);
  });

  it('a placeholder that differs between the languages', () => {
    const dir = brokenLocales('zh-CN', (yaml) => yaml.replace('unreadable: "{{typed}} 我没能读成金额。"', 'unreadable: "{{text}} 我没能读成金额。"'));
    expect(loadError(dir)).toMatch(/zh-CN\/messages\.yml: messages\.parse\.money\.unreadable: placeholders \{\{text\}\} differ from .*en\/messages\.yml \(\{\{typed\}\}\)/);
  });

  it('a plural form English needs and does not have', () => {
    const dir = brokenLocales('en', (yaml) => yaml.replace(/^ {4}others_one: .*\n/m, ''));
    expect(loadError(dir)).toMatch(/en\/messages\.yml: messages\.common\.others_one: missing \(en needs the plural forms one, other/);
  });

  it('raw markup Slack would read as a link or a mention', () => {
    const dir = brokenLocales('zh-CN', (yaml) => yaml.replace('"本频道还没有方案。用 `/imc plan &lt;活动名称&gt;` 创建一个。"', '"本频道还没有方案。用 `/imc plan <活动名称>` 创建一个。"'));
    expect(loadError(dir)).toMatch(/zh-CN\/messages\.yml: messages\.command\.list\.empty: write < > & as &lt; &gt; &amp;/);
  });

  it('the bot itself refuses to start on it, before it opens the store or calls Slack', async () => {
    const dir = brokenLocales('zh-CN', (yaml) => yaml.replace('unreadable: "{{typed}} 我没能读成金额。"', 'unreadable: "我没能读成金额。"'));
    const dataDir = mkdtempSync(join(tmpdir(), 'imc-catalogue-data-'));
    dirs.push(dataDir);
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-0000-token', SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789', SLACK_API_URL: 'http://127.0.0.1:9/api/', IMC_DATA_DIR: dataDir });
    await expect(createBot(config, { localesDir: dir })).rejects.toThrow(/messages\.parse\.money\.unreadable: placeholders none differ/);
  });
});

describe('a language may keep its words in several files (messages.<part>.yml)', () => {
  function withPart(files: Partial<Record<'en' | 'zh-CN', string>>): string {
    const dir = mkdtempSync(join(tmpdir(), 'imc-catalogue-parts-'));
    dirs.push(dir);
    cpSync(DEFAULT_LOCALES_DIR, dir, { recursive: true });
    for (const [language, yaml] of Object.entries(files)) writeFileSync(join(dir, language, 'messages.trial.yml'), yaml);
    return dir;
  }
  const en = 'language: en\nmessages:\n  trial:\n    hello: "Hello {{name}}"\n';
  const zh = 'language: zh-CN\nmessages:\n  trial:\n    hello: "你好，{{name}}"\n';

  it('the parts of both languages load into one catalogue', () => {
    const translators = createTranslators(loadMessageCatalogue(withPart({ en, 'zh-CN': zh })));
    expect(translators.for('zh-CN').t('trial.hello', { name: '林' })).toBe('你好，林');
    expect(translators.for('en').t('common.yes')).toBe('yes');
  });

  it('a key one language lacks is named in the part file of the same name', () => {
    expect(loadError(withPart({ en }))).toMatch(/zh-CN\/messages\.yml: messages\.trial\.hello: missing \(.*en\/messages\.trial\.yml has it\)/);
    const dir = withPart({ en, 'zh-CN': 'language: zh-CN\nmessages:\n  trial:\n    other: "别的"\n' });
    expect(loadError(dir)).toMatch(/zh-CN\/messages\.trial\.yml: messages\.trial\.hello: missing \(.*en\/messages\.trial\.yml has it\)/);
  });

  it('a key given in two files of one language stops the start, naming both', () => {
    const twice = 'language: en\nmessages:\n  common:\n    yes: "yes"\n';
    expect(loadError(withPart({ en: twice }))).toMatch(/en\/messages\.trial\.yml: messages\.common\.yes: also in .*en\/messages\.yml/);
  });
});

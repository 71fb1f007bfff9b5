import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const domainDir = join(import.meta.dirname, '../../src/domain');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** What would make the domain depend on Slack, storage, templates, files or the clock. */
const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'Slack SDK', pattern: /from\s+['"]@slack\// },
  { what: 'lowdb', pattern: /from\s+['"]lowdb/ },
  { what: 'Handlebars', pattern: /from\s+['"]handlebars/ },
  { what: 'the file system', pattern: /from\s+['"](node:)?fs(\/promises)?['"]/ },
  { what: 'the network', pattern: /from\s+['"](node:)?(http|https|net)['"]/ },
  { what: 'the clock (Date.now)', pattern: /\bDate\.now\s*\(/ },
  { what: 'the clock (new Date())', pattern: /new\s+Date\s*\(\s*\)/ },
  { what: 'the clock (performance.now)', pattern: /\bperformance\.now\s*\(/ },
  { what: 'the environment', pattern: /\bprocess\.env\b/ },
];

/** Finds forbidden dependencies in one file's source text. */
function violations(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return FORBIDDEN.filter(({ pattern }) => pattern.test(code)).map(({ what }) => what);
}

describe('the pure domain', () => {
  const files = sourceFiles(domainDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [relative(domainDir, file), file]))(
    '%s imports no Slack, storage, templates or fs and does not read the clock',
    (_name, file) => {
      expect(violations(readFileSync(file, 'utf8'))).toEqual([]);
    },
  );

  it('the check itself catches each forbidden dependency', () => {
    expect(violations(`import { App } from '@slack/bolt';`)).toContain('Slack SDK');
    expect(violations(`import { Low } from 'lowdb';`)).toContain('lowdb');
    expect(violations(`import Handlebars from 'handlebars';`)).toContain('Handlebars');
    expect(violations(`import { readFileSync } from 'node:fs';`)).toContain('the file system');
    expect(violations(`import fs from 'fs/promises';`)).toContain('the file system');
    expect(violations(`const t = Date.now();`)).toContain('the clock (Date.now)');
    expect(violations(`const t = new Date();`)).toContain('the clock (new Date())');
    expect(violations(`const t = new Date('2026-01-01');`)).toEqual([]);
  });
});

const appDir = join(import.meta.dirname, '../../src/app');

/** An import of the Slack layer (src/slack or the Slack SDK) in one file's source text. */
function slackImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => /(^|\/)slack\//.test(target) || target.startsWith('@slack/'));
}

describe('the services (src/app)', () => {
  const files = sourceFiles(appDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [relative(appDir, file), file]))('%s does not import the Slack layer: it returns intents, src/slack renders them', (_name, file) => {
    expect(slackImports(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the check itself catches an import of src/slack, a dynamic one and the SDK, not a neighbour', () => {
    expect(slackImports(`import { draftMessage } from '../slack/blocks/plan-messages.js';`)).toEqual(['../slack/blocks/plan-messages.js']);
    expect(slackImports(`const m = await import('../slack/voice.js');`)).toEqual(['../slack/voice.js']);
    expect(slackImports(`import type { App } from '@slack/bolt';`)).toEqual(['@slack/bolt']);
    expect(slackImports(`import { unescapeSlackText } from '../render/escape.js';`)).toEqual([]);
    expect(slackImports(`// import { x } from '../slack/voice.js';`)).toEqual([]);
  });
});

import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedAtBuild, runningBuildId, writeCheckedStamp } from '../../src/app/build-checked.js';
import { loadInputLocales, loadMessageCatalogue } from '../../src/app/load-locales.js';
import { loadScript } from '../../src/app/load-script.js';
import { projectRoot } from '../../src/project-root.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped prompts, locales and templates, with a stamp for build "b1" beside them. */
function stampedCopy(): { root: string; stamp: string } {
  const root = mkdtempSync(join(tmpdir(), 'imc-checked-'));
  made.push(root);
  for (const dir of ['prompts', 'locales', 'templates']) cpSync(join(projectRoot(), dir), join(root, dir), { recursive: true });
  const stamp = join(root, 'startup-checked.json');
  writeCheckedStamp('b1', root, stamp);
  return { root, stamp };
}

describe('what the build checked (dist/startup-checked.json)', () => {
  it('holds for the build that wrote it over the very same files', () => {
    const { root, stamp } = stampedCopy();
    expect(checkedAtBuild('b1', root, stamp)).toBe(true);
  });

  it('does not hold for another build, for code not run from the bundle, or without a readable stamp', () => {
    const { root, stamp } = stampedCopy();
    expect(checkedAtBuild('b2', root, stamp)).toBe(false);
    expect(checkedAtBuild(undefined, root, stamp)).toBe(false);
    // Tests (and npm run dev) run the sources: no build id, so everything is checked at start.
    expect(runningBuildId()).toBeUndefined();
    expect(checkedAtBuild('b1', root, join(root, 'no-such-stamp.json'))).toBe(false);
    writeFileSync(stamp, '{ not json');
    expect(checkedAtBuild('b1', root, stamp)).toBe(false);
  });

  it('does not hold once a prompt, a locale file or a template is edited, or a template added', () => {
    const edits: ((root: string) => void)[] = [
      (root) => appendFileSync(join(root, 'prompts/plan.yml'), '\n# edited\n'),
      (root) => appendFileSync(join(root, 'locales/zh-CN/questions.yml'), '\n# edited\n'),
      (root) => appendFileSync(join(root, 'locales/en/messages.yml'), '\n# edited\n'),
      (root) => appendFileSync(join(root, 'templates/findings.hbs'), ' '),
      (root) => writeFileSync(join(root, 'templates/extra.hbs'), 'hello'),
    ];
    for (const edit of edits) {
      const { root, stamp } = stampedCopy();
      edit(root);
      expect(checkedAtBuild('b1', root, stamp)).toBe(false);
    }
  });
});

describe('loading with the checks the build did left out', () => {
  it('gives the same script and catalogue as the full checks', () => {
    const full = loadInputLocales(loadScript());
    const trusted = loadInputLocales(loadScript(undefined, undefined, { examples: false }), undefined, { examples: false });
    expect(JSON.stringify(trusted)).toBe(JSON.stringify(full));
    expect(loadMessageCatalogue(undefined, { againstEnglish: false })).toEqual(loadMessageCatalogue());
  });

  it('still refuses, with the full checks, an example its parser cannot read (what a start does once a file is edited)', () => {
    const { root } = stampedCopy();
    const plan = join(root, 'prompts/plan.yml');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('example: "2026-04-01"', 'example: when the weather warms up'));
    expect(() => loadScript(join(root, 'prompts'))).toThrow(/question "start_date": the example "when the weather warms up" is not an answer this question accepts/);
  });
});

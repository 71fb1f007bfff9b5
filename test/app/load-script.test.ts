import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_PROMPTS_DIR, loadScript } from '../../src/app/load-script.js';
import { ScriptError } from '../../src/domain/conversation/script.js';
import { QUESTION_MAP } from '../../src/domain/plan/plan.js';

const fixtures = join(import.meta.dirname, '../fixtures/scripts');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

type RawQuestion = Record<string, unknown>;

/** A prompts folder made from the real one, with `edit` applied to plan.yml's questions (and, optionally, another catalogue). */
function promptsWith(edit: (questions: RawQuestion[]) => void, channels?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'imc-prompts-'));
  made.push(dir);
  const raw = parse(readFileSync(join(DEFAULT_PROMPTS_DIR, 'plan.yml'), 'utf8')) as { questions: RawQuestion[] };
  edit(raw.questions);
  writeFileSync(join(dir, 'plan.yml'), stringify(raw));
  if (channels === undefined) copyFileSync(join(DEFAULT_PROMPTS_DIR, 'channels.yml'), join(dir, 'channels.yml'));
  else writeFileSync(join(dir, 'channels.yml'), channels);
  return dir;
}

function loadError(dir: string): ScriptError {
  try {
    loadScript(dir.startsWith('/') ? dir : join(fixtures, dir));
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    return error as ScriptError;
  }
  throw new Error(`${dir} loaded`);
}

const without = (id: string) => (questions: RawQuestion[]) => {
  questions.splice(questions.findIndex((q) => q.id === id), 1);
};

describe('loadScript', () => {
  it('loads the real prompts by default', () => {
    const script = loadScript();
    expect(script.questions[0]?.id).toBe('campaign');
    expect(script.questions.at(-1)?.id).toBe('peak_end');
    expect(script.catalogue.length).toBeGreaterThan(20);
  });

  it('loads prompts from another folder, with that catalogue as the channel choices', () => {
    const channels = readFileSync(join(fixtures, 'minimal/channels.yml'), 'utf8');
    // The channel question's example must name a channel of the catalogue it offers.
    const useWebsite = (questions: RawQuestion[]) => Object.assign(questions.find((q) => q.id === 'channels') ?? {}, { example: 'Website' });
    const script = loadScript(promptsWith(useWebsite, channels));
    expect(script.questions.find((q) => q.id === 'channels')?.choices?.map((c) => c.label)).toEqual(['Website', 'TV']);
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

describe('the start-up checks of what a marketer can break in prompts/', () => {
  it('refuses a script without a question every plan needs, naming it (deleting brand used to block every plan at the end)', () => {
    expect(loadError(promptsWith(without('brand'))).message).toMatch(
      /plan\.yml: question "brand": is missing: every plan needs its answer \(the plan's brand\), so put the question back\.$/,
    );
  });

  it('names each required question of the map when it is the one deleted', () => {
    for (const row of QUESTION_MAP.filter((r) => r.required)) {
      // Deleting a question that a `when` of a later one reads is reported at that `when`, naming the deleted one too.
      expect(loadError(promptsWith(without(row.question))).message, row.question).toMatch(
        new RegExp(`question "${row.question}": is missing|\`when\` refers to "${row.question}", which is not an earlier question`),
      );
    }
  });

  it('lets optional plan questions go, and names what else is missing in a script that lacks many', () => {
    for (const row of QUESTION_MAP.filter((r) => !r.required)) expect(() => loadScript(promptsWith(without(row.question))), row.question).not.toThrow();
    expect(loadError('minimal').message).toMatch(/minimal\/plan\.yml: question "brand": is missing: .* Also missing: "key_problem", "problem_statement", "audience_description", and \d+ more\./);
  });

  it('refuses a needed question made optional', () => {
    const dir = promptsWith((questions) => {
      const brand = questions.find((q) => q.id === 'brand');
      if (brand) brand.optional = true;
    });
    expect(loadError(dir).message).toMatch(/question "brand": cannot be optional: no plan can be posted without this answer/);
  });

  it('refuses an example answer that its own parser refuses, naming the question and the example', () => {
    expect(loadError('bad-example').message).toMatch(
      /bad-example\/plan\.yml: question "start_date": the example "when the weather warms up" is not an answer this question accepts: I couldn't read/,
    );
  });

  it('refuses a choice without a label, naming the question and the choice', () => {
    expect(loadError('unlabelled-choice').message).toMatch(
      /unlabelled-choice\/plan\.yml: question "message_type": choice "incentive" has no label; give it the words people see on its button/,
    );
  });
});

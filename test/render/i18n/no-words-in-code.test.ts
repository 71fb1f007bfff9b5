/**
 * What the bot says lives in the message catalogue (`locales/`), not in TypeScript: a
 * string literal that reads as prose in the code a Slack user's messages come from
 * (src/domain, src/app, src/render, src/slack, src/playground) fails this test, unless
 * its file is listed below with the reason it may hold words. A listed file may hold
 * at most as many as it has now, so the list only shrinks.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proseLiterals } from '../../support/prose-literals.js';

const ROOT = join(import.meta.dirname, '../../..');
const SCANNED = ['src/domain', 'src/app', 'src/render', 'src/slack', 'src/playground'];

/** Words people type, read by the English parsers: input, never shown as the bot's words. */
const INPUT = 'English input the parsers read (synonyms people type), not words the bot says';
/** Checks of the files a marketer edits (prompts/, templates/): refusals at start-up, for whoever runs the bot. */
const STARTUP = 'start-up refusals of prompts/, templates/ or locales/ for the operator, in English like the logs';
/** What only the operator or Slack's servers read: HTTP refusals, internal errors, SVG markup. */
const OPERATOR = 'for the operator or Slack\'s servers (HTTP refusals, internal errors, markup), not a Slack user';
/** The playground is the developer's terminal; the bot inside it speaks the catalogue's words. */
const PLAYGROUND = 'the playground\'s own terminal lines (a developer tool, English)';
/** Each rule's title names it in the rule catalogue (src/domain/rules/README.md); findings are worded from locales/. */
const TITLES = 'rule titles for the rule catalogue, not shown in Slack (findings come from messages.findings.yml)';
/** Words still written in code: English defaults the pages now word per language, or text still shown as is (#13's closing note). */
const TODO = 'English still in code, to move to the catalogue (listed in #13\'s closing note): may only shrink';

/** Files allowed to hold prose literals, how many at most, and why. */
const ALLOWED: Record<string, { max: number; why: string }> = {
  'src/domain/budget/budget-tasks.ts': { max: 1, why: OPERATOR },
  'src/domain/budget/quick-budget.ts': { max: 1, why: TODO },
  'src/domain/budget/schedule-phases.ts': { max: 2, why: TODO },
  'src/domain/channels/kpis.ts': { max: 9, why: TODO },
  'src/domain/channels/stage-fit.ts': { max: 5, why: TODO },
  'src/domain/contact/incentive.ts': { max: 15, why: TODO },
  'src/domain/contact/journey.ts': { max: 10, why: TODO },
  'src/domain/contact/message-plan.ts': { max: 18, why: TODO },
  'src/domain/contact/row-edit.ts': { max: 1, why: INPUT },
  'src/domain/contact/timing.ts': { max: 15, why: TODO },
  'src/domain/conversation/budget-prompts.ts': { max: 1, why: TODO },
  'src/domain/conversation/flow-answer.ts': { max: 1, why: TODO },
  'src/domain/conversation/flow-contact.ts': { max: 3, why: INPUT },
  'src/domain/conversation/flow.ts': { max: 1, why: INPUT },
  'src/domain/conversation/interpret-reply.ts': { max: 16, why: INPUT },
  'src/domain/conversation/script-words.ts': { max: 12, why: STARTUP },
  'src/domain/conversation/script.ts': { max: 13, why: STARTUP },
  'src/domain/locale/input-words.ts': { max: 2, why: STARTUP },
  'src/domain/parse/match-choice.ts': { max: 1, why: INPUT },
  'src/domain/parse/parse-costs.ts': { max: 1, why: INPUT },
  'src/domain/parse/parse-goals.ts': { max: 89, why: INPUT },
  'src/domain/parse/parse-yes-no.ts': { max: 1, why: INPUT },
  'src/domain/plan/vocabulary.ts': { max: 24, why: TODO },
  'src/domain/review/review-script.ts': { max: 4, why: STARTUP },
  'src/domain/review/review.ts': { max: 1, why: TODO },
  'src/domain/rules/audience-rules.ts': { max: 5, why: TITLES },
  'src/domain/rules/budget-rules.ts': { max: 18, why: TODO },
  'src/domain/rules/contact-rules.ts': { max: 3, why: TITLES },
  'src/domain/rules/media-rules.ts': { max: 2, why: TITLES },
  'src/domain/rules/message-rules.ts': { max: 2, why: TITLES },
  'src/domain/rules/objective-rules.ts': { max: 6, why: TITLES },
  'src/domain/rules/problem-rules.ts': { max: 2, why: TITLES },
  'src/domain/rules/research-rules.ts': { max: 1, why: TITLES },
  'src/domain/rules/timeline-rules.ts': { max: 2, why: TITLES },
  'src/domain/rules/value-rules.ts': { max: 1, why: TITLES },
  'src/app/approval-service.ts': { max: 1, why: OPERATOR },
  'src/app/plan-record-schema.ts': { max: 1, why: STARTUP },
  'src/app/plan-record.ts': { max: 1, why: TODO },
  'src/app/plan-service.ts': { max: 1, why: OPERATOR },
  'src/app/ports.ts': { max: 1, why: OPERATOR },
  'src/render/block-limits.ts': { max: 6, why: OPERATOR },
  'src/render/chart/budget-chart-svg.ts': { max: 3, why: OPERATOR },
  'src/render/contact-plan-view.ts': { max: 2, why: TODO },
  'src/render/renderer.ts': { max: 3, why: STARTUP },
  'src/render/slack-message.ts': { max: 4, why: TODO },
  'src/slack/oauth/install-routes.ts': { max: 2, why: OPERATOR },
  'src/slack/poster/lean-web-api.ts': { max: 1, why: OPERATOR },
  'src/slack/poster/thread-poster.ts': { max: 4, why: OPERATOR },
  'src/slack/receivers/check-slack-body.ts': { max: 5, why: OPERATOR },
  'src/slack/receivers/durable-http-receiver.ts': { max: 2, why: OPERATOR },
  'src/slack/receivers/durable-socket-mode-receiver.ts': { max: 1, why: OPERATOR },
  'src/slack/receivers/verify-slack-signature.ts': { max: 4, why: OPERATOR },
  'src/playground/channel-transcript.ts': { max: 3, why: PLAYGROUND },
  'src/playground/help-text.ts': { max: 8, why: PLAYGROUND },
  'src/playground/main.ts': { max: 1, why: PLAYGROUND },
  'src/playground/modal-form.ts': { max: 3, why: PLAYGROUND },
  'src/playground/parse-args.ts': { max: 8, why: PLAYGROUND },
  'src/playground/parse-line.ts': { max: 6, why: PLAYGROUND },
  'src/playground/playground.ts': { max: 22, why: PLAYGROUND },
  'src/playground/render-message.ts': { max: 6, why: PLAYGROUND },
  'src/playground/replay-script.ts': { max: 1, why: PLAYGROUND },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function literalsByFile(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const dir of SCANNED) {
    for (const path of sourceFiles(join(ROOT, dir))) {
      const file = relative(ROOT, path);
      const literals = proseLiterals(file, readFileSync(path, 'utf8'));
      if (literals.length > 0) found.set(file, literals.map((l) => `${file}:${l.line} "${l.text}"`));
    }
  }
  return found;
}

describe('words live in the message catalogue, not in the code', () => {
  it('no file holds more prose literals than the list allows (new words go in locales/)', () => {
    const over: string[] = [];
    for (const [file, literals] of literalsByFile()) {
      const allowed = ALLOWED[file]?.max ?? 0;
      if (literals.length > allowed) over.push(`${file}: ${literals.length} prose literals, ${allowed} allowed\n  ${literals.join('\n  ')}`);
    }
    expect(over, 'put these words in locales/<language>/messages*.yml and render them through the translator').toEqual([]);
  });

  it('the list names only files that still hold words, each with a reason', () => {
    const found = literalsByFile();
    for (const [file, { max, why }] of Object.entries(ALLOWED)) {
      expect(found.has(file), `${file} holds no prose literal any more: remove it from the list`).toBe(true);
      expect(found.get(file)?.length, `${file}: lower its max to what it holds`).toBe(max);
      expect([INPUT, STARTUP, OPERATOR, PLAYGROUND, TITLES, TODO], file).toContain(why);
    }
  });
});

describe('the prose finder', () => {
  it('finds words in strings and templates, and not in codes, keys, paths, logs or thrown errors', () => {
    const source = [
      "import { x } from './some path/of words.js';",
      "const a = 'Must fix before posting';",
      'const b = `Spent ${amount} of the budget`;',
      "const c = 'budget.sketch.header';",
      "const d = ['error', 'warning', 'tip'];",
      "logger.info('plan started', { planId });",
      "throw new ScriptError('the question has no label');",
      "const e = { key: 'findings.fix', params: { question: 'x' } };",
      "const f = z.string().regex(/^a$/, 'expected a date as yyyy-MM-dd');",
    ].join('\n');
    expect(proseLiterals('x.ts', source).map((l) => [l.line, l.text])).toEqual([
      [2, 'Must fix before posting'],
      [3, 'Spent  x  of the budget'],
    ]);
  });
});

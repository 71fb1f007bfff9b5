/**
 * Every message builder in src/slack/blocks, fed arbitrary plans, findings, answers and
 * review results, stays within Block Kit's limits (including the action, menu and
 * context blocks the builders add around the rendered text) and shows user text
 * escaped. The command parsers take anything and answer with a value or a clear error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanRecord, PlanStatus, PlanVersion } from '../../src/app/plan-record.js';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { parseConfigArgs } from '../../src/domain/approval/channel-config.js';
import { parseImcCommand } from '../../src/domain/command/imc-command.js';
import { CURRENCIES, GOAL_METRICS, GOAL_UNITS, MEDIA_TYPES, PlanSchema, SEVERITIES, STAGES, type Channel, type Finding, type Goal, type Plan, type Parsed } from '../../src/domain/plan/plan.js';
import { quickBudget } from '../../src/domain/budget/quick-budget.js';
import { summarizeReview } from '../../src/domain/review/review.js';
import type { Question } from '../../src/domain/conversation/script.js';
import { createRenderer } from '../../src/render/renderer.js';
import { findingsMessage, helpMessage, noticeMessage, statusMessage } from '../../src/slack/blocks/flow-messages.js';
import { translator } from '../support/words.js';
import { budgetMessage, draftMessage, kickoffMessage, supersededMessage } from '../../src/slack/blocks/plan-messages.js';
import { answeredQuestionMessage, questionMessage } from '../../src/slack/blocks/question-message.js';
import { reminderMessage, reviewSummaryMessage } from '../../src/slack/blocks/review-messages.js';
import { SAMPLE_LABELS, sampleDraft } from '../fixtures/plans.js';
import { script } from '../domain/conversation/flow-helpers.js';
import { expectPostable, HOSTILE_TEXTS } from './message-checks.js';

const renderer = createRenderer();
const AUTHOR = 'U0AUTHOR';
/** Every message is checked in each language the bot speaks (Chinese counts characters, not bytes). */
const READERS = [translator('en'), translator('zh-CN')];

const nasty = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXTS),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', 'a', ' ', '\n', '-', '*', '`', '😀', '&lt;', '|'), maxLength: 4000, size: 'max' }),
  fc.string({ unit: 'grapheme', maxLength: 2000, size: 'max' }),
);
const nonEmptyNasty = nasty.filter((text) => text.trim() !== '');
/** A refusal or a note carrying what someone typed. */
const typedPhrase = nasty.map((message) => ({ key: 'thread.info', params: { message } }));

const goalArb: fc.Arbitrary<Goal> = fc.record({
  metric: fc.constantFrom(...GOAL_METRICS),
  unit: fc.constantFrom(...GOAL_UNITS),
  baseline: fc.integer({ min: 0, max: 1_000_000_000 }),
  target: fc.integer({ min: 0, max: 1_000_000_000 }),
  direction: fc.constantFrom('increase' as const, 'decrease' as const),
  deadline: fc.constant('2027-04-30'),
});

const channelArb: fc.Arbitrary<Channel> = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
  name: nonEmptyNasty,
  media: fc.constantFrom(...MEDIA_TYPES),
  stages: fc.subarray([...STAGES], { minLength: 1 }),
});

const findingArb: fc.Arbitrary<Finding> = fc.record({
  rule: fc.constantFrom('PROBLEM-KEY', 'MEDIA-MIX', 'APPEAL-FIT', 'BUDGET-GAP'),
  severity: fc.constantFrom(...SEVERITIES),
  problem: nonEmptyNasty,
  principle: nonEmptyNasty,
  fix: nonEmptyNasty,
  questionId: fc.option(fc.constantFrom(...script.questions.map((q) => q.id)), { nil: undefined }),
});

/** A schema-valid plan whose every free text is hostile. */
const planArb: fc.Arbitrary<Plan> = fc
  .record({
    texts: fc.array(nonEmptyNasty, { minLength: 5, maxLength: 5 }),
    goals: fc.array(goalArb, { minLength: 1, maxLength: 10 }),
    channels: fc.array(channelArb, { minLength: 1, maxLength: 40 }),
    currency: fc.constantFrom(...CURRENCIES),
  })
  .map(({ texts, goals, channels, currency }) => {
    const draft = sampleDraft();
    const [campaign = '', brand = '', problemStatement = '', concept = '', description = ''] = texts;
    const plan = PlanSchema.parse({ ...draft, budget: { ...draft.budget, currency }, audience: { ...draft.audience, description } });
    // The flow caps the campaign name at 80 characters; everything else may be any length.
    return { ...plan, campaign: campaign.slice(0, 80) || 'x', brand, problemStatement, concept, goals, channels };
  });

const statusArb = fc.constantFrom<PlanStatus>('planning', 'draft', 'changes-requested', 'approved', 'reviewing', 'reviewed', 'cancelled');

function recordFor(plan: Plan, findings: Finding[], status: PlanStatus, title = plan.campaign): { record: PlanRecord; version: PlanVersion } {
  const version: PlanVersion = { version: 3, plan, findings, postedAt: '2027-01-01T00:00:00.000Z', messageTs: '1.2' };
  const record = { id: 'P-ABCDE', authorId: AUTHOR, status, title, versions: [version], messageTs: ['1.2'] } as unknown as PlanRecord;
  return { record, version };
}

describe('the messages built for arbitrary plans', () => {
  it('kickoff, draft, budget, superseded and reminders stay within Block Kit limits with user text escaped', () => {
    fc.assert(
      fc.property(planArb, fc.array(findingArb, { maxLength: 25 }), statusArb, nasty, (plan, findings, status, typedTitle) => {
        // `/imc plan <name>` keeps up to 500 characters as the title, even when the flow asks again for a shorter name.
        const { record, version } = recordFor(plan, findings, status, typedTitle.slice(0, 500));
        const sketch = buildBudgetSketch(plan);
        for (const t of READERS) {
          expectPostable(kickoffMessage(t, record), [AUTHOR]);
          expectPostable(draftMessage(t, renderer, record, version, sketch, `Approved by <@${AUTHOR}>`, SAMPLE_LABELS), [AUTHOR]);
          expectPostable(draftMessage(t, renderer, record, version, sketch, '', SAMPLE_LABELS), [AUTHOR]);
          expectPostable(budgetMessage(t, renderer, record, version, sketch));
          expectPostable(supersededMessage(t, record, version, 4));
          expectPostable(reminderMessage(t, record, plan, 'review'), [AUTHOR]);
          expectPostable(reminderMessage(t, record, plan, 'nudge'), [AUTHOR]);
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('the review summary stays within limits for any actuals and learnings', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.record({
          spend: fc.integer({ min: 0, max: 1e12 }),
          actual: fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 10 }),
          visits: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
          orders: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
          revenue: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: undefined }),
          worked: fc.option(nasty, { nil: undefined }),
          didNotWork: fc.option(nasty, { nil: undefined }),
        }),
        (plan, { actual, ...rest }) => {
          const { record } = recordFor(plan, [], 'reviewed');
          const goals = plan.goals.map((_, index) => ({ index, actual: actual[index % actual.length] ?? 0 }));
          const summary = summarizeReview(plan, buildBudgetSketch(plan), { ...rest, goals });
          for (const t of READERS) expectPostable(reviewSummaryMessage(t, renderer, record, plan, summary, 'U0REVIEWER', []), ['U0REVIEWER', AUTHOR]);
        },
      ),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('findings messages stay within limits, with fix buttons, for any findings', () => {
    const questionById = (id: string): Question | undefined => script.questions.find((q) => q.id === id);
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 60 }), fc.boolean(), (findings, blocking) => {
        for (const t of READERS) expectPostable(findingsMessage(t, findings, blocking, { planId: 'P-ABCDE', renderer, questionById }));
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('question messages stay within limits whatever the error, note, suggestion and current answer say', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...script.questions),
        fc.record({ error: fc.option(typedPhrase, { nil: undefined }), note: fc.option(typedPhrase, { nil: undefined }), current: fc.option(nasty, { nil: undefined }) }),
        fc.option(fc.record({ text: nasty, source: nasty }), { nil: undefined }),
        fc.boolean(),
        nasty,
        (question, texts, suggestion, canGoBack, answer) => {
          const options = { planId: 'P-ABCDE', canGoBack, position: { number: 3, total: 30 }, ...texts, ...(suggestion ? { suggestion } : {}) };
          expectPostable(answeredQuestionMessage(question, answer));
          // The choice lists come from the catalogue (short labels): a question with many choices must still fit one menu.
          const many = { ...question, kind: 'multi' as const, choices: Array.from({ length: 150 }, (_, i) => ({ id: `c${i}`, label: `${answer.slice(0, 20)} ${i}` })) };
          for (const t of READERS) {
            expectPostable(questionMessage(t, question, options));
            expectPostable(questionMessage(t, many, options));
          }
        },
      ),
      { numRuns: 80, endOnFailure: true },
    );
  });

  it('status, help and info messages escape whatever the answers hold', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ label: nasty, value: nasty }), { maxLength: 40 }), nonEmptyNasty, (lines, message) => {
        for (const t of READERS) {
          expectPostable(statusMessage(t, lines.map((line) => ({ label: line.label, answer: line.value })), lines.length));
          expectPostable(noticeMessage(t, { key: 'thread.info', params: { message } }));
          expectPostable(helpMessage(t, script.questions[0], [{ word: 'skip', meaning: { key: 'common.sentences', params: { parts: { list: [message], join: 'sentences' } } } }]));
        }
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });
});

/** A well-formed result: a value, or an error people can act on (with an example). */
function expectClear<T>(result: Parsed<T>): void {
  if (!result.ok) for (const t of READERS) expect(t.text(result.error)).toMatch(/`[^`]+`/);
}

const arg = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_TEXTS, '¥1,000,000', '1%', '¥2', '0', '-5', '1e309', 'NaN', 'approvals', 'yes'));

describe('the command parsers take anything', () => {
  it('parseImcCommand reads any text into a known subcommand', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: 'grapheme' }), fc.array(arg).map((a) => a.join(' '))), (text) => {
        const command = parseImcCommand(text);
        expect(['plan', 'help', 'list', 'show', 'cancel', 'budget', 'review', 'remind', 'config']).toContain(command.kind);
      }),
      { numRuns: 500 },
    );
    expect(parseImcCommand('x'.repeat(1_000_000)).kind).toBe('help');
  });

  it('quickBudget gives sums or an error naming the usage, for any arguments', () => {
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 7 }), fc.constantFrom(...CURRENCIES), (args, currency) => {
        const result = quickBudget(args, currency, SAMPLE_LABELS);
        expectClear(result);
        if (result.ok && result.value.sketch) expect(Number.isSafeInteger(result.value.sketch.need.total)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('parseConfigArgs gives a request or an error with an example, for any arguments', () => {
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 5 }), (args) => {
        expectClear(parseConfigArgs(args));
      }),
      { numRuns: 500 },
    );
  });
});

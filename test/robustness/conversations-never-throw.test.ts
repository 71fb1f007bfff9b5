/**
 * Whatever people type into a plan's or a review's thread, in whatever order, the
 * conversation answers with a valid state and messages Slack accepts: never a throw,
 * never a rejection without an example, never user text as live markup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../src/app/plan-record.js';
import type { Plan } from '../../src/domain/plan/plan.js';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { currencyOf } from '../../src/domain/conversation/flow-answer.js';
import { intentsOfEffects } from '../../src/app/effect-intents.js';
import { answerText } from '../../src/render/i18n/answer-text.js';
import { presentIntent } from '../../src/slack/present/present-intent.js';
import { translator, en } from '../support/words.js';
import { FlowStateSchema, interpretReply, stepFlow, type FlowEffect, type FlowInput, type StepResult } from '../../src/domain/conversation/flow.js';
import { ReviewStateSchema, startReview, stepReview, type ReviewStepResult } from '../../src/domain/review/review-flow.js';
import { createRenderer } from '../../src/render/renderer.js';
import { budgetMessage, draftMessage } from '../../src/slack/blocks/plan-messages.js';
import { answeredQuestionMessage } from '../../src/slack/blocks/question-message.js';
import { FUNNEL_REPLIES, NOW, script, start } from '../domain/conversation/flow-helpers.js';
import { FULL_REVIEW, funnelPlan, REVIEW_NOW, REVIEW_SCRIPT, TZ } from '../domain/review/review-helpers.js';
import { expectPostable, HOSTILE_TEXTS } from './message-checks.js';

const renderer = createRenderer();
const AUTHOR = 'U0AUTHOR';
/** Every message is drawn in each language the bot speaks. */
const READERS = [translator('en'), translator('zh-CN')];
const REVIEW_REPLIES = Object.fromEntries(FULL_REVIEW);

/** One thing a person does in the thread. */
type Move = { kind: 'valid' } | { kind: 'text'; text: string } | { kind: 'choose'; questionId: string; values: string[] };

const typed = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom(...HOSTILE_TEXTS),
  fc.constantFrom('back', 'skip', 'status', 'help', 'use', 'accept', 'cancel', 'change budget', 'change the concept', 'change nothing', 'change', 'BACK!', '*skip*'),
  fc.constantFrom('change row 1', 'change row 2: channel Xiaohongshu', 'change row 99', 'remove row 1', 'add row', 'add row: stage purchase decision; channel Search ads', 'row 1: timing: launch', 'timing: 7 days after first order', 'change journey', 'change tone', 'remove'),
  fc.constantFrom('2%', '0', '-1', '1e309', '¥200k', 'in 6 weeks', 'Feb 30', 'yes', 'no', '1, 3, 5', '99', 'awareness 10% -> 5% by 2020-01-01'),
);

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 4, arbitrary: typed.map((text) => ({ kind: 'text' as const, text })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('choose' as const),
      questionId: fc.oneof(fc.constantFrom(...script.questions.map((q) => q.id)), fc.string({ maxLength: 20 })),
      values: fc.array(fc.oneof(fc.constantFrom('evaluation', 'brand', 'owned-website', 'CNY', 'yes'), fc.string({ maxLength: 20 })), { maxLength: 4 }),
    }),
  },
);

/** The question the effects ask (or re-ask), if any. */
function askedId(effects: readonly { type: string; question?: { id: string } }[]): string | undefined {
  return effects.find((e) => e.type === 'ask' || e.type === 'reask')?.question?.id;
}

function inputOf(next: Move, asked: string | undefined, replies: Record<string, string>): FlowInput {
  if (next.kind === 'choose') return { type: 'choose', questionId: next.questionId, values: next.values };
  const text = next.kind === 'text' ? next.text : (replies[asked ?? ''] ?? 'accept');
  return interpretReply(text);
}

/** A rejection is a clear error: it says what went wrong and shows an example. */
function expectClearErrors(effects: readonly FlowEffect[] | ReviewStepResult['effects']): void {
  for (const effect of effects) {
    if (effect.type === 'reask') {
      const error = en(effect.error);
      expect(error.trim().length).toBeGreaterThan(10);
      expect(error).toMatch(/`[^`]+`|e\.g\.|for example/i);
    }
  }
}

/** The thread messages of `effects`, as the outbox sends them, in every language (`review`: the effects of a review of `record`'s version 1). */
function presentAll(record: PlanRecord, effects: readonly FlowEffect[], canGoBack: boolean, review?: { version: number; plannedSpend: number }): void {
  const items = intentsOfEffects(effects, { canGoBack, ...(review ? { review } : {}) });
  for (const item of items) {
    for (const t of READERS) {
      const message = presentIntent(item.intent, { t, record, script, reviewScript: REVIEW_SCRIPT, renderer });
      expect(message, `${item.intent.kind} is drawn`).toBeDefined();
      if (message) expectPostable(message);
    }
  }
}

function recordOf(id: string, plan?: Plan): PlanRecord {
  const versions = plan ? [{ version: 1, plan, findings: [], postedAt: NOW.toISOString() }] : [];
  return { id, authorId: AUTHOR, teamId: 'T1', channelId: 'C1', status: 'draft', versions } as unknown as PlanRecord;
}

/** The draft and budget messages of a finished plan, as the plan service posts them. */
function expectDraftPostable(result: StepResult): void {
  const finished = result.effects.find((e) => e.type === 'finished');
  if (finished?.type !== 'finished') return;
  const version = { version: 1, plan: finished.plan, findings: finished.findings, postedAt: NOW.toISOString() };
  const record = { id: 'P-PROP1', authorId: AUTHOR, status: 'draft', versions: [version] } as unknown as PlanRecord;
  const sketch = buildBudgetSketch(finished.plan);
  for (const t of READERS) {
    expectPostable(draftMessage(t, renderer, record, version, sketch, `Waiting for approval from <@${AUTHOR}>`, script), [AUTHOR]);
    expectPostable(budgetMessage(t, renderer, record, version, sketch));
  }
}

describe('the planning conversation, whatever is typed', () => {
  // 120 conversations, every step drawn for readers of both languages (findings worded at that moment): CPU-bound, so a loaded machine gets longer.
  it('never throws, keeps a valid state and answers with postable messages', { timeout: 120_000 }, () => {
    let finishedRuns = 0;
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 45 }), (moves) => {
        let result = start();
        presentAll(recordOf('P-PROP1'), result.effects, false);
        // The random moves, then plain valid answers until the plan ends, so the draft is reached too.
        const tail = Array.from({ length: 80 }, (): Move => ({ kind: 'valid' }));
        for (const next of [...moves, ...tail]) {
          if (result.state.status === 'finished' || result.state.status === 'cancelled') break;
          const before = result.state;
          result = stepFlow(script, result.state, inputOf(next, askedId(result.effects) ?? before.current, FUNNEL_REPLIES), NOW);
          expect(FlowStateSchema.safeParse(result.state).success).toBe(true);
          expectClearErrors(result.effects);
          presentAll(recordOf('P-PROP1'), result.effects, result.state.history.length > 0);
          expectDraftPostable(result);
        }
        for (const [id, answer] of Object.entries(result.state.answers)) {
          const question = script.questions.find((q) => q.id === id);
          if (!question) continue;
          for (const t of READERS) expectPostable(answeredQuestionMessage(question, answerText(t, question, answer, currencyOf(result.state.answers))));
        }
        if (result.state.status === 'finished') finishedRuns += 1;
      }),
      { numRuns: 120 },
    );
    // Mostly valid answers must sometimes reach the end, or the draft path went untested.
    expect(finishedRuns).toBeGreaterThan(0);
  });

  it('survives an answer to every question made of hostile text', () => {
    let result = start();
    for (let step = 0; step < 60 && result.state.status === 'asking'; step += 1) {
      const asked = askedId(result.effects) ?? result.state.current;
      const hostile = HOSTILE_TEXTS[step % HOSTILE_TEXTS.length] ?? '';
      const reply = result.effects.some((e) => e.type === 'reask') ? (FUNNEL_REPLIES[asked ?? ''] ?? 'skip') : `${hostile} ${FUNNEL_REPLIES[asked ?? ''] ?? ''}`;
      result = stepFlow(script, result.state, interpretReply(reply), NOW);
      presentAll(recordOf('P-HOST1'), result.effects, true);
    }
    expect(FlowStateSchema.safeParse(result.state).success).toBe(true);
  });
});

describe('the review conversation, whatever is typed', () => {
  it('never throws, keeps a valid state and answers with postable messages', () => {
    const plan = funnelPlan();
    const sketch = buildBudgetSketch(plan);
    const record = recordOf('P-REV01', plan);
    let finishedRuns = 0;
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 25 }), (moves) => {
        let result = startReview(REVIEW_SCRIPT, plan, sketch, { now: REVIEW_NOW, timeZone: TZ });
        const tail = Array.from({ length: 30 }, (): Move => ({ kind: 'valid' }));
        for (const next of [...moves, ...tail]) {
          if (result.state.status !== 'asking') break;
          result = stepReview(REVIEW_SCRIPT, plan, result.state, inputOf(next, askedId(result.effects) ?? result.state.current, REVIEW_REPLIES), REVIEW_NOW);
          expect(ReviewStateSchema.safeParse(result.state).success).toBe(true);
          expectClearErrors(result.effects);
          const shown = result.effects.filter((e) => e.type !== 'finished' && e.type !== 'cancelled') as FlowEffect[];
          presentAll(record, shown, result.state.history.length > 0, { version: 1, plannedSpend: result.state.plannedSpend });
        }
        if (result.state.status === 'finished') finishedRuns += 1;
      }),
      { numRuns: 150 },
    );
    expect(finishedRuns).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BudgetSketch } from '../../src/domain/budget/budget-types.js';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import {
  GOAL_METRICS,
  GOAL_UNITS,
  MEDIA_TYPES,
  PlanSchema,
  SEVERITIES,
  STAGES,
  type Channel,
  type StoredFinding,
  type Goal,
  type Plan,
} from '../../src/domain/plan/plan.js';
import { MAX_BLOCKS, MAX_FALLBACK_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT, MAX_TOTAL_BLOCK_TEXT, checkBlockLimits } from '../../src/render/block-limits.js';
import { toSlackMessage, type SlackMessage } from '../../src/render/slack-message.js';
import { createRenderer } from '../../src/render/renderer.js';
import { budgetSketchView, sketchContextOf } from '../../src/render/budget-sketch-view.js';
import { strategySummaryView } from '../../src/render/strategy-summary-view.js';
import { SAMPLE_LABELS, sampleDraft } from '../fixtures/plans.js';
import { findingReader } from '../support/finding-words.js';
import { findingsView } from '../../src/render/findings-view.js';
import { translator } from '../support/words.js';

const EN = translator('en');

const renderer = createRenderer();
const AUTHOR_MENTION = '<@UAUTHOR>';

/** Every mrkdwn string the message carries (header is plain_text and never parsed). */
function mrkdwnTexts(message: SlackMessage): string[] {
  const fromBlocks = message.blocks.flatMap((block) => {
    if (block.type === 'section') return [block.text.text];
    if (block.type === 'context') return block.elements.map((element) => element.text);
    return [];
  });
  return [message.text, ...fromBlocks];
}

/** No `<` except the mention the bot built, and every `&` starts an entity. */
function expectNothingUnescaped(message: SlackMessage): void {
  for (const text of mrkdwnTexts(message)) {
    expect(text.split(AUTHOR_MENTION).join('')).not.toContain('<');
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }
}

/** The domain's own sketch for the plan, with every phase given the (hostile) name. */
function sketchFor(plan: Plan, phaseName: string): BudgetSketch {
  const sketch = buildBudgetSketch(plan);
  if (!sketch) throw new Error('the sample budget inputs should give a sketch');
  return { ...sketch, phases: sketch.phases.map((phase) => ({ ...phase, name: phaseName })) };
}

/** Renders both messages the way the bot posts them. */
function messagesFor(plan: Plan, findings: StoredFinding[], phaseName = 'Launch'): SlackMessage[] {
  const sketch = sketchFor(plan, phaseName);
  const summary = strategySummaryView(plan, findingsView(findings, findingReader('en')), SAMPLE_LABELS, EN, { planId: 'P1', authorId: 'UAUTHOR', sketch });
  const budget = budgetSketchView(sketch, sketchContextOf(plan, 'Budget sketch'), EN);
  return [
    toSlackMessage(renderer.render('strategy-summary', summary, EN), { header: summary.title, planId: 'P1' }),
    toSlackMessage(renderer.render('budget-sketch', budget, EN), { header: budget.title, planId: 'P1' }),
  ];
}

const nastyText = fc.oneof(
  fc.constantFrom('<!channel>', '<@U123>', '<https://evil|click>', '&amp;', '---', 'a\n---\nb', "It's \"quoted\""),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', 'a', ' ', '\n', '-', '*', '😀', '&lt;'), maxLength: 3500, size: 'max' }),
  fc.string({ unit: 'grapheme', maxLength: 2500, size: 'max' }),
);

const channelArb: fc.Arbitrary<Channel> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  name: nastyText,
  media: fc.constantFrom(...MEDIA_TYPES),
  stages: fc.subarray([...STAGES], { minLength: 1 }),
});

const goalArb: fc.Arbitrary<Goal> = fc.record({
  metric: fc.constantFrom(...GOAL_METRICS),
  unit: fc.constantFrom(...GOAL_UNITS),
  baseline: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  target: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  direction: fc.constantFrom('increase' as const, 'decrease' as const),
  deadline: fc.constant('2027-04-30'),
});

const findingArb: fc.Arbitrary<StoredFinding> = fc.record({
  rule: fc.constantFrom('PROBLEM-KEY', 'MEDIA-MIX', 'APPEAL-FIT'),
  severity: fc.constantFrom(...SEVERITIES),
  problem: nastyText,
  principle: nastyText,
  fix: nastyText,
});

const planCase = fc.record({
  texts: fc.array(nastyText, { minLength: 5, maxLength: 5 }),
  goals: fc.array(goalArb, { maxLength: 10, size: 'max' }),
  channels: fc.array(channelArb, { maxLength: 60, size: 'max' }),
  findings: fc.array(findingArb, { maxLength: 25, size: 'max' }),
  phaseName: nastyText,
});

function planFrom(texts: string[], goals: Goal[], channels: Channel[]): Plan {
  const plan = PlanSchema.parse(sampleDraft());
  const [campaign = '', brand = '', problemStatement = '', concept = '', description = ''] = texts;
  Object.assign(plan, { campaign, brand, problemStatement, concept, goals, channels });
  plan.audience.description = description;
  return plan;
}

describe('toSlackMessage', () => {
  it('respects every Block Kit limit and escapes every user text, for any plan', () => {
    let cutMessages = 0;
    fc.assert(
      fc.property(planCase, ({ texts, goals, channels, findings, phaseName }) => {
        for (const message of messagesFor(planFrom(texts, goals, channels), findings, phaseName)) {
          cutMessages += message.blocks.some((block) => block.type === 'context') ? 1 : 0;
          expect(checkBlockLimits(message)).toEqual([]);
          expectNothingUnescaped(message);
        }
      }),
      { numRuns: 40, endOnFailure: true }, // shrinking huge plans takes minutes; the first failure is clear enough
    );
    // The generator must reach the truncation path, or the property proves little.
    expect(cutMessages).toBeGreaterThan(0);
  });

  it('cuts a huge plan at the end and says how to see the rest', () => {
    const long = 'Really long text with <!channel> & more. '.repeat(70);
    const channels: Channel[] = Array.from({ length: 60 }, (_, i) => ({
      id: `c${i}`,
      name: `${long.slice(0, 300)} #${i}`,
      media: MEDIA_TYPES[i % 3] ?? 'paid',
      stages: ['evaluation'],
    }));
    const goals: Goal[] = Array.from({ length: 10 }, () => ({
      metric: 'awareness',
      unit: 'percent',
      baseline: 0.1,
      target: 0.2,
      direction: 'increase',
      deadline: '2027-04-30',
    }));
    const findings: StoredFinding[] = Array.from({ length: 20 }, () => ({ rule: 'MEDIA-MIX', severity: 'warning', problem: long, principle: long, fix: long }));
    const [summary] = messagesFor(planFrom([long, long, long, long, long], goals, channels), findings);
    if (!summary) throw new Error('no message');
    expect(checkBlockLimits(summary)).toEqual([]);
    expectNothingUnescaped(summary);
    const last = summary.blocks[summary.blocks.length - 1];
    expect(last?.type).toBe('context');
    expect(JSON.stringify(last)).toContain('`/imc show P1`');
    expect(summary.text.endsWith('…')).toBe(true);
    expect(summary.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('stops at the block limit and keeps the last block for the notice', () => {
    const rendered = Array.from({ length: 80 }, (_, i) => `part ${i}`).join('\n---\n');
    const message = toSlackMessage(rendered, { header: 'Plan', planId: 'P9' });
    expect(message.blocks).toHaveLength(MAX_BLOCKS);
    expect(message.blocks[MAX_BLOCKS - 2]).toMatchObject({ type: 'section', text: { text: `part ${MAX_BLOCKS - 3}` } });
    expect(JSON.stringify(message.blocks[MAX_BLOCKS - 1])).toContain('`/imc show P9`');
    expect(checkBlockLimits(message)).toEqual([]);
  });

  it('makes one section per marker and skips empty ones', () => {
    const message = toSlackMessage('one\n---\ntwo\n---\n\n---\nthree', { header: 'Plan' });
    expect(message.blocks.map((block) => (block.type === 'section' ? block.text.text : block.type))).toEqual([
      'header',
      'one',
      'two',
      'three',
    ]);
    expect(message.text).toBe('*Plan*\n\none\n\ntwo\n\nthree');
  });

  it('splits a long section at line ends, keeping lines whole', () => {
    const line = 'x'.repeat(999);
    const message = toSlackMessage(Array(7).fill(line).join('\n'), { header: 'Plan' });
    const sections = message.blocks.filter((block) => block.type === 'section');
    expect(sections.map((block) => block.text.text.split('\n').length)).toEqual([3, 3, 1]);
  });

  it('never cuts an escaped entity in half when a single line is too long', () => {
    // The leading `x` puts the 3,000-character limit in the middle of an entity.
    const line = `x${'&amp;'.repeat(1500)}`;
    const message = toSlackMessage(line, { header: 'Plan' });
    expect(checkBlockLimits(message)).toEqual([]);
    expectNothingUnescaped(message);
    const joined = message.blocks.flatMap((block) => (block.type === 'section' ? [block.text.text] : [])).join('');
    expect(joined).toBe(line);
  });

  it('never leaves a sliver of a broken entity when the message fills up just before an escaped section', () => {
    // Filler sections that leave 0 to 12 characters of room before a section that starts with `&amp;`:
    // the cut must end at the notice, not with a one-character `&` section.
    const cutOf = (rendered: string) => toSlackMessage(rendered, { header: 'H', planId: 'P1' });
    const notice = cutOf(`${'y'.repeat(2900)}\n---\n`.repeat(6)).blocks.at(-1);
    const noticeLength = notice?.type === 'context' ? (notice.elements[0]?.text.length ?? 0) : 0;
    expect(noticeLength).toBeGreaterThan(0);
    const room = MAX_TOTAL_BLOCK_TEXT - 'H'.length - noticeLength;
    for (let gap = 0; gap <= 12; gap += 1) {
      const fill = room - gap;
      const fillers = [2900, 2900, 2900, fill - 3 * 2900].map((n) => 'f'.repeat(n));
      const message = cutOf([...fillers, `&amp;${'b'.repeat(200)}`].join('\n---\n'));
      expect(checkBlockLimits(message)).toEqual([]);
      expectNothingUnescaped(message);
      expect(message.blocks.at(-1)).toMatchObject({ type: 'context' });
      // The four whole fillers stay; the escaped section goes entirely into the notice.
      expect(message.blocks.filter((block) => block.type === 'section'), `${gap} left`).toHaveLength(4);
    }
  });

  it('shortens a long header with an ellipsis and keeps it plain text', () => {
    const message = toSlackMessage('body', { header: `<!channel> ${'very long '.repeat(30)}` });
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    const header = message.blocks[0]?.type === 'header' ? message.blocks[0].text.text : '';
    expect(header.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    expect(header.endsWith('…')).toBe(true);
    expect(message.text.startsWith('*&lt;!channel&gt; very long')).toBe(true);
  });
});

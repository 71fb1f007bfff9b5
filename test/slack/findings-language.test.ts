/**
 * The rule findings where people meet them (the findings message in the thread, the
 * posted draft, `/imc budget`), in the reader's language; and a plan stored before
 * findings were data, still shown as it was written.
 */
import { scriptIn } from '../../src/domain/conversation/script-words.js';
import { describe, expect, it } from 'vitest';
import type { PlanRecord, PlanVersion } from '../../src/app/plan-record.js';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { quickBudget } from '../../src/domain/budget/quick-budget.js';
import { FlowStateSchema } from '../../src/domain/conversation/flow-state.js';
import { PlanDraftSchema, PlanSchema, type PlanDraft, type StoredFinding } from '../../src/domain/plan/plan.js';
import { evaluatePlan } from '../../src/domain/rules/index.js';
import { unescapeSlackText } from '../../src/render/escape.js';
import { createRenderer } from '../../src/render/renderer.js';
import { findingsMessage } from '../../src/slack/blocks/flow-messages.js';
import { draftMessage } from '../../src/slack/blocks/plan-messages.js';
import { presentReply } from '../../src/slack/present/present-reply.js';
import { SAMPLE_LABELS, SAMPLE_TODAY, sampleDraft } from '../fixtures/plans.js';
import { expectPostable, mrkdwnTexts } from '../robustness/message-checks.js';
import { SCRIPT_WITH_WORDS } from '../support/finding-words.js';
import { translator } from '../support/words.js';

const renderer = createRenderer();
const ctx = { today: SAMPLE_TODAY, labels: SAMPLE_LABELS, catalogue: SCRIPT_WITH_WORDS.catalogue };
const questionById = (id: string) => SCRIPT_WITH_WORDS.questions.find((question) => question.id === id);

/** Everything a reader sees in a message, with Slack's entities shown as characters. */
function seen(message: { text: string; blocks?: readonly unknown[] }): string {
  return unescapeSlackText(mrkdwnTexts(message).join('\n'));
}

/** A plan that breaks many rules at once. */
function broken(): PlanDraft {
  const sample = sampleDraft();
  return {
    ...sample,
    keyProblem: 'price',
    problems: ['price'],
    research: [],
    concept: undefined,
    journey: ['need-recognition', 'information-search'],
    audience: { description: 'Everyone', segment: 'loyal', stage: 'need-recognition', involvement: 'high' },
    budget: { ...sample.budget!, available: 1_000_000 },
  } as PlanDraft;
}

const OLD_FINDING: StoredFinding = {
  rule: 'MEDIA-MIX',
  severity: 'warning',
  problem: 'The channels use only paid media.',
  principle: 'Paid media buys attention.',
  fix: 'Add an owned channel.',
  questionId: 'channels',
};

describe('the findings message in the thread', () => {
  it('speaks Chinese to a Chinese reader and English to an English one, from the same findings', () => {
    const findings = evaluatePlan(broken(), ctx);
    // The presenter hands the findings the reader's script (its labels in the reader's language).
    const zh = seen(findingsMessage(translator('zh-CN'), findings, true, { planId: 'P-1', renderer, script: scriptIn(SCRIPT_WITH_WORDS, 'zh-CN'), questionById }));
    const en = seen(findingsMessage(translator('en'), findings, true, { planId: 'P-1', renderer, script: SCRIPT_WITH_WORDS, questionById }));
    expect(zh).toContain('方案需要¥105.6万，但可用预算只有¥1万');
    expect(zh).toContain('关键问题属于价格问题，单靠传播解决不了。');
    expect(zh).toContain('发布前必须改正');
    expect(en).toContain('The plan needs ¥1,056,000 but ¥10,000 is available');
    expect(en).toContain('The key problem is a price problem, which communication alone cannot fix.');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('stays within Block Kit limits for the largest Chinese findings', () => {
    const findings = [...evaluatePlan(broken(), ctx), ...evaluatePlan(PlanDraftSchema.parse({}), ctx)];
    for (const blocking of [true, false]) expectPostable(findingsMessage(translator('zh-CN'), findings, blocking, { planId: 'P-1', renderer, script: SCRIPT_WITH_WORDS, questionById }));
  });
});

describe('a plan stored before findings were data', () => {
  it('keeps the English sentences of its findings in a draft drawn for a Chinese channel', () => {
    const plan = PlanSchema.parse(sampleDraft());
    // As read back from the store: the version's findings have the old shape.
    const version = JSON.parse(JSON.stringify({ version: 1, plan, findings: [OLD_FINDING], postedAt: '2026-11-23T00:00:00.000Z' })) as PlanVersion;
    const record = { id: 'P-OLD', authorId: 'U1', status: 'draft', title: plan.campaign, versions: [version], messageTs: [] } as unknown as PlanRecord;
    const text = seen(draftMessage(translator('zh-CN'), renderer, record, version, buildBudgetSketch(plan), '', SCRIPT_WITH_WORDS));
    expect(text).toContain('The channels use only paid media.');
    expect(text).toContain('Add an owned channel.');
    expect(text).toContain('1 个警告');
  });

  it('resumes a conversation stored with old findings, and shows them', () => {
    const stored = FlowStateSchema.safeParse({
      version: 3,
      answers: {},
      history: [],
      timeZone: 'Asia/Shanghai',
      status: 'checking',
      findings: [OLD_FINDING, { rule: 'PROBLEM-KEY', id: 'none-named', severity: 'error', params: {}, questionId: 'problems' }],
      acceptedWarnings: [],
      suggestions: {},
    });
    expect(stored.success, JSON.stringify(stored.error?.issues)).toBe(true);
    const findings = stored.data!.findings;
    // The presenter hands the findings the reader's script (its labels in the reader's language).
    const zh = seen(findingsMessage(translator('zh-CN'), findings, true, { planId: 'P-1', renderer, script: scriptIn(SCRIPT_WITH_WORDS, 'zh-CN'), questionById }));
    expect(zh).toContain('The channels use only paid media.');
    expect(zh).toContain('还没有列出任何问题');
  });
});

describe('/imc budget', () => {
  it('gives its findings in the reader’s language', () => {
    const budget = quickBudget(['¥1,000,000', '¥1,000', '1%', '¥2', '¥50,000'], 'CNY', SAMPLE_LABELS);
    expect(budget.ok).toBe(true);
    if (!budget.ok) return;
    const zh = presentReply({ kind: 'quick-budget', budget: budget.value }, { t: translator('zh-CN'), renderer, script: SCRIPT_WITH_WORDS } as never);
    const en = presentReply({ kind: 'quick-budget', budget: budget.value }, { t: translator('en'), renderer, script: SCRIPT_WITH_WORDS } as never);
    expect(seen(zh!)).toMatch(/覆盖了方案所需/);
    expect(seen(en!)).toMatch(/covers \d+ % of the/);
  });
});

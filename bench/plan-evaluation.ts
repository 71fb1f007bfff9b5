/**
 * Plan evaluation: what the bot computes when a plan is finished, on the complete
 * sample plan: the IMC rules, the budget sketch, and rendering the draft and
 * budget messages. Pure CPU, so it runs in-process, after a warm-up.
 *
 * Run alone: npx tsx bench/plan-evaluation.ts
 */
import type { PlanRecord, PlanVersion } from '../src/app/plan-record.js';
import { buildBudgetSketch } from '../src/domain/budget/budget.js';
import { PlanSchema } from '../src/domain/plan/plan.js';
import { evaluatePlan } from '../src/domain/rules/index.js';
import { createRenderer } from '../src/render/renderer.js';
import { loadMessageCatalogue } from '../src/app/load-locales.js';
import { createTranslators } from '../src/render/i18n/translator.js';
import { budgetMessage, draftMessage } from '../src/slack/blocks/plan-messages.js';
import { SAMPLE_LABELS, SAMPLE_TODAY, sampleDraft } from '../test/fixtures/plans.js';
import { collectGarbage, formatMs, isMain, summarise, summaryCells, table, type Summary, type TargetResult } from './stats.js';

const ITERATIONS = 2_000;
const WARM_UP = 1_000;
const P99_TARGET_MS = 5;

/** Timings of the whole evaluation and of each part. */
export interface PlanEvaluationResult {
  iterations: number;
  total: Summary;
  parts: { rules: Summary; budget: Summary; draftMessage: Summary; budgetMessage: Summary };
  findings: number;
  targets: TargetResult[];
}

/** Runs the benchmark. */
export function runPlanEvaluation(): PlanEvaluationResult {
  const plan = PlanSchema.parse(sampleDraft());
  const renderer = createRenderer();
  const t = createTranslators(loadMessageCatalogue()).for('en');
  const findings = evaluatePlan(plan, { today: SAMPLE_TODAY, labels: SAMPLE_LABELS });
  const version: PlanVersion = { version: 1, plan, findings, postedAt: '2026-11-23T01:00:00.000Z', messageTs: '1795000000.000100' };
  // draftMessage reads only the record's id, author and status; the rest is the shape of a posted plan.
  const record = {
    id: 'P-BENCH',
    teamId: 'T0FAKE',
    channelId: 'C0PLANNING',
    threadTs: '1795000000.000100',
    messageTs: ['1795000000.000100'],
    status: 'draft',
    title: plan.campaign,
    authorId: 'U0ALICE',
    createdAt: version.postedAt,
    updatedAt: version.postedAt,
    versions: [version],
    outbox: [],
    seen: [],
  } as unknown as PlanRecord;

  const samples = { total: [] as number[], rules: [] as number[], budget: [] as number[], draftMessage: [] as number[], budgetMessage: [] as number[] };
  collectGarbage();
  for (let n = 0; n < WARM_UP + ITERATIONS; n += 1) {
    const t0 = performance.now();
    evaluatePlan(plan, { today: SAMPLE_TODAY, labels: SAMPLE_LABELS });
    const t1 = performance.now();
    const sketch = buildBudgetSketch(plan);
    const t2 = performance.now();
    draftMessage(t, renderer, record, version, sketch, 'Needs 2 approvals: react with :white_check_mark: to approve.', SAMPLE_LABELS);
    const t3 = performance.now();
    budgetMessage(t, renderer, record, version, sketch);
    const t4 = performance.now();
    if (n < WARM_UP) continue;
    samples.total.push(t4 - t0);
    samples.rules.push(t1 - t0);
    samples.budget.push(t2 - t1);
    samples.draftMessage.push(t3 - t2);
    samples.budgetMessage.push(t4 - t3);
  }
  const total = summarise(samples.total);
  return {
    iterations: ITERATIONS,
    total,
    parts: {
      rules: summarise(samples.rules),
      budget: summarise(samples.budget),
      draftMessage: summarise(samples.draftMessage),
      budgetMessage: summarise(samples.budgetMessage),
    },
    findings: findings.length,
    targets: [{ benchmark: 'plan evaluation', target: `p99 ≤ ${P99_TARGET_MS} ms`, measured: formatMs(total.p99), pass: total.p99 <= P99_TARGET_MS }],
  };
}

/** The result as a table. */
export function formatPlanEvaluation(result: PlanEvaluationResult): string {
  const rows = [
    ['rules (evaluatePlan)', ...summaryCells(result.parts.rules)],
    ['budget (buildBudgetSketch)', ...summaryCells(result.parts.budget)],
    ['draft message (render)', ...summaryCells(result.parts.draftMessage)],
    ['budget message (render)', ...summaryCells(result.parts.budgetMessage)],
    ['all four', ...summaryCells(result.total)],
  ];
  return [
    `Plan evaluation: ${result.iterations} iterations on the full sample plan (${result.findings} findings), after ${WARM_UP} warm-up iterations`,
    table([['part', 'p50', 'p99', 'max', 'n'], ...rows]),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  console.log(formatPlanEvaluation(runPlanEvaluation()));
}

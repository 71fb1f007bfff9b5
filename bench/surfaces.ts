/**
 * The Slack-native surfaces: how long the budget chart PNG takes to draw (Latin
 * names, and Chinese ones, which come from the pixel-outline fallback font), how
 * large it is, and how long the App Home of someone with many plans takes to build
 * (the model and its blocks, all in memory; the publish itself is one Slack call).
 * Both run off the acknowledgement path; the figures say how much work they are.
 *
 * Run alone: npx tsx bench/surfaces.ts
 */
import { buildBudgetSketch } from '../src/domain/budget/budget.js';
import { PlanSchema, type Plan } from '../src/domain/plan/plan.js';
import { buildHomeModel, type HomePlan } from '../src/app/home-model.js';
import { budgetChartModel } from '../src/render/chart/budget-chart-model.js';
import { createTranslators } from '../src/render/i18n/translator.js';
import { loadMessageCatalogue } from '../src/app/load-locales.js';
import { renderChartPng } from '../src/render/chart/render-chart-png.js';
import { homeViewBlocks } from '../src/slack/blocks/home-view.js';
import { sampleDraft } from '../test/fixtures/plans.js';
import { collectGarbage, formatMs, isMain, summarise, summaryCells, table, type Summary, type TargetResult } from './stats.js';

/** The words of the English catalogue (the chart and the Home are drawn in English here). */
const HOME_T = createTranslators(loadMessageCatalogue()).for('en');

const CHART_RUNS = 10;
const HOME_RUNS = 200;
const HOME_PLANS = 500;
const MAX_CHART_P50_MS = 1_000;
const MAX_HOME_P50_MS = 10;

export interface SurfacesResult {
  charts: { name: string; summary: Summary; bytes: number }[];
  home: { summary: Summary; blocks: number };
  targets: TargetResult[];
}

function chinesePlan(): Plan {
  const plan = PlanSchema.parse(sampleDraft());
  plan.campaign = '春季冷萃上市';
  plan.channels = plan.channels.map((channel, index) => ({ ...channel, name: ['微信公众号', '小红书品牌号', '抖音品牌号', '搜索广告', '天猫京东站内广告', '达人种草', '用户口碑', '明星转发'][index] ?? channel.name }));
  return plan;
}

async function timeChart(name: string, plan: Plan): Promise<SurfacesResult['charts'][number]> {
  const model = budgetChartModel(plan, buildBudgetSketch(plan), HOME_T, 1);
  if (!model) throw new Error('the sample plan has no chart');
  await renderChartPng(model); // unpacks the fonts once
  const samples: number[] = [];
  let bytes = 0;
  for (let run = 0; run < CHART_RUNS; run += 1) {
    collectGarbage();
    const started = performance.now();
    bytes = (await renderChartPng(model)).png.length;
    samples.push(performance.now() - started);
  }
  return { name, summary: summarise(samples), bytes };
}

function timeHome(): SurfacesResult['home'] {
  const statuses = ['planning', 'draft', 'approved', 'reviewed', 'changes-requested'] as const;
  const plans: HomePlan[] = Array.from({ length: HOME_PLANS }, (_, i) => ({
    id: `P-${String(i).padStart(5, '0')}`,
    teamId: 'T1',
    channelId: `C${i % 20}`,
    title: `Campaign ${i}`,
    status: statuses[i % statuses.length] as HomePlan['status'],
    authorId: i % 3 === 0 ? 'U0ME' : `U${i % 7}`,
    updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    threadTs: `1700000000.${String(i).padStart(6, '0')}`,
    draftTs: `1700000001.${String(i).padStart(6, '0')}`,
    version: 1,
    approvers: i % 4 === 0 ? ['U0ME'] : [],
    changeRequesters: [],
    answered: 12,
    reviewDate: '2027-04-15',
  }));
  const context = {
    isMember: () => true,
    policy: () => ({ approvalsNeeded: 2, authorCanApprove: false, approveEmoji: 'white_check_mark', rejectEmoji: 'x' }),
    pages: {},
    pageSize: 6,
  };
  const samples: number[] = [];
  let blocks = 0;
  for (let run = 0; run < HOME_RUNS; run += 1) {
    const started = performance.now();
    const view = homeViewBlocks(buildHomeModel('U0ME', plans, context), { linkFor: (item) => `https://x.slack.com/archives/${item.plan.channelId}/p1`, t: HOME_T });
    samples.push(performance.now() - started);
    blocks = view.length;
  }
  return { summary: summarise(samples), blocks };
}

/** Measures the chart and the Home. */
export async function runSurfaces(): Promise<SurfacesResult> {
  const charts = [await timeChart('budget chart PNG, Latin names', PlanSchema.parse(sampleDraft())), await timeChart('budget chart PNG, Chinese names', chinesePlan())];
  const home = timeHome();
  const targets: TargetResult[] = [
    ...charts.map((chart) => ({ benchmark: chart.name, target: `p50 ≤ ${formatMs(MAX_CHART_P50_MS)}`, measured: formatMs(chart.summary.p50), pass: chart.summary.p50 <= MAX_CHART_P50_MS })),
    { benchmark: `App Home, ${HOME_PLANS} plans`, target: `build p50 ≤ ${formatMs(MAX_HOME_P50_MS)}`, measured: formatMs(home.summary.p50), pass: home.summary.p50 <= MAX_HOME_P50_MS },
    { benchmark: `App Home, ${HOME_PLANS} plans`, target: '≤ 100 blocks', measured: String(home.blocks), pass: home.blocks <= 100 },
  ];
  return { charts, home, targets };
}

/** The figures as a table. */
export function formatSurfaces(result: SurfacesResult): string {
  const rows = [
    ['case', 'p50', 'p99', 'max', 'runs', 'size'],
    ...result.charts.map((chart) => [chart.name, ...summaryCells(chart.summary), `${Math.round(chart.bytes / 1024)} KiB`]),
    [`App Home build, ${HOME_PLANS} plans`, ...summaryCells(result.home.summary), `${result.home.blocks} blocks`],
  ];
  return `Slack-native surfaces\n\n${table(rows)}`;
}

if (isMain(import.meta.url)) {
  const result = await runSurfaces();
  console.log(formatSurfaces(result));
  console.log(`\n${table([['benchmark', 'target', 'measured', 'result'], ...result.targets.map((t) => [t.benchmark, t.target, t.measured, t.pass ? 'PASS' : 'MISS'])])}`);
}

/**
 * The plan's pages in Chinese: every page renders in zh-CN with no English word but
 * what the user typed, ids and codes (an explicit allow-list); figures are the reader's
 * (¥20万, 2027年3月31日, 2.5%) and the same amounts as in English.
 */
import { findingReader } from '../support/finding-words.js';
import { describe, expect, it } from 'vitest';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { PlanDraftSchema, PlanSchema, type Plan, type PlanDraft } from '../../src/domain/plan/plan.js';
import { budgetSketchView, sketchContextOf } from '../../src/render/budget-sketch-view.js';
import { briefLine } from '../../src/render/brief-line.js';
import { contactPlanView } from '../../src/render/contact-plan-view.js';
import { findingsView } from '../../src/render/findings-view.js';
import { createRenderer } from '../../src/render/renderer.js';
import { planCanvasMarkdown, planCanvasTitle } from '../../src/render/canvas/plan-canvas.js';
import { budgetChartModel } from '../../src/render/chart/budget-chart-model.js';
import { budgetChartBlocks } from '../../src/slack/blocks/budget-chart-blocks.js';
import { reviewSummaryView } from '../../src/render/review-view.js';
import { summarizeReview } from '../../src/domain/review/review.js';
import { strategySummaryView } from '../../src/render/strategy-summary-view.js';
import { proposeTone } from '../../src/domain/contact/message-plan.js';
import { unescapeSlackText } from '../../src/render/escape.js';
import { SAMPLE_LABELS, legacyDraft, sampleDraft, sampleDraftWithOfferValue } from '../fixtures/plans.js';
import { englishWords } from '../support/english-words.js';
import { translator } from '../support/words.js';
import { ZH_LABELS, typedTexts } from '../support/zh-labels.js';

const renderer = createRenderer();
const ZH = translator('zh-CN');
const EN = translator('en');

function plan(draft = sampleDraftWithOfferValue()): Plan {
  return PlanSchema.parse(draft);
}

/** The checks' section (findings.hbs is converted on its own, by the findings work): left out of what these tests read. */
const CHECKS = renderer.render('findings', findingsView([], findingReader('zh-CN')), ZH);

/** The English a Chinese reader would meet in `text`, besides what `shown` typed. */
function leaks(text: string, shown: Plan): string[] {
  return englishWords(unescapeSlackText(text.replace(CHECKS, '')), typedTexts(shown));
}

describe('the English-word finder', () => {
  it('finds English words and lets typed names, markup, codes and allowed terms through', () => {
    expect(englishWords('预算 Total needed ¥20万', [])).toEqual(['Total', 'needed']);
    expect(englishWords('活动：Spring sip · <@U0BOB> :warning: `P-ABCDE` KPI：CRM（CNY）', ['Spring sip'])).toEqual([]);
    expect(englishWords('渠道：Search ads', ['search'])).toEqual(['ads']);
    expect(englishWords('核心创意：“spring in every…”', ['Spring in every sip'])).toEqual([]);
  });
});

describe('the strategy summary in Chinese', () => {
  const shown = plan();
  const sketch = buildBudgetSketch(shown);
  const render = (t = ZH, labels = ZH_LABELS, p = shown) =>
    renderer.render('strategy-summary', strategySummaryView(p, findingsView([], findingReader(t.language)), labels, t, { planId: 'P-ABCDE', authorId: 'U0ALICE', ...(sketch ? { sketch } : {}) }), t);

  it('has no English word but what the user typed', () => {
    const text = render();
    expect(leaks(text, shown)).toEqual([]);
    expect(text).toContain('*传播策略简报*');
    expect(text).toContain('*激励计划*');
    expect(text).toContain('方案 `P-ABCDE` · 策划人 <@U0ALICE>');
  });

  it('words the proposed tone in Chinese, and keeps a tone the team wrote as written', () => {
    expect(shown.message?.tone).toBe(proposeTone(shown.audience));
    const text = unescapeSlackText(render());
    expect(text).toContain('• 调性：温暖、有感官冲击：让人感受到；简单，一个利益点，反复强调');
    expect(englishWords(text.split('\n').find((line) => line.includes('调性')) ?? '')).toEqual([]);
    expect(unescapeSlackText(render(EN, SAMPLE_LABELS))).toContain('warm and sensory: let them feel it; simple, one benefit, repeated');
    const own = plan({ ...sampleDraftWithOfferValue(), message: { ...sampleDraftWithOfferValue().message, tone: 'playful, like a friend' } } as PlanDraft);
    expect(unescapeSlackText(render(ZH, ZH_LABELS, own))).toContain('• 调性：playful, like a friend');
  });

  it('writes dates, rates and money as a Chinese reader does, and the same figures as in English', () => {
    const zh = render();
    const en = render(EN, SAMPLE_LABELS);
    expect(zh).toContain('2.5% → 3.5%，截至2027年4月30日');
    expect(en).toContain('2.5 % → 3.5 % by 30 Apr 2027');
    expect(zh).toContain('¥0 → ¥120万');
    expect(en).toContain('¥0 → ¥1,200,000');
    expect(zh).toMatch(/活动结束后复盘： \*\d{4}年\d{1,2}月\d{1,2}日\*/);
  });

  it('the plans made before contact plans show their channels in Chinese too', () => {
    const legacy = plan(legacyDraft());
    const text = render(ZH, ZH_LABELS, legacy);
    expect(text).toContain('*传播渠道*');
    expect(leaks(text, legacy)).toEqual([]);
  });

  it('keeps every value escaped and the catalogue words as markup', () => {
    const hostile = { ...shown, campaign: '<!channel> & *Sale*' };
    const text = render(ZH, ZH_LABELS, hostile);
    expect(text).toContain('*活动：* &lt;!channel&gt; &amp; *Sale*');
    expect(text).not.toContain('<!channel>');
  });
});

describe('the brief line in Chinese', () => {
  it('leads with the audience and ends on the objective, in Chinese word order', () => {
    const line = briefLine(plan(), ZH_LABELS, ZH);
    expect(line.startsWith('面向')).toBe(true);
    expect(line).toMatch(/，推动[^，]+（[^）]+ 2\.5% → 3\.5%）。$/);
    expect(line).toContain('为核心承诺（源自洞察：');
    expect(line).not.toMatch(/Achieve|among|carried by|through/);
    expect(leaks(line, plan())).toEqual([]);
  });

  it('stays English, unchanged, for an English reader', () => {
    expect(briefLine(plan(), SAMPLE_LABELS, EN)).toMatch(/^Achieve purchase intention \(conversion 2\.5 % → 3\.5 %\) among /);
  });
});

describe('the contact plan in Chinese', () => {
  it('names stages, timing, KPIs and sources in Chinese', () => {
    const shown = plan(sampleDraft());
    const text = renderer.render('contact-plan', contactPlanView(shown, shown.contactPlan, ZH_LABELS, ZH), ZH);
    expect(text).toMatch(/^\*触点计划\*：\d+ 个触点，覆盖 \d+ 个阶段/);
    expect(text).toContain('沟通重点：');
    expect(leaks(text, shown)).toEqual([]);
  });

  it('names the catalogue’s formats in Chinese, a format the team wrote as written, English as before', () => {
    const shown = plan(sampleDraft());
    const formats = shown.contactPlan.map((row) => row.format).filter((f): f is string => f !== undefined);
    expect(formats.length).toBeGreaterThan(0);
    const zhText = unescapeSlackText(renderer.render('contact-plan', contactPlanView(shown, shown.contactPlan, ZH_LABELS, ZH), ZH));
    const enText = unescapeSlackText(renderer.render('contact-plan', contactPlanView(shown, shown.contactPlan, SAMPLE_LABELS, EN), EN));
    for (const format of formats) {
      expect(enText).toContain(format);
      expect(zhText.split('\n').filter((line) => line.includes(`，${format}）`)), format).toEqual([]);
    }
    const typed = { ...shown, contactPlan: shown.contactPlan.map((row, i) => (i === 0 ? { ...row, format: 'pop quiz' } : row)) };
    expect(unescapeSlackText(renderer.render('contact-plan', contactPlanView(typed, typed.contactPlan, ZH_LABELS, ZH), ZH))).toContain('pop quiz');
  });
});

/** Every amount of money in a rendering, in minor units: ¥200,000, ¥20万, ¥1.2亿, ¥7,272.60. */
function amounts(text: string): number[] {
  return [...text.matchAll(/¥(\d[\d,]*(?:\.\d+)?)(万|亿)?/g)].map((match) => {
    const value = Number((match[1] as string).replace(/,/g, '')) * (match[2] === '亿' ? 1e8 : match[2] === '万' ? 1e4 : 1);
    return Math.round(value * 100);
  });
}

describe('the budget sketch in Chinese', () => {
  const SEARCH = { id: 'paid-search-ads', name: '搜索广告', media: 'paid', stages: ['purchase-decision'] } as const;
  const CRM = { id: 'owned-email-crm', name: '会员短信与企业微信', media: 'owned', stages: ['purchase-decision', 'post-purchase'] } as const;
  const funnel = (budget: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    PlanDraftSchema.parse({
      primaryObjective: 'purchase-intention',
      audience: { description: '上海的上班族', stage: 'purchase-decision' },
      channels: [SEARCH, CRM],
      goals: [{ metric: 'revenue', unit: 'money', baseline: 0, target: 100_000_000, deadline: '2027-03-31' }],
      budget: {
        currency: 'CNY',
        funnel: { targetRevenue: 100_000_000, averageOrderValue: 100_000, conversionRate: 0.01, costPerVisit: 200 },
        nonMedia: [{ kind: 'production', amount: 3_000_000 }],
        ...budget,
      },
      startDate: '2027-01-01',
      endDate: '2027-03-31',
      ...extra,
    });
  const sketchOf = (draft: PlanDraft, t = ZH, labels = ZH_LABELS) =>
    renderer.render('budget-sketch', budgetSketchView(buildBudgetSketch(draft), { ...sketchContextOf(draft, t.plain({ key: 'pages.budget.title', params: { campaign: '春季新品' } })), labels }, t), t);
  const cases: [string, PlanDraft][] = [
    ['a funded funnel with an incentive', funnel({ grossMargin: 0.4, available: 40_000_000 }, { messageType: 'incentive', incentive: { value: 1_000, stages: [] } })],
    ['a shortfall, scaled down', funnel({ available: 8_000_000, scaledDown: true })],
    ['an always-on plan by month', funnel({ pattern: 'always-on' })],
    [
      'a retention task',
      PlanDraftSchema.parse({
        primaryObjective: 'purchase-intention',
        audience: { description: '去年的老客', stage: 'post-purchase' },
        channels: [CRM],
        budget: { currency: 'CNY', retention: { baseCustomers: 3000, repeatRateUplift: 0.1, costPerContact: 50, averageOrderValue: 12_000 } },
      }),
    ],
  ];

  for (const [name, draft] of cases) {
    it(`${name}: no English word, and the same amounts as in English`, () => {
      const zh = sketchOf(draft);
      const en = sketchOf(draft, EN, SAMPLE_LABELS);
      expect(englishWords(unescapeSlackText(zh), typedTexts(draft))).toEqual([]);
      expect(amounts(zh)).toEqual(amounts(en));
    });
  }

  it('closes in Chinese: working media + non-media + incentive + reserve = the total', () => {
    const draft = cases[0]![1];
    const zh = sketchOf(draft);
    const sketch = buildBudgetSketch(draft)!;
    const rows = zh.slice(zh.indexOf('*费用明细*'), zh.indexOf('*所需预算合计'));
    const lines = rows.split('\n').filter((line) => line.startsWith('• '));
    expect(lines.map((line) => line.replace(/：.*/, ''))).toEqual(['• 工作媒体 · 搜索广告', '• 非媒体费用 · 内容制作', '• 激励', '• 预留金', '• 未分配']);
    const first = (line: string) => amounts(line)[0] as number;
    expect(lines.slice(0, 4).reduce((sum, line) => sum + first(line), 0)).toBe(sketch.need.total);
    expect(zh).toContain(`*所需预算合计：${ZH.format.money(sketch.need.total, 'CNY')}*`);
    expect(zh).toContain('= ¥100万 ÷（1% × ¥1,000）= *100,000 次访问*，约 1,000 笔订单');
    expect(zh).toContain('• 激励：¥1万 _（¥10 × 1,000 次核销：每笔订单都核销）_');
  });

  it('names the phases and months in Chinese', () => {
    const zh = sketchOf(cases[2]![1]);
    expect(zh).toContain('*分阶段投放：* 常态投放（每日投放额不变）');
    expect(zh).toMatch(/• \*2027年1月\*，2027年1月1日至2027年1月31日：¥/);
  });

  it('explains an empty sketch in Chinese', () => {
    expect(sketchOf(funnel({ funnel: undefined }))).toMatch(/^暂无预算草案：/);
  });
});

describe('the review summary in Chinese', () => {
  const shown = plan(sampleDraftWithOfferValue());
  const summary = summarizeReview(shown, buildBudgetSketch(shown), {
    spend: 21_000_000,
    mediaSpend: 18_000_000,
    goals: [
      { index: 0, actual: 0.033 },
      { index: 1, actual: 95_000_000 },
    ],
    visits: 90_000,
    orders: 2_900,
    revenue: 95_000_000,
    worked: '小红书种草带来了大量搜索',
    didNotWork: '电商平台广告的转化偏低',
    touchpoints: [{ row: 7, kpi: 0.031, spend: 9_000_000, visits: 45_000, orders: 1_400 }],
  });
  const render = (t = ZH, labels = ZH_LABELS, carried: string[] = ['conversion_rate', 'cost_per_visit']) =>
    renderer.render('review-summary', reviewSummaryView(shown, summary, { planId: 'P-ABCDE', reviewerId: 'U0BOB', carried, labels }, t), t);

  it('has no English word but what the user typed, and names goals, rows and verdicts in Chinese', () => {
    const text = render();
    expect(leaks(text, shown)).toEqual([]);
    expect(text).toContain('活动复盘*');
    expect(text).toContain('• *转化率*：2.5% → 计划 3.5%，实际 *3.3%*：完成计划提升的 80%，:large_yellow_circle: 基本达成');
    expect(text).toContain('本频道下一个 `/imc plan` 会把这些数据作为建议值：转化率、单次访问成本。');
    expect(text).toContain('复盘人 <@U0BOB> · 方案 `P-ABCDE`。');
  });

  it('shows the same spend in both languages', () => {
    expect(render()).toContain('*花费*：实际 ¥21万');
    expect(render(EN, SAMPLE_LABELS)).toContain('*Spend*: ¥210,000 against');
    expect(amounts(render())).toEqual(amounts(render(EN, SAMPLE_LABELS)));
  });

  it('says when nothing could be carried into the next plan', () => {
    const text = render(ZH, ZH_LABELS, []);
    expect(text).toMatch(/没有算出可带入下一个方案的单价或比率。|按各自的实际单价起算/);
  });
});

describe('the canvas and the budget chart in Chinese', () => {
  const shown = plan(sampleDraftWithOfferValue());
  const sketch = buildBudgetSketch(shown);

  it('the canvas has no English word but what the user typed, and the same amounts as in English', () => {
    const context = { planId: 'P-ABCDE', version: 2, approvedOn: '2027-02-01', approvers: ['U0BOB'] };
    const zh = planCanvasMarkdown(shown, sketch, context, ZH_LABELS, ZH);
    const en = planCanvasMarkdown(shown, sketch, context, SAMPLE_LABELS, EN);
    expect(englishWords(zh.replace(/!\[\]\(@U0BOB\)/g, ''), typedTexts(shown))).toEqual([]);
    expect(zh).toContain('## 触点计划');
    expect(zh).toContain('方案 `P-ABCDE`，第 2 版，2027年2月1日审批通过');
    expect(planCanvasTitle(shown, 2, ZH)).toBe(`整合营销传播方案：${shown.campaign}（第 2 版）`);
    expect(amounts(zh)).toEqual(amounts(en));
  });

  it('the chart names its panels, bars, legend and alt text in Chinese, with the same bars', () => {
    const zh = budgetChartModel(shown, sketch, ZH, 2)!;
    const en = budgetChartModel(shown, sketch, EN, 2)!;
    const said = [zh.title, zh.altText, zh.otherLabel, ...Object.values(zh.legend), ...zh.panels.flatMap((panel) => [panel.title, ...panel.bars.map((bar) => bar.label)])].join('\n');
    expect(englishWords(said, typedTexts(shown))).toEqual([]);
    expect(zh.title).toBe(`预算：${shown.campaign}（第 2 版）`);
    expect(zh.panels.map((panel) => panel.bars.map((bar) => bar.value))).toEqual(en.panels.map((panel) => panel.bars.map((bar) => bar.value)));
    const blocks = JSON.stringify(budgetChartBlocks(zh, 'chart|P-ABCDE'));
    expect(blocks).toContain('分阶段付费投放');
    expect(englishWords(blocks.replace(/"[a-z_]+":/g, ' ').replace(/"(bar|data_visualization|chart\|P-ABCDE-[a-z]+)"/g, ' '), typedTexts(shown))).toEqual([]);
  });
});

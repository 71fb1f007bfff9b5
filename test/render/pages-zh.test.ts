/**
 * The plan's pages in Chinese: every page renders in zh-CN with no English word but
 * what the user typed, ids and codes (an explicit allow-list); figures are the reader's
 * (¥20万, 2027年3月31日, 2.5%) and the same amounts as in English.
 */
import { describe, expect, it } from 'vitest';
import { buildBudgetSketch } from '../../src/domain/budget/budget.js';
import { PlanSchema, type Plan } from '../../src/domain/plan/plan.js';
import { briefLine } from '../../src/render/brief-line.js';
import { contactPlanView } from '../../src/render/contact-plan-view.js';
import { findingsView } from '../../src/render/findings-view.js';
import { createRenderer } from '../../src/render/renderer.js';
import { strategySummaryView } from '../../src/render/strategy-summary-view.js';
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
const CHECKS = renderer.render('findings', findingsView([]), ZH);

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
    renderer.render('strategy-summary', strategySummaryView(p, [], labels, t, { planId: 'P-ABCDE', authorId: 'U0ALICE', ...(sketch ? { sketch } : {}) }), t);

  it('has no English word but what the user typed', () => {
    const text = render();
    expect(leaks(text, shown)).toEqual([]);
    expect(text).toContain('*传播策略简报*');
    expect(text).toContain('*激励计划*');
    expect(text).toContain('方案 `P-ABCDE` · 策划人 <@U0ALICE>');
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
    expect(text).toMatch(/^\*触点计划\*：\d+ 个触点，覆盖\d+ 个阶段/);
    expect(text).toContain('沟通重点：');
    expect(leaks(text, shown)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { PlanDraftSchema, type Finding, type LegacyFinding, type PlanDraft, type StoredFinding } from '../../src/domain/plan/plan.js';
import { RULES, evaluatePlan } from '../../src/domain/rules/index.js';
import { findingsView } from '../../src/render/findings-view.js';
import { createRenderer } from '../../src/render/renderer.js';
import { unescapeSlackText } from '../../src/render/escape.js';
import { SAMPLE_LABELS, SAMPLE_SCRIPT, SAMPLE_TODAY, sampleDraft } from '../fixtures/plans.js';
import { findingReader, wordProblems, wordsOf } from '../support/finding-words.js';
import { translator } from '../support/words.js';

const renderer = createRenderer();
const ctx = { today: SAMPLE_TODAY, labels: SAMPLE_LABELS, catalogue: SAMPLE_SCRIPT.catalogue };

const finding = (severity: Finding['severity'], rule: string): Finding => ({ rule, id: 'x', severity, params: {} });

/** What a reader of `language` sees in the findings message. */
function rendered(findings: readonly StoredFinding[], language: 'en' | 'zh-CN'): string {
  return unescapeSlackText(renderer.render('findings', findingsView(findings, findingReader(language))));
}

/** Plans that break many rules at once: an empty draft, a plan that contradicts itself, one whose budget cannot be right, one with a typo'd rate. */
function manyBroken(): PlanDraft[] {
  const sample = sampleDraft();
  return [
    PlanDraftSchema.parse({}),
    {
      ...sample,
      keyProblem: 'price',
      problems: ['price', 'communication'],
      research: ['market'],
      concept: 'Spring in every sip. Cold brew that keeps pace with your day, from the first meeting to the last train home, every single day of the season.',
      message: { insight: 'Office workers want calm', proposition: 'fresh, cheap, local and fast' },
      messageType: 'incentive',
      primaryObjective: 'brand-awareness',
      journey: ['need-recognition', 'information-search'],
      audience: { description: 'Everyone', segment: 'loyal', stage: 'need-recognition', involvement: 'low', motivation: 'transformational', competitor: 'Luckin' },
      goals: [
        { metric: 'awareness', unit: 'percent', baseline: 0, target: 0.95, direction: 'increase', deadline: '2026-12-01' },
        { metric: 'revenue', unit: 'money', baseline: 100, target: 50, direction: 'increase', deadline: '2028-01-01' },
      ],
      startDate: '2026-11-01',
    },
    { ...sample, budget: { ...sample.budget!, available: 1_000_000 } },
    { ...sample, budget: { ...sample.budget!, funnel: { ...sample.budget!.funnel!, conversionRate: 0.000_01 } } },
    { ...sample, audience: { ...sample.audience!, segment: 'competitor-loyal', competitor: undefined }, endDate: '2026-12-01', reviewDate: 'soon' },
  ] as PlanDraft[];
}

describe('findingsView', () => {
  it('groups errors, then warnings, then tips, leaving out empty groups, and counts them in the reader’s words', () => {
    const findings = [finding('tip', 'C'), finding('error', 'A'), finding('tip', 'D'), finding('error', 'B')];
    const view = findingsView(findings, findingReader('en'));
    expect(view.blocking).toBe(true);
    expect(view.heading.text).toBe('*Checks: 2 errors and 2 tips*');
    expect(view.groups.map((group) => group.items.map((item) => item.rule))).toEqual([['A', 'B'], ['C', 'D']]);
    expect(findingsView([finding('warning', 'A')], findingReader('en')).heading.text).toBe('*Checks: 1 warning*');
    const chinese = findingsView(findings, findingReader('zh-CN'));
    expect(chinese.heading.text).toBe('*方案检查：2 个错误和2 条建议*');
    expect(chinese.groups.map((group) => group.label.text)).toEqual(['发布前必须改正', '建议']);
  });

  it('reports a clean plan in either language', () => {
    expect(findingsView([], findingReader('en'))).toMatchObject({ hasFindings: false, blocking: false, groups: [] });
    expect(rendered([], 'en')).toBe(':white_check_mark: *Checks:* the plan passes every IMC rule.');
    expect(rendered([], 'zh-CN')).toBe(':white_check_mark: *方案检查：*全部符合整合营销传播（IMC）的各项规则。');
  });

  it('renders one finding in the reader’s language, with money, rates and stages written their way', () => {
    const sample = sampleDraft();
    const [underfunded] = evaluatePlan({ ...sample, budget: { ...sample.budget!, available: 20_000_000 } }, ctx).filter((f) => f.rule === 'BUDGET-ABSURD');
    expect(underfunded).toMatchObject({ rule: 'BUDGET-ABSURD', id: 'underfunded', severity: 'error', action: 'scale-down' });
    expect(JSON.stringify(underfunded)).not.toMatch(/covers|¥/);
    const english = wordsOf(underfunded!, 'en').problem;
    const chinese = wordsOf(underfunded!, 'zh-CN').problem;
    expect(english).toMatch(/^¥200,000 covers 19 % of the ¥1,056,000 the plan needs: below 50 %/);
    expect(chinese).toMatch(/^¥20万只覆盖了方案所需¥105\.6万的19%：低于50%时/);
  });
});

describe('findings stored before findings were data', () => {
  // A plan version saved by an earlier bot: English sentences, no id, no params.
  const stored: LegacyFinding = {
    rule: 'BUDGET-SHORTFALL',
    severity: 'warning',
    problem: 'The plan needs ¥1,056,000 but ¥800,000 is available: <!channel> & co.',
    principle: 'Derive the budget from the goal.',
    fix: 'Raise the budget.',
    questionId: 'budget_available',
  };

  it('shows an old record’s finding as it was written, escaped, whatever the reader’s language', () => {
    const record = JSON.parse(JSON.stringify({ findings: [stored] })) as { findings: StoredFinding[] };
    for (const language of ['en', 'zh-CN'] as const) {
      const text = renderer.render('findings', findingsView(record.findings, findingReader(language)));
      expect(text).toContain('The plan needs ¥1,056,000 but ¥800,000 is available: &lt;!channel&gt; &amp; co.');
      expect(text).toContain('Raise the budget.');
      expect(text).not.toContain('<!channel>');
    }
    expect(rendered(record.findings, 'zh-CN')).toContain('*方案检查：1 个警告*');
  });

  it('sits beside today’s findings in one list', () => {
    const today = evaluatePlan(PlanDraftSchema.parse({}), ctx);
    const text = rendered([stored, ...today], 'en');
    expect(text).toContain('The plan needs ¥1,056,000 but ¥800,000 is available');
    expect(text).toContain('No primary communication objective has been chosen.');
  });
});

describe('every finding in both languages', () => {
  it('has words for every rule of the catalogue in English and Chinese', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      for (const rule of RULES) expect(translator(language).has(`findings.${rule.id.toLowerCase()}`), `${rule.id} in ${language}`).toBe(true);
    }
  });

  it('renders every finding of plans that break many rules in full, in both languages', () => {
    const seen = new Set<string>();
    for (const draft of manyBroken()) {
      for (const f of evaluatePlan(draft, ctx)) {
        seen.add(`${f.rule}/${f.id}`);
        expect(wordProblems(f, 'en')).toEqual([]);
        expect(wordProblems(f, 'zh-CN')).toEqual([]);
      }
    }
    expect(seen.size).toBeGreaterThan(25);
  });

  it('gives a Chinese reader no English but the names the team typed and codes', () => {
    const typed = ['Everyone', 'Luckin', 'Office workers want calm', 'soon'];
    // Codes and names a Chinese strategist writes as they are: rule ids, the commands in code spans, acronyms, brand and platform names.
    const allowed = /^(?:IMC|KOL|KOLs|CRM|CPM|DAGMAR|NPS|MQL|SQL|CAC|CPA|ROAS|DSP|PR|B|Tmall|WeChat|JD|Amazon|Douyin|Taobao|Live)$/;
    for (const draft of manyBroken()) {
      const findings = evaluatePlan(draft, ctx);
      const concept = typeof draft.concept === 'string' ? draft.concept : '';
      let text = rendered(findings, 'zh-CN');
      // Code spans hold rule ids and commands the bot reads (`change row 2`, `cta: yes`); `:warning:` is an emoji.
      text = text.replace(/`[^`]*`/g, ' ').replace(/:[a-z_]+:/g, ' ');
      for (const name of [...typed, concept]) if (name) text = text.split(name).join(' ');
      const english = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !allowed.test(word));
      expect(english, text).toEqual([]);
    }
  });

  it('says a finding of a rule this bot does not know without failing', () => {
    const text = rendered([{ rule: 'FUTURE-RULE', id: 'new', severity: 'tip', params: {} }], 'zh-CN');
    expect(text).toContain('FUTURE-RULE');
    expect(text).toContain('当前版本的机器人无法描述它');
  });
});

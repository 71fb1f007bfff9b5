import { describe, expect, it } from 'vitest';
import { buildBudgetSketch } from '../../../src/domain/budget/budget.js';
import { PlanSchema } from '../../../src/domain/plan/plan.js';
import { markdownTable } from '../../../src/render/canvas/markdown-table.js';
import { planCanvasMarkdown } from '../../../src/render/canvas/plan-canvas.js';
import { loadScript } from '../../../src/app/load-script.js';
import { sampleDraft } from '../../fixtures/plans.js';

const { labels } = loadScript();

describe('markdown tables', () => {
  it('take any rows, align numbers right, and keep what people typed from breaking the table or pinging anyone', () => {
    const table = markdownTable([{ header: 'Channel' }, { header: 'Amount', align: 'right' }], [['Search | ads *now*\nnew line <!channel>', '¥1,000'], ['Short']]);
    expect(table.split('\n')).toEqual([
      '| Channel | Amount |',
      '| --- | ---: |',
      '| Search \\| ads \\*now\\* new line \\<\\!channel\\> | ¥1,000 |',
      '| Short |  |',
    ]);
  });
});

describe('the plan canvas', () => {
  it('renders the contact plan rows it has, with channel names and timing in words', () => {
    const plan = PlanSchema.parse({
      ...sampleDraft(),
      contactPlan: [
        { id: '1', stage: 'evaluation', channelId: 'paid-search-ads', format: 'Search ad', timing: { kind: 'phase', phase: 'Launch' }, message: 'Smoother than the rest', kpi: { metric: 'CTR', source: 'platform' } },
        { id: '2', stage: 'post-purchase', channelId: 'owned-wechat', timing: { kind: 'trigger', event: 'first order', offsetDays: 7 }, message: 'How was your first cold brew?' },
      ],
    });
    const markdown = planCanvasMarkdown(plan, buildBudgetSketch(plan), { planId: 'P-ABCDE', version: 3, approvedOn: '2027-02-01', approvers: ['U0BOB'] }, labels);
    expect(markdown).toContain('Plan `P-ABCDE`, version 3, approved on 1 Feb 2027 by ![](@U0BOB).');
    // Numbered as in the draft (`change row 2`), timing and KPI in the draft's words.
    expect(markdown).toContain('| Row | Stage | Channel | Format | When | Message | KPI |');
    expect(markdown).toMatch(/\| 1 \| Evaluation of alternatives \| Search ads \| Search ad \| Launch \| Smoother than the rest \| CTR \(platform\) \|/);
    expect(markdown).toContain('| 2 | Post-purchase | WeChat official account and mini program |  | 7 days after first order | How was your first cold brew? |  |');
    expect(markdown).not.toContain('not written yet');
  });

  it('says what is missing instead of drawing empty tables', () => {
    const plan = PlanSchema.parse({ ...sampleDraft(), goals: [] });
    const markdown = planCanvasMarkdown(plan, undefined, { planId: 'P-ABCDE', version: 1, approvers: [] }, labels);
    expect(markdown).toContain('_No measurable goals were set._');
    expect(markdown).toContain('_There is no budget sketch: the budget inputs are missing._');
  });
});

/**
 * An approved plan as a canvas document (markdown): the strategy in a few lines,
 * the goals, the contact plan and the budget as tables. It renders what the plan
 * has: a section whose data is missing says so instead of showing an empty table.
 * Pure: a plan in, markdown out.
 */
import type { BudgetSketch } from '../../domain/budget/budget-types.js';
import type { Params } from '../../domain/message/phrase.js';
import { labelOf, type Goal, type Labels, type Plan } from '../../domain/plan/plan.js';
import { phaseViewIn, words } from '../view-text.js';
import { budgetChartModel, type ChartBarKind } from '../chart/budget-chart-model.js';
import { formatIn, kpiText, timingText } from '../contact-plan-view.js';
import { escapeCanvasText, markdownTable } from './markdown-table.js';
import type { Translator } from '../i18n/translator.js';

/** Where the plan stands, for the canvas's first lines. */
export interface PlanCanvasContext {
  planId: string;
  version: number;
  approvedOn?: string;
  approvers: string[];
}

/** The canvas's title: the campaign and version, in the channel's language. */
export function planCanvasTitle(plan: Plan, version: number, t: Translator): string {
  return words(t, 'pages.canvas.title', { campaign: plan.campaign, version: String(version) }).slice(0, 255);
}

/** The canvas document of an approved plan, in the channel's language; `labels` are the reader's names of the choices. */
export function planCanvasMarkdown(plan: Plan, sketch: BudgetSketch | undefined, context: PlanCanvasContext, labels: Labels, t: Translator): string {
  const text = escapeCanvasText;
  const w = (key: string, params?: Params) => words(t, `pages.canvas.${key}`, params);
  const label = (vocabulary: keyof Labels, id: string) => labelOf(labels, vocabulary, id);
  const date = (iso: string) => t.format.date(iso);
  const approvedBy = context.approvers.map((id) => `![](@${id})`).join(words(t, 'pages.list.separator'));
  const status = [
    w('status', { planId: context.planId, version: String(context.version) }),
    context.approvedOn ? w('approved_on', { date: date(context.approvedOn) }) : '',
    approvedBy ? w('approved_by', { people: approvedBy }) : '',
    w('runs', { start: date(plan.startDate), end: date(plan.endDate), review: date(plan.reviewDate) }),
  ].join('');
  const parts = [
    `# ${text(plan.campaign)}`,
    status,
    w('strategy'),
    [
      w('brand', { brand: text(plan.brand) }),
      w('key_problem', { problem: text(label('problem', plan.keyProblem)), statement: text(plan.problemStatement) }),
      w('audience', { who: text(plan.audience.description), segment: text(label('segment', plan.audience.segment)), stage: text(label('stage', plan.audience.stage).toLowerCase()) }),
      w('objective', { objective: text(label('objective', plan.primaryObjective)) }),
      w('concept', { concept: text(plan.concept) }),
    ].join('\n'),
    w('goals'),
    plan.goals.length > 0
      ? markdownTable(
          [{ header: w('columns.measure') }, { header: w('columns.from'), align: 'right' }, { header: w('columns.to'), align: 'right' }, { header: w('columns.by') }],
          plan.goals.map((goal) => [labelOf(labels, 'metric', goal.metric), goalValue(goal, goal.baseline, plan, t), goalValue(goal, goal.target, plan, t), date(goal.deadline)]),
        )
      : w('no_goals'),
    w('contact_plan'),
    plan.contactPlan.length > 0 ? contactPlanTable(plan, (id) => label('stage', id), t, labels) : w('no_contact_plan'),
    w('budget'),
    ...budgetParts(plan, sketch, t, labels),
  ];
  return `${parts.join('\n\n')}\n`;
}

function contactPlanTable(plan: Plan, stageLabel: (id: string) => string, t: Translator, labels: Labels): string {
  const channelName = (id: string) => plan.channels.find((channel) => channel.id === id)?.name ?? id;
  const column = (key: string) => words(t, `pages.canvas.columns.${key}`);
  return markdownTable(
    [
      { header: column('row'), align: 'right' },
      { header: column('stage') },
      { header: column('channel') },
      { header: column('format') },
      { header: column('when') },
      { header: column('message') },
      { header: column('kpi') },
    ],
    plan.contactPlan.map((row, index) => [
      String(index + 1),
      stageLabel(row.stage),
      channelName(row.channelId),
      formatIn(t, row.format, plan.channels.find((channel) => channel.id === row.channelId)) ?? '',
      timingText(row.timing, t),
      row.message,
      row.kpi ? kpiText(row.kpi, t, labels) : '',
    ]),
  );
}

function budgetParts(plan: Plan, sketch: BudgetSketch | undefined, t: Translator, labels: Labels): string[] {
  const w = (key: string, params?: Params) => words(t, `pages.canvas.${key}`, params);
  // The same lines the budget chart draws (one model of the sketch for both).
  const model = budgetChartModel(plan, sketch, t);
  if (!sketch || !model) return [w('no_budget')];
  const money = (minor: number) => t.format.money(minor, sketch.currency);
  const share = (minor: number) => t.format.rate(sketch.total > 0 ? minor / sketch.total : 0, 1);
  const media = (kind: 'owned' | 'paid' | 'earned') => labels.media[kind] ?? kind;
  const kindLabel: Record<ChartBarKind, string> = { owned: media('owned'), paid: media('paid'), earned: media('earned'), other: w('non_media'), reserve: '', phase: '' };
  const allocation = model.panels.find((panel) => panel.id === 'allocation')?.bars ?? [];
  const rows = [...allocation.map((bar) => [bar.label, kindLabel[bar.kind], money(bar.value), share(bar.value)]), [w('total'), '', money(sketch.total), share(sketch.total)]];
  const parts = [
    sketch.available === undefined ? w('needs', { needed: money(sketch.need.total) }) : w('available_needs', { available: money(sketch.available), needed: money(sketch.need.total) }),
    markdownTable([{ header: w('columns.line') }, { header: w('columns.media') }, { header: w('columns.amount'), align: 'right' }, { header: w('columns.share'), align: 'right' }], rows),
  ];
  if (sketch.phases.length > 0) {
    parts.push(
      w('phases'),
      markdownTable(
        [{ header: w('columns.phase') }, { header: w('columns.dates') }, { header: w('columns.amount'), align: 'right' }],
        sketch.phases.map((phase) => {
          const shown = phaseViewIn(t, phase, sketch.currency);
          return [shown.name, shown.dates, shown.amount];
        }),
      ),
    );
  }
  return parts;
}

function goalValue(goal: Goal, value: number, plan: Plan, t: Translator): string {
  if (goal.unit === 'percent') return t.format.rate(value);
  if (goal.unit === 'money') return t.format.money(value, plan.budget.currency);
  return t.format.number(value);
}

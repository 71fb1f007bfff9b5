/**
 * An approved plan as a canvas document (markdown): the strategy in a few lines,
 * the goals, the contact plan and the budget as tables. It renders what the plan
 * has: a section whose data is missing says so instead of showing an empty table.
 * Pure: a plan in, markdown out.
 */
import type { BudgetSketch } from '../../domain/budget/budget-types.js';
import { formatDate, formatMoney, formatNumber, formatRate } from '../../domain/plan/format.js';
import { labelOf, MEDIA_LABELS, METRIC_LABELS, type Goal, type Labels, type Plan } from '../../domain/plan/plan.js';
import { budgetChartModel, type ChartBarKind } from '../chart/budget-chart-model.js';
import { kpiText, timingText } from '../contact-plan-view.js';
import { escapeCanvasText, markdownTable } from './markdown-table.js';

/** Where the plan stands, for the canvas's first lines. */
export interface PlanCanvasContext {
  planId: string;
  version: number;
  approvedOn?: string;
  approvers: string[];
}

/** The canvas's title: the campaign and version. */
export function planCanvasTitle(plan: Plan, version: number): string {
  return `IMC plan: ${plan.campaign} (v${version})`.slice(0, 255);
}

/** The canvas document of an approved plan; `labels` are the question script's names of the choices. */
export function planCanvasMarkdown(plan: Plan, sketch: BudgetSketch | undefined, context: PlanCanvasContext, labels: Labels): string {
  const text = escapeCanvasText;
  const label = (vocabulary: keyof Labels, id: string) => labelOf(labels, vocabulary, id);
  const approvedBy = context.approvers.map((id) => `![](@${id})`).join(', ');
  const parts = [
    `# ${text(plan.campaign)}`,
    `Plan \`${context.planId}\`, version ${context.version}${context.approvedOn ? `, approved on ${formatDate(context.approvedOn)}` : ''}${approvedBy ? ` by ${approvedBy}` : ''}. Runs ${formatDate(plan.startDate)} to ${formatDate(plan.endDate)}; review on ${formatDate(plan.reviewDate)}.`,
    '## Strategy',
    [
      `- **Brand:** ${text(plan.brand)}`,
      `- **Key problem:** ${text(label('problem', plan.keyProblem))}: ${text(plan.problemStatement)}`,
      `- **Audience:** ${text(plan.audience.description)} (${text(label('segment', plan.audience.segment))}, ${text(label('stage', plan.audience.stage).toLowerCase())})`,
      `- **Objective:** ${text(label('objective', plan.primaryObjective))}`,
      `- **Core concept:** ${text(plan.concept)}`,
    ].join('\n'),
    '## Goals',
    plan.goals.length > 0
      ? markdownTable(
          [{ header: 'Measure' }, { header: 'From', align: 'right' }, { header: 'To', align: 'right' }, { header: 'By' }],
          plan.goals.map((goal) => [METRIC_LABELS[goal.metric], goalValue(goal, goal.baseline, plan), goalValue(goal, goal.target, plan), formatDate(goal.deadline)]),
        )
      : '_No measurable goals were set._',
    '## Contact plan',
    plan.contactPlan.length > 0 ? contactPlanTable(plan, (id) => label('stage', id)) : '_The contact plan (when, where and how each stage is reached) is not written yet._',
    '## Budget',
    ...budgetParts(plan, sketch),
  ];
  return `${parts.join('\n\n')}\n`;
}

function contactPlanTable(plan: Plan, stageLabel: (id: string) => string): string {
  const channelName = (id: string) => plan.channels.find((channel) => channel.id === id)?.name ?? id;
  return markdownTable(
    [{ header: 'Row', align: 'right' }, { header: 'Stage' }, { header: 'Channel' }, { header: 'Format' }, { header: 'When' }, { header: 'Message' }, { header: 'KPI' }],
    plan.contactPlan.map((row, index) => [
      String(index + 1),
      stageLabel(row.stage),
      channelName(row.channelId),
      row.format ?? '',
      timingText(row.timing),
      row.message,
      row.kpi ? kpiText(row.kpi) : '',
    ]),
  );
}

function budgetParts(plan: Plan, sketch: BudgetSketch | undefined): string[] {
  // The same lines the budget chart draws (one model of the sketch for both).
  const model = budgetChartModel(plan, sketch);
  if (!sketch || !model) return ['_There is no budget sketch: the budget inputs are missing._'];
  const money = (minor: number) => formatMoney(minor, sketch.currency);
  const share = (minor: number) => formatRate(sketch.total > 0 ? minor / sketch.total : 0, 1);
  const kindLabel: Record<ChartBarKind, string> = { owned: MEDIA_LABELS.owned, paid: MEDIA_LABELS.paid, earned: MEDIA_LABELS.earned, other: 'Non-media', reserve: '', phase: '' };
  const allocation = model.panels.find((panel) => panel.id === 'allocation')?.bars ?? [];
  const rows = [...allocation.map((bar) => [bar.label, kindLabel[bar.kind], money(bar.value), share(bar.value)]), ['Total', '', money(sketch.total), share(sketch.total)]];
  const needs = `The objective needs ${money(sketch.need.total)}`;
  const parts = [
    sketch.available === undefined ? `${needs}.` : `${money(sketch.available)} available; ${needs.charAt(0).toLowerCase()}${needs.slice(1)}.`,
    markdownTable([{ header: 'Line' }, { header: 'Media' }, { header: 'Amount', align: 'right' }, { header: 'Share', align: 'right' }], rows),
  ];
  if (sketch.phases.length > 0) {
    parts.push(
      '### Paid spend by phase',
      markdownTable(
        [{ header: 'Phase' }, { header: 'Dates' }, { header: 'Amount', align: 'right' }],
        sketch.phases.map((phase) => [phase.name, `${formatDate(phase.start)} – ${formatDate(phase.end)}`, money(phase.amount)]),
      ),
    );
  }
  return parts;
}

function goalValue(goal: Goal, value: number, plan: Plan): string {
  if (goal.unit === 'percent') return formatRate(value);
  if (goal.unit === 'money') return formatMoney(value, plan.budget.currency);
  return formatNumber(value);
}

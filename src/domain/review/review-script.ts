/**
 * The review script (prompts/review.yml) as checked data, and its questions for one
 * plan. The YAML holds the words; the plan fills its placeholders ({currency},
 * {planned_spend} …), repeats the `for_each: goal` question once per goal in the
 * goal's own unit, and decides the `budget_model` conditions. Checked at start-up
 * like the plan script: a mistake stops the bot with the question named.
 */
import { formatGoal } from '../conversation/flow-answer.js';
import { checkExample, checkWhen, entryId, fail, questionEntries, readQuestion } from '../conversation/script.js';
import type { Answers } from '../conversation/flow-state.js';
import type { Question, QuestionKind } from '../conversation/question.js';
import { formatMoney, formatNumber, formatRate } from '../plan/format.js';
import { METRIC_LABELS, MINOR_UNITS, type Currency, type Goal, type Plan } from '../plan/plan.js';
import { kpiInfo } from '../channels/kpis.js';
import { budgetModelOf } from '../budget/budget.js';
import type { BudgetModel } from '../budget/budget-types.js';
import { paidChannels } from '../budget/budget-tasks.js';
import { conditionsOf } from '../conversation/question.js';
import type { ReviewActuals } from './review.js';
import { parseTouchpointActuals } from './touchpoint-actuals.js';

/** A question of review.yml before a plan fills it in. */
export interface ReviewQuestionTemplate extends Question {
  /** `goal`: asked once per goal, in the goal's unit (its `kind` is decided then). */
  forEach?: 'goal';
}

/** The checked review script. */
export interface ReviewScript {
  questions: ReviewQuestionTemplate[];
  /** The same script in other languages (the `review` part of locales/<language>/questions.yml), by language. */
  translations?: Readonly<Record<string, ReviewScript>>;
  /** The goal metrics' names its {metric} placeholder shows, in its language (default: English). */
  metricLabels?: Readonly<Record<string, string>>;
  /** How its {goal} placeholder writes a goal, in its language (default: English, "Revenue: ¥0 → ¥1,000,000 by 31 Mar 2027 (sales data)"). */
  goalText?: (goal: Goal, currency: Currency) => string;
  /** How its {rows} placeholder lists the contact plan's rows, in its language (default: English, "1 Search ads (clicks); 2 …"). */
  rowsText?: (rows: readonly ReviewRow[], more: number) => string;
  /** How its {planned_spend} placeholder writes money, in its language (default: English, "¥250,000"). */
  moneyText?: (minor: number, currency: Currency) => string;
}

/** A row of the contact plan as the touchpoint question names it: its channel and the KPI it is measured by. */
export interface ReviewRow {
  channelId: string;
  /** The channel's name in the plan (English for the catalogue's channels). */
  channel: string;
  /** The KPI's id, when the row has one. */
  kpi?: string;
}

/** The review script in `language`: its translation when loaded, else the script itself (English). */
export function reviewScriptIn(script: ReviewScript, language: string): ReviewScript {
  return script.translations?.[language] ?? script;
}

/** What the review's questions are filled in from. */
export interface ReviewFacts {
  currency: Currency;
  /** Minor units, fixed when the review starts. */
  plannedSpend: number;
  budgetModel: BudgetModel;
  /** Whether the plan bought media on a paid channel (only then were impressions bought). */
  paidMedia: boolean;
  /** Whether the plan had non-media lines (then the working media is asked apart, for the actual rates). */
  nonMedia: boolean;
  goals: Goal[];
  /** Whether the plan has a contact plan (plans stored before contact plans have none). */
  contactPlan: 'yes' | 'no';
  /** The rows of the contact plan as the touchpoint question lists them, e.g. "1 Search ads (clicks); 2 …". */
  rows: string;
  /** The same rows as data (at most LISTED_ROWS), and how many more the plan has, for a script in another language. */
  rowList: ReviewRow[];
  moreRows: number;
}

/** Rows listed in the touchpoint question, at most; a longer plan is summed up with "and N more rows". */
const LISTED_ROWS = 12;

/** The plan's facts for its review. */
export function reviewFactsOf(plan: Plan, plannedSpend: number): ReviewFacts {
  const rows = plan.contactPlan ?? [];
  const rowList = rows.slice(0, LISTED_ROWS).map((row): ReviewRow => ({
    channelId: row.channelId,
    channel: plan.channels.find((c) => c.id === row.channelId)?.name ?? row.channelId,
    ...(row.kpi ? { kpi: row.kpi.metric } : {}),
  }));
  const listed = rowList.map((row, index) => `${index + 1} ${row.channel} (${row.kpi ? (kpiInfo(row.kpi)?.label ?? row.kpi).toLowerCase() : 'its KPI'})`);
  const more = rows.length > LISTED_ROWS ? `; and ${rows.length - LISTED_ROWS} more rows` : '';
  return {
    currency: plan.budget.currency,
    plannedSpend,
    budgetModel: budgetModelOf(plan) ?? 'reach',
    paidMedia: paidChannels(plan).length > 0,
    nonMedia: (plan.budget.nonMedia ?? []).some((line) => line.amount > 0),
    goals: plan.goals,
    contactPlan: rows.length > 0 ? 'yes' : 'no',
    rows: `${listed.join('; ')}${more}`,
    rowList,
    moreRows: Math.max(0, rows.length - LISTED_ROWS),
  };
}

/**
 * Conditions a review question may have without asking: `when: { question: budget_model, in: [funnel] }`,
 * `when: { question: contact_plan, in: [yes] }`.
 */
const FACTS = {
  budget_model: ['funnel', 'reach', 'retention'],
  paid_media: ['yes', 'no'],
  non_media: ['yes', 'no'],
  contact_plan: ['yes', 'no'],
} as const;

/** A fact's value for a plan, as `when` lists it. */
function factValue(facts: ReviewFacts, name: string): string | undefined {
  if (name === 'budget_model') return facts.budgetModel;
  if (name === 'paid_media') return facts.paidMedia ? 'yes' : 'no';
  if (name === 'non_media') return facts.nonMedia ? 'yes' : 'no';
  if (name === 'contact_plan') return facts.contactPlan;
  return undefined;
}

/**
 * The review ↔ actuals map: which question gives which figure of `ReviewActuals`, read
 * with which kind. Required ones must be in the script, and may not be skipped.
 */
export const REVIEW_MAP: readonly { question: string; field: keyof ReviewActuals; kind?: QuestionKind; forEach?: 'goal'; required?: boolean }[] = [
  { question: 'actual_spend', field: 'spend', kind: 'money', required: true },
  { question: 'actual_media_spend', field: 'mediaSpend', kind: 'money' },
  { question: 'goal', field: 'goals', forEach: 'goal', required: true },
  // Read with the plan's rows (`reviewActuals`): one line per row, `row 2: 45,000, spend ¥60,000`.
  { question: 'touchpoint_actuals', field: 'touchpoints', kind: 'text' },
  { question: 'actual_visits', field: 'visits', kind: 'number' },
  { question: 'actual_orders', field: 'orders', kind: 'number' },
  { question: 'actual_revenue', field: 'revenue', kind: 'money' },
  { question: 'actual_impressions', field: 'impressions', kind: 'number' },
  { question: 'actual_reach', field: 'reach', kind: 'percentage' },
  { question: 'worked', field: 'worked', kind: 'text' },
  { question: 'did_not_work', field: 'didNotWork', kind: 'text' },
];

const PLACEHOLDERS = ['currency', 'planned_spend', 'spend_example', 'rows'];
const GOAL_PLACEHOLDERS = ['n', 'metric', 'goal', 'target'];
const PLACEHOLDER = /\{([a-z_]+)(?::(\d+))?\}/g;

/** Checks the parsed review.yml; throws ScriptError naming the question. */
export function validateReviewScript(raw: unknown): ReviewScript {
  const questions: ReviewQuestionTemplate[] = [];
  for (const [index, entry] of questionEntries(raw).entries()) {
    const question = readTemplate(entry, index);
    if (questions.some((q) => q.id === question.id)) fail(question.id, 'the id is used by an earlier question too');
    checkWhen(question, questions.filter((q) => !q.forEach), FACTS);
    checkPlaceholders(question);
    checkMapped(question);
    questions.push(question);
  }
  checkGoalIds(questions);
  const missing = REVIEW_MAP.filter((row) => row.required && !questions.some((q) => q.id === row.question));
  if (missing[0]) fail(missing[0].question, `is missing: every review needs its answer (the ${missing[0].field} figure), so put the question back.`);
  const script = { questions };
  // Examples with placeholders are checked as a real plan would fill them in.
  for (const model of ['funnel', 'reach'] as const) {
    for (const question of reviewQuestionsFor(script, { ...SAMPLE_FACTS, budgetModel: model })) checkExample(question);
  }
  return script;
}

function readTemplate(entry: unknown, index: number): ReviewQuestionTemplate {
  const id = entryId(entry, index);
  const { for_each: forEach, ...rest } = entry as Record<string, unknown>;
  if (forEach === undefined) return readQuestion(rest, index, []);
  if (forEach !== 'goal') fail(id, '`for_each` can only be "goal"');
  if (rest.kind !== undefined) fail(id, 'a `for_each: goal` question is read in the unit of each goal, so it has no `kind`');
  // Checked as a number question; each goal gives it its own kind.
  return { ...readQuestion({ ...rest, kind: 'number' }, index, []), forEach };
}

function checkPlaceholders(question: ReviewQuestionTemplate): void {
  const allowed = question.forEach ? [...PLACEHOLDERS, ...GOAL_PLACEHOLDERS] : PLACEHOLDERS;
  for (const text of [question.label, question.text, question.help, question.example ?? '', ...question.aliases]) {
    for (const [, name, amount] of text.matchAll(PLACEHOLDER)) {
      if (name === 'money' && amount !== undefined) continue;
      if (!allowed.includes(name ?? '')) {
        const known = [...allowed.map((p) => `{${p}}`), '{money:1000}'].join(', ');
        fail(question.id, `unknown placeholder {${name}}; use ${known}`);
      }
    }
  }
}

function checkMapped(question: ReviewQuestionTemplate): void {
  const mapped = REVIEW_MAP.find((row) => row.question === question.id);
  if (!mapped) return;
  if (mapped.forEach && question.forEach !== mapped.forEach) fail(question.id, `must be asked \`for_each: ${mapped.forEach}\` (the review reads one answer per goal)`);
  if (mapped.kind && question.kind !== mapped.kind) fail(question.id, `must be of kind ${mapped.kind} (the review reads its answer that way), not ${question.kind}`);
  if (mapped.required && question.optional) fail(question.id, 'cannot be optional: no review can be summed up without this answer');
}

/** `goal_2` is what the second goal's question is called: no other question may take such an id. */
function checkGoalIds(questions: ReviewQuestionTemplate[]): void {
  for (const each of questions.filter((q) => q.forEach)) {
    const clash = questions.find((q) => new RegExp(`^${each.id}_\\d+$`).test(q.id));
    if (clash) fail(clash.id, `the id is taken by the questions of "${each.id}" (${each.id}_1, ${each.id}_2 …)`);
  }
}

/** The review's questions for a plan, in order: placeholders filled, goal questions repeated, the facts' conditions decided. */
export function reviewQuestionsFor(script: ReviewScript, facts: ReviewFacts): Question[] {
  return script.questions.flatMap((template): Question[] => {
    const { forEach: _forEach, ...question } = template;
    const conditions = conditionsOf(question.when);
    const onFacts = conditions.filter((c) => Object.hasOwn(FACTS, c.question));
    const holds = onFacts.every((c) => {
      const value = factValue(facts, c.question) ?? '';
      return c.in ? c.in.includes(value) : !(c.not_in ?? []).includes(value);
    });
    if (!holds) return [];
    const rest = conditions.filter((c) => !onFacts.includes(c));
    if (rest.length === 0) delete question.when;
    else question.when = rest;
    if (!template.forEach) return [fill(question, values(facts, script))];
    return facts.goals.map((goal, index) => ({
      ...fill(question, { ...values(facts, script), ...goalValues(goal, index, facts, script) }),
      id: `${question.id}_${index + 1}`,
      kind: goalKind(goal),
      ...(goal.unit === 'count' ? { integer: true } : {}),
    }));
  });
}

function values(facts: ReviewFacts, script: ReviewScript): Record<string, string> {
  const { currency, plannedSpend } = facts;
  return {
    currency,
    planned_spend: script.moneyText?.(plannedSpend, currency) ?? formatMoney(plannedSpend, currency),
    spend_example: formatMoney(plannedSpend > 0 ? plannedSpend : 200_000 * MINOR_UNITS[currency], currency),
    rows: script.rowsText?.(facts.rowList, facts.moreRows) ?? facts.rows,
  };
}

function goalValues(goal: Goal, index: number, facts: ReviewFacts, script: ReviewScript): Record<string, string> {
  const goalText = script.goalText?.(goal, facts.currency) ?? formatGoal(goal, facts.currency);
  return { n: String(index + 1), metric: script.metricLabels?.[goal.metric] ?? METRIC_LABELS[goal.metric], goal: goalText, target: goalTarget(goal, facts.currency) };
}

function goalKind(goal: Goal): QuestionKind {
  return goal.unit === 'percent' ? 'percentage' : goal.unit === 'money' ? 'money' : 'number';
}

/** The goal's own target, written the way the parser reads it back. */
function goalTarget(goal: Goal, currency: Currency): string {
  switch (goal.unit) {
    case 'percent':
      return formatRate(goal.target);
    case 'money':
      return formatMoney(goal.target, currency);
    case 'count':
    case 'score':
      return formatNumber(goal.target);
  }
}

function fill(question: Question, with_: Record<string, string>): Question {
  const currency = (with_.currency ?? 'CNY') as Currency;
  const replace = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name: string, amount?: string) =>
      name === 'money' && amount !== undefined ? formatMoney(Number(amount) * MINOR_UNITS[currency], currency) : (with_[name] ?? whole),
    );
  return {
    ...question,
    label: replace(question.label),
    aliases: question.aliases.map(replace),
    text: replace(question.text),
    help: replace(question.help),
    ...(question.example !== undefined ? { example: replace(question.example) } : {}),
  };
}

/** A funnel plan with a goal in every unit: what the start-up check fills the examples in with. */
const SAMPLE_FACTS: ReviewFacts = {
  currency: 'CNY',
  plannedSpend: 25_000_000,
  budgetModel: 'funnel',
  paidMedia: true,
  nonMedia: true,
  contactPlan: 'yes',
  rows: '1 Search ads (clicks); 2 Website (conversion)',
  rowList: [
    { channelId: 'paid-search-ads', channel: 'Search ads', kpi: 'clicks' },
    { channelId: 'owned-website', channel: 'Website', kpi: 'conversion' },
  ],
  moreRows: 0,
  goals: (['percent', 'count', 'money', 'score'] as const).map((unit) => ({
    metric: 'awareness',
    unit,
    baseline: 1,
    target: unit === 'percent' ? 0.4 : 1500,
    direction: 'increase',
    deadline: '2027-04-30',
  })),
};

/**
 * The figures the answers give, following the map; skipped and unanswered questions are left
 * out (spend is 0 then). With the plan, the touchpoint answer is read into its rows' actuals.
 */
export function reviewActuals(goals: readonly Goal[], answers: Answers, plan?: Plan): ReviewActuals {
  const value = (id: string): number | string | undefined => {
    const answer = answers[id];
    const v = answer?.value;
    return answer?.skipped || (typeof v !== 'number' && typeof v !== 'string') ? undefined : v;
  };
  const figures: Partial<Record<keyof ReviewActuals, number | string>> = {};
  for (const row of REVIEW_MAP) {
    if (row.forEach || row.field === 'touchpoints') continue;
    const v = value(row.question);
    if (v !== undefined && typeof v === (row.kind === 'text' ? 'string' : 'number')) figures[row.field] = v;
  }
  const goalRow = REVIEW_MAP.find((row) => row.forEach === 'goal');
  const touchpointText = value('touchpoint_actuals');
  const touchpoints = plan && typeof touchpointText === 'string' ? parseTouchpointActuals(touchpointText, plan) : undefined;
  return {
    ...(figures as Omit<ReviewActuals, 'spend' | 'goals' | 'touchpoints'>),
    ...(touchpoints?.ok ? { touchpoints: touchpoints.value } : {}),
    spend: typeof figures.spend === 'number' ? figures.spend : 0,
    goals: goals.flatMap((_goal, index) => {
      const actual = value(`${goalRow?.question ?? 'goal'}_${index + 1}`);
      return typeof actual === 'number' ? [{ index, actual }] : [];
    }),
  };
}

/**
 * A stored answer as a reader sees it, in their language: amounts, rates and dates
 * in its formats, yes/no and "skipped" in its words. Choice labels and metric names
 * are the question script's own words (the plan's content). Plain text: the caller
 * escapes it for mrkdwn.
 */
import { choiceLabel, type Question } from '../../domain/conversation/question.js';
import type { AnswerValue } from '../../domain/conversation/flow-state.js';
import { DATA_SOURCES, METRIC_LABELS, NON_MEDIA_LABELS, type Currency, type Goal, type NonMediaLine } from '../../domain/plan/plan.js';
import type { ChannelCostAnswer } from '../../domain/parse/index.js';
import type { Translator } from './translator.js';

/** An answer to format: its value, or skipped. */
export interface ShownAnswer {
  value?: AnswerValue;
  skipped?: boolean;
}

/** The answer to `question` as plain text in the translator's language. */
export function answerText(t: Translator, question: Question, answer: ShownAnswer, currency: Currency): string {
  if (answer.skipped || answer.value === undefined) return t.plain({ key: 'answer.skipped' });
  const value = answer.value;
  const { format } = t;
  switch (question.kind) {
    case 'single':
      return choiceLabel(question, String(value));
    case 'multi':
      return Array.isArray(value) && value.length > 0 ? format.list(value.map((v) => choiceLabel(question, String(v))), 'comma') : t.plain({ key: 'answer.none' });
    case 'money':
      return typeof value === 'number' ? format.money(value, currency) : String(value);
    case 'percentage':
      return typeof value === 'number' ? format.rate(value) : String(value);
    case 'number':
      return typeof value === 'number' ? format.number(value) : String(value);
    case 'date':
      return format.date(String(value));
    case 'yesno':
      return t.plain({ key: value === true ? 'answer.yes' : 'answer.no' });
    case 'goals':
      return Array.isArray(value) ? format.list((value as Goal[]).map((goal) => goalText(t, goal, currency)), 'semicolons') : String(value);
    case 'text':
    case 'offer':
      // The offer is kept as typed, and read again when the draft is assembled.
      return String(value);
    case 'contact-plan':
      return contactPlanText(t, value);
    case 'costs':
      return Array.isArray(value) ? nonMediaText(t, value as NonMediaLine[], currency) : String(value);
    case 'channel-costs':
      return Array.isArray(value) ? channelCostsText(t, value as ChannelCostAnswer[], question, currency) : String(value);
  }
}

/** "12 touchpoints across 5 stages": the accepted contact plan in short. */
function contactPlanText(t: Translator, value: AnswerValue): string {
  const rows = typeof value === 'object' && value !== null && 'rows' in value && Array.isArray(value.rows) ? value.rows : [];
  const stages = new Set(rows.map((row) => row.stage)).size;
  return t.plain({ key: 'answer.contact_plan', params: { count: rows.length, stages: { key: 'answer.stages', params: { count: stages } } } });
}

/** "Content ¥20,000 (for the website); PR ¥10,000", or "none"; the kinds are the plan's words. */
function nonMediaText(t: Translator, lines: readonly NonMediaLine[], currency: Currency): string {
  if (lines.length === 0) return t.plain({ key: 'answer.none' });
  const line = (l: NonMediaLine) => `${nonMediaKindLabel(t, l.kind)} ${t.format.money(l.amount, currency)}${l.description ? ` (${l.description})` : ''}`;
  return t.format.list(lines.map(line), 'semicolons');
}

/** A kind of non-media cost in the reader's language ("Content", "内容"): the catalogue's word, the plan's label for a kind it lacks. */
export function nonMediaKindLabel(t: Translator, kind: NonMediaLine['kind']): string {
  const key = `pages.budget.non_media.${kind}`;
  return t.has(key) ? t.plain({ key }) : (NON_MEDIA_LABELS[kind] ?? kind);
}

/** "E-commerce ads ¥1.50; Search ads ¥2", or that every channel keeps the plan's figure. */
function channelCostsText(t: Translator, costs: readonly ChannelCostAnswer[], question: Question, currency: Currency): string {
  if (costs.length === 0) return t.plain({ key: 'answer.plan_figure_everywhere' });
  const line = (c: ChannelCostAnswer) => `${question.choices?.find((choice) => choice.id === c.channelId)?.label ?? c.channelId} ${t.format.money(c.amount, currency)}`;
  return t.format.list(costs.map(line), 'semicolons');
}

/** "Awareness: 12 % → 30 % by 30 Jun 2026", or "认知度：12% → 30%，截止 2026年6月30日". */
export function goalText(t: Translator, goal: Goal, currency: Currency): string {
  const amount = (n: number): string =>
    goal.unit === 'percent' ? t.format.rate(n) : goal.unit === 'money' ? t.format.money(n, currency) : t.format.number(n);
  const params = { metric: { content: METRIC_LABELS[goal.metric], ref: `metrics.${goal.metric}` }, from: amount(goal.baseline), to: amount(goal.target), date: { date: goal.deadline } };
  const source = goal.source !== undefined && (DATA_SOURCES as readonly string[]).includes(goal.source) ? goal.source : undefined;
  return t.plain(source ? { key: 'answer.goal_with_source', params: { ...params, source: { key: `answer.source.${source}` } } } : { key: 'answer.goal', params });
}

/**
 * Small wording helpers shared by the rules, so findings read the same everywhere.
 */
import { formatMoney, formatNumber, formatRate } from '../plan/format.js';
import { labelOf, type Currency, type Goal, type Labels, type PlanDraft } from '../plan/plan.js';
import { list, phrase, type Param, type Phrase, type Term } from '../message/phrase.js';

export { labelOf } from '../plan/plan.js';

/** ["a"] -> "a"; ["a", "b", "c"] -> "a, b and c". */
export function joinNames(names: readonly string[], last = 'and'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}

/** "no x and no y" -> "No x and no y.": a clause made into a sentence. */
export function asSentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** True for a missing, empty or whitespace-only answer. */
export function isBlank(text: string | undefined): boolean {
  return typeof text !== 'string' || text.trim() === '';
}

/** "goal 2 (Conversion)": how findings point at one goal. */
export function goalName(goal: Goal, index: number, labels: Labels): string {
  const known = typeof goal.metric === 'string' && Object.hasOwn(labels.metric, goal.metric);
  return known ? `goal ${index + 1} (${labelOf(labels, 'metric', goal.metric)})` : `goal ${index + 1}`;
}

/** A goal value in its unit: 0.02 percent -> "2 %", money in the plan's currency. */
export function formatGoalValue(value: number, goal: Goal, draft: PlanDraft): string {
  if (goal.unit === 'percent') return formatRate(value);
  if (goal.unit === 'money') return formatMoney(value, currencyOf(draft));
  return formatNumber(value);
}

/** The plan's currency; CNY only so that a draft without a budget still reads. */
export function currencyOf(draft: PlanDraft): Currency {
  return draft.budget?.currency ?? 'CNY';
}

/** "row 3" or "rows 2, 4 and 5": how findings point at rows of the contact plan (1-based positions). */
export function rowNames(positions: readonly number[]): string {
  return positions.length === 1 ? `row ${positions[0]}` : `rows ${joinNames(positions.map(String))}`;
}

/** A stage's label in running text: "evaluation of alternatives". */
export function stageName(labels: Labels, stage: string): string {
  return labelOf(labels, 'stage', stage).toLowerCase();
}

/** A channel's name from the draft, or the id when the draft does not hold it. */
export function channelName(draft: PlanDraft, channelId: string): string {
  return draft.channels.find((channel) => channel?.id === channelId)?.name ?? channelId;
}

// ── values of findings: typed, so each language writes them its way ─────────

/** A vocabulary id named by its label in the reader's language (`lower`: inside a sentence). */
export function term(vocabulary: Term, id: string, lower = false): Param {
  return lower ? { term: vocabulary, id, lower } : { term: vocabulary, id };
}

/** A channel of the plan: its catalogue label in the reader's language, else the name the team gave it. */
export function channelTerm(draft: PlanDraft, channelId: string): Param {
  return { term: 'channel', id: channelId, name: channelName(draft, channelId) };
}

/** An amount in minor units of the plan's currency (or the one given). */
export function money(minor: number, currency: Currency): Param {
  return { money: minor, currency };
}

/** A fraction shown as a percentage with up to `digits` decimals. */
export function rate(fraction: number, digits = 2): Param {
  return digits === 2 ? { rate: fraction } : { rate: fraction, digits };
}

/** A number with up to `digits` decimals. */
export function num(value: number, digits = 2): Param {
  return digits === 2 ? { num: value } : { num: value, digits };
}

/** An ISO date. */
export function date(iso: string): Param {
  return { date: iso };
}

/** "goal 2 (Conversion)", or "goal 2" when its metric is not one the bot knows. */
export function goalRef(goal: Goal, index: number, labels: Labels): Phrase {
  const known = typeof goal?.metric === 'string' && Object.hasOwn(labels.metric, goal.metric);
  return known ? phrase('findings.goal.named', { n: index + 1, metric: term('metric', goal.metric) }) : phrase('findings.goal.numbered', { n: index + 1 });
}

/** A goal value in its unit: a rate, money in the plan's currency, or a number. */
export function goalValue(value: number, goal: Goal, draft: PlanDraft): Param {
  if (goal.unit === 'percent') return rate(value);
  if (goal.unit === 'money') return money(value, currencyOf(draft));
  return num(value);
}

/** "row 3" or "rows 2, 4 and 5" (1-based positions). */
export function rowsRef(positions: readonly number[]): Phrase {
  return phrase('findings.rows', { count: positions.length, rows: list(positions.map((position) => num(position, 0)), 'and') });
}

/** Several values joined the reader's way, "and" or "or". */
export function all(items: readonly Param[], join: 'and' | 'or' = 'and'): Param {
  return list(items, join);
}

/**
 * Small wording helpers shared by the rules, so findings read the same everywhere.
 */
import { formatMoney, formatNumber, formatRate } from '../plan/format.js';
import { labelOf, type Currency, type Goal, type Labels, type PlanDraft } from '../plan/plan.js';

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

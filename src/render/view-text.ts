/**
 * Small wording helpers the view models share: lists joined like a sentence,
 * counted nouns, and the schedule phase line both the summary and the budget show.
 * Plain text; the renderer escapes it.
 */
import type { SchedulePhase } from '../domain/budget/budget-types.js';
import { formatDate, formatMoney, formatNumber } from '../domain/plan/format.js';
import type { Currency } from '../domain/plan/plan.js';

/** A schedule phase with its dates and paid money. */
export interface PhaseView {
  name: string;
  dates: string;
  amount: string;
  /** Owned and earned activities when the phase has no money. */
  activities: string | null;
}

/** A schedule phase with its dates and money, or the activities that carry it when it has none. */
export function phaseView(phase: SchedulePhase, currency: Currency): PhaseView {
  return {
    name: phase.name,
    dates: `${formatDate(phase.start)} – ${formatDate(phase.end)}`,
    amount: formatMoney(phase.amount, currency),
    activities: phase.amount === 0 && phase.activities.length > 0 ? phase.activities.join(', ') : null,
  };
}


/** ["a", "b", "c"] -> "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}


/** "1 week", "3 days": a number and its noun. */
export function countOf(n: number, noun: { one: string; many: string }): string {
  return `${formatNumber(n, 0)} ${n === 1 ? noun.one : noun.many}`;
}


/** "" -> null, for view model fields that say "absent" with null. */
export function nullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}


/**
 * A plan scaled down to the money (domain §4, never silently absurd): when the money
 * covers less of the need than it should and the author chooses to post anyway, the
 * goals the task counts (revenue, orders, visits, impressions, reach) are cut to what
 * the money allocated to buying channels buys, and each keeps its old target in
 * `scaledFrom` so the plan says what was cut.
 */
import type { Goal, PlanDraft } from '../plan/plan.js';
import { analyseBudget } from './budget.js';

/** The draft with its countable goals scaled to what the money buys; unchanged unless the budget is scaled down and short. */
export function scaleGoalsToMoney(draft: PlanDraft): PlanDraft {
  if (draft.budget?.scaledDown !== true) return draft;
  const sketch = analyseBudget(draft).sketch;
  if (!sketch?.scaledDown) return draft;
  const goals = [...(draft.goals ?? [])];
  for (const comparison of sketch.goals) {
    const goal = goals[comparison.goalIndex];
    if (!goal || comparison.bought >= goal.target) continue;
    goals[comparison.goalIndex] = { ...goal, target: scaledTarget(goal, comparison.bought), scaledFrom: goal.target };
  }
  return { ...draft, goals };
}

/** What the money buys, in the goal's own unit: whole orders and minor units, rounded down; rates as they are. */
function scaledTarget(goal: Goal, bought: number): number {
  if (goal.unit === 'percent') return Number(bought.toPrecision(6));
  // Never below the baseline: a scaled goal still asks for some change.
  return Math.max(Math.floor(bought), goal.baseline);
}

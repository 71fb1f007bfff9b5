/**
 * Reads measurable goals, one per line, e.g. `awareness 10% -> 40% by 2027-03-31`:
 * a metric, a baseline, an arrow, a target and a deadline (DAGMAR: from where, to
 * where, by when).
 */
import { formatRate } from '../plan/format.js';
import type { Currency, Goal, GoalMetric, GoalUnit, Parsed } from '../plan/plan.js';
import { parseDate } from './parse-date.js';
import { parseMoney } from './parse-money.js';
import { fail, joinNotes, ok } from './parsed-result.js';
import { readRate } from './parse-rate.js';
import { quoteInput, readInput, tidy } from './read-input.js';
import { readNumber, toNumber } from './read-number.js';

/** What `parseGoals` needs to resolve dates and money. */
export interface GoalContext {
  now: Date;
  timeZone: string;
  currency: Currency;
  /** Used when a line has no `by <date>`. */
  defaultDeadline?: string;
}

const EXAMPLE = 'e.g. `awareness 10% -> 40% by 2027-03-31`';
const MAX_GOALS = 10;
const MAX_GOALS_INPUT = 4000;
/** Keeps each line's regex work small even when the whole answer is near its limit. */
const MAX_GOAL_LINE = 300;

/** Names people use for each metric; the longest name that starts a line wins. */
const METRIC_NAMES: readonly (readonly [string, GoalMetric])[] = (
  [
    ['awareness', 'awareness'],
    ['brand awareness', 'awareness'],
    ['aided awareness', 'awareness'],
    ['unaided awareness', 'awareness'],
    ['popularity', 'awareness'],
    ['recall', 'awareness'],
    ['brand recall', 'awareness'],
    ['recognition', 'recognition'],
    ['brand recognition', 'recognition'],
    ['trust', 'trust'],
    ['brand trust', 'trust'],
    ['reputation', 'reputation'],
    ['brand reputation', 'reputation'],
    ['favourability', 'reputation'],
    ['favorability', 'reputation'],
    ['loyalty', 'loyalty'],
    ['brand loyalty', 'loyalty'],
    ['acquisition', 'acquisition'],
    ['customer acquisition', 'acquisition'],
    ['new customers', 'acquisition'],
    ['new customer', 'acquisition'],
    ['new users', 'acquisition'],
    ['new buyers', 'acquisition'],
    ['activation', 'activation'],
    ['activation rate', 'activation'],
    ['retention', 'retention'],
    ['retention rate', 'retention'],
    ['repeat purchase', 'retention'],
    ['repeat purchases', 'retention'],
    ['repeat purchase rate', 'retention'],
    ['repeat rate', 'retention'],
    ['repurchase', 'retention'],
    ['repurchase rate', 'retention'],
    ['conversion', 'conversion'],
    ['conversion rate', 'conversion'],
    ['cvr', 'conversion'],
    ['sharing', 'sharing'],
    ['shares', 'sharing'],
    ['social shares', 'sharing'],
    ['reposts', 'sharing'],
    ['revenue', 'revenue'],
    ['sales', 'revenue'],
    ['sales revenue', 'revenue'],
    ['gmv', 'revenue'],
    ['turnover', 'revenue'],
    ['orders', 'orders'],
    ['order count', 'orders'],
    ['number of orders', 'orders'],
    ['purchases', 'orders'],
    ['transactions', 'orders'],
  ] as const
).toSorted((a, b) => b[0].length - a[0].length);

const UNIT_BY_METRIC: Record<GoalMetric, GoalUnit> = {
  awareness: 'percent',
  recognition: 'percent',
  conversion: 'percent',
  retention: 'percent',
  activation: 'percent',
  loyalty: 'percent',
  trust: 'score',
  reputation: 'score',
  acquisition: 'count',
  orders: 'count',
  sharing: 'count',
  revenue: 'money',
};

const BULLET = /^(?:[-•*·‣◦▪]\s*|\d{1,2}[.)]\s+)/;
const ARROW = /\s*(?:-+>|→|⟶|➡|=>|⇒)\s*|\s+to\s+/;
const DEADLINE = /\s+(?:by|until|due|before)\s+(?=\S)/g;
const DIRECTION_WORD = /^(reduce|decrease|lower|cut|increase|grow|raise|improve|boost|lift)\s+/;

/** A goal value in percent: `10%`, or a bare `10` read as 10 % with a note. */
function readPercent(text: string): Parsed<number> {
  const rate = readRate(text);
  if (rate === undefined || rate.number.negative) return fail(`${quoteInput(text)} isn't a percentage such as \`40%\``);
  const value = toNumber(rate.number, -2);
  if (value > 1) return fail(`${quoteInput(text)} is more than 100 %`);
  return rate.percentSign ? ok(value) : ok(value, `Read ${quoteInput(text)} as ${formatRate(value, 6)}.`);
}

/** A goal value that is a score (`3.2`) or a count (`1,000`, `2k`). */
function readPlain(text: string, unit: 'score' | 'count'): Parsed<number> {
  const number = readNumber(text);
  if (number === undefined || number.negative) {
    return fail(`${quoteInput(text)} isn't a ${unit === 'count' ? 'count such as `1,000`' : 'score such as `4.2`'}`);
  }
  const value = toNumber(number);
  if (!Number.isFinite(value) || value > Number.MAX_SAFE_INTEGER) return fail(`${quoteInput(text)} is too large`);
  if (unit === 'count' && !Number.isInteger(value)) return fail(`${quoteInput(text)} isn't a whole number`);
  return ok(value === 0 ? 0 : value);
}

function readValue(text: string, unit: GoalUnit, currency: Currency): Parsed<number> {
  if (unit === 'percent') return readPercent(text);
  if (unit === 'money') {
    const money = parseMoney(text, currency, { allowZero: true });
    // The line message adds its own example, so a short reason reads better than parseMoney's full sentence.
    return money.ok ? money : fail(`${quoteInput(text)} isn't an amount in ${currency}`);
  }
  return readPlain(text, unit);
}

/** Finds the metric named at the start of `text` and returns it with the rest. */
function readMetric(text: string): { metric: GoalMetric; rest: string } | undefined {
  for (const [name, metric] of METRIC_NAMES) {
    if (text.startsWith(name) && !/^[\p{L}\p{N}]/u.test(text.slice(name.length))) {
      return { metric, rest: text.slice(name.length) };
    }
  }
  return undefined;
}

/** Splits `… by <date>` off the end of a line. */
function splitDeadline(line: string): { body: string; deadline?: string } {
  const matches = [...line.matchAll(DEADLINE)];
  const last = matches.at(-1);
  if (last === undefined) return { body: line };
  return { body: line.slice(0, last.index), deadline: line.slice(last.index + last[0].length).replace(/[()]/g, '') };
}

/** Reads one goal line; errors are phrases that the caller prefixes with the line. */
function readGoal(line: string, context: GoalContext): Parsed<Goal> {
  const lowered = line.toLowerCase().replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  const { body, deadline: deadlineText } = splitDeadline(lowered);
  const directionMatch = DIRECTION_WORD.exec(body);
  const decrease = directionMatch !== null && /^(reduce|decrease|lower|cut)$/.test(directionMatch[1] ?? '');
  const named = readMetric(body.slice(directionMatch?.[0].length ?? 0));
  if (named === undefined) {
    return fail(`I don't know that metric; start the line with one of: awareness, recognition, trust, reputation, loyalty, new customers, activation, retention, conversion, sharing, revenue, orders`);
  }
  const sides = named.rest.split(ARROW);
  if (sides.length !== 2) return fail('I need a starting value, an arrow and a target, such as `10% -> 40%`');
  const baselineText = (sides[0] ?? '').replace(/^(?:[\s:=]|-\s)*(?:from\s+|at\s+)?/, '').trim();
  const targetText = (sides[1] ?? '').trim();
  if (baselineText === '') return fail('the starting value is missing (where the metric is today)');
  if (targetText === '') return fail('the target is missing');

  const hasPercent = /%|percent|pct/.test(`${baselineText} ${targetText}`);
  const unit: GoalUnit = hasPercent ? 'percent' : UNIT_BY_METRIC[named.metric];
  const baseline = readValue(baselineText, unit, context.currency);
  if (!baseline.ok) return fail(`the starting value ${baseline.error}`);
  const target = readValue(targetText, unit, context.currency);
  if (!target.ok) return fail(`the target ${target.error}`);

  const deadline = readDeadline(deadlineText, context);
  if (!deadline.ok) return deadline;
  const goal: Goal = {
    metric: named.metric,
    unit,
    baseline: baseline.value,
    target: target.value,
    direction: decrease ? 'decrease' : 'increase',
    deadline: deadline.value,
  };
  return ok(goal, joinNotes([baseline.note, target.note, directionNote(goal), deadline.note]));
}

function readDeadline(text: string | undefined, context: GoalContext): Parsed<string> {
  if (text === undefined) {
    return context.defaultDeadline === undefined
      ? fail('add a deadline at the end with `by <date>`')
      : ok(context.defaultDeadline);
  }
  const date = parseDate(text, context.now, context.timeZone);
  // parseDate's message already names the input and gives examples.
  return date.ok ? date : fail(`the deadline: ${date.error.replace(/\.? Try .*$/, '')}`);
}

/** Flags a target on the wrong side of the baseline, which the rules will reject. */
function directionNote(goal: Goal): string | undefined {
  if (goal.direction === 'increase' && goal.target < goal.baseline) {
    return 'The target is below the starting value; if you mean to bring it down, start the line with `reduce`.';
  }
  return undefined;
}

/** Goals, one per line. */
export function parseGoals(text: string, context: GoalContext): Parsed<Goal[]> {
  const input = readInput(text, MAX_GOALS_INPUT, `Write one goal per line, ${EXAMPLE}.`, true);
  if (!input.ok) return input;
  // Number lines as the person sees them, counting blank ones.
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => ({ number: i + 1, text: tidy(tidy(line).replace(BULLET, '')) }))
    .filter((line) => line.text !== '');
  if (lines.length === 0) return fail(`I didn't find any goals. Write one goal per line, ${EXAMPLE}.`);
  if (lines.length > MAX_GOALS) {
    return fail(`That's ${lines.length} goals; please keep to the ${MAX_GOALS} that matter most, one per line, ${EXAMPLE}.`);
  }
  const goals: Goal[] = [];
  const notes: string[] = [];
  for (const line of lines) {
    if (line.text.length > MAX_GOAL_LINE) {
      return fail(`Line ${line.number} is too long (${line.text.length} characters; at most ${MAX_GOAL_LINE}). Write one short goal per line, ${EXAMPLE}.`);
    }
    const goal = readGoal(line.text, context);
    if (!goal.ok) return fail(`Line ${line.number} (${quoteInput(line.text)}): ${goal.error}, ${EXAMPLE}.`);
    goals.push(goal.value);
    if (goal.note !== undefined) notes.push(`Line ${line.number}: ${goal.note}`);
  }
  return ok(goals, joinNotes(notes));
}

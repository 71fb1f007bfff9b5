/**
 * Reads measurable goals, one per line, e.g. `awareness 10% -> 40% by 2027-03-31`:
 * a metric, a baseline, an arrow, a target and a deadline (DAGMAR: from where, to
 * where, by when).
 */
import { formatRate } from '../plan/format.js';
import type { Currency, Goal, GoalMetric, GoalUnit, Parsed } from '../plan/plan.js';
import { parseDate } from './parse-date.js';
import { CHINESE_DATE_TAIL } from './parse-date-zh.js';
import { hasHan } from './find-names.js';
import { parseMoney } from './parse-money.js';
import { fail, joinNotes, ok } from './parsed-result.js';
import { readRate } from './parse-rate.js';
import { quoteInput, readInput, tidy } from './read-input.js';
import { readNumber, toNumber } from './read-number.js';
import { CHINESE_COUNTER } from './read-chinese-number.js';

/** What `parseGoals` needs to resolve dates and money. */
export interface GoalContext {
  now: Date;
  timeZone: string;
  currency: Currency;
  /** Used when a line has no `by <date>`. */
  defaultDeadline?: string;
  /** Names of the metrics in other languages, from the locale files (`认知度`, `销售额`…). */
  metricNames?: Readonly<Partial<Record<GoalMetric, readonly string[]>>>;
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

const BULLET = /^(?:[-•*·‣◦▪]\s*|\d{1,2}[.)]\s+|\d{1,2}、\s*|[一二三四五六七八九十][.)、]\s*)/;
/** `->`, `→`, ` to `, and the Chinese `到` / `至`, with or without a verb (`提升到`, `降到`). */
const ARROW = /\s*(?:-+>|→|⟶|➡|=>|⇒)\s*|\s+to\s+|\s*(?:提升|提高|增长|增加|上升|降低|减少|下降|降)?(?:到|至)\s*/;
const DECREASE_ARROW = /(?:降低|减少|下降|降)(?:到|至)/;
const DEADLINE = /\s+(?:by|until|due|before)\s+(?=\S)/g;
/** `截止 2027年3月31日`, `截至3月底`: the Chinese words that come before a deadline. */
const DEADLINE_ZH = /\s*(?:截止到|截至到|截止日期|截止于|截止|截至|期限|到期日?)\s*:?\s*(?=\S)/g;
const DIRECTION_WORD = /^(reduce|decrease|lower|cut|increase|grow|raise|improve|boost|lift)\s+|^(降低|减少|压缩|提升|提高|增加|扩大)\s*/;
const DECREASE_WORD = /^(?:reduce|decrease|lower|cut|降低|减少|压缩)$/;

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
  const number = readNumber(text.replace(CHINESE_COUNTER, ''));
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

/** The English names with those of the locale files, longest first. */
function metricNames(extra: GoalContext['metricNames']): readonly (readonly [string, GoalMetric])[] {
  if (extra === undefined) return METRIC_NAMES;
  const more = Object.entries(extra).flatMap(([metric, names]) => (names ?? []).map((name) => [name.toLowerCase(), metric as GoalMetric] as const));
  return [...METRIC_NAMES, ...more].toSorted((a, b) => b[0].length - a[0].length);
}

/**
 * Finds the metric named at the start of `text` and returns it with the rest. An
 * English name must end at a word boundary; a Chinese one runs straight on (`认知度10%`).
 */
function readMetric(text: string, names: readonly (readonly [string, GoalMetric])[]): { metric: GoalMetric; rest: string } | undefined {
  for (const [name, metric] of names) {
    if (text.startsWith(name) && (hasHan(name) || !/^[\p{L}\p{N}]/u.test(text.slice(name.length)))) {
      return { metric, rest: text.slice(name.length) };
    }
  }
  return undefined;
}

/** Splits `… by <date>`, `… 截止 <date>` or `… <Chinese date>前` off the end of a line. */
function splitDeadline(line: string): { body: string; deadline?: string } {
  const last = [...line.matchAll(DEADLINE)].at(-1) ?? [...line.matchAll(DEADLINE_ZH)].at(-1);
  if (last !== undefined) {
    return { body: line.slice(0, last.index), deadline: line.slice(last.index + last[0].length).replace(/[()]/g, '') };
  }
  const tail = CHINESE_DATE_TAIL.exec(line);
  if (tail === null || !hasHan(tail[0])) return { body: line };
  return { body: line.slice(0, tail.index), deadline: tail[1] };
}

/** Reads one goal line; errors are phrases that the caller prefixes with the line. */
function readGoal(line: string, context: GoalContext): Parsed<Goal> {
  const lowered = line.toLowerCase().replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  const split = splitDeadline(lowered);
  const body = split.body.replace(/[\s,;.。]+$/, '');
  const deadlineText = split.deadline;
  const directionMatch = DIRECTION_WORD.exec(body);
  const names = metricNames(context.metricNames);
  const named = readMetric(body.slice(directionMatch?.[0].length ?? 0), names);
  if (named === undefined) return fail(`I don't know that metric; start the line with one of: ${knownMetrics(context.metricNames, hasHan(body))}`);
  const decrease = DECREASE_WORD.test(directionMatch?.[1] ?? directionMatch?.[2] ?? '') || DECREASE_ARROW.test(named.rest);
  const sides = named.rest.split(ARROW);
  if (sides.length !== 2) return fail('I need a starting value, an arrow and a target, such as `10% -> 40%`');
  const baselineText = (sides[0] ?? '').replace(/^(?:[\s:=]|-\s)*(?:from\s+|at\s+|从|由)?/, '').trim();
  const targetText = (sides[1] ?? '').trim();
  if (baselineText === '') return fail('the starting value is missing (where the metric is today)');
  if (targetText === '') return fail('the target is missing');

  const hasPercent = /%|percent|pct|百分之|百分点/.test(`${baselineText} ${targetText}`);
  const unit: GoalUnit = hasPercent ? 'percent' : UNIT_BY_METRIC[named.metric];
  const baseline = readValue(baselineText, unit, context.currency);
  if (!baseline.ok) return fail(`the starting value ${baseline.error}`);
  const target = readValue(targetText, unit, context.currency);
  if (!target.ok) return fail(`the target ${target.error}`);

  const deadline = readDeadline(deadlineText, context, hasHan(line));
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

/** The example in the line's language: a line written in Chinese gets a Chinese one. */
function exampleFor(line: string, context: GoalContext): string {
  const awareness = context.metricNames?.awareness?.[0];
  return hasHan(line) && awareness !== undefined ? `e.g. \`${awareness} 10% 到 40% 截止 2027年3月31日\`` : EXAMPLE;
}

const ENGLISH_METRICS = 'awareness, recognition, trust, reputation, loyalty, new customers, activation, retention, conversion, sharing, revenue, orders';

/** The metrics for the error message; with the first name of each in the line's language when it is written in Chinese. */
function knownMetrics(extra: GoalContext['metricNames'], chinese: boolean): string {
  if (!chinese || extra === undefined) return ENGLISH_METRICS;
  return Object.values(extra)
    .flatMap((names) => (names?.[0] === undefined ? [] : [names[0]]))
    .join('、');
}

function readDeadline(text: string | undefined, context: GoalContext, chinese: boolean): Parsed<string> {
  if (text === undefined) {
    if (context.defaultDeadline !== undefined) return ok(context.defaultDeadline);
    return fail(chinese ? 'add a deadline at the end, such as `截止 2027年3月31日` or `3月底前`' : 'add a deadline at the end with `by <date>`');
  }
  const date = parseDate(text, context.now, context.timeZone);
  // parseDate's message already names the input and gives examples.
  return date.ok ? date : fail(`the deadline: ${date.error.replace(/\.? Try .*$/, '').replace(/\.$/, '')}`);
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
    if (!goal.ok) return fail(`Line ${line.number} (${quoteInput(line.text)}): ${goal.error}, ${exampleFor(line.text, context)}.`);
    goals.push(goal.value);
    if (goal.note !== undefined) notes.push(`Line ${line.number}: ${goal.note}`);
  }
  return ok(goals, joinNotes(notes));
}

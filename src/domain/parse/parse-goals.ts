/**
 * Reads measurable goals, one per line, e.g. `awareness 10% -> 40% by 2027-03-31 (survey)`:
 * a metric, a baseline, an arrow, a target, a deadline (DAGMAR: from where, to where,
 * by when) and, optionally, the data source; a line without one takes its metric's
 * usual source (awareness from a survey, leads from the CRM).
 */
import { METRIC_LABELS, type Currency, type DataSource, type Goal, type GoalMetric, type GoalUnit, type Parsed } from '../plan/plan.js';
import { METRIC_INFO } from '../plan/goal-metrics.js';
import { joined, list, phrase, type Param, type Phrase } from '../message/phrase.js';
import { readDate } from './parse-date.js';
import { CHINESE_DATE_TAIL } from './parse-date-zh.js';
import { hasHan } from './find-names.js';
import { parseMoney } from './parse-money.js';
import { fail, joinNotes, ok } from './parsed-result.js';
import { readRate } from './parse-rate.js';
import { readInput, tidy } from './read-input.js';
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

const EXAMPLE = phrase('parse.goals.example');
const MAX_GOALS = 10;
const MAX_GOALS_INPUT = 4000;
/** Keeps each line's regex work small even when the whole answer is near its limit. */
const MAX_GOAL_LINE = 300;

/**
 * Names people use for each metric; the longest name that starts a line wins. Aided
 * awareness (recognition, at the shelf) and unaided awareness (recall, before it) are
 * different effects (Rossiter–Percy) and stay apart; plain "awareness" is its own metric.
 */
const METRIC_NAMES: readonly (readonly [string, GoalMetric])[] = (
  [
    ['awareness', 'awareness'],
    ['brand awareness', 'awareness'],
    ['awareness rate', 'awareness'],
    ['popularity', 'awareness'],
    ['aided awareness', 'recognition'],
    ['aided brand awareness', 'recognition'],
    ['prompted awareness', 'recognition'],
    ['recognition', 'recognition'],
    ['brand recognition', 'recognition'],
    ['unaided awareness', 'recall'],
    ['unaided brand awareness', 'recall'],
    ['unprompted awareness', 'recall'],
    ['spontaneous awareness', 'recall'],
    ['recall', 'recall'],
    ['brand recall', 'recall'],
    ['top of mind', 'recall'],
    ['top-of-mind awareness', 'recall'],
    ['consideration', 'consideration'],
    ['brand consideration', 'consideration'],
    ['purchase intent', 'purchase-intent'],
    ['purchase intention', 'purchase-intent'],
    ['intent to buy', 'purchase-intent'],
    ['intention to buy', 'purchase-intent'],
    ['buying intent', 'purchase-intent'],
    ['trust', 'trust'],
    ['brand trust', 'trust'],
    ['reputation', 'reputation'],
    ['brand reputation', 'reputation'],
    ['favourability', 'favourability'],
    ['favorability', 'favourability'],
    ['brand favourability', 'favourability'],
    ['brand favorability', 'favourability'],
    ['liking', 'favourability'],
    ['nps', 'nps'],
    ['net promoter score', 'nps'],
    ['share of voice', 'share-of-voice'],
    ['sov', 'share-of-voice'],
    ['engagement', 'engagement'],
    ['engagement rate', 'engagement'],
    ['interactions', 'engagement'],
    ['followers', 'followers'],
    ['fans', 'followers'],
    ['subscribers', 'followers'],
    ['reach', 'reach'],
    ['campaign reach', 'reach'],
    ['people reached', 'reach'],
    ['visits', 'visits'],
    ['site visits', 'visits'],
    ['website visits', 'visits'],
    ['store visits', 'visits'],
    ['sessions', 'visits'],
    ['traffic', 'visits'],
    ['loyalty', 'loyalty'],
    ['brand loyalty', 'loyalty'],
    ['acquisition', 'acquisition'],
    ['customer acquisition', 'acquisition'],
    ['new customers', 'acquisition'],
    ['new customer', 'acquisition'],
    ['new users', 'acquisition'],
    ['new buyers', 'acquisition'],
    ['leads', 'leads'],
    ['new leads', 'leads'],
    ['inquiries', 'leads'],
    ['enquiries', 'leads'],
    ['mql', 'mql'],
    ['mqls', 'mql'],
    ['marketing qualified leads', 'mql'],
    ['marketing-qualified leads', 'mql'],
    ['sql', 'sql'],
    ['sqls', 'sql'],
    ['sales qualified leads', 'sql'],
    ['sales-qualified leads', 'sql'],
    ['pipeline', 'pipeline'],
    ['sales pipeline', 'pipeline'],
    ['pipeline value', 'pipeline'],
    ['demo requests', 'demo-requests'],
    ['demo request', 'demo-requests'],
    ['demo bookings', 'demo-requests'],
    ['demos', 'demo-requests'],
    ['activation', 'activation'],
    ['activation rate', 'activation'],
    ['retention', 'retention'],
    ['retention rate', 'retention'],
    ['customer retention', 'retention'],
    ['repeat rate', 'repeat-rate'],
    ['repeat purchase', 'repeat-rate'],
    ['repeat purchases', 'repeat-rate'],
    ['repeat purchase rate', 'repeat-rate'],
    ['repurchase', 'repeat-rate'],
    ['repurchase rate', 'repeat-rate'],
    ['churn', 'churn'],
    ['churn rate', 'churn'],
    ['customer churn', 'churn'],
    ['attrition', 'churn'],
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
    ['cac', 'cac'],
    ['cpa', 'cac'],
    ['customer acquisition cost', 'cac'],
    ['cost per acquisition', 'cac'],
    ['acquisition cost', 'cac'],
    ['roas', 'roas'],
    ['return on ad spend', 'roas'],
  ] as const
).toSorted((a, b) => b[0].length - a[0].length);

/** The names listed when a metric is not recognised: one per metric, the way people write them. */
const KNOWN_METRICS = [
  'awareness', 'aided awareness', 'unaided awareness', 'consideration', 'purchase intent', 'trust', 'favourability', 'reputation', 'NPS', 'share of voice',
  'reach', 'engagement', 'followers', 'visits', 'leads', 'MQL', 'SQL', 'pipeline', 'demo requests', 'conversion', 'orders', 'revenue', 'new customers',
  'CAC', 'ROAS', 'activation', 'retention', 'repeat rate', 'churn', 'loyalty', 'sharing',
];

/**
 * Names of the data sources a goal line may give, e.g. `(survey)`, `[crm]` or `via analytics`.
 * A line that names none takes its metric's usual source.
 */
const SOURCE_NAMES: readonly (readonly [string, DataSource])[] = (
  [
    ['survey', 'survey'],
    ['surveys', 'survey'],
    ['brand tracker', 'survey'],
    ['brand tracking', 'survey'],
    ['brand lift', 'survey'],
    ['brand lift study', 'survey'],
    ['panel', 'survey'],
    ['questionnaire', 'survey'],
    ['poll', 'survey'],
    ['analytics', 'analytics'],
    ['web analytics', 'analytics'],
    ['site analytics', 'analytics'],
    ['google analytics', 'analytics'],
    ['ga4', 'analytics'],
    ['baidu tongji', 'analytics'],
    ['crm', 'crm'],
    ['salesforce', 'crm'],
    ['hubspot', 'crm'],
    ['marketing automation', 'crm'],
    ['member database', 'crm'],
    ['platform', 'platform'],
    ['platform data', 'platform'],
    ['ads manager', 'platform'],
    ['ad platform', 'platform'],
    ['social listening', 'platform'],
    ['sales data', 'sales'],
    ['sales system', 'sales'],
    ['erp', 'sales'],
    ['pos', 'sales'],
    ['finance', 'sales'],
    ['问卷', 'survey'],
    ['问卷调查', 'survey'],
    ['调研', 'survey'],
    ['品牌追踪', 'survey'],
    ['网站分析', 'analytics'],
    ['数据分析', 'analytics'],
    ['会员系统', 'crm'],
    ['客户关系管理', 'crm'],
    ['平台数据', 'platform'],
    ['平台后台', 'platform'],
    ['后台数据', 'platform'],
    ['销售数据', 'sales'],
    ['财务数据', 'sales'],
  ] as const
).toSorted((a, b) => b[0].length - a[0].length);

const BULLET = /^(?:[-•*·‣◦▪]\s*|\d{1,2}[.)]\s+|\d{1,2}、\s*|[一二三四五六七八九十][.)、]\s*)/;
/** `->`, `→`, ` to `, and the Chinese `到` / `至`, with or without a verb (`提升到`, `降到`). */
const ARROW = /\s*(?:-+>|→|⟶|➡|=>|⇒)\s*|\s+to\s+|\s*(?:提升|提高|增长|增加|上升|降低|减少|下降|降)?(?:到|至)\s*/;
const DECREASE_ARROW = /(?:降低|减少|下降|降)(?:到|至)/;
const DEADLINE = /\s+(?:by|until|due|before)\s+(?=\S)/g;
/** `截止 2027年3月31日`, `截至3月底`: the Chinese words that come before a deadline. */
const DEADLINE_ZH = /\s*(?:截止到|截至到|截止日期|截止于|截止|截至|期限|到期日?)\s*:?\s*(?=\S)/g;
const DIRECTION_WORD = /^(reduce|decrease|lower|cut|increase|grow|raise|improve|boost|lift)\s+|^(降低|减少|压缩|提升|提高|增加|扩大)\s*/;
/** Words that ask for a way the metric should not move: "reduce retention", "increase churn" (an arrow such as 降到 counts too). */
const DOWN_WORDS = new Set(['reduce', 'decrease', 'lower', 'cut', '降低', '减少', '压缩']);
const UP_WORDS = new Set(['increase', 'grow', 'raise', 'boost', '提升', '提高', '增加', '扩大']);
const INCREASE_ARROW = /(?:提升|提高|增长|增加|上升)(?:到|至)/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SOURCE_ALTERNATION = SOURCE_NAMES.map(([name]) => escapeRegExp(name)).join('|');
const SOURCE_LEAD = '(?:source\\s*:?\\s*|via\\s+|from\\s+|measured\\s+(?:by|in|with)\\s+|tracked\\s+(?:by|in)\\s+|来源\\s*:?\\s*|数据来源\\s*:?\\s*)';
/** `(survey)`, `[source: crm]`, `(via analytics)`, `(数据来源：问卷)`: a bracketed source anywhere on the line. */
const BRACKETED_SOURCE = new RegExp(`[(\\[]\\s*${SOURCE_LEAD}?(${SOURCE_ALTERNATION})\\s*[)\\]]`);
/** `via crm`, `source: survey`, `measured by analytics`: a named source without brackets. */
const NAMED_SOURCE = new RegExp(`(?:^|\\s)(?:via|source\\s*:|source|measured\\s+(?:by|in|with)|tracked\\s+(?:by|in)|according\\s+to)\\s+(${SOURCE_ALTERNATION})(?=$|[\\s,;.])`);
/** An explicit source the table does not know, so the person hears about it instead of a puzzling date error. */
const UNKNOWN_SOURCE = /[(\[]\s*(?:source\s*:?|via)\s*([^()\[\]]{1,40}?)\s*[)\]]|(?:^|\s)(?:via|source\s*:)\s+(\S+)\s*$/;

/** Takes the data source out of a lower-cased line: the source (if named) and the rest. */
function splitSource(line: string): Parsed<{ rest: string; source?: DataSource }> {
  for (const pattern of [BRACKETED_SOURCE, NAMED_SOURCE]) {
    const match = pattern.exec(line);
    const name = match?.[1];
    if (match && name !== undefined) {
      const source = SOURCE_NAMES.find(([known]) => known === name)?.[1];
      const rest = `${line.slice(0, match.index)} ${line.slice(match.index + match[0].length)}`.replace(/\s+/g, ' ').trim();
      return ok(source === undefined ? { rest } : { rest, source });
    }
  }
  const unknown = UNKNOWN_SOURCE.exec(line);
  if (unknown) {
    const named = (unknown[1] ?? unknown[2] ?? '').trim();
    return fail('parse.goals.unknown_source', { typed: { typed: named } });
  }
  return ok({ rest: line });
}

/** A goal value in percent: `10%`, or a bare `10` read as 10 % with a note. `what` is the starting value or the target. */
function readPercent(text: string, what: Phrase): Parsed<number> {
  const typed = { typed: text };
  const rate = readRate(text);
  if (rate === undefined || rate.number.negative) return fail('parse.goals.not_percentage', { what, typed });
  const value = toNumber(rate.number, -2);
  if (value > 1) return fail('parse.goals.over_100', { what, typed });
  return rate.percentSign ? ok(value) : ok(value, phrase('parse.rate.read_as', { typed, rate: { rate: value, digits: 6 } }));
}

/** A goal value that is a score (`3.2`, or `-5` for a score that can be negative, such as NPS) or a count (`1,000`, `2k`). */
function readPlain(text: string, unit: 'score' | 'count', what: Phrase, allowNegative = false): Parsed<number> {
  const typed = { typed: text };
  const number = readNumber(text.replace(CHINESE_COUNTER, ''));
  if (number === undefined || (number.negative && !allowNegative)) return fail(unit === 'count' ? 'parse.goals.not_count' : 'parse.goals.not_score', { what, typed });
  const value = toNumber(number);
  if (!Number.isFinite(value) || value > Number.MAX_SAFE_INTEGER) return fail('parse.goals.too_large', { what, typed });
  if (unit === 'count' && !Number.isInteger(value)) return fail('parse.goals.not_whole', { what, typed });
  return ok(value === 0 ? 0 : value);
}

/** NPS runs from -100 to 100: the only goal whose values may be negative. */
const NPS_RANGE = 100;

function readValue(text: string, unit: GoalUnit, currency: Currency, metric: GoalMetric, what: Phrase): Parsed<number> {
  if (metric === 'nps' && unit === 'score') {
    const score = readPlain(text, unit, what, true);
    if (score.ok && Math.abs(score.value) > NPS_RANGE) return fail('parse.goals.outside_nps', { what, typed: { typed: text } });
    return score;
  }
  if (unit === 'percent') return readPercent(text, what);
  if (unit === 'money') {
    const money = parseMoney(text, currency, { allowZero: true });
    // The line message adds its own example, so a short reason reads better than parseMoney's full sentence.
    return money.ok ? money : fail('parse.goals.not_amount', { what, typed: { typed: text }, currency });
  }
  return readPlain(text, unit, what);
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
  const sourced = splitSource(line.toLowerCase().replace(/\s+/g, ' ').trim());
  if (!sourced.ok) return sourced;
  const lowered = sourced.value.rest.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  const split = splitDeadline(lowered);
  const body = split.body.replace(/[\s,;.。]+$/, '');
  const deadlineText = split.deadline;
  const directionMatch = DIRECTION_WORD.exec(body);
  const names = metricNames(context.metricNames);
  const named = readMetric(body.slice(directionMatch?.[0].length ?? 0), names);
  if (named === undefined) return fail('parse.goals.unknown_metric', { metrics: knownMetrics(context.metricNames, hasHan(body)) });
  // The metric says which way it should move; a word or an arrow that asks for the other way is refused.
  const info = METRIC_INFO[named.metric];
  const word = directionMatch?.[1] ?? directionMatch?.[2] ?? '';
  const wantsDown = DOWN_WORDS.has(word) || DECREASE_ARROW.test(named.rest);
  const wantsUp = UP_WORDS.has(word) || INCREASE_ARROW.test(named.rest);
  if (info.direction === 'increase' ? wantsDown : wantsUp) return fail(directionRefusal(named.metric, word || (wantsDown ? '降到' : '提升到')));
  const sides = named.rest.split(ARROW);
  if (sides.length !== 2) return fail('parse.goals.no_arrow');
  const baselineText = (sides[0] ?? '').replace(/^(?:[\s:=]|-\s)*(?:from\s+|at\s+|从|由)?/, '').trim();
  const targetText = (sides[1] ?? '').trim();
  if (baselineText === '') return fail('parse.goals.no_baseline');
  if (targetText === '') return fail('parse.goals.no_target');

  const hasPercent = /%|percent|pct|百分之|百分点/.test(`${baselineText} ${targetText}`);
  const unit: GoalUnit = hasPercent ? 'percent' : info.unit;
  const baseline = readValue(baselineText, unit, context.currency, named.metric, phrase('parse.goals.baseline'));
  if (!baseline.ok) return baseline;
  const target = readValue(targetText, unit, context.currency, named.metric, phrase('parse.goals.target'));
  if (!target.ok) return target;

  const deadline = readDeadline(deadlineText, context, hasHan(line));
  if (!deadline.ok) return deadline;
  const goal: Goal = {
    metric: named.metric,
    unit,
    baseline: baseline.value,
    target: target.value,
    direction: info.direction,
    deadline: deadline.value,
    source: sourced.value.source ?? info.source,
  };
  return ok(goal, joinNotes([baseline.note, target.note, directionNote(goal), deadline.note]));
}

/** A metric's name in a message: the plan's own words (the vocabulary), in lower case as in a sentence. */
function metricName(metric: GoalMetric): Param {
  return { content: METRIC_LABELS[metric].toLowerCase() };
}

/** Why "reduce retention" or "increase churn" is refused: the metric only moves one way for the better. */
function directionRefusal(metric: GoalMetric, word: string): Phrase {
  const key = METRIC_INFO[metric].direction === 'increase' ? 'parse.goals.should_go_up' : 'parse.goals.should_go_down';
  return phrase(key, { metric: metricName(metric), word });
}

/** The example in the line's language: a line written in Chinese gets a Chinese one. */
function exampleFor(line: string, context: GoalContext): Phrase {
  const awareness = context.metricNames?.awareness?.[0];
  return hasHan(line) && awareness !== undefined ? phrase('parse.goals.example_chinese', { metric: awareness }) : EXAMPLE;
}

const ENGLISH_METRICS = KNOWN_METRICS;

/** The metrics for the error message; with the first name of each in the line's language when it is written in Chinese. */
function knownMetrics(extra: GoalContext['metricNames'], chinese: boolean): Param {
  const names = !chinese || extra === undefined ? ENGLISH_METRICS : Object.values(extra).flatMap((each) => (each?.[0] === undefined ? [] : [each[0]]));
  // The metrics' own names, as people type them: the words a goal line starts with.
  return list(names.map((name) => ({ content: name })), 'comma');
}

function readDeadline(text: string | undefined, context: GoalContext, chinese: boolean): Parsed<string> {
  if (text === undefined) {
    if (context.defaultDeadline !== undefined) return ok(context.defaultDeadline);
    return fail(chinese ? 'parse.goals.no_deadline_chinese' : 'parse.goals.no_deadline');
  }
  const date = readDate(text, context.now, context.timeZone);
  // readDate's reason names the input; the line's message adds the example.
  return date.ok ? date : fail('parse.goals.bad_deadline', { reason: date.error });
}

/** Flags a target on the wrong side of the baseline, which the rules will reject. */
function directionNote(goal: Goal): Phrase | undefined {
  const metric = metricName(goal.metric);
  if (goal.direction === 'increase' && goal.target < goal.baseline) return phrase('parse.goals.target_below_start', { metric });
  if (goal.direction === 'decrease' && goal.target > goal.baseline) return phrase('parse.goals.target_above_start', { metric });
  return undefined;
}

/** Goals, one per line. */
export function parseGoals(text: string, context: GoalContext): Parsed<Goal[]> {
  const input = readInput(text, MAX_GOALS_INPUT, phrase('parse.goals.one_per_line', { example: EXAMPLE }), true);
  if (!input.ok) return input;
  // Number lines as the person sees them, counting blank ones.
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => ({ number: i + 1, text: tidy(tidy(line).replace(BULLET, '')) }))
    .filter((line) => line.text !== '');
  if (lines.length === 0) return fail(joined(phrase('parse.goals.none_found'), phrase('parse.goals.one_per_line', { example: EXAMPLE })));
  if (lines.length > MAX_GOALS) {
    return fail('parse.goals.too_many_goals', { given: String(lines.length), max: String(MAX_GOALS), example: EXAMPLE });
  }
  const goals: Goal[] = [];
  const notes: Phrase[] = [];
  for (const line of lines) {
    if (line.text.length > MAX_GOAL_LINE) {
      return fail('parse.goals.line_too_long', { line: String(line.number), length: { num: line.text.length }, max: String(MAX_GOAL_LINE), example: EXAMPLE });
    }
    const goal = readGoal(line.text, context);
    if (!goal.ok) return fail('parse.goals.line_refused', { line: String(line.number), typed: { typed: line.text }, reason: goal.error, example: exampleFor(line.text, context) });
    goals.push(goal.value);
    if (goal.note !== undefined) notes.push(phrase('parse.goals.line_note', { line: String(line.number), note: goal.note }));
  }
  return ok(goals, joinNotes(notes));
}

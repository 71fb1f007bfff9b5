/**
 * Reading one answer: the kind's parser, the buttons' values, and the cheap checks
 * across answers (key problem among the problems, dates in order). The rules engine
 * judges the whole plan later; these checks catch slips while the person is here.
 */
import { joinNotes, matchChoice, matchChoices, MAX_SHORT_INPUT, ok, parseDate, parseGoals, parseMoney, type Choice } from '../parse/index.js';
import { parseQuantity, parseRate, parseText, parseYesNo, readInput, readRate, parseNonMedia, parseChannelCosts, type ChannelCostAnswer } from '../parse/index.js';
import { CURRENCIES, DATA_SOURCE_LABELS, METRIC_LABELS, NON_MEDIA_LABELS, type Currency, type Goal, type NonMediaLine, type Parsed } from '../plan/plan.js';
import { parseOffer } from '../contact/incentive.js';
import { formatDate, formatMoney, formatNumber, formatRate } from '../plan/format.js';
import { addDays } from '../plan/calendar-date.js';
import { phrase, type Phrase } from '../message/phrase.js';
import { choiceLabel, type Question } from './question.js';
import type { AnswerRecord, AnswerValue, Answers } from './flow-state.js';
import type { InputWords } from '../locale/input-words.js';

/** What reading an answer needs besides the text. */
export interface AnswerContext {
  now: Date;
  timeZone: string;
  answers: Answers;
  /** The currency amounts are read in (the plan's). */
  currency: Currency;
  /** Words of other languages to read beside English. */
  words?: InputWords;
  /** The plan's paid channels, for per-channel cost answers. */
  paidChannels?: Choice[];
}

/**
 * An accepted answer, plus other answers it changes: `updates` replaces them (the key
 * problem added to the problems), `clears` removes them so they are asked again.
 */
export type ReadAnswer = Parsed<AnswerValue> & { updates?: Answers; clears?: string[] };

/** The plan's currency from the answers; CNY until the currency question is answered. */
export function currencyOf(answers: Answers): Currency {
  const value = answers.currency?.value;
  return CURRENCIES.find((c) => c === value) ?? 'CNY';
}

/** Reads a typed reply with the parser for the question's kind, then checks it against earlier answers. */
export function readText(question: Question, text: string, ctx: AnswerContext): ReadAnswer {
  const parsed = parseByKind(question, text, ctx);
  return parsed.ok ? checkAcross(question, parsed, ctx.answers) : parsed;
}

/** The question's choices with their names in the other languages. */
function namedChoices(question: Question, words: InputWords | undefined): Choice[] {
  const names = words?.choices[question.id];
  return (question.choices ?? []).map((choice) => ({ ...choice, names: names?.[choice.id] ?? [] }));
}

function parseByKind(question: Question, text: string, ctx: AnswerContext): Parsed<AnswerValue> {
  const { currency } = ctx;
  // `min: 0` on an amount or a rate: zero is a real outcome there (nothing spent, no orders), unlike a planning assumption.
  const allowZero = question.min === 0;
  const label = { content: question.label.toLowerCase() };
  const example = question.example;
  const words = ctx.words;
  switch (question.kind) {
    case 'single':
      return matchChoice(text, namedChoices(question, words));
    case 'multi':
      return matchChoices(text, namedChoices(question, words), { allowNone: question.optional, noneWords: words?.none });
    case 'text':
      return parseText(text, { max: question.max, label, example });
    case 'number':
      return parseQuantity(text, { integer: question.integer, min: question.min, max: question.max, label, example });
    case 'money':
      return parseMoney(text, currency, { allowZero });
    case 'percentage':
      return allowZero ? parseRateOrZero(text) : parseRate(text);
    case 'date':
      return parseDate(text, ctx.now, ctx.timeZone);
    case 'goals':
      return parseGoals(text, {
        now: ctx.now,
        timeZone: ctx.timeZone,
        currency,
        defaultDeadline: defaultDeadline(ctx.answers),
        ...(words ? { metricNames: words.metrics } : {}),
      });
    case 'yesno':
      return parseYesNo(text, words?.yesNo);
    case 'offer': {
      // Kept as typed and read again when the draft is assembled, in the currency chosen by then.
      const offer = parseOffer(text, currency);
      return offer.ok ? { ok: true, value: text.replace(/\s+/g, ' ').trim(), ...(offer.note ? { note: offer.note } : {}) } : offer;
    }
    case 'contact-plan':
      // The flow reads replies to the contact plan itself (accept, or a row change); this is the fallback.
      return { ok: false, error: phrase('contact.reply_accept_or_row') };
    case 'costs':
      return parseNonMedia(text, currency);
    case 'channel-costs':
      return parseChannelCosts(text, currency, ctx.paidChannels ?? []);
  }
}

/** `35%` -> 0.35 as `parseRate` reads it, and also `0%`, which a planning rate may not be. */
function parseRateOrZero(text: string): Parsed<number> {
  const input = readInput(text, MAX_SHORT_INPUT, phrase('parse.rate.examples'));
  const rate = input.ok ? readRate(input.value.toLowerCase()) : undefined;
  if (rate !== undefined && rate.number.mantissa === 0n) return ok(0);
  return parseRate(text);
}

/** Goals typed without a deadline are due at the review (or, failing that, the end). */
function defaultDeadline(answers: Answers): string | undefined {
  const date = answers.review_date?.value ?? answers.end_date?.value;
  return typeof date === 'string' ? date : undefined;
}

/**
 * Reads button or menu values. Choice questions take ids; other kinds (a date
 * picker, say) send one value that is read as if it had been typed.
 */
export function readChosen(question: Question, values: string[], ctx: AnswerContext): ReadAnswer {
  if (question.kind === 'yesno' && values.length === 1 && (values[0] === 'yes' || values[0] === 'no')) {
    return { ok: true, value: values[0] === 'yes' };
  }
  if (question.kind !== 'single' && question.kind !== 'multi') {
    if (values.length !== 1) return { ok: false, error: withExample('answer.give_single', question) };
    return readText(question, values[0] ?? '', ctx);
  }
  const valid = new Set((question.choices ?? []).map((choice) => choice.id));
  const unknown = values.filter((value) => !valid.has(value));
  const unique = [...new Set(values)];
  if (unknown.length > 0 || unique.length === 0) {
    return { ok: false, error: withExample('answer.pick_shown', question) };
  }
  if (question.kind === 'single') {
    if (unique.length > 1) return { ok: false, error: phrase('answer.pick_single', { example: { content: question.example ?? choiceLabel(question, unique[0] ?? '') } }) };
    return checkAcross(question, { ok: true, value: unique[0] as string }, ctx.answers);
  }
  return checkAcross(question, { ok: true, value: unique }, ctx.answers);
}

/** The refusal `key`, with the question's example answer when it has one (`key` + `_example`). */
function withExample(key: string, question: Question): Phrase {
  const label = { content: question.label.toLowerCase() };
  return question.example ? phrase(`${key}_example`, { label, example: { content: question.example } }) : phrase(key, { label });
}

/** The cheap cross-answer checks; everything else is left to the rules. */
function checkAcross(question: Question, parsed: Parsed<AnswerValue> & { ok: true }, answers: Answers): ReadAnswer {
  switch (question.id) {
    case 'key_problem':
      return keyAmongProblems(question, parsed, answers);
    case 'problems':
      return problemsKeepKey(question, parsed, answers);
    case 'end_date':
      return dateAfter(parsed, answers.start_date, 'answer.end_after_start');
    case 'review_date':
      return dateAfter(parsed, answers.end_date, 'answer.review_after_end');
    case 'peak_start':
      return dateWithin(parsed, answers, 'answer.peak_start_within');
    case 'peak_end':
      return peakEnd(parsed, answers);
    default:
      return parsed;
  }
}

/** A key problem the team did not list is added to the list, and the person is told. */
function keyAmongProblems(question: Question, parsed: Parsed<AnswerValue> & { ok: true }, answers: Answers): ReadAnswer {
  const key = parsed.value;
  const listed = answers.problems?.value;
  if (typeof key !== 'string' || !Array.isArray(listed) || listed.includes(key as never)) return parsed;
  const problems = [...(listed as string[]), key];
  const note = joinNotes([parsed.note, phrase('answer.key_problem_added', { problem: { content: choiceLabel(question, key) } })]);
  return { ok: true, value: key, note, updates: { problems: { ...answers.problems, value: problems } } };
}

/** A new problem list without the chosen key problem drops that choice, so it is asked again. */
function problemsKeepKey(question: Question, parsed: Parsed<AnswerValue> & { ok: true }, answers: Answers): ReadAnswer {
  const key = answers.key_problem?.value;
  const problems = parsed.value;
  if (typeof key !== 'string' || !Array.isArray(problems) || problems.includes(key as never)) return parsed;
  const label = choiceLabel(question, key);
  const note = joinNotes([parsed.note, phrase('answer.key_problem_dropped', { problem: { content: label } })]);
  return { ok: true, value: problems, note, clears: ['key_problem'] };
}

/** `rule` is the catalogue key of what the dates must do, e.g. end after the start. */
function dateAfter(parsed: Parsed<AnswerValue> & { ok: true }, earlier: AnswerRecord | undefined, rule: string): ReadAnswer {
  const date = parsed.value;
  const before = earlier?.value;
  if (typeof date !== 'string' || typeof before !== 'string' || date > before) return parsed;
  return {
    ok: false,
    error: phrase(rule, { before: { date: before }, date: { date }, later: addDays(before, 30) }),
  };
}

/** A peak date must lie within the campaign's dates; a peak on the first day leaves no pre-heat, which is said. */
/** `rule` is the catalogue key of what must fall within the campaign (the peak's start or end). */
function dateWithin(parsed: Parsed<AnswerValue> & { ok: true }, answers: Answers, rule: string): ReadAnswer {
  const date = parsed.value;
  const start = answers.start_date?.value;
  const end = answers.end_date?.value;
  if (typeof date !== 'string' || typeof start !== 'string' || typeof end !== 'string') return parsed;
  if (date < start || date > end) {
    return { ok: false, error: phrase(rule, { start: { date: start }, end: { date: end }, date: { date }, example: addDays(end, -9) }) };
  }
  if (date === start) return { ...parsed, note: joinNotes([parsed.note, phrase('answer.peak_on_first_day')]) };
  return parsed;
}

function peakEnd(parsed: Parsed<AnswerValue> & { ok: true }, answers: Answers): ReadAnswer {
  const within = dateWithin(parsed, answers, 'answer.peak_end_within');
  if (!within.ok) return within;
  const date = parsed.value;
  const peakStart = answers.peak_start?.value;
  if (typeof date === 'string' && typeof peakStart === 'string' && date < peakStart) {
    return { ok: false, error: phrase('answer.peak_end_after_start', { start: { date: peakStart }, date: { date }, example: peakStart }) };
  }
  return within;
}


/** An answer as people read it: labels for choices, formatted money, rates and dates. */
export function formatAnswer(question: Question, record: AnswerRecord, currency: Currency): string {
  if (record.skipped || record.value === undefined) return 'skipped';
  const value = record.value;
  switch (question.kind) {
    case 'single':
      return choiceLabel(question, String(value));
    case 'multi':
      return Array.isArray(value) && value.length > 0 ? value.map((v) => choiceLabel(question, String(v))).join(', ') : 'none';
    case 'money':
      return typeof value === 'number' ? formatMoney(value, currency) : String(value);
    case 'percentage':
      return typeof value === 'number' ? formatRate(value) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    case 'date':
      return formatDate(String(value));
    case 'yesno':
      return value === true ? 'Yes' : 'No';
    case 'goals':
      return Array.isArray(value) ? (value as Goal[]).map((goal) => formatGoal(goal, currency)).join('; ') : String(value);
    case 'contact-plan': {
      const rows = typeof value === 'object' && value !== null && 'rows' in value && Array.isArray(value.rows) ? value.rows : [];
      const stages = new Set(rows.map((row) => row.stage)).size;
      return `${rows.length} touchpoint${rows.length === 1 ? '' : 's'} across ${stages} stage${stages === 1 ? '' : 's'}`;
    }
    case 'text':
    case 'offer':
      return String(value);
    case 'costs':
      return Array.isArray(value) ? formatNonMedia(value as NonMediaLine[], currency) : String(value);
    case 'channel-costs':
      return Array.isArray(value) ? formatChannelCosts(value as ChannelCostAnswer[], question, currency) : String(value);
  }
}

/** "Content ¥20,000 (for the website); PR and seeding ¥10,000", or "none". */
export function formatNonMedia(lines: readonly NonMediaLine[], currency: Currency): string {
  if (lines.length === 0) return 'none';
  return lines
    .map((line) => `${NON_MEDIA_LABELS[line.kind] ?? line.kind} ${formatMoney(line.amount, currency)}${line.description ? ` (${line.description})` : ''}`)
    .join('; ');
}

function formatChannelCosts(costs: readonly ChannelCostAnswer[], question: Question, currency: Currency): string {
  if (costs.length === 0) return "the plan's figure for every channel";
  return costs.map((c) => `${question.choices?.find((choice) => choice.id === c.channelId)?.label ?? c.channelId} ${formatMoney(c.amount, currency)}`).join('; ');
}

/** "Awareness: 12 % → 30 % by 30 Jun 2026 (survey)". */
export function formatGoal(goal: Goal, currency: Currency): string {
  const amount = (n: number): string =>
    goal.unit === 'percent' ? formatRate(n) : goal.unit === 'money' ? formatMoney(n, currency) : formatNumber(n);
  const source = goal.source !== undefined && Object.hasOwn(DATA_SOURCE_LABELS, goal.source) ? ` (${DATA_SOURCE_LABELS[goal.source]})` : '';
  return `${METRIC_LABELS[goal.metric]}: ${amount(goal.baseline)} → ${amount(goal.target)} by ${formatDate(goal.deadline)}${source}`;
}

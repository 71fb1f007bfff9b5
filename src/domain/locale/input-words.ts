/**
 * The words people type in another language (locales/<language>/input.yml), checked
 * against the question script: Chinese names for every question, every choice and
 * every metric, the thread words and yes/no. Like the script, a mistake here is a
 * deployment mistake and stops the bot at start-up, naming the key.
 *
 * Only input lives here. The parsers get these words as arguments, so they stay pure,
 * and a later message catalogue can sit beside this file in the same folder.
 */
import { z } from 'zod';
import { GOAL_METRICS, type GoalMetric } from '../plan/plan.js';
import { ScriptError, type QuestionScript } from '../conversation/script.js';
import { THREAD_WORD_KINDS, type ThreadWords } from '../conversation/interpret-reply.js';
import type { YesNoWords } from '../parse/parse-yes-no.js';
import { nameKey, nameKeyMemo } from '../parse/find-names.js';
import { REVIEW_NAME_IDS } from '../review/review-flow.js';

/** What the parsers read beside English, resolved per question. */
export interface InputWords {
  /** Other names of each choice, by question id, then choice id. */
  choices: Record<string, Record<string, string[]>>;
  /** Other names of each question, for `修改 <question>`. */
  questions: Record<string, string[]>;
  /** Other names of the review's questions; `goal` names each goal with its number (`目标1`). */
  review: Record<(typeof REVIEW_NAME_IDS)[number], string[]>;
  thread: ThreadWords;
  /** Other names of each goal metric, such as `认知度` for awareness. */
  metrics: Record<GoalMetric, string[]>;
  yesNo: YesNoWords;
  /** Answers that mean "none of them" for an optional multiple choice. */
  none: string[];
}

const HAN = /\p{Script=Han}/u;
const Names = z
  .array(z.string().trim().min(1, 'an empty name'))
  .min(1, 'needs at least one name')
  .refine((names) => names.every((name) => HAN.test(name)), {
    error: 'every name needs a Chinese character, so it can never change how English answers are read',
  });

const RawSchema = z.strictObject({
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'a language tag such as zh-CN'),
  questions: z.record(z.string(), Names),
  review_questions: z.record(z.string(), Names),
  vocabularies: z.record(
    z.string(),
    z.strictObject({ questions: z.array(z.string()).min(1, 'lists no questions'), choices: z.record(z.string(), Names) }),
  ),
  thread: z.strictObject(Object.fromEntries(THREAD_WORD_KINDS.map((kind) => [kind, Names])) as Record<keyof ThreadWords, typeof Names>),
  metrics: z.record(z.string(), Names),
  yes: Names,
  no: Names,
  none: Names,
});
type Raw = z.infer<typeof RawSchema>;

function fail(problem: string): never {
  throw new ScriptError(problem);
}

/** Checks one parsed input.yml against the script; throws ScriptError naming the key. */
export function validateInputWords(raw: unknown, script: QuestionScript): InputWords {
  const parsed = RawSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the file';
    fail(`${where}: ${issue?.message ?? 'invalid'}`);
  }
  const data = parsed.data;
  const questions = checkQuestions(data, script);
  const review = checkReview(data);
  const choices = resolveChoices(data, script);
  const metrics = checkMetrics(data);
  const thread = data.thread;
  checkThread(thread, choices);
  const clash = data.yes.find((word) => data.no.map(nameKey).includes(nameKey(word)));
  if (clash !== undefined) fail(`yes and no both list "${clash}"`);
  return { choices, questions, review, thread, metrics, yesNo: { yes: data.yes, no: data.no }, none: data.none };
}

function checkQuestions(data: Raw, script: QuestionScript): Record<string, string[]> {
  const ids = script.questions.map((q) => q.id);
  const unknown = Object.keys(data.questions).find((id) => !ids.includes(id));
  if (unknown !== undefined) fail(`questions.${unknown}: there is no question "${unknown}" in the script`);
  const missing = ids.find((id) => data.questions[id] === undefined);
  if (missing !== undefined) fail(`questions: no names for question "${missing}"`);
  assertDistinct(Object.entries(data.questions), 'questions');
  return data.questions;
}

function checkReview(data: Raw): InputWords['review'] {
  const ids: readonly string[] = REVIEW_NAME_IDS;
  const unknown = Object.keys(data.review_questions).find((id) => !ids.includes(id));
  if (unknown !== undefined) fail(`review_questions.${unknown}: the review has no question "${unknown}"; use ${ids.join(', ')}`);
  const missing = ids.find((id) => data.review_questions[id] === undefined);
  if (missing !== undefined) fail(`review_questions: no names for review question "${missing}"`);
  assertDistinct(Object.entries(data.review_questions), 'review_questions');
  return data.review_questions as InputWords['review'];
}

/** Each choice question is named by exactly one vocabulary, whose choices are exactly the question's. */
function resolveChoices(data: Raw, script: QuestionScript): Record<string, Record<string, string[]>> {
  const choiceQuestions = script.questions.filter((q) => q.choices !== undefined);
  const owner = new Map<string, string>();
  for (const [name, vocabulary] of Object.entries(data.vocabularies)) {
    for (const id of vocabulary.questions) {
      const question = choiceQuestions.find((q) => q.id === id);
      if (!question) fail(`vocabularies.${name}.questions: "${id}" is not a choice question of the script`);
      const earlier = owner.get(id);
      if (earlier !== undefined) fail(`vocabularies.${name}.questions: "${id}" is already named by vocabulary "${earlier}"`);
      owner.set(id, name);
    }
    const ids = new Set(vocabulary.questions.flatMap((id) => choiceQuestions.find((q) => q.id === id)?.choices?.map((c) => c.id) ?? []));
    const unknown = Object.keys(vocabulary.choices).find((id) => !ids.has(id));
    if (unknown !== undefined) fail(`vocabularies.${name}.choices.${unknown}: not a choice of ${vocabulary.questions.join(', ')}`);
    const missing = [...ids].find((id) => vocabulary.choices[id] === undefined);
    if (missing !== undefined) fail(`vocabularies.${name}.choices: no names for choice "${missing}" (of ${vocabulary.questions.join(', ')})`);
    assertDistinct(Object.entries(vocabulary.choices), `vocabularies.${name}.choices`);
  }
  const unnamed = choiceQuestions.find((q) => !owner.has(q.id));
  if (unnamed !== undefined) fail(`vocabularies: no vocabulary names the choices of question "${unnamed.id}"`);
  return Object.fromEntries(
    choiceQuestions.map((question) => {
      const vocabulary = data.vocabularies[owner.get(question.id) ?? '']?.choices ?? {};
      return [question.id, Object.fromEntries((question.choices ?? []).map((c) => [c.id, vocabulary[c.id] ?? []]))];
    }),
  );
}

function checkMetrics(data: Raw): Record<GoalMetric, string[]> {
  const unknown = Object.keys(data.metrics).find((id) => !(GOAL_METRICS as readonly string[]).includes(id));
  if (unknown !== undefined) fail(`metrics.${unknown}: not a goal metric; use ${GOAL_METRICS.join(', ')}`);
  const missing = GOAL_METRICS.find((metric) => data.metrics[metric] === undefined);
  if (missing !== undefined) fail(`metrics: no names for metric "${missing}"`);
  assertDistinct(Object.entries(data.metrics), 'metrics');
  return data.metrics as Record<GoalMetric, string[]>;
}

/** A whole-reply thread word that is also a choice's name would make that choice impossible to type. */
function checkThread(thread: ThreadWords, choices: Record<string, Record<string, string[]>>): void {
  const nameKey = nameKeyMemo();
  const words = Object.entries(thread).filter(([kind]) => kind !== 'change');
  assertDistinct(words, 'thread');
  for (const [kind, list] of words) {
    for (const word of list) {
      for (const [questionId, byChoice] of Object.entries(choices)) {
        const choice = Object.entries(byChoice).find(([, names]) => names.some((name) => nameKey(name) === nameKey(word)));
        if (choice) fail(`thread.${kind}: "${word}" is also a name of choice "${choice[0]}" of question "${questionId}"`);
      }
    }
  }
}

/** No name may stand for two different things in one list. */
function assertDistinct(entries: readonly (readonly [string, readonly string[]])[], where: string): void {
  const seen = new Map<string, string>();
  for (const [id, names] of entries) {
    for (const name of names) {
      const key = nameKey(name);
      const other = seen.get(key);
      if (other !== undefined && other !== id) fail(`${where}: "${name}" names both "${other}" and "${id}"`);
      seen.set(key, id);
    }
  }
}

/** Several languages' words as one: every list is the union of theirs. */
export function mergeInputWords(all: readonly InputWords[]): InputWords | undefined {
  const [first, ...rest] = all;
  if (first === undefined) return undefined;
  return rest.reduce<InputWords>(
    (a, b) => ({
      choices: mergeNested(a.choices, b.choices),
      questions: mergeLists(a.questions, b.questions),
      review: mergeLists(a.review, b.review),
      thread: mergeLists(a.thread, b.thread),
      metrics: mergeLists(a.metrics, b.metrics),
      yesNo: { yes: [...a.yesNo.yes, ...b.yesNo.yes], no: [...a.yesNo.no, ...b.yesNo.no] },
      none: [...a.none, ...b.none],
    }),
    first,
  );
}

function mergeLists<K extends string>(a: Record<K, readonly string[]>, b: Record<K, readonly string[]>): Record<K, string[]> {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as K[];
  return Object.fromEntries(keys.map((key) => [key, [...(a[key] ?? []), ...(b[key] ?? [])]])) as Record<K, string[]>;
}

function mergeNested(a: Record<string, Record<string, string[]>>, b: Record<string, Record<string, string[]>>): Record<string, Record<string, string[]>> {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return Object.fromEntries(keys.map((key) => [key, mergeLists(a[key] ?? {}, b[key] ?? {})]));
}

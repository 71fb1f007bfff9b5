/**
 * The question script (prompts/plan.yml) as checked data. A script mistake is a
 * deployment mistake: it must stop the bot at start-up with a message that names
 * the question, never surface half-way through someone's conversation. The checks
 * follow the question ↔ plan map (`QUESTION_MAP`): the questions a plan needs must
 * be there, each with the kind its field is read with and choices from its vocabulary.
 */
import { z } from 'zod';
import { CodedError } from '../../errors.js';
import type { Phrase } from '../message/phrase.js';
import type { InputWords } from '../locale/input-words.js';
import { GOAL_METRICS, MEDIA_LABELS, METRIC_LABELS, QUESTION_MAP, VOCABULARY, type Channel, type Labels, type VocabularyName } from '../plan/plan.js';
import type { MappedQuestion } from '../plan/question-map.js';
import { PROPOSABLE_QUESTIONS } from '../plan/proposed-answers.js';
import { readText } from './flow-answer.js';
import { conditionsOf, QUESTION_KINDS, YES_NO_IDS, type Choice, type Condition, type Question, type QuestionKind, type QuestionScript } from './question.js';

export * from './question.js';

/** Raised when the script or the channel catalogue is malformed. */
export class ScriptError extends CodedError<'SCRIPT_INVALID'> {
  /** Why, as a phrase of the message catalogue (a parser's refusal), said after the message by the loader. */
  readonly reason: Phrase | undefined;
  /** `message` names the question or channel and what is wrong with it. */
  constructor(message: string, options?: { cause?: unknown; reason?: Phrase }) {
    super(message, 'SCRIPT_INVALID', options);
    this.reason = options?.reason;
  }
}

const CHOICE_KINDS: readonly QuestionKind[] = ['single', 'multi'];

const ChoiceSchema = z.strictObject({
  id: z.string().trim().min(1, 'a choice has no id'),
  label: z.string().trim().min(1, 'a choice has no label'),
  description: z.string().optional(),
  group: z.string().optional(),
});

const TESTS = ['in', 'not_in', 'in_group', 'none_measure'] as const;

const ConditionSchema = z
  .strictObject({
    question: z.string().min(1, '`when` needs the id of an earlier question'),
    in: z.array(z.string()).min(1, '`when` needs a non-empty `in` list').optional(),
    not_in: z.array(z.string()).min(1, '`not_in` needs a non-empty list').optional(),
    in_group: z.array(z.string()).min(1, '`in_group` needs a non-empty list').optional(),
    at_least: z.number().int().positive().optional(),
    none_measure: z.array(z.string()).min(1, '`none_measure` needs a non-empty list').optional(),
  })
  .refine((c) => TESTS.filter((test) => c[test] !== undefined).length === 1, {
    message: '`when` needs exactly one of `in`, `not_in`, `in_group` or `none_measure`',
  })
  .refine((c) => c.at_least === undefined || c.in_group !== undefined, { message: '`at_least` goes with `in_group`' });

const WhenSchema = z.union([ConditionSchema, z.array(ConditionSchema).min(1, '`when` needs at least one condition')]);

/** The fields a question may have in YAML; anything else (a misspelt field) is refused. */
export const QUESTION_FIELDS = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lower_snake_case'),
  label: z.string().trim().min(1, 'the question has no label'),
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.string({ error: `the question has no kind; use one of ${QUESTION_KINDS.join(', ')}` }),
  text: z.string().trim().min(1, 'the question has no text'),
  help: z.string().trim().min(1, 'the question has no help'),
  example: z.string().optional(),
  choices: z.array(ChoiceSchema).optional(),
  choices_from: z.literal('catalogue', { error: '`choices_from` can only be "catalogue"' }).optional(),
  optional: z.boolean().default(false),
  max: z.number().positive().optional(),
  min: z.number().optional(),
  integer: z.boolean().optional(),
  when: WhenSchema.optional(),
  /** The part of the conversation it opens; a question without one continues the previous part. */
  section: z.string().trim().min(1, 'the section has no name').optional(),
  /** The bot proposes the answer from earlier ones instead of asking; `change <label>` lets the author set it. */
  proposed: z.boolean().optional(),
};
const RawQuestionSchema = z.strictObject(QUESTION_FIELDS);

/** Examples are read as if typed on this day, in UTC: what matters is that the parser accepts their form. */
const EXAMPLE_DAY = new Date(Date.UTC(2026, 0, 1));

/** What a caller may leave out of the checks: `examples: false` when the build already read every example of these very files with this code (app/build-checked.ts). */
export interface ScriptChecks {
  examples?: boolean;
}

/** Checks the parsed plan.yml (`{ questions: [...] }`) against the catalogue and the map; throws ScriptError naming the question. */
export function validateScript(raw: unknown, catalogue: Channel[], map: readonly MappedQuestion[] = QUESTION_MAP, checks: ScriptChecks = {}): QuestionScript {
  const questions: Question[] = [];
  for (const [index, entry] of questionEntries(raw).entries()) {
    const read = readQuestion(entry, index, catalogue);
    const question: Question = { ...read, section: read.section ?? questions.at(-1)?.section ?? DEFAULT_SECTION };
    if (questions.some((q) => q.id === question.id)) fail(question.id, 'the id is used by an earlier question too');
    checkWhen(question, questions);
    checkMapped(question, map);
    if (checks.examples !== false) checkExample(question);
    checkSection(question, questions);
    if (question.proposed && !(PROPOSABLE_QUESTIONS as readonly string[]).includes(question.id)) {
      fail(question.id, `the bot cannot propose this answer, so it must be asked; only ${PROPOSABLE_QUESTIONS.join(', ')} can be \`proposed\``);
    }
    if (question.proposed && question.when) fail(question.id, 'a proposed question cannot also have `when`');
    if (question.proposed && mappedRequired(question.id, map)) fail(question.id, 'cannot be proposed: no plan can be posted without this answer, so it must be asked');
    questions.push(question);
  }
  checkRequired(questions, map);
  checkSectionsAsk(questions);
  return { questions, catalogue, labels: labelsOf(questions, map) };
}

/** The part a script without sections is in. */
const DEFAULT_SECTION = 'Questions';

function mappedRequired(id: string, map: readonly MappedQuestion[]): boolean {
  return map.some((row) => row.question === id && row.required);
}

/** A part must be one run of questions: coming back to it later would make the progress jump back. */
function checkSection(question: Question, earlier: Question[]): void {
  const previous = earlier.at(-1);
  if (previous === undefined || previous.section === question.section) return;
  if (earlier.some((q) => q.section === question.section)) {
    fail(question.id, `section "${question.section}" was left earlier; keep each section's questions together`);
  }
}

/** Every part asks at least one question whatever the answers, so none is skipped and the progress counts every part. */
function checkSectionsAsk(questions: Question[]): void {
  for (const section of sectionsOf({ questions })) {
    const members = questions.filter((q) => q.section === section);
    if (!members.some((q) => !q.proposed && !q.when)) {
      fail(members[0]?.id ?? section, `section "${section}" has no question that is always asked; give it one, or merge it into its neighbour`);
    }
  }
}

/** The parts of the conversation, in order. */
export function sectionsOf(script: Pick<QuestionScript, 'questions'>): string[] {
  return [...new Set(script.questions.flatMap((q) => (q.section === undefined ? [] : [q.section])))];
}

/** The entries of a script's `questions` list, unchecked. */
export function questionEntries(raw: unknown): unknown[] {
  const top = z.object({ questions: z.array(z.unknown()).min(1) }).safeParse(raw);
  if (!top.success) throw new ScriptError('the question script must be an object with a non-empty `questions` list');
  return top.data.questions;
}

/** Throws the ScriptError for one question. */
export function fail(id: string, problem: string, reason?: Phrase): never {
  throw new ScriptError(`question "${id}": ${problem}`, reason === undefined ? undefined : { reason });
}

/** One entry of a script checked on its own: its fields, kind and choices; throws ScriptError naming it. */
export function readQuestion(entry: unknown, index: number, catalogue: Channel[]): Question {
  const id = entryId(entry, index);
  checkChoiceLabels(id, entry);
  const parsed = RawQuestionSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    fail(id, `${where}${issue?.message ?? 'invalid'}`);
  }
  const { choices_from: choicesFrom, kind, ...rest } = parsed.data;
  if (!isKind(kind)) fail(id, `unknown kind "${kind}"; use one of ${QUESTION_KINDS.join(', ')}`);
  const choices = choicesFrom === 'catalogue' ? catalogueChoices(id, rest.choices, catalogue) : rest.choices;
  const question: Question = stripUndefined({ ...rest, kind, choices });
  checkChoices(question);
  return question;
}

/** The id of entry `index`, or a ScriptError saying it has none. */
export function entryId(entry: unknown, index: number): string {
  if (typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string' && entry.id) {
    return entry.id;
  }
  throw new ScriptError(`question #${index + 1} has no id`);
}

/** A choice without a label would be a blank button: name the choice, which the generic schema message cannot. */
function checkChoiceLabels(id: string, entry: unknown): void {
  const choices = (entry as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return;
  for (const [index, choice] of choices.entries()) {
    const { id: choiceId, label } = (choice ?? {}) as { id?: unknown; label?: unknown };
    if (typeof label === 'string' && label.trim() !== '') continue;
    const name = typeof choiceId === 'string' && choiceId ? `choice "${choiceId}"` : `choice #${index + 1}`;
    fail(id, `${name} has no label; give it the words people see on its button, e.g. \`label: Brand\``);
  }
}

function isKind(kind: string): kind is QuestionKind {
  return (QUESTION_KINDS as readonly string[]).includes(kind);
}

function catalogueChoices(id: string, inline: Choice[] | undefined, catalogue: Channel[]): Choice[] {
  if (inline) fail(id, 'use either `choices` or `choices_from`, not both');
  if (catalogue.length === 0) fail(id, 'takes its choices from the channel catalogue, which is empty');
  return catalogue.map((channel) => ({ id: channel.id, label: channel.name, group: channel.media }));
}

function checkChoices(question: Question): void {
  const isChoice = CHOICE_KINDS.includes(question.kind);
  if (isChoice && (!question.choices || question.choices.length === 0)) {
    fail(question.id, `a ${question.kind} question needs \`choices\``);
  }
  if (!isChoice && question.choices) fail(question.id, `a ${question.kind} question cannot have \`choices\``);
  const seen = new Set<string>();
  for (const choice of question.choices ?? []) {
    if (seen.has(choice.id)) fail(question.id, `choice "${choice.id}" appears twice`);
    seen.add(choice.id);
  }
}

/** A question that fills a plan field must be read the way the field holds it, with choices from the field's vocabulary. */
function checkMapped(question: Question, map: readonly MappedQuestion[]): void {
  const mapped = map.find((row) => row.question === question.id);
  if (!mapped) return;
  if (question.kind !== mapped.kind) {
    fail(question.id, `must be of kind ${mapped.kind} (the plan stores its answer that way), not ${question.kind}`);
  }
  if (mapped.required && question.optional) fail(question.id, 'cannot be optional: no plan can be posted without this answer');
  if (!mapped.vocabulary) return;
  const vocabulary: readonly string[] = VOCABULARY[mapped.vocabulary];
  const unknown = (question.choices ?? []).filter((choice) => !vocabulary.includes(choice.id));
  if (unknown.length > 0) {
    fail(question.id, `unknown choice id(s) ${unknown.map((c) => `"${c.id}"`).join(', ')}; use ${vocabulary.join(', ')}`);
  }
}

/** The example is shown when an answer cannot be read: it must be one the question's own parser accepts. */
export function checkExample(question: Question, words?: InputWords): void {
  // The contact plan's answer is a table the bot proposes; its example (`accept`) is a command, not a value.
  if (question.example === undefined || question.kind === 'contact-plan') return;
  const read = readText(question, question.example, { now: EXAMPLE_DAY, timeZone: 'UTC', answers: {}, currency: 'CNY', ...(words ? { words } : {}) });
  if (!read.ok) fail(question.id, `the example "${question.example}" is not an answer this question accepts`, read.error);
}

/** Every question the plan needs is in the script (deleting one would leave every plan blocked at the end). */
function checkRequired(questions: Question[], map: readonly MappedQuestion[]): void {
  const missing = map.filter((row) => row.required && !questions.some((q) => q.id === row.question));
  const [first, ...others] = missing;
  if (!first) return;
  const shown = others.slice(0, 3).map((row) => `"${row.question}"`);
  const rest = others.length > shown.length ? `, and ${others.length - shown.length} more` : '';
  const also = others.length > 0 ? ` Also missing: ${shown.join(', ')}${rest}.` : '';
  fail(first.question, `is missing: every plan needs its answer (the plan's ${first.path}), so put the question back.${also}`);
}

/**
 * A `when` is one condition or a list (every one must hold). Each names an earlier
 * question and tests its answer: `in` / `not_in` its choices (single, multi, yes/no),
 * `in_group` the groups of its choices (`at_least` of them), `none_measure` the metrics
 * of its goals. Or a condition names one of `facts`, which a script's source knows
 * without asking (the review's `budget_model`), and lists some of its values.
 */
export function checkWhen(question: Question, earlier: Question[], facts: Record<string, readonly string[]> = {}): void {
  for (const when of conditionsOf(question.when)) {
    if (when.question === question.id) fail(question.id, '`when` refers to the question itself');
    const source = earlier.find((q) => q.id === when.question);
    const fact = Object.hasOwn(facts, when.question) ? facts[when.question] : undefined;
    if (!source && !fact) fail(question.id, `\`when\` refers to "${when.question}", which is not an earlier question`);
    if (source?.proposed) fail(question.id, `\`when\` refers to "${source.id}", which is proposed rather than asked`);
    const [test, values, valid] = source ? conditionValues(when, source, question) : ['a value', when.in ?? when.not_in ?? [], fact ?? []];
    const unknown = values.filter((value) => !valid.includes(value));
    if (unknown.length > 0) {
      const of = source ? `${test} of "${source.id}"` : `a value of ${when.question}`;
      fail(question.id, `\`when\` lists ${unknown.map((v) => `"${v}"`).join(', ')}, not ${of} (${valid.join(', ')})`);
    }
  }
}

/** What a condition on an earlier question lists, what it may list, and how to name that. */
function conditionValues(when: Condition, source: Question, question: Question): [string, string[], readonly string[]] {
  if (when.none_measure) {
    if (source.kind !== 'goals') fail(question.id, `\`none_measure\` refers to "${source.id}", a ${source.kind} question; use a goals question`);
    return ['a goal metric', when.none_measure, GOAL_METRICS];
  }
  if (when.in_group) {
    const groups = [...new Set((source.choices ?? []).flatMap((c) => (c.group ? [c.group] : [])))];
    if (groups.length === 0) fail(question.id, `\`in_group\` refers to "${source.id}", whose choices have no groups`);
    return ['a choice group', when.in_group, groups];
  }
  const valid = conditionIds(source);
  if (!valid) fail(question.id, `\`when\` refers to "${when.question}", a ${source.kind} question; use a single, multi or yesno question`);
  return ['a choice', when.in ?? when.not_in ?? [], valid];
}

function conditionIds(question: Question): readonly string[] | undefined {
  if (question.kind === 'yesno') return YES_NO_IDS;
  return question.choices?.map((choice) => choice.id);
}

/**
 * The vocabulary's labels from the choices that offer its ids (the script is their one
 * source). Two questions offering the same id must label it alike, or the summary
 * would name a choice differently from its button.
 */
export function labelsOf(questions: Question[], map: readonly MappedQuestion[] = QUESTION_MAP): Labels {
  const names = Object.keys(VOCABULARY) as VocabularyName[];
  const labels = Object.fromEntries(names.map((name) => [name, {}])) as Record<VocabularyName, Record<string, string>>;
  const from: Record<string, string> = {};
  for (const question of questions) {
    const vocabulary = map.find((row) => row.question === question.id)?.vocabulary;
    if (!vocabulary) continue;
    for (const choice of question.choices ?? []) {
      const known = labels[vocabulary][choice.id];
      if (known !== undefined && known !== choice.label) {
        fail(question.id, `choice "${choice.id}" is labelled "${choice.label}" here but "${known}" in "${from[`${vocabulary}:${choice.id}`]}"; use one label`);
      }
      labels[vocabulary][choice.id] = choice.label;
      from[`${vocabulary}:${choice.id}`] = question.id;
    }
  }
  return { ...labels, metric: METRIC_LABELS, media: MEDIA_LABELS };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

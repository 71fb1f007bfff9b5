/**
 * The question script (prompts/plan.yml) as checked data. A script mistake is a
 * deployment mistake: it must stop the bot at start-up with a message that names
 * the question, never surface half-way through someone's conversation.
 */
import { z } from 'zod';
import {
  BUSINESS_MODELS,
  CURRENCIES,
  INVOLVEMENTS,
  MESSAGE_TYPES,
  MOTIVATIONS,
  OBJECTIVES,
  PROBLEM_TYPES,
  RESEARCH_KINDS,
  SEGMENTS,
  STAGES,
  LABELS,
  type Channel,
} from '../plan/plan.js';

/** Raised when the script or the channel catalogue is malformed. */
export class ScriptError extends Error {
  /** Stable code for logs and the start-up error handler. */
  readonly code = 'SCRIPT_INVALID' as const;

  /** `message` names the question or channel and what is wrong with it. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScriptError';
  }
}

export const QUESTION_KINDS = ['single', 'multi', 'text', 'number', 'money', 'percentage', 'date', 'goals', 'yesno', 'contact-plan', 'offer'] as const;
/** How an answer is read: each kind has its own parser. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];

const CHOICE_KINDS: readonly QuestionKind[] = ['single', 'multi'];
/** yes/no answers are matched against these ids in `when` conditions. */
export const YES_NO_IDS = ['yes', 'no'] as const;

const ChoiceSchema = z.strictObject({
  id: z.string().trim().min(1, 'a choice has no id'),
  label: z.string().trim().min(1, 'a choice has no label'),
  description: z.string().optional(),
  /** Display grouping, e.g. owned / paid / earned for channels. */
  group: z.string().optional(),
});
/** One option of a single or multi question. */
export type Choice = z.infer<typeof ChoiceSchema>;

const WhenSchema = z.strictObject({
  question: z.string().min(1, '`when` needs the id of an earlier question'),
  in: z.array(z.string()).min(1, '`when` needs a non-empty `in` list'),
});
/** Ask the question only when an earlier answer is one of `in` (any of them, for multi answers). */
export type When = z.infer<typeof WhenSchema>;

const RawQuestionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lower_snake_case'),
  label: z.string().trim().min(1, 'the question has no label'),
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.string(),
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
  /** The part of the conversation it belongs to ("Audience", "Message"); a question without one continues the previous part. */
  section: z.string().trim().min(1, 'the section has no name').optional(),
  /** The bot proposes the answer from earlier ones instead of asking; `change <label>` lets the author set it. */
  proposed: z.boolean().default(false),
});

/** A checked question, ready for the flow and the renderer. */
export interface Question {
  id: string;
  /** Short name for status lists and `change <label>`. */
  label: string;
  /** Other words people may use to name it in `change ...`. */
  aliases: string[];
  kind: QuestionKind;
  text: string;
  help: string;
  /** One valid answer, shown when an answer cannot be read. */
  example?: string;
  /** For single and multi questions (the channel question's come from the catalogue). */
  choices?: Choice[];
  optional: boolean;
  /** Text: maximum characters; number: maximum value. */
  max?: number;
  min?: number;
  integer?: boolean;
  when?: When;
  /** The part of the conversation it belongs to; progress is shown by part, so the count never jumps. */
  section: string;
  /** Proposed from earlier answers rather than asked (the journey, the business model, the tone). */
  proposed: boolean;
}

/** The whole conversation: the questions in order and the channel catalogue they offer. */
export interface QuestionScript {
  questions: Question[];
  catalogue: Channel[];
}

/**
 * Known question ids whose answers fill typed plan fields: their choices must come
 * from the plan vocabulary and their kind must match what `assembleDraft` reads.
 */
const KNOWN: Record<string, { kind: QuestionKind; vocabulary?: readonly string[] }> = {
  problems: { kind: 'multi', vocabulary: PROBLEM_TYPES },
  key_problem: { kind: 'single', vocabulary: PROBLEM_TYPES },
  audience_segment: { kind: 'single', vocabulary: SEGMENTS },
  audience_stage: { kind: 'single', vocabulary: STAGES },
  involvement: { kind: 'single', vocabulary: INVOLVEMENTS },
  motivation: { kind: 'single', vocabulary: MOTIVATIONS },
  research: { kind: 'multi', vocabulary: RESEARCH_KINDS },
  primary_objective: { kind: 'single', vocabulary: OBJECTIVES },
  secondary_objectives: { kind: 'multi', vocabulary: OBJECTIVES },
  message_type: { kind: 'single', vocabulary: MESSAGE_TYPES },
  currency: { kind: 'single', vocabulary: CURRENCIES },
  call_to_action: { kind: 'yesno' },
  business_model: { kind: 'single', vocabulary: BUSINESS_MODELS },
  journey: { kind: 'multi', vocabulary: STAGES },
  insight: { kind: 'text' },
  proposition: { kind: 'text' },
  tone: { kind: 'text' },
  incentive_offer: { kind: 'offer' },
  incentive_terms: { kind: 'text' },
  incentive_redemptions: { kind: 'number' },
  contact_plan: { kind: 'contact-plan' },
  goals: { kind: 'goals' },
  channels: { kind: 'multi' },
  budget_available: { kind: 'money' },
  target_revenue: { kind: 'money' },
  average_order_value: { kind: 'money' },
  conversion_rate: { kind: 'percentage' },
  cost_per_visit: { kind: 'money' },
  customer_value: { kind: 'money' },
  audience_size: { kind: 'number' },
  reach_rate: { kind: 'percentage' },
  frequency: { kind: 'number' },
  cpm: { kind: 'money' },
  start_date: { kind: 'date' },
  end_date: { kind: 'date' },
  review_date: { kind: 'date' },
};

/** Checks the parsed plan.yml (`{ questions: [...] }`) against the catalogue; throws ScriptError naming the question. */
export function validateScript(raw: unknown, catalogue: Channel[]): QuestionScript {
  const entries = questionEntries(raw);
  const questions: Question[] = [];
  for (const [index, entry] of entries.entries()) {
    const question = checkQuestion(entry, index, catalogue, questions.at(-1)?.section ?? DEFAULT_SECTION);
    if (questions.some((q) => q.id === question.id)) fail(question.id, 'the id is used by an earlier question too');
    checkWhen(question, questions);
    checkSection(question, questions);
    questions.push(question);
  }
  checkSectionsAsk(questions);
  return { questions, catalogue };
}

/** The part a script without sections is in. */
const DEFAULT_SECTION = 'Questions';

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
  for (const section of sectionsOf({ questions, catalogue: [] })) {
    const members = questions.filter((q) => q.section === section);
    if (!members.some((q) => !q.proposed && !q.when)) {
      fail(members[0]?.id ?? section, `section "${section}" has no question that is always asked; give it one, or merge it into its neighbour`);
    }
  }
}

/** The parts of the conversation, in order. */
export function sectionsOf(script: QuestionScript): string[] {
  return [...new Set(script.questions.map((q) => q.section))];
}

function questionEntries(raw: unknown): unknown[] {
  const top = z.object({ questions: z.array(z.unknown()).min(1) }).safeParse(raw);
  if (!top.success) throw new ScriptError('the question script must be an object with a non-empty `questions` list');
  return top.data.questions;
}

function fail(id: string, problem: string): never {
  throw new ScriptError(`question "${id}": ${problem}`);
}

function checkQuestion(entry: unknown, index: number, catalogue: Channel[], previousSection: string): Question {
  const id = entryId(entry, index);
  const parsed = RawQuestionSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    fail(id, `${where}${issue?.message ?? 'invalid'}`);
  }
  const { choices_from: choicesFrom, kind, section, ...rest } = parsed.data;
  if (!isKind(kind)) fail(id, `unknown kind "${kind}"; use one of ${QUESTION_KINDS.join(', ')}`);
  const choices = choicesFrom === 'catalogue' ? catalogueChoices(id, rest.choices, catalogue) : rest.choices;
  const question: Question = stripUndefined({ ...rest, kind, choices, section: section ?? previousSection });
  if (question.proposed && question.when) fail(id, 'a proposed question cannot also have `when`');
  checkChoices(question);
  checkKnown(question);
  return question;
}

function entryId(entry: unknown, index: number): string {
  if (typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string' && entry.id) {
    return entry.id;
  }
  throw new ScriptError(`question #${index + 1} has no id`);
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

function checkKnown(question: Question): void {
  const known = KNOWN[question.id];
  if (!known) return;
  if (question.kind !== known.kind) {
    fail(question.id, `must be of kind ${known.kind} (the plan stores its answer that way), not ${question.kind}`);
  }
  const vocabulary = known.vocabulary;
  if (!vocabulary) return;
  const unknown = (question.choices ?? []).filter((choice) => !vocabulary.includes(choice.id));
  if (unknown.length > 0) {
    fail(question.id, `unknown choice id(s) ${unknown.map((c) => `"${c.id}"`).join(', ')}; use ${vocabulary.join(', ')}`);
  }
}

function checkWhen(question: Question, earlier: Question[]): void {
  const when = question.when;
  if (!when) return;
  if (when.question === question.id) fail(question.id, '`when` refers to the question itself');
  const source = earlier.find((q) => q.id === when.question);
  if (!source) fail(question.id, `\`when\` refers to "${when.question}", which is not an earlier question`);
  if (source.proposed) fail(question.id, `\`when\` refers to "${source.id}", which is proposed rather than asked`);
  const valid = conditionIds(source);
  if (!valid) fail(question.id, `\`when\` refers to "${source.id}", a ${source.kind} question; use a single, multi or yesno question`);
  const unknown = when.in.filter((value) => !valid.includes(value));
  if (unknown.length > 0) {
    fail(question.id, `\`when\` lists ${unknown.map((v) => `"${v}"`).join(', ')}, not a choice of "${source.id}" (${valid.join(', ')})`);
  }
}

function conditionIds(question: Question): readonly string[] | undefined {
  if (question.kind === 'yesno') return YES_NO_IDS;
  return question.choices?.map((choice) => choice.id);
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Human label for a choice id of a question; falls back to the plan vocabulary, then to the id. */
export function choiceLabel(question: Question, id: string): string {
  return question.choices?.find((choice) => choice.id === id)?.label ?? vocabularyLabel(id) ?? id;
}

function vocabularyLabel(id: string): string | undefined {
  for (const group of Object.values(LABELS)) {
    const label = (group as Record<string, string>)[id];
    if (label) return label;
  }
  return undefined;
}

/**
 * From answers to a `PlanDraft`: which questions apply (their `when`), and how each
 * answer fills the plan, following the question ↔ plan map. Answers to questions
 * that no longer apply are ignored but kept in the state, so switching back restores them.
 */
import { z } from 'zod';
import { PlanDraftSchema, QUESTION_MAP, type Channel, type PlanDraft } from './plan.js';
import type { Question, QuestionScript } from '../conversation/question.js';
import type { AnswerValue, Answers } from '../conversation/flow-state.js';
import { currencyOf } from '../conversation/flow-answer.js';

/** Whether an earlier answer meets a `when` condition (any value of a multi answer; yes/no for booleans). */
function meets(value: AnswerValue | undefined, accepted: string[]): boolean {
  if (typeof value === 'boolean') return accepted.includes(value ? 'yes' : 'no');
  if (typeof value === 'string') return accepted.includes(value);
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && accepted.includes(v));
  return false;
}

/** The questions that apply given the answers so far, in script order. */
export function applicableQuestions(script: Pick<QuestionScript, 'questions'>, answers: Answers): Question[] {
  const applicable: Question[] = [];
  const ids = new Set<string>();
  for (const question of script.questions) {
    const when = question.when;
    // A condition on a question that itself does not apply is false: its answer does not count.
    if (!when || (ids.has(when.question) && meets(answers[when.question]?.value, when.in))) {
      applicable.push(question);
      ids.add(question.id);
    }
  }
  return applicable;
}

/** The answers that count: applicable questions, not skipped. */
export function countingAnswers(script: Pick<QuestionScript, 'questions'>, answers: Answers): Map<string, AnswerValue> {
  const values = new Map<string, AnswerValue>();
  for (const question of applicableQuestions(script, answers)) {
    const value = answers[question.id]?.value;
    if (value !== undefined && !answers[question.id]?.skipped) values.set(question.id, value);
  }
  return values;
}

/**
 * Builds the draft the rules judge from the answers that count: each answer goes to
 * its field in the map; channel ids become catalogue entries. The budget is always
 * there, in the plan's currency (CNY until it is answered), since money is read in it.
 */
export function assembleDraft(answers: Answers, script: QuestionScript, catalogue: Channel[] = script.catalogue): PlanDraft {
  const values = countingAnswers(script, answers);
  const raw: Record<string, unknown> = { budget: { currency: currencyOf(answers) } };
  for (const row of QUESTION_MAP) {
    const value = values.get(row.question);
    if (value === undefined) continue;
    const filled = row.catalogue ? chosenChannels(value, catalogue) : value;
    if (row.schema.safeParse(filled).success) setPath(raw, row.path, filled);
  }
  // Restating the primary objective as a secondary one adds nothing.
  if (Array.isArray(raw.secondaryObjectives)) raw.secondaryObjectives = raw.secondaryObjectives.filter((o) => o !== raw.primaryObjective);
  dropIncomplete(raw, PlanDraftSchema);
  return PlanDraftSchema.parse(raw);
}

function chosenChannels(value: AnswerValue, catalogue: Channel[]): Channel[] {
  const ids = Array.isArray(value) ? value : [];
  return ids.flatMap((id) => catalogue.filter((channel) => channel.id === id));
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (typeof next === 'object' && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/**
 * Leaves out a nested group its schema refuses, such as funnel inputs with only some
 * of the four answered: a half-filled model is no model, and the rules say what is missing.
 */
function dropIncomplete(raw: Record<string, unknown>, schema: z.ZodObject): void {
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = raw[key];
    const inner = unwrapOptional(field as z.ZodType);
    if (!(inner instanceof z.ZodObject) || typeof value !== 'object' || value === null) continue;
    dropIncomplete(value as Record<string, unknown>, inner);
    if (!inner.safeParse(value).success) delete raw[key];
  }
}

function unwrapOptional(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/**
 * The question ↔ plan map. A plan field that an answer fills says so where the
 * field is declared (plan.ts: `campaign: answer.text('campaign', REQUIRED)`), so the
 * plan's schema and the map cannot drift apart. `questionMapOf` reads those
 * declarations back as one table, which drives the script's start-up checks, the
 * draft assembly and the tests' lists of question ids.
 */
import { z } from 'zod';
import type { VocabularyName } from './vocabulary.js';

export const QUESTION_KINDS = ['single', 'multi', 'text', 'number', 'money', 'percentage', 'date', 'goals', 'yesno', 'costs', 'channel-costs', 'contact-plan', 'offer'] as const;
/** How an answer is read: each kind has its own parser. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What a plan field declares about the question that fills it. */
export interface FieldSource {
  /** The question's id in prompts/plan.yml. */
  question: string;
  /** The kind the question must have, so its parser gives the value the field holds. */
  kind: QuestionKind;
  /** single and multi: the vocabulary the choice ids must come from (and whose labels the choices give). */
  vocabulary?: VocabularyName;
  /** multi: the choices are the channel catalogue, and the field holds the chosen catalogue entries. */
  catalogue?: boolean;
  /** No plan can be posted without this answer, so the script must ask it and may not let it be skipped. */
  required?: boolean;
}

/** One row of the map: a question, the plan field it fills (a dotted path such as `budget.funnel.cpm`), and how. */
export interface MappedQuestion extends Required<Pick<FieldSource, 'question' | 'kind' | 'required'>> {
  path: string;
  vocabulary?: VocabularyName;
  catalogue?: boolean;
  /** The field's value schema: an answer it refuses (say, from an older script) is left out. */
  schema: z.ZodType;
}

const SOURCES = z.registry<FieldSource>();

/** Marks `schema` as the value of question `source.question`; returns the same schema (wrap it in `.optional()` after). */
export function answeredBy<T extends z.ZodType>(schema: T, source: FieldSource): T {
  SOURCES.add(schema, source);
  return schema;
}

/** `{ required: true }`, for readable field declarations. */
export const REQUIRED = { required: true } as const;

/** The map declared in `schema`: every field marked with {@link answeredBy}, nested objects included, in declaration order. */
export function questionMapOf(schema: z.ZodObject): MappedQuestion[] {
  const rows: MappedQuestion[] = [];
  const visit = (object: z.ZodObject, prefix: string): void => {
    for (const [key, field] of Object.entries(object.shape)) {
      const inner = unwrap(field as z.ZodType);
      const path = `${prefix}${key}`;
      const source = SOURCES.get(inner);
      if (source) rows.push({ ...source, path, required: source.required ?? false, schema: inner });
      else if (inner instanceof z.ZodObject) visit(inner, `${path}.`);
    }
  };
  visit(schema, '');
  const seen = new Set<string>();
  for (const row of rows) {
    // A programming slip, not a script one: two fields cannot be filled by the same answer.
    if (seen.has(row.question)) throw new Error(`question "${row.question}" fills two plan fields`);
    seen.add(row.question);
  }
  return rows;
}

/** The schema inside `.optional()` and `.default()`. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  return inner;
}

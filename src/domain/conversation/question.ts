/**
 * A question of a conversation, as checked data: what the flow asks, how the answer
 * is read (its kind), and what the renderer shows. Both scripts, the plan's and the
 * review's, produce these.
 */
import type { Channel, Labels } from '../plan/plan.js';
import type { QuestionKind } from '../plan/question-map.js';
import type { InputWords } from '../locale/input-words.js';

export { QUESTION_KINDS, type QuestionKind } from '../plan/question-map.js';

/** One option of a single or multi question. */
export interface Choice {
  id: string;
  label: string;
  description?: string;
  /** Display grouping, e.g. owned / paid / earned for channels. */
  group?: string;
}

/** One condition on an earlier answer (see `checkWhen` in script.ts for what each test means). */
export interface Condition {
  question: string;
  /** The answer is one of these (any of them, for multi answers). */
  in?: string[];
  /** The answer is none of these (an unanswered question counts as none). */
  not_in?: string[];
  /** At least `at_least` (default 1) of the chosen options belong to one of these groups (e.g. paid channels). */
  in_group?: string[];
  at_least?: number;
  /** No goal measures one of these metrics (e.g. ask the revenue target only when no goal sets it). */
  none_measure?: string[];
}

/** Ask the question only when the condition holds (every one of them, for a list). */
export type When = Condition | Condition[];

/** The conditions of a `when`, as a list. */
export function conditionsOf(when: When | undefined): Condition[] {
  if (when === undefined) return [];
  return Array.isArray(when) ? when : [when];
}

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
  /** Number: the smallest value; money and percentage: `0` lets zero be an answer (an actual outcome can be nothing). */
  min?: number;
  integer?: boolean;
  when?: When;
  /** The part of the conversation it belongs to ("Audience", "Message"): the plan shows progress by part, which never jumps. */
  section?: string;
  /** Proposed from earlier answers rather than asked (the journey, the business model, the tone); `change <label>` sets it. */
  proposed?: boolean;
}

/** The plan conversation: the questions in order, the channel catalogue they offer, and the vocabulary's labels. */
export interface QuestionScript {
  questions: Question[];
  catalogue: Channel[];
  /** Labels of vocabulary ids, read from the choices (see `labelsOf`). */
  labels: Labels;
  /** What people may type in other languages (locales/<language>/input.yml), when loaded. */
  words?: InputWords;
  /** The same script in other languages (locales/<language>/questions.yml), by language; see `scriptIn`. */
  translations?: Readonly<Record<string, QuestionScript>>;
}

/** yes/no answers are matched against these ids in `when` conditions. */
export const YES_NO_IDS = ['yes', 'no'] as const;

/** Human label for a choice id of a question; an id it does not offer is shown as it is. */
export function choiceLabel(question: Question, id: string): string {
  return question.choices?.find((choice) => choice.id === id)?.label ?? id;
}

/**
 * Finding the question meant by "change <target>": an id, a label, an alias, a name
 * in another language, or a word unique to one label ("the concept", "budget";
 * "dates" is ambiguous).
 */
import { choiceLabel, conditionsOf, type Condition, type Question, type QuestionScript } from './question.js';
import type { Answers } from './flow-state.js';
import { applicableQuestions, holds } from '../plan/assemble-draft.js';
import { findContained, hasHan, nameKey } from '../parse/find-names.js';
import { joined, list, phrase, type Phrase } from '../message/phrase.js';

const FILLERS = /^(?:the|my|our|a|an|to)\s+/;

function normalise(text: string): string {
  let words = text.toLowerCase().replace(/[_-]+/g, ' ').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  while (FILLERS.test(words)) words = words.replace(FILLERS, '');
  return words.replace(/\s+(?:question|answer)$/, '');
}

/** Other names of questions by id, in other languages (`预算`, `开始日期`), from the locale files. */
export type QuestionNames = Readonly<Record<string, readonly string[]>>;

/** The question's id, label and aliases, and its names in other languages. */
function namesOf(question: Question, names: QuestionNames): string[] {
  return [question.id, question.label, ...question.aliases, ...(names[question.id] ?? [])].map(normalise);
}

/** Longer than any question's name: a sentence, not worth searching for names. */
const MAX_TARGET = 100;

/** Chinese has no spaces to find a word in: `修改日期` holds no whole name, but `日期` is part of three. */
function containing(questions: readonly Question[], names: QuestionNames, wanted: string): Question[] {
  if (!hasHan(wanted) || wanted.length > MAX_TARGET) return [];
  const entries = questions.map((q) => ({ value: q, names: namesOf(q, names).map(nameKey) }));
  const found = findContained(nameKey(wanted), entries);
  return found.kind === 'none' ? [] : found.values;
}

/** A resolved target, or why not; `unknown` is true when the words name no question at all. */
export type ResolvedTarget = { ok: true; value: Question } | { ok: false; error: Phrase; unknown: boolean };

/** The question a `change` target names in the plan script, given the answers so far, or an error listing what can be changed. */
export function resolveTarget(script: Pick<QuestionScript, 'questions' | 'words'>, answers: Answers, target: string): ResolvedTarget {
  return findTarget(script.questions, applicableQuestions(script, answers), target, script.words?.questions, answers);
}

/**
 * The question a `change` target names among `questions` (those that apply now:
 * `applicable`; other names: `names`), or an error listing what can be changed and,
 * for a question that does not apply, the condition on `answers` that keeps it out.
 */
export function findTarget(
  questions: readonly Question[],
  applicable: readonly Question[],
  target: string,
  names: QuestionNames = {},
  answers: Answers = {},
): ResolvedTarget {
  const wanted = normalise(target);
  const label = (q: Question) => ({ content: q.label });
  const listing = phrase('conversation.change.listing', { questions: list(applicable.map(label), 'comma') });
  if (!wanted) return { ok: false, error: joined(phrase('conversation.change.which'), listing), unknown: false };
  const wantedKey = nameKey(wanted);
  const exact = questions.filter((q) => namesOf(q, names).some((name) => name === wanted || nameKey(name) === wantedKey));
  const partial = questions.filter((q) => namesOf(q, names).some((name) => name.split(' ').includes(wanted)));
  const candidates = exact.length > 0 ? exact : partial.length > 0 ? partial : containing(questions, names, wanted);
  const found = candidates.length === 1 ? candidates[0] : undefined;
  if (!found) {
    const why =
      candidates.length > 1
        ? phrase('conversation.change.ambiguous', { target, questions: list(candidates.map(label), 'or') })
        : phrase('conversation.change.unknown', { target });
    return { ok: false, error: joined(why, listing), unknown: candidates.length === 0 };
  }
  if (!applicable.some((q) => q.id === found.id)) return { ok: false, error: notApplicable(questions, found, answers), unknown: false };
  return { ok: true, value: found };
}

function notApplicable(questions: readonly Question[], question: Question, answers: Answers): Phrase {
  const sourceOf = (c: Condition) => questions.find((q) => q.id === c.question);
  const failing = conditionsOf(question.when).find((c) => !holds(c, answers, sourceOf(c)));
  const source = failing ? sourceOf(failing) : undefined;
  const label = { content: question.label };
  if (!failing || !source) return phrase('conversation.change.not_applicable', { question: label });
  return phrase('conversation.change.only_when', { question: label, condition: describeCondition(failing, source) });
}

/** "Primary objective is Purchase intention or Category demand". */
function describeCondition(condition: Condition, source: Question): Phrase {
  const names = (ids: string[]) => list(ids.map((id) => ({ content: choiceLabel(source, id) })), 'or');
  const question = { content: source.label };
  if (condition.in) return phrase('conversation.change.condition_in', { question, values: names(condition.in) });
  if (condition.not_in) return phrase('conversation.change.condition_not_in', { question, values: names(condition.not_in) });
  if (condition.in_group) {
    const groups = list(condition.in_group.map((group) => ({ content: group })), 'or');
    return phrase('conversation.change.condition_in_group', { question, groups, count: condition.at_least ?? 1 });
  }
  return phrase('conversation.change.condition_no_goal', { metrics: list((condition.none_measure ?? []).map((metric) => ({ content: metric })), 'or') });
}

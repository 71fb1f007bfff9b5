/**
 * Finding the question meant by "change <target>": an id, a label, an alias, or a
 * word unique to one label ("the concept", "budget", "dates" is ambiguous).
 */
import { choiceLabel, type Question } from './question.js';

const FILLERS = /^(?:the|my|our|a|an|to)\s+/;

function normalise(text: string): string {
  let words = text.toLowerCase().replace(/[_-]+/g, ' ').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  while (FILLERS.test(words)) words = words.replace(FILLERS, '');
  return words.replace(/\s+(?:question|answer)$/, '');
}

function namesOf(question: Question): string[] {
  return [question.id, question.label, ...question.aliases].map(normalise);
}

/** A resolved target, or why not; `unknown` is true when the words name no question at all. */
export type ResolvedTarget = { ok: true; value: Question } | { ok: false; error: string; unknown: boolean };

/** The question a `change` target names among `questions` (those that apply now: `applicable`), or an error listing what can be changed. */
export function resolveTarget(questions: readonly Question[], applicable: readonly Question[], target: string): ResolvedTarget {
  const wanted = normalise(target);
  const listing = `You can change: ${applicable.map((q) => q.label).join(', ')}. For example: "change budget".`;
  if (!wanted) return { ok: false, error: `Which question would you like to change? ${listing}`, unknown: false };
  const exact = questions.filter((q) => namesOf(q).includes(wanted));
  const partial = questions.filter((q) => namesOf(q).some((name) => name.split(' ').includes(wanted)));
  const candidates = exact.length > 0 ? exact : partial;
  const found = candidates.length === 1 ? candidates[0] : undefined;
  if (!found) {
    const why = candidates.length > 1 ? `"${target}" could mean ${candidates.map((q) => q.label).join(' or ')}.` : `I don't know a question called "${target}".`;
    return { ok: false, error: `${why} ${listing}`, unknown: candidates.length === 0 };
  }
  if (!applicable.some((q) => q.id === found.id)) return { ok: false, error: notApplicable(questions, found), unknown: false };
  return { ok: true, value: found };
}

function notApplicable(questions: readonly Question[], question: Question): string {
  const when = question.when;
  const source = questions.find((q) => q.id === when?.question);
  if (!when || !source) return `"${question.label}" does not apply to this plan.`;
  const values = when.in.map((id) => choiceLabel(source, id)).join(' or ');
  return `"${question.label}" does not apply to this plan: it is only asked when ${source.label} is ${values}.`;
}

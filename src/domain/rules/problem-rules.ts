/**
 * Defining the problem (domain §1, seed 000): keep one key problem, and check that
 * communication can actually solve it.
 */
import { NON_COMMS_PROBLEMS, type ProblemType } from '../plan/plan.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { joinNames, labelOf } from './rule-text.js';

const problemKey = defineRule({
  id: 'PROBLEM-KEY',
  severity: 'error',
  title: 'One key problem is chosen',
  questionIds: ['problems', 'key_problem'],
  check(draft, ctx) {
    const principle =
      'A campaign that tries to solve every problem solves none: prioritise, keep the one that matters most and drop the rest.';
    if (draft.keyProblem === undefined) {
      const named = draft.problems.map((p) => labelOf(ctx.labels, 'problem', p));
      return [
        {
          severity: 'error',
          problem:
            named.length > 0
              ? `You listed ${joinNames(named)} as problems but did not pick the key one.`
              : 'No problem has been named yet, so there is no key problem to solve.',
          principle,
          fix: 'Pick the single problem this campaign must solve, e.g. "Communication: people do not know our cold brew exists".',
          questionId: named.length > 0 ? 'key_problem' : 'problems',
        },
      ];
    }
    if (draft.problems.length > 0 && !draft.problems.includes(draft.keyProblem)) {
      return [
        {
          severity: 'error',
          problem: `The key problem "${labelOf(ctx.labels, 'problem', draft.keyProblem)}" is not one of the problems you listed (${joinNames(
            draft.problems.map((p) => labelOf(ctx.labels, 'problem', p)),
          )}).`,
          principle,
          fix: 'Choose the key problem from the problems you listed, or add it to that list first.',
          questionId: 'key_problem',
        },
      ];
    }
    return [];
  },
});

const problemNotComms = defineRule({
  id: 'PROBLEM-NOT-COMMS',
  severity: 'warning',
  title: 'Communication can fix the key problem',
  questionIds: ['key_problem', 'problem_statement'],
  check(draft, ctx) {
    const key: ProblemType | undefined = draft.keyProblem;
    if (key === undefined || !NON_COMMS_PROBLEMS.includes(key)) return [];
    return [
      {
        severity: 'warning',
        problem: `The key problem is a ${labelOf(ctx.labels, 'problem', key).toLowerCase()} problem, which communication alone cannot fix.`,
        principle:
          'Communication can fix communication and brand problems and help market and sales ones, but a weak product, service, price or logistics has to be fixed where it is.',
        fix: `Fix the ${labelOf(ctx.labels, 'problem', key).toLowerCase()} issue with the team that owns it, and give this campaign a problem communication can move, e.g. "Communication: buyers do not know the new recipe is better".`,
        questionId: 'key_problem',
      },
    ];
  },
});

/** Rules about the problem the campaign solves. */
export const PROBLEM_RULES: readonly RuleDefinition[] = [problemKey, problemNotComms];

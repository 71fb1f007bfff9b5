/**
 * Defining the problem (domain §1, seed 000): keep one key problem, and check that
 * communication can actually solve it.
 */
import { NON_COMMS_PROBLEMS, type ProblemType } from '../plan/plan.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';
import { all, term } from './rule-text.js';

const problemKey = defineRule({
  id: 'PROBLEM-KEY',
  severity: 'error',
  title: 'One key problem is chosen',
  questionIds: ['problems', 'key_problem'],
  check(draft) {
    const listed = all(draft.problems.map((p) => term('problem', p)));
    if (draft.keyProblem === undefined) {
      return draft.problems.length > 0
        ? [{ severity: 'error', id: 'not-picked', params: { problems: listed }, questionId: 'key_problem' }]
        : [{ severity: 'error', id: 'none-named', params: {}, questionId: 'problems' }];
    }
    if (draft.problems.length > 0 && !draft.problems.includes(draft.keyProblem)) {
      return [{ severity: 'error', id: 'not-listed', params: { key: term('problem', draft.keyProblem), problems: listed }, questionId: 'key_problem' }];
    }
    return [];
  },
});

const problemNotComms = defineRule({
  id: 'PROBLEM-NOT-COMMS',
  severity: 'warning',
  title: 'Communication can fix the key problem',
  questionIds: ['key_problem', 'problem_statement'],
  check(draft) {
    const key: ProblemType | undefined = draft.keyProblem;
    if (key === undefined || !NON_COMMS_PROBLEMS.includes(key)) return [];
    return [{ severity: 'warning', id: 'not-comms', params: { problem: term('problem', key, true) }, questionId: 'key_problem' }];
  },
});

/** Rules about the problem the campaign solves. */
export const PROBLEM_RULES: readonly RuleDefinition[] = [problemKey, problemNotComms];

import { describe, expect, it } from 'vitest';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

describe('PROBLEM-KEY', () => {
  it('passes when one key problem is chosen from the listed ones', () => {
    expect(findingsOf('PROBLEM-KEY', sampleDraft())).toEqual([]);
  });

  it('asks for the key problem, naming the problems listed', () => {
    const finding = onlyFinding('PROBLEM-KEY', { ...sampleDraft(), keyProblem: undefined });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('Communication and Market');
    expect(finding.questionId).toBe('key_problem');
  });

  it('sends a team with no problems back to the problem list', () => {
    const finding = onlyFinding('PROBLEM-KEY', { ...sampleDraft(), problems: [], keyProblem: undefined });
    expect(finding.questionId).toBe('problems');
  });

  it('rejects a key problem that is not among the listed problems', () => {
    const finding = onlyFinding('PROBLEM-KEY', { ...sampleDraft(), keyProblem: 'brand' });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('"Brand"');
  });
});

describe('PROBLEM-NOT-COMMS', () => {
  it('passes for a communication problem', () => {
    expect(findingsOf('PROBLEM-NOT-COMMS', sampleDraft())).toEqual([]);
  });

  it.each(['product', 'service', 'price', 'logistics'] as const)('warns that a %s problem needs more than communication', (key) => {
    const finding = onlyFinding('PROBLEM-NOT-COMMS', { ...sampleDraft(), problems: [key], keyProblem: key });
    expect(finding.severity).toBe('warning');
    expect(finding.problem).toContain(key);
    expect(finding.questionId).toBe('key_problem');
  });

  it.each(['market', 'brand', 'sales', 'channel'] as const)('stays quiet for a %s problem', (key) => {
    expect(findingsOf('PROBLEM-NOT-COMMS', { ...sampleDraft(), problems: [key], keyProblem: key })).toEqual([]);
  });
});

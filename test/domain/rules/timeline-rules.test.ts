import { describe, expect, it } from 'vitest';
import { sampleDraft } from '../../fixtures/plans.js';
import { findingsOf, onlyFinding } from './check-rule.js';

describe('TIMELINE-ORDER', () => {
  it('passes for a future start and a later end', () => {
    expect(findingsOf('TIMELINE-ORDER', sampleDraft())).toEqual([]);
  });

  it('accepts a campaign that starts today', () => {
    expect(findingsOf('TIMELINE-ORDER', sampleDraft(), '2027-03-01')).toEqual([]);
  });

  it('blocks a start in the past, naming both dates', () => {
    const finding = onlyFinding('TIMELINE-ORDER', sampleDraft(), '2027-03-02');
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('starts on 1 Mar 2027');
    expect(finding.problem).toContain('today is 2 Mar 2027');
    expect(finding.fix).toContain('"2027-03-02"');
    expect(finding.questionId).toBe('start_date');
  });

  it.each(['2027-03-01', '2027-02-15'])('blocks an end on or before the start (%s)', (endDate) => {
    const finding = onlyFinding('TIMELINE-ORDER', { ...sampleDraft(), endDate });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toContain('not after its start on 1 Mar 2027');
    expect(finding.fix).toContain('"2027-04-12"');
    expect(finding.questionId).toBe('end_date');
  });

  it('asks for missing dates', () => {
    expect(onlyFinding('TIMELINE-ORDER', { ...sampleDraft(), startDate: undefined }).questionId).toBe('start_date');
    expect(onlyFinding('TIMELINE-ORDER', { ...sampleDraft(), endDate: undefined }).questionId).toBe('end_date');
  });

  it('rejects dates that do not exist', () => {
    const finding = onlyFinding('TIMELINE-ORDER', { ...sampleDraft(), startDate: '2027-02-30' });
    expect(finding.problem).toContain('"2027-02-30" is not a real date');
  });
});

describe('REVIEW-SCHEDULED', () => {
  it('passes for a review after the end', () => {
    expect(findingsOf('REVIEW-SCHEDULED', sampleDraft())).toEqual([]);
  });

  it('blocks a plan without a review, suggesting a date after the end', () => {
    const finding = onlyFinding('REVIEW-SCHEDULED', { ...sampleDraft(), reviewDate: undefined });
    expect(finding.severity).toBe('error');
    expect(finding.problem).toBe('No review date has been set yet.');
    expect(finding.fix).toContain('"2027-05-14"');
    expect(finding.questionId).toBe('review_date');
  });

  it.each(['2027-04-30', '2027-04-01'])('blocks a review on or before the end (%s)', (reviewDate) => {
    const draft = { ...sampleDraft(), reviewDate };
    const finding = onlyFinding('REVIEW-SCHEDULED', draft);
    expect(finding.problem).toContain('is not after the campaign ends on 30 Apr 2027');
  });

  it('rejects a review date that does not exist', () => {
    const finding = onlyFinding('REVIEW-SCHEDULED', { ...sampleDraft(), reviewDate: '2027-13-01' });
    expect(finding.problem).toContain('"2027-13-01" is not a real date');
  });
});

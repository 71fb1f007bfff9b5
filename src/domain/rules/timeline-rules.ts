/**
 * The schedule (domain §1 and §6): a campaign that starts from today or later, ends
 * after it starts, and is reviewed afterwards so that the loop closes.
 */
import { addDays, isCalendarDate } from '../plan/calendar-date.js';
import type { Params } from '../message/phrase.js';
import { defineRule, type FindingBody, type RuleDefinition } from './rule-definition.js';
import { date } from './rule-text.js';

/** A date answer that is unusable: not given at all (`<what>-missing`), or not a real calendar date (`<what>-invalid`). */
function dateFinding(what: 'start' | 'end' | 'review', value: string | undefined, questionId: string, params: Params = {}): FindingBody {
  const blank = value === undefined || value === null || value === '';
  return blank
    ? { severity: 'error', id: `${what}-missing`, params, questionId }
    : { severity: 'error', id: `${what}-invalid`, params: { ...params, value: String(value) }, questionId };
}

const timelineOrder = defineRule({
  id: 'TIMELINE-ORDER',
  severity: 'error',
  title: 'The campaign dates are in order',
  questionIds: ['start_date', 'end_date'],
  check(draft, ctx) {
    const { startDate: start, endDate: end } = draft;
    if (!isCalendarDate(start)) return [dateFinding('start', start, 'start_date', { today: ctx.today })];
    if (start < ctx.today) {
      return [{ severity: 'error', id: 'start-past', params: { start: date(start), today: date(ctx.today), example: ctx.today }, questionId: 'start_date' }];
    }
    const example = { start: date(start), example: addDays(start, 42) };
    if (!isCalendarDate(end)) return [dateFinding('end', end, 'end_date', example)];
    if (end <= start) return [{ severity: 'error', id: 'end-before-start', params: { ...example, end: date(end) }, questionId: 'end_date' }];
    return [];
  },
});

const reviewScheduled = defineRule({
  id: 'REVIEW-SCHEDULED',
  severity: 'error',
  title: 'A review follows the campaign',
  questionIds: ['review_date'],
  check(draft) {
    const { endDate: end, reviewDate: review } = draft;
    const after = isCalendarDate(end) ? { example: { key: 'findings.review-scheduled.example', params: { date: addDays(end, 14) } } } : { example: { key: 'findings.review-scheduled.two-weeks' } };
    if (!isCalendarDate(review)) return [dateFinding('review', review, 'review_date', after)];
    if (isCalendarDate(end) && review <= end) {
      return [{ severity: 'error', id: 'not-after-end', params: { review: date(review), end: date(end), example: addDays(end, 14) }, questionId: 'review_date' }];
    }
    return [];
  },
});

/** Rules about the campaign dates and the review. */
export const TIMELINE_RULES: readonly RuleDefinition[] = [timelineOrder, reviewScheduled];

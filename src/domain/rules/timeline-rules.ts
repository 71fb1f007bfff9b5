/**
 * The schedule (domain §1 and §6): a campaign that starts from today or later, ends
 * after it starts, and is reviewed afterwards so that the loop closes.
 */
import { formatDate } from '../plan/format.js';
import { addDays, isCalendarDate } from '../plan/calendar-date.js';
import { defineRule, type RuleDefinition } from './rule-definition.js';

/** Why a date answer is unusable: not given at all, or not a real calendar date. */
function dateProblem(what: string, value: string | undefined): string {
  const blank = value === undefined || value === null || value === '';
  return blank ? `No ${what} has been set yet.` : `The ${what} "${String(value)}" is not a real date.`;
}

const timelineOrder = defineRule({
  id: 'TIMELINE-ORDER',
  severity: 'error',
  title: 'The campaign dates are in order',
  questionIds: ['start_date', 'end_date'],
  check(draft, ctx) {
    const principle = 'Phases, budget split and review all hang on the dates, so they must describe a real future period.';
    const { startDate: start, endDate: end } = draft;
    if (!isCalendarDate(start)) {
      return [
        {
          severity: 'error',
          problem: dateProblem('start date', start),
          principle,
          fix: `Give the first day of the campaign, e.g. "${ctx.today}" or later.`,
          questionId: 'start_date',
        },
      ];
    }
    if (start < ctx.today) {
      return [
        {
          severity: 'error',
          problem: `The campaign starts on ${formatDate(start)}, which is already in the past (today is ${formatDate(ctx.today)}).`,
          principle,
          fix: `Move the start to today or later, e.g. "${ctx.today}".`,
          questionId: 'start_date',
        },
      ];
    }
    if (!isCalendarDate(end) || end <= start) {
      return [
        {
          severity: 'error',
          problem: !isCalendarDate(end)
            ? dateProblem('end date', end)
            : `The campaign ends on ${formatDate(end)}, which is not after its start on ${formatDate(start)}.`,
          principle,
          fix: `Give an end date after ${formatDate(start)}, e.g. "${addDays(start, 42)}" for a six-week campaign.`,
          questionId: 'end_date',
        },
      ];
    }
    return [];
  },
});

const reviewScheduled = defineRule({
  id: 'REVIEW-SCHEDULED',
  severity: 'error',
  title: 'A review follows the campaign',
  questionIds: ['review_date'],
  check(draft) {
    const principle =
      'The review after the campaign turns results into the next plan\'s inputs; without it the loop never closes.';
    const { endDate: end, reviewDate: review } = draft;
    if (!isCalendarDate(review)) {
      return [
        {
          severity: 'error',
          problem: dateProblem('review date', review),
          principle,
          fix: isCalendarDate(end)
            ? `Set a date after the campaign ends to compare results with the goals, e.g. "${addDays(end, 14)}".`
            : 'Set a date after the campaign ends to compare results with the goals, e.g. two weeks after the end.',
          questionId: 'review_date',
        },
      ];
    }
    if (isCalendarDate(end) && review <= end) {
      return [
        {
          severity: 'error',
          problem: `The review on ${formatDate(review)} is not after the campaign ends on ${formatDate(end)}.`,
          principle,
          fix: `Move the review after ${formatDate(end)}, when the results are in, e.g. "${addDays(end, 14)}".`,
          questionId: 'review_date',
        },
      ];
    }
    return [];
  },
});

/** Rules about the campaign dates and the review. */
export const TIMELINE_RULES: readonly RuleDefinition[] = [timelineOrder, reviewScheduled];

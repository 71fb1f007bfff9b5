/**
 * What the budget questions propose from the plan's own answers (domain §4): the
 * conversion rate at the conversion goal's baseline (not its target), a first
 * estimate of the non-media lines, the phasing pattern the objective and message
 * suggest, the per-channel costs at the plan's figure; and, before the money
 * available is asked, what the plan needs, so the team answers knowing it.
 */
import { analyseBudget } from '../budget/budget.js';
import { shareOf } from '../budget/budget-exact.js';
import { inferPattern } from '../budget/schedule-phases.js';
import { formatMoney, formatNumber, rateAsTyped } from '../plan/format.js';
import { labelOf, MINOR_UNITS, type Channel, type Currency, type Goal, type PlanDraft } from '../plan/plan.js';
import type { Choice } from '../parse/index.js';
import { list, phrase, type Param, type Phrase } from '../message/phrase.js';
import { assembleDraft } from '../plan/assemble-draft.js';
import { joinNames } from '../rules/rule-text.js';
import { currencyOf } from './flow-answer.js';
import type { Answers, Suggestion } from './flow-state.js';
import type { Question, QuestionScript } from './script.js';

/** Share of the working media proposed for content and production when owned channels carry the concept. */
export const PROPOSED_CONTENT_SHARE = 0.1;
/** Share proposed for PR and seeding when earned channels are part of the mix. */
export const PROPOSED_PR_SHARE = 0.05;

/** The plan's paid channels as choices (for per-channel cost answers), in the order chosen. */
export function paidChannelChoices(script: QuestionScript, answers: Answers): Choice[] {
  const chosen = answers.channels?.value;
  if (!Array.isArray(chosen)) return [];
  const options = script.questions.find((q) => q.id === 'channels')?.choices ?? [];
  return chosen.flatMap((id) => options.filter((c) => c.id === id && c.group === 'paid'));
}

/** A proposal worked out from the plan's own answers, or undefined when there is none for this question. */
export function derivedSuggestion(script: QuestionScript, answers: Answers, question: Question): Suggestion | undefined {
  switch (question.id) {
    case 'conversion_rate':
      return conversionBaseline(answers);
    case 'non_media':
      return nonMediaProposal(assembleDraft(answers, script), currencyOf(answers));
    case 'phasing': {
      const draft = assembleDraft(answers, script);
      const pattern = inferPattern(draft);
      return { text: pattern, source: `${labelOf(script.labels, 'pattern', pattern).toLowerCase()} suits ${patternReason(draft)}`, basis: 'default' };
    }
    case 'channel_cpv':
      return channelCostProposal(script, answers, 'cost_per_visit', 'cost per visit');
    case 'channel_cpm':
      return channelCostProposal(script, answers, 'cpm', 'CPM');
    default:
      return undefined;
  }
}

/** Whether a derived proposal goes before a suggestion carried from the last review (this plan's own goal says more). */
export function derivedFirst(questionId: string): boolean {
  return questionId === 'conversion_rate';
}

/** A goal that wants to raise the conversion rate: the rate is budgeted at its baseline. */
function conversionBaseline(answers: Answers): Suggestion | undefined {
  const goals = answers.goals?.value;
  if (!Array.isArray(goals)) return undefined;
  const index = (goals as Goal[]).findIndex((g) => g?.metric === 'conversion' && g.unit === 'percent' && g.target > g.baseline && g.baseline > 0);
  const goal = (goals as Goal[])[index];
  const text = goal ? rateAsTyped(goal.baseline) : undefined;
  if (!goal || text === undefined) return undefined;
  return { text, source: `the baseline of goal ${index + 1} (Conversion): budget on today's rate, the target is the upside`, basis: 'default' };
}

/** Content and production for the owned channels, PR and seeding for the earned ones, as shares of the working media. */
function nonMediaProposal(draft: PlanDraft, currency: Currency): Suggestion | undefined {
  const sketch = analyseBudget(draft).sketch;
  const channels = Array.isArray(draft.channels) ? draft.channels : [];
  const names = (media: Channel['media']) => channels.filter((c) => c.media === media).map((c) => c.name);
  const [owned, earned] = [names('owned'), names('earned')];
  const working = sketch?.need.working ?? 0;
  const estimate = (share: number) => formatMoney(roundEstimate(shareOf(working, share), currency), currency);
  const lines: string[] = [];
  if (owned.length > 0 && working > 0) lines.push(`content ${estimate(PROPOSED_CONTENT_SHARE)} for ${joinNames(owned)}`);
  if (earned.length > 0 && working > 0) lines.push(`PR and seeding ${estimate(PROPOSED_PR_SHARE)} for ${joinNames(earned)}`);
  if (lines.length === 0) return undefined;
  return {
    text: lines.join('; '),
    source: `a first estimate: ${formatNumber(PROPOSED_CONTENT_SHARE * 100)} % of the ${formatMoney(working, currency)} of working media for content${earned.length > 0 ? `, ${formatNumber(PROPOSED_PR_SHARE * 100)} % for PR` : ''}`,
    basis: 'default',
  };
}

/** An estimate to three significant figures of whole currency units (¥28,235.36 -> ¥28,200): a proposal, not a quote. */
function roundEstimate(minor: number, currency: Currency): number {
  const per = MINOR_UNITS[currency];
  const major = minor / per;
  if (major < 1) return minor;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(major)) - 2);
  return Math.round(major / step) * step * per;
}

function patternReason(draft: PlanDraft): string {
  if (draft.audience?.stage === 'post-purchase') return 'a post-purchase audience: messages follow each purchase';
  if (draft.businessModel === 'b2b') return 'a B2B plan: buyers search all year';
  if (draft.messageType === 'incentive' || draft.messageType === 'both') return 'an incentive: an offer runs up to a date';
  return 'a launch: a short warm-up, then the push';
}

/** Every paid channel at the plan-wide figure, written the way the answer is read back. */
function channelCostProposal(script: QuestionScript, answers: Answers, planQuestion: string, name: string): Suggestion | undefined {
  const figure = answers[planQuestion]?.value;
  const channels = paidChannelChoices(script, answers);
  if (typeof figure !== 'number' || channels.length === 0) return undefined;
  const money = formatMoney(figure, currencyOf(answers));
  return {
    text: channels.map((c) => `${c.label} ${money}`).join('; '),
    source: `every paid channel at the plan's ${name} of ${money}`,
    basis: 'default',
  };
}

/** What the plan needs, shown before the money available is asked, as a phrase the reader's language words. */
export function questionLead(script: QuestionScript, answers: Answers, question: Question): Phrase | undefined {
  if (question.id !== 'budget_available') return undefined;
  const sketch = analyseBudget(assembleDraft(answers, script)).sketch;
  if (!sketch) return undefined;
  const money = (minor: number): Param => ({ money: minor, currency: sketch.currency });
  const count = (n: number): Param => ({ num: n, digits: 0 });
  const { need } = sketch;
  const task = need.traffic
    ? phrase('conversation.lead.visits', { visits: count(need.traffic.visits) })
    : need.reach
      ? phrase('conversation.lead.impressions', { impressions: count(need.reach.impressions) })
      : need.retention
        ? phrase('conversation.lead.contacts', { contacts: count(need.retention.contacts), customers: count(need.retention.customers) })
        : undefined;
  const parts: Param[] = [task ? phrase('conversation.lead.working_for', { money: money(need.working), task }) : phrase('conversation.lead.working', { money: money(need.working) })];
  if (need.nonMediaTotal > 0) parts.push(phrase('conversation.lead.non_media', { money: money(need.nonMediaTotal) }));
  if (need.incentive) parts.push(phrase('conversation.lead.incentive', { money: money(need.incentive.amount) }));
  if (need.reserve > 0) parts.push(phrase('conversation.lead.reserve', { money: money(need.reserve) }));
  const last = parts.pop() as Param;
  if (parts.length === 0) return phrase('conversation.lead.needs_single', { total: money(need.total), last });
  return phrase('conversation.lead.needs', { total: money(need.total), parts: list(parts, 'comma'), last });
}

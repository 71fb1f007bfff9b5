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
import { formatMoney, rateAsTyped } from '../plan/format.js';
import { labelOf, MINOR_UNITS, type Channel, type Currency, type Goal, type PlanDraft } from '../plan/plan.js';
import type { Choice } from '../parse/index.js';
import { METRIC_LABELS } from '../plan/vocabulary.js';
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
      return {
        text: pattern,
        display: phrase('conversation.proposal.answer', { answer: { content: pattern, ref: `choices.phasing.${pattern}` } }),
        source: phrase('conversation.proposal.pattern_suits', { pattern: { content: labelOf(script.labels, 'pattern', pattern).toLowerCase(), ref: `choices.phasing.${pattern}`, lower: true }, reason: phrase(`conversation.proposal.pattern_reason.${patternReason(draft)}`) }),
        basis: 'default',
      };
    }
    case 'channel_cpv':
      return channelCostProposal(script, answers, 'cost_per_visit');
    case 'channel_cpm':
      return channelCostProposal(script, answers, 'cpm');
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
  return { text, source: phrase('conversation.proposal.baseline', { goal: index + 1, metric: { content: METRIC_LABELS.conversion, ref: 'metrics.conversion' } }), basis: 'default' };
}

/** Content and production for the owned channels, PR and seeding for the earned ones, as shares of the working media. */
function nonMediaProposal(draft: PlanDraft, currency: Currency): Suggestion | undefined {
  const sketch = analyseBudget(draft).sketch;
  const channels = Array.isArray(draft.channels) ? draft.channels : [];
  const of = (media: Channel['media']) => channels.filter((c) => c.media === media);
  const [owned, earned] = [of('owned'), of('earned')];
  const working = sketch?.need.working ?? 0;
  const amount = (share: number) => roundEstimate(shareOf(working, share), currency);
  const estimate = (share: number) => formatMoney(amount(share), currency);
  const shown = (kind: 'content' | 'pr', share: number, on: Channel[]): Phrase =>
    phrase(`conversation.proposal.non_media.${kind}`, { money: { money: amount(share), currency }, channels: list(on.map((c): Param => ({ content: c.name, ref: `choices.channels.${c.id}` })), 'and') });
  const lines: string[] = [];
  const display: Param[] = [];
  if (owned.length > 0 && working > 0) {
    lines.push(`content ${estimate(PROPOSED_CONTENT_SHARE)} for ${joinNames(owned.map((c) => c.name))}`);
    display.push(shown('content', PROPOSED_CONTENT_SHARE, owned));
  }
  if (earned.length > 0 && working > 0) {
    lines.push(`PR and seeding ${estimate(PROPOSED_PR_SHARE)} for ${joinNames(earned.map((c) => c.name))}`);
    display.push(shown('pr', PROPOSED_PR_SHARE, earned));
  }
  if (lines.length === 0) return undefined;
  const share = (value: number): Param => ({ num: value * 100 });
  return {
    text: lines.join('; '),
    display: phrase('conversation.proposal.answer', { answer: list(display, 'semicolons') }),
    source: earned.length > 0
      ? phrase('conversation.proposal.non_media.estimate_pr', { content: share(PROPOSED_CONTENT_SHARE), pr: share(PROPOSED_PR_SHARE), working: { money: working, currency } })
      : phrase('conversation.proposal.non_media.estimate', { content: share(PROPOSED_CONTENT_SHARE), working: { money: working, currency } }),
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

/** Why the pattern suits the plan: a key of `conversation.proposal.pattern_reason`. */
function patternReason(draft: PlanDraft): 'post_purchase' | 'b2b' | 'incentive' | 'launch' {
  if (draft.audience?.stage === 'post-purchase') return 'post_purchase';
  if (draft.businessModel === 'b2b') return 'b2b';
  if (draft.messageType === 'incentive' || draft.messageType === 'both') return 'incentive';
  return 'launch';
}

/** Every paid channel at the plan-wide figure, written the way the answer is read back. */
function channelCostProposal(script: QuestionScript, answers: Answers, planQuestion: 'cost_per_visit' | 'cpm'): Suggestion | undefined {
  const figure = answers[planQuestion]?.value;
  const channels = paidChannelChoices(script, answers);
  if (typeof figure !== 'number' || channels.length === 0) return undefined;
  const currency = currencyOf(answers);
  const money = formatMoney(figure, currency);
  const cost: Param = { money: figure, currency };
  const each = channels.map((c): Param => phrase('conversation.proposal.channel_cost', { channel: { content: c.label, ref: `choices.channels.${c.id}` }, money: cost }));
  return {
    text: channels.map((c) => `${c.label} ${money}`).join('; '),
    display: phrase('conversation.proposal.answer', { answer: list(each, 'semicolons') }),
    source: phrase(`conversation.proposal.every_paid.${planQuestion}`, { money: cost }),
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

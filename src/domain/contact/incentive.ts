/**
 * The brand incentive's terms (seed 003, domain §8): the mechanic and its value, who
 * qualifies and for how long. Its cost (value × expected redemptions) is the budget's.
 */
import { phrase } from '../message/phrase.js';
import { parseMoney } from '../parse/parse-money.js';
import { fail, ok } from '../parse/parsed-result.js';
import { readInput } from '../parse/read-input.js';
import { readRate } from '../parse/parse-rate.js';
import { mentionsAny } from '../parse/word-signals.js';
import { toNumber } from '../parse/read-number.js';
import { INCENTIVE_MECHANICS, STAGES, type Currency, type IncentiveMechanic, type Parsed, type PlanDraft, type Stage } from '../plan/plan.js';
import { proposeIncentiveStages } from './contact-plan.js';
import { journeyOf } from './journey.js';

/** Words that name each mechanic; the first one found in the answer wins. Other languages add theirs. */
export const MECHANIC_WORDS: Record<IncentiveMechanic, readonly string[]> = {
  'referral-reward': ['referral', 'refer a friend', 'invite a friend', 'invite', 'fission', '邀请', '裂变'],
  'loyalty-points': ['loyalty points', 'points', 'double points', '积分'],
  'free-trial': ['free trial', 'trial', 'trial period', '试用'],
  sample: ['free sample', 'sample', 'samples', 'sampling', 'tasting', '小样', '试吃'],
  bundle: ['bundle', 'buy one get one', 'bogo', '2 for 1', 'two for one', 'set', '套装'],
  cashback: ['cashback', 'cash back', 'rebate', '返现'],
  contest: ['contest', 'lucky draw', 'draw', 'giveaway', 'sweepstake', 'sweepstakes', '抽奖'],
  gift: ['gift with purchase', 'free gift', 'gift', 'gwp', '赠品', '礼品'],
  coupon: ['coupon', 'voucher', 'promo code', 'discount code', 'code', '优惠券', '券'],
  discount: ['discount', 'off', 'sale price', 'markdown', 'price cut', '折', '满减', '立减'],
};

/** The offer as read: the mechanic, and its cost per redemption or its rate off the order. */
export interface Offer {
  mechanic: IncentiveMechanic;
  /** Cost to the brand of one redemption, minor units, when an amount was given. */
  value?: number;
  /** A percentage off the order (fraction), when given instead of an amount. */
  rate?: number;
}

const EXAMPLE = phrase('parse.offer.example');
const AMOUNT = /(?:[¥$€£]|hk\$|s\$|a\$|c\$)\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m)?|\d[\d,]*(?:\.\d+)?\s?(?:k|m)?\s?(?:yuan|rmb|cny|usd|eur|gbp|元|块)/i;
const PERCENT = /\d+(?:\.\d+)?\s?%/;

/** Reads an offer such as `¥30 coupon` or `20% off`: the mechanic is required, the amount or rate optional. */
export function parseOffer(text: string, currency: Currency): Parsed<Offer> {
  const input = readInput(text, 300, phrase('parse.offer.name_it', { example: EXAMPLE }));
  if (!input.ok) return input;
  const lowered = input.value.toLowerCase();
  const percentMatch = PERCENT.exec(lowered);
  const mechanic =
    INCENTIVE_MECHANICS.find((id) => id === lowered.replace(/\s+/g, '-')) ??
    (Object.keys(MECHANIC_WORDS) as IncentiveMechanic[]).find((id) => mentionsAny(lowered, MECHANIC_WORDS[id], 'letters')) ??
    (percentMatch ? 'discount' : undefined);
  if (mechanic === undefined) {
    return fail('parse.offer.unknown_kind', { example: EXAMPLE });
  }
  const amountMatch = AMOUNT.exec(input.value);
  if (amountMatch) {
    const money = parseMoney(amountMatch[0], currency);
    if (!money.ok) return fail('parse.offer.bad_amount', { reason: money.error, example: EXAMPLE });
    return ok({ mechanic, value: money.value }, money.note);
  }
  if (percentMatch) {
    const rate = readRate(percentMatch[0].replace(/\s/g, ''));
    const value = rate ? toNumber(rate.number, -2) : undefined;
    if (value === undefined || !(value > 0 && value < 1)) return fail('parse.offer.discount_range', { example: EXAMPLE });
    return ok({ mechanic, rate: value }, phrase('parse.offer.rate_cost'));
  }
  return ok({ mechanic });
}

/** Words that start the duration in a terms answer ("first order over ¥299, 1–11 Nov"). */
const DURATION_MARK = /(?:,\s*|\s+)(?=(?:during|for|until|till|through|from|in|on)\s|\d{1,2}\s?[–-]\s?\d{1,2}\b|(?:launch|peak|the first|first|one|two|three|\d+)\s(?:week|weeks|days?|months?)\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{4}-\d{2}-\d{2})/i;

/** In Chinese, the duration follows a comma and names a time: 上市首月, 11月1日至11日, 活动期间, 双11, 首周. */
const CHINESE_DURATION_MARK = /\s*[，,；;]\s*(?=[^，,；;]*(?:[年月周日天]|期间|之前|以前|截止|双11|双十一|618|大促))/u;

/** A terms answer split into who qualifies and for how long, at the first word that starts a duration. */
export function readTerms(text: string): { eligibility?: string; duration?: string } {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[.;]+$/, '');
  if (clean === '') return {};
  const mark = DURATION_MARK.exec(clean) ?? CHINESE_DURATION_MARK.exec(clean);
  if (!mark || mark.index === 0) return { eligibility: clean };
  const eligibility = clean.slice(0, mark.index).replace(/[,;\s]+$/, '');
  const duration = clean.slice(mark.index + mark[0].length).trim().replace(/^(?:during|for)\s+/i, '');
  return { eligibility, ...(duration !== '' ? { duration } : {}) };
}

/** True when the message offers a deal (an incentive, or a brand message with one). */
export function offersIncentive(draft: PlanDraft): boolean {
  return draft.messageType === 'incentive' || draft.messageType === 'both';
}

/**
 * The stages where the plan offers its incentive: the rows of the contact plan that carry
 * it, or, for a plan without one, the stages the incentive names or the proposal would
 * choose. Empty when the message offers nothing.
 */
export function incentiveStagesOf(draft: PlanDraft): Stage[] {
  if (!offersIncentive(draft)) return [];
  const rows = Array.isArray(draft.contactPlan) ? draft.contactPlan : [];
  if (rows.length > 0) return STAGES.filter((stage) => rows.some((row) => row?.usesIncentive === true && row.stage === stage));
  const named = Array.isArray(draft.incentive?.stages) ? draft.incentive.stages : [];
  return named.length > 0 ? STAGES.filter((stage) => named.includes(stage)) : proposeIncentiveStages(journeyOf(draft));
}

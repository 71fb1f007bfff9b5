/**
 * `/imc budget <target revenue> <AOV> <conversion> <cost per visit> [available]`:
 * the objective-and-task sum without a plan. It is built as a one-channel funnel plan
 * and judged by the same budget engine and the same budget rules, so it closes the
 * same way (working media + reserve) and refuses the same absurd figures.
 */
import type { BudgetSketch } from './budget-types.js';
import { analyseBudget } from './budget.js';
import { parseMoney, parseRate } from '../parse/index.js';
import { CURRENCIES, PlanDraftSchema, STAGES, type Currency, type Finding, type Labels, type Parsed, type PlanDraft } from '../plan/plan.js';
import { BUDGET_RULES } from '../rules/budget-rules.js';
import { joined, phrase, type Phrase } from '../message/phrase.js';

/** How `/imc budget` is called, with an example. */
export const QUICK_BUDGET_USAGE: Phrase = phrase('command.budget.usage');

/** The one paid channel a quick budget buys its visits on. */
export const QUICK_BUDGET_CHANNEL = { id: 'paid-media', name: 'Paid media', media: 'paid', stages: [...STAGES] } as const;

export interface QuickBudget {
  currency: Currency;
  /** The plan the figures make; the sketch and the findings are this plan's. */
  draft: PlanDraft;
  /** Undefined when the figures cannot make a budget (the findings say why). */
  sketch?: BudgetSketch;
  /** The budget rules' findings on it, errors first. */
  findings: Finding[];
  /** How the figures were read (e.g. a bare `2` read as 2 %). */
  notes: Phrase[];
}

/** Symbols and codes that tell the currency; `¥` alone reads as CNY. */
const CURRENCY_HINTS: [RegExp, Currency][] = [
  [/HK\$/i, 'HKD'],
  [/S\$/i, 'SGD'],
  [/A\$/i, 'AUD'],
  [/C\$/i, 'CAD'],
  [/\$/, 'USD'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/¥|元|rmb|yuan/i, 'CNY'],
];

/** The currency the amounts are written in, or `fallback` when they carry none. */
export function detectCurrency(args: readonly string[], fallback: Currency): Currency {
  const text = args.join(' ');
  const code = CURRENCIES.find((c) => new RegExp(`\\b${c}\\b`, 'i').test(text));
  if (code) return code;
  return CURRENCY_HINTS.find(([pattern]) => pattern.test(text))?.[1] ?? fallback;
}

const SEVERITY_ORDER = { error: 0, warning: 1, tip: 2 } as const;

/** Parses the arguments and judges the budget they make; unreadable figures are errors that name the argument and show the usage. */
export function quickBudget(args: readonly string[], fallbackCurrency: Currency, labels: Labels): Parsed<QuickBudget> {
  if (args.length < 4 || args.length > 5) {
    return { ok: false, error: phrase('command.budget.four_or_five', { usage: QUICK_BUDGET_USAGE }) };
  }
  const currency = detectCurrency(args, fallbackCurrency);
  const [revenueText = '', aovText = '', conversionText = '', cpvText = '', availableText] = args;
  const revenue = parseMoney(revenueText, currency);
  const refused = (argument: string, error: Phrase) => ({ ok: false as const, error: joined(phrase(`command.budget.argument.${argument}`), error) });
  if (!revenue.ok) return refused('target_revenue', revenue.error);
  const aov = parseMoney(aovText, currency);
  if (!aov.ok) return refused('average_order_value', aov.error);
  const conversion = parseRate(conversionText);
  if (!conversion.ok) return refused('conversion_rate', conversion.error);
  const cpv = parseMoney(cpvText, currency);
  if (!cpv.ok) return refused('cost_per_visit', cpv.error);
  const available = availableText === undefined ? undefined : parseMoney(availableText, currency, { allowZero: true });
  if (available && !available.ok) return refused('available', available.error);
  const draft = PlanDraftSchema.parse({
    primaryObjective: 'purchase-intention',
    channels: [QUICK_BUDGET_CHANNEL],
    budget: {
      currency,
      ...(available?.ok ? { available: available.value } : {}),
      funnel: { targetRevenue: revenue.value, averageOrderValue: aov.value, conversionRate: conversion.value, costPerVisit: cpv.value },
    },
  });
  const findings = BUDGET_RULES.flatMap((rule) => rule.check(draft, { today: '', labels })).sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  const sketch = analyseBudget(draft).sketch;
  const notes = [conversion.note].filter((n): n is Phrase => n !== undefined);
  return { ok: true, value: { currency, draft, ...(sketch ? { sketch } : {}), findings, notes } };
}

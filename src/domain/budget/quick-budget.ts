/**
 * `/imc budget <target revenue> <AOV> <conversion> <cost per visit> [available]`:
 * the objective-and-task sum in one line, for a quick answer without a plan.
 */
import type { BudgetComparison, FunnelMaths } from './budget-types.js';
import { compareBudget, funnelMaths } from './budget.js';
import { parseMoney, parseRate } from '../parse/index.js';
import { CURRENCIES, type Currency, type Parsed } from '../plan/plan.js';

export const QUICK_BUDGET_USAGE = '`/imc budget <target revenue> <average order value> <conversion> <cost per visit> [available budget]`, e.g. `/imc budget ¥1,000,000 ¥1,000 1% ¥2 ¥150,000`';

export interface QuickBudget {
  currency: Currency;
  maths: FunnelMaths;
  comparison?: BudgetComparison;
  notes: string[];
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

/** Parses the arguments and does the sums; errors name the argument and show the usage. */
export function quickBudget(args: readonly string[], fallbackCurrency: Currency): Parsed<QuickBudget> {
  if (args.length < 4 || args.length > 5) {
    return { ok: false, error: `I need four or five numbers: ${QUICK_BUDGET_USAGE}.` };
  }
  const currency = detectCurrency(args, fallbackCurrency);
  const [revenueText = '', aovText = '', conversionText = '', cpvText = '', availableText] = args;
  const revenue = parseMoney(revenueText, currency);
  if (!revenue.ok) return { ok: false, error: `Target revenue: ${revenue.error}` };
  const aov = parseMoney(aovText, currency);
  if (!aov.ok) return { ok: false, error: `Average order value: ${aov.error}` };
  const conversion = parseRate(conversionText);
  if (!conversion.ok) return { ok: false, error: `Conversion rate: ${conversion.error}` };
  const cpv = parseMoney(cpvText, currency);
  if (!cpv.ok) return { ok: false, error: `Cost per visit: ${cpv.error}` };
  const available = availableText === undefined ? undefined : parseMoney(availableText, currency, { allowZero: true });
  if (available && !available.ok) return { ok: false, error: `Available budget: ${available.error}` };
  const maths = funnelMaths({ targetRevenue: revenue.value, averageOrderValue: aov.value, conversionRate: conversion.value, costPerVisit: cpv.value });
  const notes = [conversion.note].filter((n): n is string => Boolean(n));
  return {
    ok: true,
    value: {
      currency,
      maths,
      notes,
      ...(available?.ok ? { comparison: compareBudget(maths.mediaBudget, available.value, maths) } : {}),
    },
  };
}

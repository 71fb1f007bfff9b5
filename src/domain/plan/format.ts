/**
 * Plain-text formatting of domain values for people: money, rates, numbers, dates.
 * Pure (no locale or clock from the environment) so that output is stable in tests.
 * The result is NOT escaped for Slack; rendering escapes it.
 */
import { CURRENCY_SYMBOLS, MINOR_UNITS, type Currency } from './plan.js';

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** 1234567 -> "1,234,567"; keeps up to `decimals` decimals, trimming trailing zeros. */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${sign}${whole.replace(GROUP, ',')}${trimmed ? `.${trimmed}` : ''}`;
}

/** Minor units -> "¥200,000" or "$5,000.50" (cents shown only when present). */
export function formatMoney(minor: number, currency: Currency): string {
  const per = MINOR_UNITS[currency];
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minor));
  const whole = Math.floor(abs / per);
  const cents = abs % per;
  const digits = per === 1 ? 0 : String(per).length - 1;
  const centsText = cents === 0 ? '' : `.${String(cents).padStart(digits, '0')}`;
  return `${sign}${CURRENCY_SYMBOLS[currency]}${String(whole).replace(GROUP, ',')}${centsText}`;
}

/** 0.0125 -> "1.25 %" (fractions in, percent out). */
export function formatRate(fraction: number, decimals = 2): string {
  return `${formatNumber(fraction * 100, decimals)} %`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-01" -> "1 Dec 2026". Unparseable input is returned as it is. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  return name ? `${Number(day)} ${name} ${year}` : iso;
}

/**
 * 0.012 -> "1.2%": a rate written the way the rate parser reads it back, to four
 * significant figures and never finer than the billionth the budget maths keeps;
 * undefined when that rounds to zero, which no plan may assume.
 */
export function rateAsTyped(rate: number): string | undefined {
  if (!(rate > 0) || !Number.isFinite(rate)) return undefined;
  const percent = rate * 100;
  const decimals = Math.min(7, Math.max(0, 3 - Math.floor(Math.log10(percent))));
  const text = formatNumber(percent, decimals);
  return text === '0' ? undefined : `${text}%`;
}

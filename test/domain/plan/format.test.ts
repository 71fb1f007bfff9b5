import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber, formatRate } from '../../../src/domain/plan/format.js';

describe('format', () => {
  it('groups thousands and trims trailing zeros', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatNumber(-1000)).toBe('-1,000');
  });

  it('shows money from minor units with the currency symbol', () => {
    expect(formatMoney(20_000_000, 'CNY')).toBe('¥200,000');
    expect(formatMoney(500_050, 'USD')).toBe('$5,000.50');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(-150, 'EUR')).toBe('-€1.50');
  });

  it('shows fractions as percentages', () => {
    expect(formatRate(0.02)).toBe('2 %');
    expect(formatRate(0.0125)).toBe('1.25 %');
  });

  it('shows ISO dates as day month year', () => {
    expect(formatDate('2026-12-01')).toBe('1 Dec 2026');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

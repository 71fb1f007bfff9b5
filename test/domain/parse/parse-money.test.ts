import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../support/english-parsers.js';
import type { Currency } from '../../../src/domain/plan/plan.js';

function value(text: string, currency: Currency = 'CNY', allowZero = false): number | string {
  const result = parseMoney(text, currency, { allowZero });
  return result.ok ? result.value : `error: ${result.error}`;
}

function error(text: string, currency: Currency = 'CNY'): string {
  const result = parseMoney(text, currency);
  if (result.ok) throw new Error(`expected ${text} to be rejected, got ${result.value}`);
  return result.error;
}

describe('parseMoney', () => {
  it.each([
    ['¥200,000', 20_000_000],
    ['200k', 20_000_000],
    ['200K', 20_000_000],
    ['1.2m', 120_000_000],
    ['1.5 million', 150_000_000],
    ['200000', 20_000_000],
    ['RMB 200,000', 20_000_000],
    ['CNY 200000', 20_000_000],
    ['cny200000', 20_000_000],
    ['200,000 yuan', 20_000_000],
    ['200,000元', 20_000_000],
    ['20万元', 20_000_000],
    ['200 000', 20_000_000],
    ['1bn', 100_000_000_000],
    ['0.1k', 10_000],
    ['¥5,000.50', 500_050],
    ['￥２００，０００', 20_000_000],
    ['`¥200,000`', 20_000_000],
    ['  ¥ 200,000  ', 20_000_000],
  ])('reads %s in CNY as %d fen', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('keeps cents exact instead of multiplying floats', () => {
    expect(value('$5,000.50', 'USD')).toBe(500_050);
    expect(value('USD 5,000.50', 'USD')).toBe(500_050);
    expect(value('5,000.5 dollars', 'USD')).toBe(500_050);
    expect(value('0.29', 'USD')).toBe(29);
    expect(value('1.15k', 'USD')).toBe(115_000);
  });

  it('reads euro and yen amounts', () => {
    expect(value('€2.5k', 'EUR')).toBe(250_000);
    expect(value('¥200,000', 'JPY')).toBe(200_000);
    expect(value('1.5m yen', 'JPY')).toBe(1_500_000);
  });

  it('reads a bare $ as the plan dollar and says so', () => {
    const result = parseMoney('$200', 'HKD');
    expect(result).toEqual({ ok: true, value: 20_000, note: expect.stringContaining('HKD') });
    expect(parseMoney('$200', 'USD')).toEqual({ ok: true, value: 20_000 });
  });

  it('rejects another currency, naming the plan currency', () => {
    expect(error('$5,000.50')).toMatch(/plan is in CNY.*`¥200,000`/);
    expect(error('USD 5,000')).toMatch(/CNY/);
    expect(error('€2.5k')).toMatch(/CNY/);
    expect(error('¥200', 'USD')).toMatch(/plan is in USD.*`\$200,000`/);
    expect(error('RMB 200', 'JPY')).toMatch(/JPY/);
  });

  it('rejects negatives, zero and too many decimals', () => {
    expect(error('-200')).toMatch(/negative.*`¥200,000`/);
    expect(error('-¥200')).toMatch(/negative/);
    expect(error('¥-200')).toMatch(/negative/);
    expect(error('0')).toMatch(/more than zero/);
    expect(value('0', 'CNY', true)).toBe(0);
    expect(error('¥1.234')).toMatch(/at most 2 decimal places/);
    expect(error('¥1.5', 'JPY')).toMatch(/no decimal places/);
    expect(error('200.000')).toMatch(/type `200,000`/);
    expect(error('1.2345678k')).toMatch(/decimal/);
  });

  it('rejects amounts too large to keep exactly', () => {
    expect(error('99999999999999999999')).toMatch(/too large/);
    expect(error('100000000bn')).toMatch(/too large/);
  });

  it.each(['abc', 'NaN', 'Infinity', '1e309', '1,00,000', '2,5', '<!channel>', "1; DROP TABLE plans;--", '💰', '1.2.3', '..', 'k'])(
    'rejects %s with an example',
    (text) => {
      expect(error(text)).toMatch(/`¥200,000`/);
    },
  );

  it('rejects very long input up front', () => {
    expect(error('9'.repeat(100_000))).toMatch(/too long.*`¥200,000`/);
  });
});

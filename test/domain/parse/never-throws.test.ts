import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber } from '../../../src/domain/plan/format.js';
import {
  matchChoice,
  matchChoices,
  parseDate,
  parseGoals,
  parseMoney,
  parseQuantity,
  parseRate,
  parseText,
  parseYesNo,
  parseNonMedia,
  parseChannelCosts,
  type EnglishParsed,
} from '../../support/english-parsers.js';
import { CURRENCIES, MINOR_UNITS } from '../../../src/domain/plan/plan.js';

const NOW = new Date('2026-03-01T17:00:00Z');
const CHOICES = [
  { id: 'brand-awareness', label: 'Brand awareness' },
  { id: 'brand-attitude', label: 'Brand attitude' },
  { id: 'purchase-intention', label: 'Purchase intention' },
];

/** Every parser, applied to one string. */
const PARSERS: Record<string, (text: string) => EnglishParsed<unknown>> = {
  parseMoney: (t) => parseMoney(t, 'CNY'),
  parseMoneyJpy: (t) => parseMoney(t, 'JPY', { allowZero: true }),
  parseRate,
  parseQuantity: (t) => parseQuantity(t, { integer: true }),
  parseDate: (t) => parseDate(t, NOW, 'Asia/Shanghai'),
  parseGoals: (t) => parseGoals(t, { now: NOW, timeZone: 'America/Los_Angeles', currency: 'CNY', defaultDeadline: '2027-01-01' }),
  parseText,
  matchChoice: (t) => matchChoice(t, CHOICES),
  matchChoices: (t) => matchChoices(t, CHOICES, { allowNone: true }),
  parseYesNo,
  parseNonMedia: (t) => parseNonMedia(t, 'CNY'),
  parseChannelCosts: (t) => parseChannelCosts(t, 'USD', [{ id: 'paid-search-ads', label: 'Search ads' }]),
};

/** A well-formed `Parsed`: a value, or a non-empty error that shows an example in backticks. */
function expectParsed(result: EnglishParsed<unknown>): void {
  if (result.ok) {
    expect(result).toHaveProperty('value');
    if (result.note !== undefined) expect(typeof result.note).toBe('string');
  } else {
    expect(result.error).toMatch(/`[^`]+`/);
  }
}

const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) });
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });
const numberish = fc.stringMatching(/^[-+ ¥$€,.%0-9kmbxe]{0,30}$/);
const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '<!channel>',
  '<@U123>',
  "'; DROP TABLE plans; --",
  '\uD800',
  '\uDFFF\uD800',
  '👍🏽👎',
  '1'.repeat(100_000),
  ' ,'.repeat(50_000),
  'a'.repeat(100_000),
  '0'.repeat(60) + '1',
  `${'1,'.repeat(30)}1`,
  `${'1 '.repeat(40)}k`,
  '-'.repeat(200) + '>',
  '\n'.repeat(5000),
];

describe('every parser returns a Parsed and never throws', () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} on hostile inputs`, () => {
      for (const text of HOSTILE) expectParsed(parse(text));
    });

    it(`${name} on arbitrary strings`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), anyUtf16, loneSurrogates, numberish), (text) => {
          expectParsed(parse(text));
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('valid input from the grammar is read exactly', () => {
  it('round-trips any amount through formatMoney in every currency', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), fc.maxSafeNat(), (currency, minor) => {
        const result = parseMoney(formatMoney(minor, currency), currency, { allowZero: true });
        expect(result).toMatchObject({ ok: true, value: minor });
      }),
      { numRuns: 1000 },
    );
  });

  it('reads grouped amounts with decimals and multipliers exactly', () => {
    const multipliers = { '': 0n, k: 3n, m: 6n, ' million': 6n } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.stringMatching(/^[0-9]{0,2}$/),
        fc.constantFrom(...(Object.keys(multipliers) as (keyof typeof multipliers)[])),
        fc.constantFrom('', '¥', 'RMB ', 'CNY '),
        (whole, fraction, multiplier, prefix) => {
          const text = `${prefix}${formatNumber(whole, 0)}${fraction === '' ? '' : `.${fraction}`}${multiplier}`;
          // Expected fen computed in integers: (whole.fraction) × 10^multiplier × 100.
          const scaled = BigInt(`${whole}${fraction}`) * 10n ** (multipliers[multiplier] + 2n);
          const expected = scaled / 10n ** BigInt(fraction.length);
          expect(parseMoney(text, 'CNY')).toMatchObject({ ok: true, value: Number(expected) });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads `n%` as exactly the decimal literal n/100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (hundredths) => {
        const percent = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
        expect(parseRate(`${percent}%`)).toEqual({ ok: true, value: Number(`${percent}e-2`) });
      }),
    );
  });

  it('round-trips whole quantities through formatNumber', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseQuantity(formatNumber(n), { integer: true })).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('round-trips ISO dates between 2000 and 2100', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (day) => {
        const iso = day.toISOString().slice(0, 10);
        expect(parseDate(iso, NOW, 'UTC')).toMatchObject({ ok: true, value: iso });
      }),
    );
  });

  it('reads generated goal lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('awareness', 'popularity', 'conversion rate', 'retention', 'loyalty'),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom('->', '→', '=>', 'to'),
        fc.constantFrom('- ', '• ', '* ', '1. ', ''),
        (metric, from, to, arrow, bullet) => {
          const result = parseGoals(`${bullet}${metric} ${from}% ${arrow} ${to}% by 2027-03-31`, { now: NOW, timeZone: 'UTC', currency: 'CNY' });
          expect(result).toMatchObject({
            ok: true,
            value: [{ unit: 'percent', baseline: Number(`${from}e-2`), target: Number(`${to}e-2`), deadline: '2027-03-31' }],
          });
        },
      ),
    );
  });
});

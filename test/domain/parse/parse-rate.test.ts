import { describe, expect, it } from 'vitest';
import { parseRate } from '../../support/english-parsers.js';

describe('parseRate', () => {
  it.each([
    ['2%', 0.02],
    ['2 %', 0.02],
    ['0.5%', 0.005],
    ['100%', 1],
    ['7%', 0.07],
    ['2 percent', 0.02],
    ['1.25%', 0.0125],
  ])('reads %s as %d exactly, without a note', (text, expected) => {
    expect(parseRate(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2', 0.02, 'Read `2` as 2 %.'],
    ['1', 0.01, 'Read `1` as 1 %.'],
    ['7', 0.07, 'Read `7` as 7 %.'],
    ['100', 1, 'Read `100` as 100 %.'],
    ['0.02', 0.02, 'Read `0.02` as 2 %.'],
    ['0.5', 0.5, 'Read `0.5` as 50 %.'],
  ])('reads the bare number %s as %d and explains how', (text, expected, note) => {
    expect(parseRate(text)).toEqual({ ok: true, value: expected, note });
  });

  it.each(['0', '0%', '-2%', '-0.5', '150', '101%', 'abc', 'NaN', 'Infinity', '1e309', '2k', '%', '', '   '])(
    'rejects %s with an example',
    (text) => {
      const result = parseRate(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain('`2%`');
    },
  );

  it('says why zero and more than 100 % are refused', () => {
    expect(parseRate('0')).toMatchObject({ ok: false, error: expect.stringMatching(/more than 0 %/) });
    expect(parseRate('150')).toMatchObject({ ok: false, error: expect.stringMatching(/more than 100 %/) });
  });
});

import { describe, expect, it } from 'vitest';
import { parseMoney, parseQuantity, parseRate, readNumber, toNumber } from '../../support/english-parsers.js';

function money(text: string, currency: 'CNY' | 'USD' | 'JPY' = 'CNY'): number | string {
  const result = parseMoney(text, currency);
  return result.ok ? result.value : `error: ${result.error}`;
}

describe('numbers written the Chinese way', () => {
  it.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['两千', 2000],
    ['一千五百', 1500],
    ['一千零五', 1005],
    ['一万五', 15_000],
    ['三千五', 3500],
    ['一百五', 150],
    ['三十万', 300_000],
    ['一百二十万', 1_200_000],
    ['3千万', 30_000_000],
    ['1万5千', 15_000],
    ['1万5', 15_000],
    ['1亿2000万', 120_000_000],
    ['一点五万', 15_000],
    ['二〇二七', 2027],
    ['1.5千', 1500],
    ['一万亿', 1_000_000_000_000],
  ])('reads %s as %d', (text, expected) => {
    const number = readNumber(text);
    expect(number).toBeDefined();
    expect(toNumber(number!)).toBe(expected);
  });

  it.each(['万', '十十', '百十十', '1万1.5', '点五', '一点', '三个', '万万万'.repeat(30)])('refuses %s', (text) => {
    expect(readNumber(text)).toBeUndefined();
  });

  it('keeps the plain readings: `30万` and `1.2亿` as before, `2000` with no multiplier', () => {
    expect(readNumber('30万')).toMatchObject({ mantissa: 30n, exponent: 4, multiplier: '万' });
    expect(readNumber('两千')).toMatchObject({ mantissa: 2000n, exponent: 0, multiplier: '千' });
    expect(readNumber('二十')).not.toHaveProperty('multiplier');
    expect(readNumber('2000')).not.toHaveProperty('multiplier');
  });
});

describe('money in Chinese', () => {
  it.each([
    ['30万', 30_000_000],
    ['30 万', 30_000_000],
    ['1.2亿', 12_000_000_000],
    ['500元', 50_000],
    ['500 元', 50_000],
    ['500块', 50_000],
    ['500块钱', 50_000],
    ['￥500', 50_000],
    ['¥500', 50_000],
    ['￥30万', 30_000_000],
    ['30万元', 30_000_000],
    ['人民币30万', 30_000_000],
    ['人民币 30万元', 30_000_000],
    ['30万人民币', 30_000_000],
    ['两千', 200_000],
    ['两千元', 200_000],
    ['三十万元', 30_000_000],
    ['二十五万', 25_000_000],
    ['３０万', 30_000_000],
    ['２５万元', 25_000_000],
    ['１，０００元', 100_000],
    ['1,000元', 100_000],
    ['一点五万元', 1_500_000],
    ['RMB 30万', 30_000_000],
  ])('reads %s in CNY as %d fen', (text, expected) => {
    expect(money(text)).toBe(expected);
  });

  it('reads 美元 as dollars in a USD plan and refuses it in a CNY plan, naming it', () => {
    expect(money('500美元', 'USD')).toBe(50_000);
    expect(money('美元500', 'USD')).toBe(50_000);
    expect(money('500美元')).toMatch(/`美元` is another currency/);
    expect(money('500日元', 'JPY')).toBe(500);
    expect(money('500日元')).toMatch(/`日元` is another currency/);
    expect(money('500元', 'USD')).toMatch(/`元` is another currency/);
  });

  it('refuses negative and unreadable Chinese amounts with an example', () => {
    expect(money('负五百')).toMatch(/can't be negative.*`¥200,000`/);
    expect(money('-三十万')).toMatch(/can't be negative/);
    expect(money('很多钱')).toMatch(/couldn't read `很多钱` as an amount/);
    expect(money('万元')).toMatch(/couldn't read/);
  });

  it('keeps yen whole: 1.5万日元 is 15,000 yen, 0.5日元 is refused', () => {
    expect(money('1.5万日元', 'JPY')).toBe(15_000);
    expect(money('0.5日元', 'JPY')).toMatch(/no decimal places/);
  });
});

describe('rates and quantities in Chinese', () => {
  it.each([
    ['百分之二', 0.02],
    ['百分之二十', 0.2],
    ['百分之2.5', 0.025],
    ['百分之零点五', 0.005],
    ['百分之 一', 0.01],
    ['2％', 0.02],
    ['２％', 0.02],
    ['千分之五', 0.005],
    ['2个百分点', 0.02],
  ])('reads %s as %d', (text, expected) => {
    expect(parseRate(text)).toEqual({ ok: true, value: expected });
  });

  it('refuses a rate over 100 % or with a multiplier', () => {
    expect(parseRate('百分之一百五十')).toMatchObject({ ok: false, error: expect.stringContaining('150 %') });
    expect(parseRate('百分之两千')).toMatchObject({ ok: false });
    expect(parseRate('百分之')).toMatchObject({ ok: false });
  });

  it.each([
    ['3次', 3],
    ['200万人', 2_000_000],
    ['两百万', 2_000_000],
    ['两百万人次', 2_000_000],
    ['５个', 5],
    ['1080单', 1080],
    ['1,080 笔', 1080],
    ['三', 3],
  ])('reads the quantity %s as %d', (text, expected) => {
    expect(parseQuantity(text)).toEqual({ ok: true, value: expected });
  });
});

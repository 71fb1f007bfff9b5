/**
 * Money, dates, rates, numbers and lists as each language writes them (Intl), the way
 * the reader meets them inside a sentence of the catalogue.
 */
import { describe, expect, it } from 'vitest';
import { localeFormat } from '../../../src/render/i18n/locale-format.js';
import { shown, en, zh } from '../../support/words.js';

const EN = localeFormat('en');
const ZH = localeFormat('zh-CN');

describe('money', () => {
  it('English writes the whole amount with thousands separators, Chinese uses 万 and 亿 when exact', () => {
    expect(EN.money(25_000_000, 'CNY')).toBe('¥250,000');
    expect(ZH.money(25_000_000, 'CNY')).toBe('¥25万');
    expect(ZH.money(120_000_000_00, 'CNY')).toBe('¥1.2亿');
    expect(ZH.money(1_250_000_00, 'CNY')).toBe('¥125万');
  });

  it('Chinese keeps an amount in full when 万 would round it away, and below ¥1万', () => {
    expect(ZH.money(1_234_567, 'CNY')).toBe('¥12,345.67');
    expect(ZH.money(12_345_600, 'CNY')).toBe('¥123,456');
    expect(ZH.money(999_900, 'CNY')).toBe('¥9,999');
  });

  it('decimals only where the currency has them and the amount needs them; negatives and yen', () => {
    expect(EN.money(500_050, 'USD')).toBe('$5,000.50');
    expect(EN.money(-150, 'USD')).toBe('-$1.50');
    expect(ZH.money(-2_000_000, 'CNY')).toBe('-¥2万');
    expect(EN.money(5_000, 'JPY')).toBe('¥5,000');
  });
});

describe('dates', () => {
  it('English writes 5 Jan 2027, Chinese 2027年1月5日', () => {
    expect(EN.date('2027-01-05')).toBe('5 Jan 2027');
    expect(ZH.date('2027-01-05')).toBe('2027年1月5日');
    expect(ZH.date('2026-12-31')).toBe('2026年12月31日');
  });

  it('leaves what is not an ISO day as it is', () => {
    expect(EN.date('next spring')).toBe('next spring');
    expect(ZH.date('2027-1-5')).toBe('2027-1-5');
  });
});

describe('rates, numbers and lists', () => {
  it('rates with the space English uses and the one Chinese does not', () => {
    expect(EN.rate(0.0125)).toBe('1.25 %');
    expect(ZH.rate(0.0125)).toBe('1.25%');
    expect(ZH.rate(0.4)).toBe('40%');
  });

  it('numbers grouped by Intl', () => {
    expect(EN.number(1_234_567.891)).toBe('1,234,567.89');
    expect(ZH.number(1_234_567, 0)).toBe('1,234,567');
    expect(EN.number(-0)).toBe('0');
  });

  it('lists joined by Intl.ListFormat, and by 、 in Chinese', () => {
    expect(EN.list(['Awareness', 'Trial', 'Loyalty'], 'and')).toBe('Awareness, Trial, and Loyalty');
    expect(ZH.list(['认知', '试用', '忠诚'], 'and')).toBe('认知、试用和忠诚');
    expect(EN.list(['a', 'b'], 'or')).toBe('a or b');
    expect(ZH.list(['甲', '乙'], 'comma')).toBe('甲、乙');
  });
});

describe('inside a sentence of the catalogue', () => {
  it('the same phrase shows the amount and the date in each reader\'s form', () => {
    const reminder = { key: 'approval.reminder_on', params: { date: { date: '2027-03-31' } } };
    expect(zh(reminder)).toContain('2027年3月31日');
    expect(en(reminder)).toContain('31 Mar 2027');
    expect(shown('zh-CN', { money: 30_000_000, currency: 'CNY' })).toBe('¥30万');
    expect(shown('en', { money: 30_000_000, currency: 'CNY' })).toBe('¥300,000');
  });

  it('a count picks the plural form in English; Chinese has one form', () => {
    expect(en({ key: 'common.others', params: { count: 1 } })).toBe('1 other');
    expect(en({ key: 'common.others', params: { count: 3 } })).toBe('3 others');
    expect(zh({ key: 'common.others', params: { count: 3 } })).toBe('另外 3 人');
  });
});

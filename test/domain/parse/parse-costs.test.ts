import { describe, expect, it } from 'vitest';
import { parseChannelCosts, parseNonMedia, splitItems } from '../../support/english-parsers.js';

const PAID = [
  { id: 'paid-search-ads', label: 'Search ads' },
  { id: 'paid-ecommerce-ads', label: 'E-commerce platform ads (Tmall, JD, Amazon)' },
];

describe('splitItems', () => {
  it('splits at semicolons, new lines and commas that start an item, not inside amounts or brackets', () => {
    expect(splitItems('content ¥20,000 for the website; PR ¥10,000\nagency 5k, film shoot 1.2m')).toEqual([
      'content ¥20,000 for the website',
      'PR ¥10,000',
      'agency 5k',
      'film shoot 1.2m',
    ]);
    expect(splitItems('E-commerce platform ads (Tmall, JD, Amazon) ¥1.50；Search ads ¥2')).toEqual(['E-commerce platform ads (Tmall, JD, Amazon) ¥1.50', 'Search ads ¥2']);
  });

  it('keeps a list of names in its item: a comma starts an item only when a number follows it', () => {
    expect(splitItems('content ¥62,700 for Official online store, Xiaohongshu brand account, SMS and push notifications and Private community (member groups); PR ¥31,300')).toEqual([
      'content ¥62,700 for Official online store, Xiaohongshu brand account, SMS and push notifications and Private community (member groups)',
      'PR ¥31,300',
    ]);
    expect(splitItems('the website, the app: content ¥20,000, PR 10k')).toEqual(['the website, the app: content ¥20,000', 'PR 10k']);
  });
});

describe('parseNonMedia', () => {
  it('reads each line’s amount (a marked amount before a bare count) and what it pays for', () => {
    const read = parseNonMedia('content ¥20,000 for the website; KOL fees 30k for 5 creators; film shoot ¥50,000; agency retainer 8000; misc 1,000', 'CNY');
    expect(read).toEqual({
      ok: true,
      value: [
        { kind: 'content', description: 'for the website', amount: 2_000_000 },
        { kind: 'kol-fees', description: 'for 5 creators', amount: 3_000_000 },
        { kind: 'production', description: 'film shoot', amount: 5_000_000 },
        { kind: 'agency', description: 'agency retainer', amount: 800_000 },
        { kind: 'other', description: 'misc', amount: 100_000 },
      ],
    });
  });

  it('takes a number followed by a currency word, and Chinese words', () => {
    expect(parseNonMedia('拍摄 20000 yuan', 'CNY')).toEqual({ ok: true, value: [{ kind: 'production', amount: 2_000_000 }] });
    expect(parseNonMedia('内容 2万元；公关 1万元', 'CNY')).toEqual({ ok: true, value: [{ kind: 'content', amount: 2_000_000 }, { kind: 'pr', amount: 1_000_000 }] });
  });

  it('reads back the bot’s own proposal for five owned channels and one earned one', () => {
    const proposal = 'content ¥62,700 for Official online store, Xiaohongshu brand account, SMS and push notifications, Private community (member groups) and Brand live streams and live commerce; PR and seeding ¥31,300 for Reviews and word of mouth';
    expect(parseNonMedia(proposal, 'CNY')).toEqual({
      ok: true,
      value: [
        { kind: 'content', description: 'for Official online store, Xiaohongshu brand account, SMS and push notifications, Private community (member groups) and Brand live streams and live commerce', amount: 6_270_000 },
        { kind: 'pr', description: 'for Reviews and word of mouth', amount: 3_130_000 },
      ],
    });
  });

  it('reads `none` as no lines', () => {
    expect(parseNonMedia('none', 'CNY')).toEqual({ ok: true, value: [] });
    expect(parseNonMedia('0', 'USD')).toEqual({ ok: true, value: [] });
  });

  it('refuses a line without an amount, two amounts in a line, another currency and too many lines', () => {
    expect(parseNonMedia('content', 'CNY')).toMatchObject({ ok: false, error: expect.stringContaining("I couldn't find an amount in `content`") });
    expect(parseNonMedia('PR ¥10,000 ¥20,000', 'CNY')).toMatchObject({ ok: false, error: expect.stringContaining('more than one amount') });
    expect(parseNonMedia('content $2,000', 'CNY').ok).toBe(false);
    expect(parseNonMedia(Array.from({ length: 13 }, (_, i) => `line ${i} ¥1`).join('; '), 'CNY')).toMatchObject({ ok: false, error: expect.stringContaining('at most 12') });
  });
});

describe('parseChannelCosts', () => {
  it('matches each cost to a paid channel by a unique part of its name', () => {
    expect(parseChannelCosts('E-commerce ads ¥1.50; Search ads ¥2', 'CNY', PAID)).toMatchObject({
      ok: true,
      value: [
        { channelId: 'paid-ecommerce-ads', amount: 150 },
        { channelId: 'paid-search-ads', amount: 200 },
      ],
    });
  });

  it('reads back its own proposal, brackets and all', () => {
    expect(parseChannelCosts('Search ads ¥2; E-commerce platform ads (Tmall, JD, Amazon) ¥2', 'CNY', PAID)).toMatchObject({ ok: true, value: [{ amount: 200 }, { amount: 200 }] });
  });

  it('keeps the plan’s figure for every channel with `same`', () => {
    expect(parseChannelCosts('same', 'CNY', PAID)).toEqual({ ok: true, value: [] });
  });

  it('refuses an unknown channel, a channel twice, a zero cost and a cost with no channel', () => {
    expect(parseChannelCosts('TV ¥5', 'CNY', PAID)).toMatchObject({ ok: false, error: expect.stringContaining("`TV` is not one of the plan's paid channels") });
    expect(parseChannelCosts('search ¥2; search ads ¥3', 'CNY', PAID)).toMatchObject({ ok: false, error: expect.stringContaining('has two costs') });
    expect(parseChannelCosts('search ¥0', 'CNY', PAID)).toMatchObject({ ok: false, error: expect.stringContaining('more than zero') });
    expect(parseChannelCosts('¥2', 'CNY', PAID)).toMatchObject({ ok: false, error: expect.stringContaining('Which channel costs ¥2?') });
  });
});

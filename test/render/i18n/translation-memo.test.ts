import { describe, expect, it } from 'vitest';
import { loadMessageCatalogue } from '../../../src/app/load-locales.js';
import { phrase } from '../../../src/domain/message/phrase.js';
import { createTranslators, TRANSLATION_MEMO_SIZE } from '../../../src/render/i18n/translator.js';

// Each translator keeps the words of the phrases it has worded; what a reader sees must not change with it.
describe('a translator words a phrase the same with or without what it remembers', () => {
  const fresh = () => createTranslators(loadMessageCatalogue());

  it('gives each value its own words, asked in any order and again', () => {
    const t = fresh().for('en');
    const spring = phrase('plan.cancel.done', { planId: 'P-AAAAA', title: 'Spring launch' });
    const autumn = phrase('plan.cancel.done', { planId: 'P-BBBBB', title: 'Autumn launch' });
    expect(t.text(spring)).toBe('Plan `P-AAAAA` (Spring launch) is cancelled.');
    expect(t.text(autumn)).toBe('Plan `P-BBBBB` (Autumn launch) is cancelled.');
    expect(t.text(spring)).toBe('Plan `P-AAAAA` (Spring launch) is cancelled.');
  });

  it('keeps mrkdwn and plain text apart (the same typed title, escaped or not)', () => {
    const t = fresh().for('en');
    const typed = phrase('plan.cancel.done', { planId: 'P-AAAAA', title: 'R&D <launch>' });
    const plain = t.plain(typed);
    const mrkdwn = t.text(typed);
    expect(plain).toContain('R&D <launch>');
    expect(mrkdwn).toContain('R&amp;D &lt;launch&gt;');
    expect(t.plain(typed)).toBe(plain);
    expect(t.text(typed)).toBe(mrkdwn);
  });

  it('keeps the languages apart', () => {
    const translators = fresh();
    const done = phrase('plan.cancel.done', { planId: 'P-AAAAA', title: 'Spring' });
    const english = translators.for('en').text(done);
    const chinese = translators.for('zh-CN').text(done);
    expect(chinese).not.toBe(english);
    expect(translators.for('en').text(done)).toBe(english);
    expect(translators.for('zh-CN').text(done)).toBe(chinese);
  });

  it('picks the plural form by the count each time', () => {
    const t = fresh().for('en');
    const visits = (count: number) => t.text(phrase('pages.budget.units.visit', { count, n: String(count) }));
    expect([visits(1), visits(2), visits(1), visits(2)]).toEqual(['1 visit', '2 visits', '1 visit', '2 visits']);
  });

  it('still words every phrase right after more distinct phrases than it keeps', () => {
    const t = fresh().for('en');
    for (let n = 0; n < TRANSLATION_MEMO_SIZE + 50; n += 1) {
      expect(t.text(phrase('plan.cancel.done', { planId: `P-${n}`, title: 'x' }))).toBe(`Plan \`P-${n}\` (x) is cancelled.`);
    }
    expect(t.text(phrase('plan.cancel.done', { planId: 'P-0', title: 'x' }))).toBe('Plan `P-0` (x) is cancelled.');
  });
});

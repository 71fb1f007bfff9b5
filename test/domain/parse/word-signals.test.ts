import { describe, expect, it } from 'vitest';
import { mentionsAny } from '../../../src/domain/parse/word-signals.js';

describe('mentionsAny: signal words in what a person wrote', () => {
  const words = ['cto', 'it managers', 'b2b', '企业'];

  it('finds a Latin word only as a whole word', () => {
    expect(mentionsAny('our cto signs off', words, 'letters-and-digits')).toBe(true);
    expect(mentionsAny('ctos and their teams', ['cto'], 'letters-and-digits')).toBe(false);
    expect(mentionsAny('doctors in the city', words, 'letters-and-digits')).toBe(false);
    expect(mentionsAny('it managers at mid-sized firms', words, 'letters-and-digits')).toBe(true);
    expect(mentionsAny('(b2b) buyers', words, 'letters-and-digits')).toBe(true);
  });

  it('finds a Chinese word anywhere', () => {
    expect(mentionsAny('面向中小企业的采购经理', words, 'letters-and-digits')).toBe(true);
    expect(mentionsAny('面向年轻妈妈', words, 'letters-and-digits')).toBe(false);
  });

  it('lets a digit next to the word end it only when the edge is letters alone', () => {
    expect(mentionsAny('b2b2c', ['b2b'], 'letters')).toBe(true);
    expect(mentionsAny('b2b2c', ['b2b'], 'letters-and-digits')).toBe(false);
  });

  it('reads a word with characters a regular expression would take as syntax literally', () => {
    expect(mentionsAny('a c++ shop', ['c++'], 'letters')).toBe(true);
    expect(mentionsAny('a c shop', ['c++'], 'letters')).toBe(false);
  });

  it('gives the same answer for the same list each time (the compiled list is kept)', () => {
    const list = ['coupon'];
    expect([mentionsAny('a coupon', list, 'letters'), mentionsAny('no offer', list, 'letters'), mentionsAny('coupon!', list, 'letters')]).toEqual([true, false, true]);
  });
});

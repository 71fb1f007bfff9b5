import { describe, expect, it } from 'vitest';
import { carriesConcept, detectMethods, proposeTone, readInsight, readProposition } from '../../../src/domain/contact/message-plan.js';

describe('readInsight', () => {
  it('splits the insight from the evidence and reads the methods from the words', () => {
    expect(readInsight('Office workers want a calm moment, not more caffeine. 12 of 15 we interviewed said so.')).toEqual({
      insight: 'Office workers want a calm moment, not more caffeine',
      evidence: '12 of 15 we interviewed said so',
      insightMethods: ['interviews'],
    });
    expect(readInsight('Buyers compare on price last (survey of 400 buyers and Baidu Index data)')).toEqual({
      insight: 'Buyers compare on price last',
      evidence: 'survey of 400 buyers and Baidu Index data',
      insightMethods: ['survey', 'big-data'],
    });
    expect(readInsight('Parents fear sugar, based on an industry report and e-commerce reviews')).toEqual({
      insight: 'Parents fear sugar',
      evidence: 'an industry report and e-commerce reviews',
      insightMethods: ['desk'],
    });
  });

  it('keeps an insight with no evidence, and reads nothing from nothing', () => {
    expect(readInsight('They want calm')).toEqual({ insight: 'They want calm', insightMethods: [] });
    expect(readInsight('   ')).toEqual({ insightMethods: [] });
    expect(readInsight('上班族想要片刻宁静。访谈15人中12人这样说。')).toEqual({ insight: '上班族想要片刻宁静', evidence: '访谈15人中12人这样说', insightMethods: ['interviews'] });
  });

  it('does not take "data" inside another word for big data', () => {
    expect(detectMethods('They update their dates often')).toEqual([]);
  });
});

describe('readProposition', () => {
  it('splits the promise from the reason to believe at "because", a dash or a second sentence', () => {
    expect(readProposition('A calm afternoon in a cup, because it is steeped for 12 hours.')).toEqual({
      proposition: 'A calm afternoon in a cup',
      reasonToBelieve: 'it is steeped for 12 hours',
    });
    expect(readProposition('Books that close themselves — certified by the Big Four')).toEqual({ proposition: 'Books that close themselves', reasonToBelieve: 'certified by the Big Four' });
    expect(readProposition('Fresh every day. Baked at 5 am in your street.')).toEqual({ proposition: 'Fresh every day', reasonToBelieve: 'Baked at 5 am in your street' });
    expect(readProposition('Fresh every day')).toEqual({ proposition: 'Fresh every day' });
  });

  it('splits a Chinese answer at 因为, 由于 or 证据：, and leaves one without them whole', () => {
    expect(readProposition('一杯里的平静午后，因为它用单一茶园的茶叶冷泡12小时。')).toEqual({ proposition: '一杯里的平静午后', reasonToBelieve: '它用单一茶园的茶叶冷泡12小时' });
    expect(readProposition('账本自动结清，由于四大会计师事务所认证')).toEqual({ proposition: '账本自动结清', reasonToBelieve: '四大会计师事务所认证' });
    expect(readProposition('每天新鲜 证据：凌晨五点在你家街口烘焙')).toEqual({ proposition: '每天新鲜', reasonToBelieve: '凌晨五点在你家街口烘焙' });
    expect(readProposition('一杯里的平静午后')).toEqual({ proposition: '一杯里的平静午后' });
    // 因为 at the very start is the promise itself, not a reason after one.
    expect(readProposition('因为懂你，所以更懂茶')).toEqual({ proposition: '因为懂你，所以更懂茶' });
  });
});

describe('proposeTone', () => {
  it('follows the motive and the involvement', () => {
    expect(proposeTone({ description: 'x', motivation: 'transformational', involvement: 'low' })).toBe('warm and sensory: let them feel it; simple, one benefit, repeated');
    expect(proposeTone({ description: 'x', motivation: 'informational', involvement: 'high' })).toBe('clear and factual: the problem, the fix, the proof; credible and specific');
    expect(proposeTone({ description: 'x' })).toBeUndefined();
  });
});

describe('carriesConcept', () => {
  const concept = 'Cold brew that tastes like a mountain morning';

  it('accepts the concept itself and messages that share its meaningful words', () => {
    expect(carriesConcept(`${concept} — comparisons, proof, demos`, concept)).toBe(true);
    expect(carriesConcept('Your mountain mornings, now in a can', concept)).toBe(true);
    expect(carriesConcept('Brewed cold overnight for a smoother taste', concept)).toBe(true);
  });

  it('refuses empty messages and messages about something else', () => {
    expect(carriesConcept('', concept)).toBe(false);
    expect(carriesConcept('50 % off this week only', concept)).toBe(false);
    expect(carriesConcept('The best tea in town', concept)).toBe(false);
  });

  it('needs two shared words for a long concept', () => {
    const long = 'Spring in every sip: smooth oat-milk cold brew that keeps pace with your busy day';
    expect(carriesConcept('Spring deals this week', long)).toBe(false);
    expect(carriesConcept('A smooth spring sip between meetings', long)).toBe(true);
  });
});

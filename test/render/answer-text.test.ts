/**
 * A stored answer as the status and the answered question show it (src/render/i18n/answer-text.ts):
 * the words that live only in code (the kinds of non-media cost) in the reader's language,
 * what the team typed (a line's description) as typed, and English as before.
 */
import { describe, expect, it } from 'vitest';
import { loadScript } from '../../src/app/load-script.js';
import { answerText } from '../../src/render/i18n/answer-text.js';
import { translator } from '../support/words.js';
import { englishWords } from '../support/english-words.js';
import type { NonMediaLine } from '../../src/domain/plan/plan.js';

const script = loadScript();
const nonMedia = script.questions.find((q) => q.id === 'non_media');
if (!nonMedia) throw new Error('no non_media question');

const lines: { value: NonMediaLine[] } = {
  value: [
    { kind: 'content', description: '', amount: 2_000_000 },
    { kind: 'pr', description: '', amount: 1_000_000 },
    { kind: 'kol-fees', description: 'for Lina Xu', amount: 500_000 },
  ],
};

describe('the non-media answer', () => {
  it('names each kind of cost in Chinese for a Chinese reader, the typed description as typed', () => {
    const text = answerText(translator('zh-CN'), nonMedia, lines, 'CNY');
    expect(text).toBe('内容 ¥2万；公关与种草 ¥1万；KOL 费用 ¥5,000 (for Lina Xu)');
    expect(englishWords(text, ['for Lina Xu'])).toEqual([]);
  });

  it('stays as it was for an English reader', () => {
    expect(answerText(translator('en'), nonMedia, lines, 'CNY')).toBe('Content ¥20,000; PR and seeding ¥10,000; KOL fees ¥5,000 (for Lina Xu)');
  });
});

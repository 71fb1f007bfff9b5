import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../support/english-parsers.js';
import { ZH } from '../../support/zh-words.js';

describe('parseYesNo', () => {
  it.each(['yes', 'Y', 'yep', 'Sure!', 'true', 'OK', '👍', '👍🏽', ':+1:', ':thumbsup:', '✅'])('reads %s as yes', (text) => {
    expect(parseYesNo(text)).toMatchObject({ ok: true, value: true });
  });

  it.each(['no', 'N', 'nope', 'false', 'No.', '👎', ':-1:', '❌'])('reads %s as no', (text) => {
    expect(parseYesNo(text)).toMatchObject({ ok: true, value: false });
  });

  it('reads a clear first word and notes it', () => {
    expect(parseYesNo('yes please')).toEqual({ ok: true, value: true, note: 'Read `yes please` as yes.' });
    expect(parseYesNo('no, thanks')).toMatchObject({ ok: true, value: false });
  });

  it.each(['是', '是的', '对', '好', '好的', '有', '会', '需要', '可以', '没问题', '是！', '是的。', '好的，谢谢', '是的，结尾会写“立即下单”', '会在结尾加购买链接'])(
    'reads %s as yes with the Chinese words',
    (text) => {
      expect(parseYesNo(text, ZH.yesNo)).toMatchObject({ ok: true, value: true });
    },
  );

  it.each(['否', '不', '不是', '没有', '没', '不会', '不需要', '不用', '不要。', '没有，这次只做品牌曝光', '不会加'])('reads %s as no with the Chinese words', (text) => {
    expect(parseYesNo(text, ZH.yesNo)).toMatchObject({ ok: true, value: false });
  });

  it('notes how a longer Chinese answer was read', () => {
    expect(parseYesNo('是的，会加', ZH.yesNo)).toEqual({ ok: true, value: true, note: 'Read `是的,会加` as yes.' });
    expect(parseYesNo('是', ZH.yesNo)).toEqual({ ok: true, value: true });
  });

  it.each(['是不是', '会不会', '好不好', '好的但是没有', '是否', '也许', '再说吧', '是的，不'])('does not guess at %s in Chinese', (text) => {
    expect(parseYesNo(text, ZH.yesNo)).toMatchObject({ ok: false, error: expect.stringContaining('`yes` or `no`') });
  });

  it('reads Chinese only with the words of the locale files', () => {
    expect(parseYesNo('是')).toMatchObject({ ok: false });
    expect(parseYesNo('不')).toMatchObject({ ok: false });
  });

  it.each(['maybe', 'yes no', 'yes and no', '', '🤷', '<!channel>', 'y'.repeat(100_000)])('rejects %s with an example', (text) => {
    expect(parseYesNo(text)).toMatchObject({ ok: false, error: expect.stringContaining('`yes` or `no`') });
  });
});

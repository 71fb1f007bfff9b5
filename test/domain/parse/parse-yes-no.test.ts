import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../../src/domain/parse/index.js';

describe('parseYesNo', () => {
  it.each(['yes', 'Y', 'yep', 'Sure!', 'true', 'OK', '👍', '👍🏽', ':+1:', ':thumbsup:', '✅', '是'])('reads %s as yes', (text) => {
    expect(parseYesNo(text)).toMatchObject({ ok: true, value: true });
  });

  it.each(['no', 'N', 'nope', 'false', 'No.', '👎', ':-1:', '❌', '不'])('reads %s as no', (text) => {
    expect(parseYesNo(text)).toMatchObject({ ok: true, value: false });
  });

  it('reads a clear first word and notes it', () => {
    expect(parseYesNo('yes please')).toEqual({ ok: true, value: true, note: 'Read `yes please` as yes.' });
    expect(parseYesNo('no, thanks')).toMatchObject({ ok: true, value: false });
  });

  it.each(['maybe', 'yes no', 'yes and no', '', '🤷', '<!channel>', 'y'.repeat(100_000)])('rejects %s with an example', (text) => {
    expect(parseYesNo(text)).toMatchObject({ ok: false, error: expect.stringContaining('`yes` or `no`') });
  });
});

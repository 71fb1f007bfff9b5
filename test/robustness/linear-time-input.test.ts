/**
 * Every pattern the bot runs on what people type takes time in proportion to the
 * text, however hostile: two 40,000-character replies of `<@<@<@…` once made another
 * user's `/imc help` wait over a second (a quadratic mention pattern). For long
 * adversarial inputs built from the characters these patterns care about, making
 * the input 8 times longer must make the work about 8 times longer, not 64: the
 * test compares the two (the fastest of a few runs each), so it holds on a slow or
 * busy machine as well as on a fast one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../src/domain/conversation/interpret-reply.js';
import { parseImcCommand } from '../../src/domain/command/imc-command.js';
import { matchChoice, matchChoices, parseDate, parseGoals, parseMoney, parseQuantity, parseRate, parseText, parseYesNo } from '../../src/domain/parse/index.js';
import { escapeMrkdwn, unescapeSlackText } from '../../src/render/escape.js';
import { loadInputLocales } from '../../src/app/load-locales.js';
import { loadScript } from '../../src/app/load-script.js';

/** The thread words of every language, as the bot reads replies. */
const THREAD_WORDS = loadInputLocales(loadScript()).words?.thread;

const NOW = new Date('2026-03-01T17:00:00Z');
const CHOICES = [
  { id: 'brand-awareness', label: 'Brand awareness' },
  { id: 'purchase-intention', label: 'Purchase intention' },
];

/** Everything that runs patterns over text a person typed in a thread or a command. */
const ON_USER_TEXT: Record<string, (text: string) => unknown> = {
  interpretReply: (t) => interpretReply(t),
  interpretReplyWithLocales: (t) => interpretReply(t, THREAD_WORDS),
  parseImcCommand,
  unescapeSlackText,
  escapeMrkdwn,
  parseMoney: (t) => parseMoney(t, 'CNY'),
  parseRate,
  parseQuantity: (t) => parseQuantity(t, { integer: true }),
  parseDate: (t) => parseDate(t, NOW, 'Asia/Shanghai'),
  parseGoals: (t) => parseGoals(t, { now: NOW, timeZone: 'UTC', currency: 'CNY', defaultDeadline: '2027-01-01' }),
  parseText,
  matchChoice: (t) => matchChoice(t, CHOICES),
  matchChoices: (t) => matchChoices(t, CHOICES, { allowNone: true }),
  parseYesNo,
};

/** Pieces that patterns look for (mentions, emphasis, entities, punctuation, numbers, words). */
const PIECES = ['<@', '<', '>', '@', 'U1', '|', '*', '_', '~', '`', '.', '!', ',', ';', '&', '&amp;', '&lt;', '/', '+', '-', '->', ' ', '\n', '1', '1,', '1.', '%', 'k', 'a', 'change ', ' and ', ' by ', ' to ', '¥', '(', '三', '万', '年', '月', '日', '修改', '。', '，', '？', '～'];

/** Slack's longest message is 40,000 characters: the long input is that, the short an eighth of it. */
const LONG = 40_000;
const SHORT = LONG / 8;
/** A call that takes longer than this on LONG input is quadratic for sure (linear work takes milliseconds). */
const HOPELESS_MS = 3_000;

/** The fastest of three runs of `fn` on `text`, in ms. */
function fastest(fn: (text: string) => unknown, text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    fn(text);
    const elapsed = performance.now() - started;
    best = Math.min(best, elapsed);
    if (elapsed > HOPELESS_MS) break;
  }
  return best;
}

/** `unit` repeated to `length` characters, ended by a character no pattern wants. */
const repeated = (unit: string, length: number) => `${unit.repeat(Math.ceil(length / unit.length)).slice(0, length)}\u0000x`;

describe('patterns on user text run in linear time', () => {
  it.each(Object.entries(ON_USER_TEXT))('%s: 8 times the input costs about 8 times the work, for adversarial inputs', (_name, fn) => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }), (pieces) => {
        const unit = pieces.join('');
        fn(repeated(unit, 2_000)); // warm up the JIT
        const short = fastest(fn, repeated(unit, SHORT));
        const long = fastest(fn, repeated(unit, LONG));
        expect(long, `${JSON.stringify(unit)} × ${LONG}`).toBeLessThan(HOPELESS_MS);
        // Linear work grows 8 times; quadratic 64 times. Below a millisecond, timer noise dominates: that is linear enough.
        expect(long, `${JSON.stringify(unit)}: ${short.toFixed(2)} ms for ${SHORT}, ${long.toFixed(2)} ms for ${LONG}`).toBeLessThan(Math.max(1, short) * 24);
      }),
      { numRuns: 12, seed: 20_261_201 },
    );
  });

  it('every unclosed mention of a 40,000-character reply is still read as text', () => {
    const text = '<@'.repeat(20_000);
    expect(interpretReply(text)).toEqual({ type: 'text', text });
    expect(interpretReply(`<@U123> back`)).toEqual({ type: 'back' });
    expect(interpretReply(`<@U123|alice> <@U456>   status!`)).toEqual({ type: 'status' });
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_BLOCKS, MAX_FALLBACK_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT, MAX_TOTAL_BLOCK_TEXT, checkBlockLimits, joinWithinLimits } from '../../src/render/block-limits.js';
import { toSlackMessage } from '../../src/render/slack-message.js';

describe('checkBlockLimits', () => {
  it('accepts a small message', () => {
    expect(checkBlockLimits(toSlackMessage('hello', { header: 'Plan' }))).toEqual([]);
  });

  it('names each limit a message breaks', () => {
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    const problems = checkBlockLimits({
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(MAX_HEADER_TEXT + 1) } },
        section('s'.repeat(MAX_SECTION_TEXT + 1)),
        section(' '),
        ...Array.from({ length: MAX_BLOCKS }, () => section('x'.repeat(MAX_TOTAL_BLOCK_TEXT / MAX_BLOCKS))),
      ],
    });
    expect(problems).toEqual([
      `${MAX_BLOCKS + 3} blocks; at most ${MAX_BLOCKS} are allowed`,
      `block 0 (header) has ${MAX_HEADER_TEXT + 1} characters; at most ${MAX_HEADER_TEXT}`,
      `block 1 (section) has ${MAX_SECTION_TEXT + 1} characters; at most ${MAX_SECTION_TEXT}`,
      'block 2 (section) has empty text',
      expect.stringMatching(/^\d+ characters of block text; at most 11000$/),
      'the fallback text is empty',
    ]);
    expect(checkBlockLimits({ text: 'y'.repeat(MAX_FALLBACK_TEXT + 1), blocks: [] })).toEqual([
      `the fallback text has ${MAX_FALLBACK_TEXT + 1} characters; at most ${MAX_FALLBACK_TEXT}`,
    ]);
  });
});

describe('joinWithinLimits', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('joins the blocks of several messages while they fit, keeping room for what the caller adds', () => {
    const joined = joinWithinLimits([[section('a')], [section('b'), section('c')]]);
    expect(joined).toEqual({ blocks: [section('a'), section('b'), section('c')], cut: false });
  });

  it('stops at the block count and at the text budget, and says it cut', () => {
    const many = Array.from({ length: MAX_BLOCKS }, (_, i) => section(`part ${i}`));
    expect(joinWithinLimits([many]).blocks).toHaveLength(MAX_BLOCKS - 1);
    expect(joinWithinLimits([many]).cut).toBe(true);
    const long = [section('x'.repeat(MAX_SECTION_TEXT)), section('y'.repeat(MAX_SECTION_TEXT)), section('z'.repeat(MAX_SECTION_TEXT)), section('w'.repeat(MAX_SECTION_TEXT))];
    const cut = joinWithinLimits([long]);
    expect(cut.cut).toBe(true);
    expect(cut.blocks.length).toBe(Math.floor((MAX_TOTAL_BLOCK_TEXT - 200) / MAX_SECTION_TEXT));
  });
});

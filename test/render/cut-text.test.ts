import { describe, expect, it } from 'vitest';
import { cutLine, truncate, truncateAtLine } from '../../src/render/cut-text.js';

describe('truncate: the one way the bot shortens text', () => {
  it('leaves text that fits alone, and cuts longer text to the limit with an ellipsis', () => {
    expect(truncate('Moonleaf', 8)).toBe('Moonleaf');
    const cut = truncate('a'.repeat(100), 10);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
    expect(cut.length).toBe(10);
  });

  it('cuts at a space near the end rather than inside a word', () => {
    expect(truncate('Spring tea launch for office workers', 20)).toBe('Spring tea launch…');
  });

  it('never cuts an escaped entity, a mention the bot built, or an emoji in half', () => {
    expect(truncate(`${'a'.repeat(8)}&amp;bbbbbbbb`, 12)).toBe(`${'a'.repeat(8)}…`);
    expect(truncate(`${'a'.repeat(8)}<@U0ALICE>`, 14)).toBe(`${'a'.repeat(8)}…`);
    const emoji = truncate(`${'a'.repeat(8)}😀😀`, 10);
    expect(emoji).toBe(`${'a'.repeat(8)}…`);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});

describe('truncateAtLine and cutLine', () => {
  it('ends at a whole line with the ellipsis on a line of its own', () => {
    expect(truncateAtLine('first line\nsecond line\nthird line', 25)).toBe('first line\nsecond line\n…');
  });

  it('splits a long line into parts that each fit', () => {
    const parts = cutLine('word '.repeat(40).trim(), 50);
    expect(parts.every((part) => part.length <= 50)).toBe(true);
    expect(parts.join(' ')).toBe('word '.repeat(40).trim());
  });
});

import { describe, expect, it } from 'vitest';
import { joinAnd } from '../../src/render/view-text.js';

describe('joinAnd', () => {
  it('joins like a sentence', () => {
    expect(joinAnd([])).toBe('');
    expect(joinAnd(['a'])).toBe('a');
    expect(joinAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Mrkdwn, escapeMrkdwn, mention, mrkdwn, unescapeSlackText } from '../../src/render/escape.js';

describe('escapeMrkdwn', () => {
  it('defuses broadcasts, mentions and spoofed links', () => {
    expect(escapeMrkdwn('<!channel>')).toBe('&lt;!channel&gt;');
    expect(escapeMrkdwn('<@U123>')).toBe('&lt;@U123&gt;');
    expect(escapeMrkdwn('<https://evil|click>')).toBe('&lt;https://evil|click&gt;');
  });

  it('shows an entity someone typed exactly as typed', () => {
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
    expect(escapeMrkdwn('Tom & Jerry')).toBe('Tom &amp; Jerry');
  });

  it('leaves quotes, apostrophes and mrkdwn formatting alone', () => {
    expect(escapeMrkdwn(`O'Brien said "go" *now*`)).toBe(`O'Brien said "go" *now*`);
  });

  it('never leaves a control character behind', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', 'a', ';', 'l', 't') }), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });
});

describe('unescapeSlackText', () => {
  it('turns what Slack sends back into what the person typed', () => {
    expect(unescapeSlackText('Tom &amp; Jerry &lt;3 &gt;_&gt;')).toBe('Tom & Jerry <3 >_>');
  });

  it('unescapes once, so a typed entity survives', () => {
    // The person typed "&lt;": Slack sends "&amp;lt;".
    expect(unescapeSlackText('&amp;lt;')).toBe('&lt;');
  });

  it('is the inverse of escapeMrkdwn for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(unescapeSlackText(escapeMrkdwn(text))).toBe(text);
      }),
    );
  });
});

describe('Mrkdwn', () => {
  it('wraps markup the bot built', () => {
    const value = mrkdwn('<!date^1700000000^{date}|14 Nov>');
    expect(value).toBeInstanceOf(Mrkdwn);
    expect(String(value)).toBe('<!date^1700000000^{date}|14 Nov>');
  });

  it('mentions real user ids and shows anything else as text', () => {
    expect(mention('U123ABC').text).toBe('<@U123ABC>');
    expect(mention('W0ENTERPRISE').text).toBe('<@W0ENTERPRISE>');
    expect(mention('U1> <!channel').text).toBe('U1&gt; &lt;!channel');
  });
});

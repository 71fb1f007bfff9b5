/**
 * Checks every message the bot builds must pass: Block Kit limits (the renderer's own
 * and the fake Slack's stricter view of actions, menus and context blocks) and no
 * user text that Slack would read as markup.
 */
import { expect } from 'vitest';
import { checkBlockLimits } from '../../src/render/block-limits.js';
import { findBlockKitProblem } from '../../src/local-slack/block-kit-limits.js';
import type { OutgoingMessage } from '../../src/app/ports.js';

/** Hostile strings a person might type; none may come back out as live markup. */
export const HOSTILE_TEXTS = [
  '<!channel>',
  '<!here|here>',
  '<@U0VICTIM>',
  '<#C0SECRET>',
  '<https://evil.example|click me>',
  '&amp; &lt; &gt;',
  '*bold* _it_ ~s~ `code` ```block```',
  '\n---\n',
  '>',
  '\u0000\u202e',
  '👍🏽',
];

/** The mrkdwn strings a message carries: its fallback text and every mrkdwn text object. */
export function mrkdwnTexts(message: { text: string; blocks?: readonly unknown[] }): string[] {
  const found: string[] = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      if (object.type === 'mrkdwn' && typeof object.text === 'string') found.push(object.text);
      else Object.values(object).forEach(walk);
    }
  };
  walk(message.blocks ?? []);
  return found;
}

/**
 * Asserts the message fits Slack's limits and that its mrkdwn holds no `<` except the
 * bot's own mentions of `allowedMentions`, and no `&` outside an entity.
 */
export function expectPostable(message: OutgoingMessage, allowedMentions: readonly string[] = []): void {
  const blocks = (message.blocks ?? []) as unknown[];
  expect(checkBlockLimits({ text: message.text, blocks })).toEqual([]);
  expect(findBlockKitProblem(blocks, 'message')).toBeUndefined();
  expect(message.text.trim()).not.toBe('');
  for (const text of mrkdwnTexts(message)) {
    const withoutMentions = allowedMentions.reduce((rest, id) => rest.split(`<@${id}>`).join(''), text);
    expect(withoutMentions).not.toContain('<');
    expect(withoutMentions).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }
}

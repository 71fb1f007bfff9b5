import { describe, expect, it } from 'vitest';
import { clickTargetsOf } from '../../src/playground/click-targets.js';
import { mrkdwnToTerminal } from '../../src/playground/mrkdwn-to-terminal.js';
import { renderMessage } from '../../src/playground/render-message.js';
import { ANSI_STYLE, PLAIN_STYLE } from '../../src/playground/terminal-style.js';

const names = {
  user: (id: string) => ({ U0ALICE: 'alice', U0BOB: 'bob' })[id],
  channel: (id: string) => ({ C0PLANNING: 'campaign-planning' })[id],
};
const plain = { style: PLAIN_STYLE, names };

const button = (text: string, actionId: string, value = actionId) => ({ type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('renderMessage: a bot message as terminal lines', () => {
  it('numbers buttons in reading order and shows them side by side', () => {
    const message = {
      text: 'Call to action?',
      blocks: [
        section('*Call to action*\nWill the message end with one?'),
        { type: 'actions', block_id: 'q', elements: [button('Yes', 'a:yes'), button('No', 'a:no')] },
        { type: 'actions', block_id: 'c', elements: [button('← Back', 'c:back'), button('Help', 'c:help')] },
      ],
    };
    const lines = renderMessage(message, { number: 7, author: 'imc-bot' }, plain);
    expect(lines[0]).toBe('#7 imc-bot');
    expect(lines).toContain('  Call to action');
    expect(lines).toContain('  [1] Yes  [2] No');
    expect(lines).toContain('  [3] ← Back  [4] Help');
    expect(clickTargetsOf(message.blocks).map((t) => `${t.number}:${t.actionId}`)).toEqual(['1:a:yes', '2:a:no', '3:c:back', '4:c:help']);
  });

  it('lists menu options with numbers, group headings, and the bot\'s own "2." prefix shown once', () => {
    const menu = {
      type: 'multi_static_select',
      action_id: 'imc_multi',
      placeholder: { type: 'plain_text', text: 'Choose all that apply' },
      option_groups: [
        { label: { type: 'plain_text', text: 'Owned' }, options: [{ text: { type: 'plain_text', text: '1. Website' }, value: 'owned-website' }] },
        { label: { type: 'plain_text', text: 'Paid' }, options: [{ text: { type: 'plain_text', text: '2. Search ads' }, value: 'paid-search-ads' }] },
      ],
    };
    const message = { text: '', blocks: [{ type: 'actions', block_id: 'm', elements: [menu] }, { type: 'actions', block_id: 'd', elements: [button('Done', 'done')] }] };
    const lines = renderMessage(message, { number: 1, author: 'imc-bot' }, plain);
    expect(lines.join('\n')).toContain('Choose all that apply (type the numbers to pick, e.g. 1,3; Done is clicked for you):');
    expect(lines).toContain('    Owned');
    expect(lines).toContain('      [1] Website');
    expect(lines).toContain('    Paid');
    expect(lines).toContain('      [2] Search ads');
    expect(lines).toContain('  [3] Done');
    const targets = clickTargetsOf(message.blocks);
    expect(targets[1]).toMatchObject({ kind: 'option', multi: true, value: 'paid-search-ads', group: 'Paid' });
  });

  it('shows mentions as names and undoes Slack escaping for display only', () => {
    const message = { text: '', blocks: [section('<@U0ALICE> asked <@U0BOB|bobby> in <#C0PLANNING>: is 5 &lt; 10 &amp;&amp; 10 &gt; 5? See <https://example.com|the brief>.')] };
    const [, body] = renderMessage(message, { number: 3, author: 'imc-bot' }, plain);
    expect(body).toBe('  @alice asked @bob in #campaign-planning: is 5 < 10 && 10 > 5? See the brief (https://example.com).');
  });

  it('undoes escaping once, so a typed "&lt;" stays "&lt;" and a typed "<!channel>" never becomes a ping', () => {
    expect(mrkdwnToTerminal('you typed &amp;lt;b&amp;gt; and &lt;!channel&gt;', plain)).toBe('you typed &lt;b&gt; and <!channel>');
    expect(mrkdwnToTerminal('<!here> look', plain)).toBe('@here look');
    expect(mrkdwnToTerminal('<@UNKNOWN> said hi', plain)).toBe('@UNKNOWN said hi');
  });

  it('makes *bold* bold on a terminal and plain otherwise, leaving emoji names and snake_case alone', () => {
    expect(mrkdwnToTerminal('*Brand*: Moonleaf _(2 of 22)_ :white_check_mark: owned_website', plain)).toBe('Brand: Moonleaf (2 of 22) :white_check_mark: owned_website');
    expect(mrkdwnToTerminal('*Brand*', { style: ANSI_STYLE, names })).toBe('\u001b[1mBrand\u001b[22m');
    expect(mrkdwnToTerminal('2 * 3 * 4 = 24', plain)).toBe('2 * 3 * 4 = 24');
    // Bold inside small print must not switch the small print off for the rest of the line.
    expect(ANSI_STYLE.dim(`click ${ANSI_STYLE.bold('Done')} now`)).toBe('\u001b[2mclick \u001b[1mDone\u001b[22m\u001b[2m now\u001b[22m');
  });

  it('shows headers, fields, context and dividers, and marks edits, ephemerals and thread replies', () => {
    const message = {
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Draft: Spring launch (v1)' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Budget*\n¥200,000' }, { type: 'plain_text', text: 'Visits 100,000' }] },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Plan `P-00001`' }, { type: 'image', alt_text: 'logo', image_url: 'x' }] },
      ],
    };
    const edited = renderMessage(message, { number: 2, author: 'imc-bot', inThreadOf: 1, edited: true }, plain);
    expect(edited).toEqual([
      '    #2 imc-bot in thread #1 (edited)',
      '      Draft: Spring launch (v1)',
      '      Budget',
      '      ¥200,000',
      '      Visits 100,000',
      `      ${'─'.repeat(24)}`,
      '      Plan `P-00001`  [logo]',
    ]);
    const secret = renderMessage({ text: 'Only *you*' }, { author: 'imc-bot', onlyVisibleTo: 'you' }, plain);
    expect(secret).toEqual(['imc-bot (only you can see this)', '  Only you']);
    expect(renderMessage({ text: 'hi' }, { author: 'imc-bot', onlyVisibleTo: 'bob' }, plain)[0]).toBe('imc-bot (only bob can see this)');
  });

  it('copes with malformed blocks instead of crashing', () => {
    const message = {
      text: 'fallback',
      blocks: [
        { type: 'section' },
        { type: 'actions' },
        { type: 'actions', elements: [{ type: 'datepicker', action_id: 'd' }, { type: 'button', action_id: 'b' }] },
        { type: 'mystery', text: { type: 'plain_text', text: 'still shown' } },
        { type: 'context', elements: 'not a list' },
      ],
    };
    const lines = renderMessage(message, { number: 1, author: 'imc-bot' }, plain);
    expect(lines).toContain('  [datepicker: not clickable in the playground]');
    expect(lines).toContain('  [1] ');
    expect(lines).toContain('  still shown');
    expect(clickTargetsOf(message.blocks)).toHaveLength(1);
  });
});

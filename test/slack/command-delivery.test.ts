/**
 * How `/imc` text arrives from Slack: HTML-escaped (unescaped once, shown as typed),
 * and sometimes twice (the same trigger_id): one plan, one answer for both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, CHANNEL, messageText, startHarness, type Harness } from '../support/bot-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const planIdIn = (body: string) => /`(P-[0-9A-Z]{5})`/.exec(body)?.[1];

describe('slash command text', () => {
  it('is unescaped once: "/imc plan Tom & Jerry" is stored and shown as typed', async () => {
    h = await startHarness();
    const response = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Tom & Jerry <launch>' });
    expect(response.sent.text).toBe('plan Tom &amp; Jerry &lt;launch&gt;'); // as Slack sends it
    const planId = planIdIn(response.body) as string;
    await h.settle();
    expect((await h.record(planId)).title).toBe('Tom & Jerry <launch>');
    // Escaped exactly once for mrkdwn, so Slack shows "Tom & Jerry <launch>".
    expect(JSON.parse(response.body).text).toContain('*Tom &amp; Jerry &lt;launch&gt;*');
    const kickoff = messageText(h.fake.messages(CHANNEL)[0]);
    expect(kickoff).toContain('Tom &amp; Jerry &lt;launch&gt;');
    expect(kickoff).not.toContain('&amp;amp;');
  });

  it('keeps a typed entity as typed: "&lt;" stays "&lt;", it is not turned into "<"', async () => {
    h = await startHarness();
    const response = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan A &lt; B' });
    const planId = planIdIn(response.body) as string;
    expect((await h.record(planId)).title).toBe('A &lt; B');
  });
});

describe('the same /imc plan delivered twice (same trigger_id)', () => {
  it('creates one plan, and both deliveries get its id, one after the other or at once', async () => {
    h = await startHarness();
    const harness = h;
    const send = (triggerId: string) => harness.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Twice', triggerId });
    const first = await send('1111.2222.aaaa');
    const again = await send('1111.2222.aaaa');
    const [both1, both2] = await Promise.all([send('3333.4444.bbbb'), send('3333.4444.bbbb')]);
    const ids = [first, again, both1, both2].map((response) => planIdIn(response.body));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
    await h.settle();
    // Two commands, two plans, two kickoffs (a different trigger_id is a new command).
    expect((await h.bot.store.list()).map((entry) => entry.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(h.fake.messages(CHANNEL)).toHaveLength(2);
    expect(h.logs.join('\n')).not.toContain('1111.2222.aaaa');
  });
});

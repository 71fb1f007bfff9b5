import { afterEach, describe, expect, it } from 'vitest';
import { checkBlockLimits } from '../../src/render/block-limits.js';
import { ALICE, BOB, BOT_TOKEN, CHANNEL, messageText, SIGNING_SECRET, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { answerCurrent, clickButton, completePlan, elementsOf, latestThreadMessage, say, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('security and delivery', () => {
  it('answers a forged, an unsigned and a stale request with 401 and changes nothing', async () => {
    h = await startHarness();
    const forged = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Forged', badSignature: true });
    const unsigned = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Unsigned', unsigned: true });
    const stale = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Stale', timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect([forged.status, unsigned.status, stale.status]).toEqual([401, 401, 401]);
    await h.settle();
    expect(await h.bot.store.list()).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('applies a redelivered thread reply once', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    const record = await h.record(planId);
    const first = await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: record.threadTs, text: 'Moonleaf Tea', eventId: 'Ev0001' });
    await h.settle();
    const afterFirst = await h.record(planId);
    const postedAfterFirst = h.fake.callsTo('chat.postMessage').length;
    // Slack retries with the same event (and message ts) when it did not see our 200 in time.
    await h.driver.event((first.sent as { event: Record<string, unknown> }).event, { eventId: 'Ev0001', retryNum: 1, retryReason: 'timeout' });
    await h.settle();
    const afterRetry = await h.record(planId);
    expect(afterRetry.flow).toEqual(afterFirst.flow);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(postedAfterFirst);
  });

  it('never lets user text such as <!channel> reach a posted message unescaped', async () => {
    h = await startHarness();
    const hostile = '<!channel> <@U0BOB> <https://evil.example|click me> & co';
    const planId = await startPlan(h, ALICE, CHANNEL, hostile);
    await completePlan(h, planId, {
      ...TYPED_ANSWERS,
      brand: hostile,
      problem_statement: `${hostile} problem`,
      audience_description: hostile,
      concept: `${hostile} concept.`,
    });
    await say(h, planId, 'status');
    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `show ${planId}` });
    const posted = [...h.fake.callsTo('chat.postMessage'), ...h.fake.callsTo('chat.update'), ...h.fake.callsTo('chat.postEphemeral')];
    expect(posted.length).toBeGreaterThan(10);
    // plain_text (headers, buttons) is shown literally by Slack, never read as a mention or link: it shows the name as typed.
    const plainTexts: string[] = [];
    const withoutPlainText = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(withoutPlainText);
      if (!node || typeof node !== 'object') return node;
      const object = node as Record<string, unknown>;
      if (object.type === 'plain_text') {
        plainTexts.push(String(object.text));
        return { type: 'plain_text' };
      }
      return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, withoutPlainText(value)]));
    };
    for (const call of posted) {
      const text = JSON.stringify(withoutPlainText(call.args));
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U0BOB>');
      expect(text).not.toContain('<https://evil.example');
    }
    expect(JSON.stringify(h.fake.responses)).not.toContain('<!channel>');
    expect(plainTexts).toContain(`Draft: ${hostile} (v1)`);
  });

  it('keeps tokens, the signing secret, response URLs and trigger ids out of the logs', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await completePlan(h, planId);
    h.fake.failNext('chat.postMessage', { error: 'invalid_auth' });
    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Another' });
    await h.settle();
    const logs = h.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
    expect(logs).not.toContain('/respond/');
    expect(logs).not.toMatch(/trigger_id"?\s*[:=]\s*"?\d/);
  });

  it('answers the health check', async () => {
    h = await startHarness();
    const response = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, status: 'ready' });
  });
});

describe('buttons and menus', () => {
  it('answers a choice question with a button and marks the question answered', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    while ((await h.record(planId)).flow.current !== 'audience_stage') await answerCurrent(h, planId);
    const question = await latestThreadMessage(h, planId);
    await clickButton(h, planId, 'Evaluation');
    const record = await h.record(planId);
    expect(record.flow.answers.audience_stage?.value).toBe('evaluation');
    const updated = h.fake.messages(CHANNEL, { threadTs: record.threadTs }).find((m) => m.ts === question?.ts);
    expect(elementsOf(updated)).toEqual([]);
    expect(messageText(updated)).toContain('Evaluation');
  });

  it("tells someone else who clicks that only the plan's author answers", async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    while ((await h.record(planId)).flow.current !== 'audience_stage') await answerCurrent(h, planId);
    await clickButton(h, planId, 'Evaluation', BOB);
    expect((await h.record(planId)).flow.answers.audience_stage).toBeUndefined();
    await h.fake.waitFor(() => h.fake.responses.some((r) => JSON.stringify(r).includes(`Only <@${ALICE}>`)));
  });

  it('commits a multi-select with Done, and a stale click on an answered question changes nothing', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await answerCurrent(h, planId); // brand
    const record = await h.record(planId);
    expect(record.flow.current).toBe('problems');
    const message = await latestThreadMessage(h, planId);
    const menu = elementsOf(message).find((e) => e.action_id === 'imc_multi');
    expect(menu).toBeDefined();
    await h.driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: message!.ts, actionId: 'imc_multi', blockId: menu!.block_id, selectedOptions: ['brand', 'sales'] });
    await h.settle();
    expect((await h.record(planId)).flow.current).toBe('problems');
    await clickButton(h, planId, 'Done');
    const after = await h.record(planId);
    expect(after.flow.answers.problems?.value).toEqual(['brand', 'sales']);
    // the same menu again, now stale
    await h.driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: message!.ts, actionId: 'imc_multi', blockId: menu!.block_id, selectedOptions: ['price'] });
    await h.settle();
    expect((await h.record(planId)).flow.answers.problems?.value).toEqual(['brand', 'sales']);
  });

  it('skips an optional question with the Skip button', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    while ((await h.record(planId)).flow.current !== 'research') await answerCurrent(h, planId);
    await clickButton(h, planId, 'Skip');
    const record = await h.record(planId);
    expect(record.flow.answers.research?.skipped).toBe(true);
    expect(record.flow.current).toBe('insight');
  });
});

describe('the /imc subcommands', () => {
  const run = async (text: string, userId = ALICE, channelId = CHANNEL) => {
    const response = await h.driver.slashCommand({ userId, channelId, text });
    expect(response.status).toBe(200);
    return JSON.parse(response.body || '{}') as { text: string; response_type: string; blocks?: unknown[] };
  };

  it('answers help, and unknown subcommands with help rather than silence', async () => {
    h = await startHarness();
    expect((await run('help')).text).toContain('/imc plan');
    const unknown = await run('frobnicate now');
    expect(unknown.text).toContain("I don't know `/imc frobnicate`");
    expect(unknown.text).toContain('/imc list');
    expect(unknown.response_type).toBe('ephemeral');
  });

  it('lists the plans of the channel with their status, and shows one', async () => {
    h = await startHarness();
    const done = await startPlan(h, ALICE, CHANNEL, 'Posted plan');
    await completePlan(h, done);
    const open = await startPlan(h, BOB, CHANNEL, 'Open plan');
    await startPlan(h, ALICE, 'C0OTHER', 'Elsewhere');
    const list = await run('list');
    expect(list.text).toContain(done);
    expect(list.text).toContain(open);
    expect(list.text).toContain('draft, waiting for approval');
    expect(list.text).toContain('being written');
    expect(list.text).not.toContain('Elsewhere');
    const shown = await run(`show ${done.toLowerCase()}`);
    expect(JSON.stringify(shown.blocks)).toContain('Moonleaf Tea');
    expect(checkBlockLimits({ text: shown.text, blocks: shown.blocks ?? [] })).toEqual([]);
    expect((await run('show P-NOPE1')).text).toContain('There is no plan');
  });

  it('cancels a plan: only its author while it is being written', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    expect((await run(`cancel ${planId}`, BOB)).text).toContain(`Only <@${ALICE}>`);
    expect((await run(`cancel ${planId}`)).text).toContain('is cancelled');
    expect((await h.record(planId)).status).toBe('cancelled');
    await say(h, planId, 'Moonleaf Tea');
    expect((await h.record(planId)).flow.answers.brand).toBeUndefined();
  });

  it('does a quick objective-and-task budget, only for the caller', async () => {
    h = await startHarness();
    const reply = await run('budget ¥1,000,000 ¥1,000 1% ¥2 ¥150,000');
    expect(reply.response_type).toBe('ephemeral');
    // The same closed sums as a plan: ¥200,000 of working media + a ¥20,000 reserve; ¥150,000 buys 68,181 visits.
    expect(reply.text).toBe('¥1,000,000 needs 100,000 visits and ¥220,000 in all (¥200,000 of working media and a ¥20,000 reserve).');
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('= ¥1,000,000 ÷ (1 % × ¥1,000) = *100,000 visits*');
    expect(blocks).toContain('Shortfall of ¥70,000: 68 % of the need is covered');
    expect(blocks).toContain('The ¥136,362 on the buying channels buys 68,181 visits, about 682 orders and ¥681,810 of revenue.');
    expect(blocks).toContain('`BUDGET-SHORTFALL`');
    const bad = await run('budget lots 1000 1% 2');
    expect(bad.text).toContain('Target revenue');
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('gives a quick budget the same named errors as a plan, not "÷ (0 % × ¥1)"', async () => {
    h = await startHarness();
    const reply = await run('budget 1亿 1 0.0001% 1000');
    const blocks = JSON.stringify(reply.blocks);
    expect(reply.text).toBe('These figures do not make a budget.');
    expect(blocks).toContain('`BUDGET-ABSURD` The conversion rate reads as 0 %: 0.0001 % is one in 1,000,000, which no plan can budget on.');
    expect(blocks).toContain('The funnel cannot be computed');
    expect(blocks).not.toContain('÷ (0 % × ¥1)');
    // Funded at under a tenth of the need: an error too.
    const starved = JSON.stringify((await run('budget ¥1,000,000 ¥1,000 1% ¥2 ¥10,000')).blocks);
    expect(starved).toContain('The plan needs ¥220,000 but ¥10,000 is available: 22 times the money.');
  });
});

describe('Slack API errors', () => {
  it('tells the user when the bot is not in the channel, and keeps no half-started plan open', async () => {
    h = await startHarness();
    const response = await h.driver.slashCommand({ userId: ALICE, channelId: 'C0NOBOT', text: 'plan Lost' });
    expect(response.status).toBe(200);
    await h.settle();
    await h.fake.waitFor(() => h.fake.responses.some((r) => JSON.stringify(r).includes('/invite')));
    const [plan] = await h.plans();
    expect(plan?.status).toBe('cancelled');
  });

  it('picks up a conversation with `status` after the bot was removed from the channel and invited back', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    const channel = h.fake.channel(CHANNEL)!;
    channel.botIsMember = false;
    await answerCurrent(h, planId);
    await waitUntil(async () => (await h.record(planId)).outbox.length === 0, 'the outbox to give up');
    expect((await h.record(planId)).flow.answers.brand?.value).toBe(TYPED_ANSWERS.brand);
    channel.botIsMember = true;
    await say(h, planId, 'status');
    const latest = await latestThreadMessage(h, planId);
    expect(messageText(latest)).toContain('Problems');
    expect(elementsOf(latest).some((e) => e.action_id === 'imc_multi')).toBe(true);
  });

  it('tells the user when the channel is archived', async () => {
    h = await startHarness();
    await h.driver.slashCommand({ userId: ALICE, channelId: 'C0ARCHIVED', text: 'plan Old' });
    await h.settle();
    await h.fake.waitFor(() => h.fake.responses.some((r) => JSON.stringify(r).includes('archived')));
  });

  it('survives a rate limit and a server error while posting: the plan is intact and the messages arrive', async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    h.fake.failNext('chat.update', { status: 500 });
    await answerCurrent(h, planId);
    await waitUntil(async () => (await h.record(planId)).outbox.length === 0, 'the outbox to drain');
    const record = await h.record(planId);
    expect(record.flow.answers.brand?.value).toBe(TYPED_ANSWERS.brand);
    expect(messageText(await latestThreadMessage(h, planId))).toContain('Problems');
  });
});

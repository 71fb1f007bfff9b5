import { afterEach, describe, expect, it } from 'vitest';
import { problemStatementFrom } from '../../src/slack/listeners/message-shortcut.js';
import { escapeLikeSlack } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOB, CHANNEL, messageText, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { answerCurrent, latestThreadMessage, say } from '../support/plan-conversation.js';
import { suggestionOrigin } from '../../src/domain/conversation/flow-state.js';
import { translator } from '../support/words.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const replies = () => h.fake.responses.map((response) => String(response.body.text ?? ''));

describe('the "Plan a campaign" message shortcut', () => {
  it("starts a plan in the message's channel and offers the message as the problem statement", async () => {
    h = await startHarness();
    // as Slack sends it: typed text escaped, the mention as markup
    const text = `${escapeLikeSlack('Sales of the cold brew dropped 30 % after ')}<@${ALICE}>${escapeLikeSlack(` saw the competitor's ad; people say "it's just coffee" & move on`)}`;
    const message = h.fake.addUserMessage({ channelId: CHANNEL, userId: BOB, text });
    const response = await h.driver.messageShortcut({ userId: ALICE, channelId: CHANNEL, messageTs: message.ts, callbackId: 'imc_plan_from_message' });
    expect(response.status).toBe(200);
    await h.settle();
    await waitUntil(() => replies().some((reply) => reply.includes('Started plan')), 'the shortcut to answer');
    const planId = /`(P-[0-9A-Z]{5})`/.exec(replies().find((reply) => reply.includes('Started plan')) ?? '')?.[1] as string;
    const record = await h.record(planId);
    expect(record).toMatchObject({ authorId: ALICE, channelId: CHANNEL, status: 'planning' });
    expect(h.fake.messages(CHANNEL).some((m) => m.ts === record.threadTs && m.text.includes(`started an IMC plan`))).toBe(true);

    for (let step = 0; step < 10 && (await h.record(planId)).flow.current !== 'problem_statement'; step += 1) {
      await answerCurrent(h, planId, { campaign: 'Cold brew comeback', brand: 'Moonleaf Tea', problems: 'communication', key_problem: 'communication' });
    }
    const question = messageText(await latestThreadMessage(h, planId));
    const offered = `Sales of the cold brew dropped 30 % after @${ALICE} saw the competitor's ad; people say "it's just coffee" &amp; move on`;
    expect(question).toContain(`Suggested: *${offered}* (from the message you started this plan from)`);
    await say(h, planId, 'use');
    expect((await h.record(planId)).flow.answers.problem_statement?.value).toBe(`Sales of the cold brew dropped 30 % after @${ALICE} saw the competitor's ad; people say "it's just coffee" & move on`);
  });

  it('tells the person when the message has no text or the bot cannot post in its channel', async () => {
    h = await startHarness();
    const empty = h.fake.addUserMessage({ channelId: CHANNEL, userId: BOB, text: '   ' });
    await h.driver.messageShortcut({ userId: ALICE, channelId: CHANNEL, messageTs: empty.ts, callbackId: 'imc_plan_from_message' });
    await h.settle();
    await waitUntil(() => replies().some((reply) => reply.includes('no text I can use')), 'the empty-message reply');
    expect(await h.plans()).toEqual([]);

    const elsewhere = h.fake.addUserMessage({ channelId: 'C0NOBOT', userId: ALICE, text: 'Nobody knows our brand in Chengdu' });
    await h.driver.messageShortcut({ userId: ALICE, channelId: 'C0NOBOT', messageTs: elsewhere.ts, callbackId: 'imc_plan_from_message' });
    await h.settle();
    await waitUntil(() => replies().some((reply) => reply.includes('/invite @imc-bot')), 'the not-in-channel explanation');
  });
});

describe('the message shortcut in Chinese', () => {
  it('answers a zh-CN user in Chinese: the plan started, and a message without text', async () => {
    h = await startHarness();
    const alice = h.fake.user(ALICE);
    if (!alice) throw new Error('no Alice');
    alice.locale = 'zh-CN';
    const message = h.fake.addUserMessage({ channelId: CHANNEL, userId: BOB, text: escapeLikeSlack('上海白领中只有12%知道我们的冷泡茶') });
    await h.driver.messageShortcut({ userId: ALICE, channelId: CHANNEL, messageTs: message.ts, callbackId: 'imc_plan_from_message' });
    await h.settle();
    await waitUntil(() => replies().some((reply) => reply.includes('已根据这条消息发起方案')), 'the Chinese reply');
    const started = replies().find((reply) => reply.includes('已根据这条消息发起方案')) ?? '';
    expect(started).toMatch(/`P-[0-9A-Z]{5}`/);
    expect(started).toContain('回复 `使用` 即可采用');
    expect(started).not.toContain('Started plan');
    const planId = /`(P-[0-9A-Z]{5})`/.exec(started)?.[1] as string;
    const offer = (await h.record(planId)).flow.suggestions.problem_statement;
    if (!offer) throw new Error('no offer');
    const origin = translator('zh-CN').value(suggestionOrigin(offer));
    expect(origin).toBe('取自你发起方案时所用的那条消息');
    expect(translator('en').value(suggestionOrigin(offer))).toBe('from the message you started this plan from');
    const empty = h.fake.addUserMessage({ channelId: CHANNEL, userId: BOB, text: '   ' });
    await h.driver.messageShortcut({ userId: ALICE, channelId: CHANNEL, messageTs: empty.ts, callbackId: 'imc_plan_from_message' });
    await h.settle();
    await waitUntil(() => replies().some((reply) => reply.includes('这条消息里没有可以用作问题描述的文字')), 'the Chinese empty-message reply');
    expect(replies().some((reply) => reply.includes('no text I can use'))).toBe(false);
  });
});

describe('problemStatementFrom', () => {
  it('makes Slack markup readable and keeps within the 400 characters the question allows', () => {
    expect(problemStatementFrom('See <https://example.com/report|the report> and <#C0PLANNING|campaign-planning>, <!here>')).toEqual({
      text: 'See the report (https://example.com/report) and #campaign-planning, @here',
      shortened: false,
    });
    const long = problemStatementFrom(`${'word '.repeat(120)}end`);
    expect(long?.shortened).toBe(true);
    expect(Array.from(long?.text ?? '').length).toBeLessThanOrEqual(400);
    expect(long?.text.endsWith('word…')).toBe(true);
    expect(problemStatementFrom('  \n ')).toBeUndefined();
  });
});

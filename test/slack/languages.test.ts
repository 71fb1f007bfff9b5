/**
 * The language of a message follows its reader, end to end through the Bolt HTTP
 * receiver: a person's own replies and their plan's questions in their Slack locale
 * (users.info with include_locale), a channel's posts in the channel's language
 * (`/imc config language`, else IMC_LANGUAGE), and two people served at the same moment
 * each in their own words. Queued messages are stored as intents and drawn in the
 * language their reader has when they go out, after a restart too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CHANNEL, messageText, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { answerCurrent, completePlan, planIdIn, say, startPlan } from '../support/plan-conversation.js';
import { approvedPlan } from '../support/approved-plan.js';

import { loadScript } from '../../src/app/load-script.js';
import { StoreError } from '../../src/store/store-error.js';

const SCRIPT = loadScript();
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const HAN = /\p{Script=Han}/u;

/** Alice's Slack is set to Simplified Chinese; Bob's stays en-US. */
function aliceReadsChinese(): void {
  const alice = h.fake.user(ALICE);
  if (!alice) throw new Error('no Alice');
  alice.locale = 'zh-CN';
}

async function command(userId: string, text: string): Promise<{ type: string; text: string }> {
  const response = await h.driver.slashCommand({ userId, channelId: CHANNEL, text });
  expect(response.status).toBe(200);
  const body = JSON.parse(response.body) as { response_type: string; text: string };
  return { type: body.response_type, text: body.text };
}

/** The bot's messages in the plan's thread, oldest first. */
async function threadTexts(planId: string): Promise<string[]> {
  const record = await h.record(planId);
  return h.fake
    .messages(CHANNEL, { threadTs: record.threadTs })
    .filter((m) => m.bot_id && m.ts !== record.threadTs)
    .map((m) => messageText(m));
}

/** The bot's top-level posts in the channel, oldest first. */
function channelPosts(): string[] {
  return h.fake
    .messages(CHANNEL)
    .filter((m) => m.bot_id)
    .map((m) => messageText(m));
}

describe('each reader in their own language', () => {
  it('answers a Chinese-locale user in Chinese and an English user in the same channel in English, at the same moment', async () => {
    h = await startHarness();
    aliceReadsChinese();
    const [alice, bob] = await Promise.all([command(ALICE, 'help'), command(BOB, 'help')]);
    expect(alice.type).toBe('ephemeral');
    expect(alice.text).toContain('整合营销传播');
    expect(alice.text).not.toContain('IMC planning bot');
    expect(bob.text).toContain('*IMC planning bot*');
    expect(bob.text).not.toMatch(HAN);
    // Many at once, interleaved: a fixed translator per reader, never a language switched for everyone.
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => command(i % 2 === 0 ? ALICE : BOB, 'list')));
    replies.forEach((reply, i) => {
      if (i % 2 === 0) expect(reply.text).toContain('本频道还没有方案');
      else expect(reply.text).toBe('No plans in this channel yet. Start one with `/imc plan &lt;campaign name&gt;`.');
    });
    // The locale is asked once per person and remembered.
    const lookups = h.fake.callsTo('users.info').filter((c) => c.args.include_locale !== undefined);
    expect(lookups.map((c) => c.args.user).toSorted()).toEqual([ALICE, BOB]);
  });

  it("asks a Chinese author's questions in Chinese while the channel's kickoff stays in the channel's English", async () => {
    h = await startHarness();
    aliceReadsChinese();
    const planId = await startPlan(h, ALICE, CHANNEL, 'Spring cold brew launch');
    const kickoff = channelPosts().at(-1) ?? '';
    expect(kickoff).toContain('started an IMC plan');
    expect(kickoff).not.toMatch(HAN);
    const first = (await threadTexts(planId)).at(-1) ?? '';
    // The buttons, hints and counter (the plan's part) are the catalogue's Chinese.
    expect(first).toMatch(/第 1 部分，共 8 部分/);
    expect(first).not.toMatch(/part \d+ of/);
    expect(first).toContain('取消方案');
    expect(first).not.toContain('Cancel plan');

    // Bob's plan in the same channel is asked in English.
    const bobs = await startPlan(h, BOB, CHANNEL, 'Autumn tea');
    const bobFirst = (await threadTexts(bobs)).at(-1) ?? '';
    expect(bobFirst).toContain('Cancel plan');
    expect(bobFirst).not.toContain('取消方案');
  });

  it('tells a Chinese author why an answer was refused in Chinese, with the example, and an English author in English', async () => {
    h = await startHarness();
    aliceReadsChinese();
    const zh = await startPlan(h, ALICE, CHANNEL, 'Spring cold brew launch');
    const en = await startPlan(h, BOB, CHANNEL, 'Autumn tea');
    // Walk both to the first money question, then answer it with words.
    for (const planId of [zh, en]) {
      for (let step = 0; step < 40; step += 1) {
        const record = await h.record(planId);
        const current = record.flow.current ?? '';
        const question = SCRIPT.questions.find((q) => q.id === current);
        if (question?.kind === 'money') break;
        await answerCurrent(h, planId);
      }
      const record = await h.record(planId);
      await h.driver.message({ userId: record.authorId, channelId: CHANNEL, threadTs: record.threadTs, text: 'plenty' });
      await h.settle();
    }
    const zhReask = (await threadTexts(zh)).at(-1) ?? '';
    const enReask = (await threadTexts(en)).at(-1) ?? '';
    expect(zhReask).toContain('plenty');
    expect(zhReask).toMatch(HAN);
    expect(enReask).toContain("I couldn't read `plenty` as an amount.");
    expect(enReask).not.toMatch(HAN);
  });
  it("tells a Chinese author in the plan's thread that the plan is approved, with the canvas offer and its button in Chinese", async () => {
    h = await startHarness();
    aliceReadsChinese();
    const planId = await approvedPlan(h);
    const approvedNotice = (await threadTexts(planId)).find((text) => text.includes('审批通过')) ?? '';
    expect(approvedNotice).toContain('保存为画布');
    expect(approvedNotice).not.toContain('Save as canvas');
    // The channel's draft stays in the channel's English.
    const record = await h.record(planId);
    const draft = h.fake.messages(CHANNEL).find((m) => m.ts === record.versions[0]?.messageTs);
    expect(messageText(draft)).not.toMatch(HAN);
  });
});

describe('the contact plan for a Chinese author', () => {
  /** A catalogue key shown as itself (`question.hint.offer`, `contact.row_removed`) would look like this. */
  const RAW_KEY = /\b(?:question|contact|status|thread|parse|answer|conversation)\.[a-z_-]+(?:\.[a-z_-]+)?\b/;

  it('shows the proposed table with its part, hint, buttons, status and row changes in Chinese, and an English author the same in English', async () => {
    h = await startHarness();
    aliceReadsChinese();
    const zhPlan = await startPlan(h, ALICE, CHANNEL, 'Spring cold brew launch');
    const enPlan = await startPlan(h, BOB, CHANNEL, 'Autumn tea');
    for (const planId of [zhPlan, enPlan]) {
      for (let step = 0; step < 60 && (await h.record(planId)).flow.current !== 'contact_plan'; step += 1) await answerCurrent(h, planId);
      expect((await h.record(planId)).flow.current).toBe('contact_plan');
    }
    const zhTable = (await threadTexts(zhPlan)).at(-1) ?? '';
    expect(zhTable).toMatch(/第 \d 部分，共 8 部分/);
    expect(zhTable).toContain('回复 `接受`（或点击 *接受接触计划*）');
    expect(zhTable).toContain('接受接触计划');
    expect(zhTable).not.toContain('Accept contact plan');
    expect(zhTable).not.toMatch(RAW_KEY);
    const enTable = (await threadTexts(enPlan)).at(-1) ?? '';
    expect(enTable).toMatch(/part \d of 8\)/);
    expect(enTable).toContain('Accept contact plan');
    expect(enTable).not.toMatch(HAN);

    // The status lists the proposed answers as proposals, with the part, in Chinese.
    await say(h, zhPlan, '进度');
    const status = (await threadTexts(zhPlan)).at(-2) ?? '';
    expect(status).toMatch(/第 \d 部分，共 8 部分/);
    expect(status).toContain('（建议值；回复 `修改 journey` 可自行设定）');
    expect(status).not.toMatch(RAW_KEY);

    // A row is opened, refused and changed: each reply in Chinese.
    await say(h, zhPlan, '修改第1行');
    const opened = (await threadTexts(zhPlan)).at(-1) ?? '';
    expect(opened).toContain('正在修改接触计划第 1 行');
    expect(opened).toContain('请回复要修改的内容，例如 `channel: Xiaohongshu brand account');
    await say(h, zhPlan, 'timing: launch; colour blue');
    const refused = (await threadTexts(zhPlan)).at(-1) ?? '';
    expect(refused).toContain(':warning: 看不出 `colour blue` 要修改哪个字段');
    expect(refused).toContain('正在修改接触计划第 1 行');
    await say(h, zhPlan, 'timing: launch');
    const changed = (await threadTexts(zhPlan)).at(-1) ?? '';
    expect(changed).toContain('第 1 行已修改。');
    expect(changed).toContain('接触计划确认无误后，请回复 `接受`。');
    await say(h, zhPlan, '删除第99行');
    expect((await threadTexts(zhPlan)).at(-1)).toMatch(/没有第 99 行：接触计划共有第 1 至 \d+ 行。/);
    for (const text of await threadTexts(zhPlan)) expect(text).not.toMatch(RAW_KEY);

    await say(h, zhPlan, '接受');
    expect((await h.record(zhPlan)).flow.current).not.toBe('contact_plan');
  });
});

describe("a channel's language", () => {
  it('/imc config language zh-CN makes the draft a Chinese post, while an English user is still answered in English', async () => {
    h = await startHarness();
    const set = await command(BOB, 'config language zh-CN');
    expect(set.type).toBe('in_channel');
    // The announcement goes to the channel, so it is in the channel's new language.
    expect(set.text).toMatch(HAN);
    const planId = await startPlan(h, BOB, CHANNEL, 'Spring cold brew launch');
    await completePlan(h, planId);
    const record = await h.record(planId);
    const draft = h.fake.messages(CHANNEL).find((m) => m.ts === record.versions[0]?.messageTs);
    expect(messageText(draft)).toContain('草案');
    expect(messageText(draft)).toContain('第 1 版');
    // Bob's own thread followed his en-US locale throughout.
    expect((await threadTexts(planId)).at(-1)).toContain(':tada: Posted version 1 of *Spring cold brew launch* to the channel as a draft.');
    expect((await command(BOB, 'list')).text).toContain('*Plans in this channel*');

    const back = await command(BOB, 'config language en');
    expect(back.text).not.toMatch(HAN);
    expect((await command(BOB, 'config')).text).toContain("language of the channel's posts (drafts, budget sketches, reminders, reviews): English");
  });

  it('IMC_LANGUAGE sets the language of channels that chose none', async () => {
    h = await startHarness({ env: { IMC_LANGUAGE: 'zh-CN' } });
    await startPlan(h, BOB, CHANNEL, 'Spring cold brew launch');
    expect(channelPosts().at(-1)).toContain('发起了整合营销传播（IMC）方案');
    // A person whose locale the bot speaks still reads their own replies in it.
    expect((await command(BOB, 'list')).text).toContain('*Plans in this channel*');
  });

  it('refuses a language it does not speak, saying which it does', async () => {
    h = await startHarness();
    const reply = await command(BOB, 'config language fr');
    expect(reply.type).toBe('ephemeral');
    expect(reply.text).toContain('I don\'t speak "fr"');
    expect(reply.text).toContain('`/imc config language zh-CN`');
  });
});

describe('queued messages are intents, drawn when they go out', () => {
  it('stores no Block Kit in the outbox, and a post held over a restart goes out in the language its reader has by then', async () => {
    h = await startHarness();
    // Slack rate-limits the kickoff: it and the first question wait in the outbox.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const response = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Spring cold brew launch' });
    expect(response.status).toBe(200);
    const planId = planIdIn(response.body) ?? '';
    await waitUntil(() => h.fake.callsTo('chat.postMessage').length > 0, 'the kickoff to be tried');
    const queued = (await h.record(planId)).outbox;
    expect(queued.map((item) => (item as { intent?: { kind: string } }).intent?.kind)).toEqual(['kickoff', 'question']);
    for (const item of queued) {
      expect(item).not.toHaveProperty('message');
      expect(JSON.stringify(item)).not.toContain('"blocks"');
    }
    // While it waits, the channel switches to Chinese; while the bot is down, so does Alice's Slack.
    expect((await command(BOB, 'config language zh-CN')).type).toBe('in_channel');
    await h.stopBot();
    aliceReadsChinese();
    await h.restart();
    await h.settle();
    expect((await h.record(planId)).outbox).toEqual([]);
    const kickoff = channelPosts().find((text) => text.includes(planId)) ?? '';
    expect(kickoff).toContain('发起了整合营销传播（IMC）方案');
    const question = (await threadTexts(planId)).at(-1) ?? '';
    expect(question).toContain('取消方案');
  });

  it("keeps a message waiting, never dropped, while the store cannot say the channel's language, and still tells a person in time", async () => {
    h = await startHarness();
    const planId = await startPlan(h, ALICE, CHANNEL, 'Spring cold brew launch');
    const { settings } = h.bot.store;
    const read = settings.get.bind(settings);
    // The database stops answering for the next two reads of a channel's settings.
    let failing = 2;
    settings.get = async (teamId, channelId) => {
      if (failing > 0) {
        failing -= 1;
        throw new StoreError('the database did not answer', 'STORE_UNAVAILABLE');
      }
      return read(teamId, channelId);
    };
    await answerCurrent(h, planId);
    await h.settle();
    await waitUntil(async () => failing === 0 && (await h.record(planId)).outbox.length === 0, 'the held messages to go out');
    expect(h.logs.some((line) => line.includes('the store did not answer while a queued message was drawn; will retry'))).toBe(true);
    // The first question was marked answered and the second asked: nothing was dropped, nobody was told of a failure.
    const record = await h.record(planId);
    expect(h.fake.callsTo('chat.update').filter((c) => c.args.ts !== record.threadTs)).toHaveLength(1);
    expect((await threadTexts(planId)).at(-1)).toContain('*Problems*');
    expect(h.fake.ephemerals.filter((e) => e.text.includes('Slack refused my message'))).toEqual([]);

    // A command while the store cannot say still gets its answer in the person's language.
    failing = 1;
    expect((await command(BOB, 'help')).text).toContain('/imc plan');
  });
});

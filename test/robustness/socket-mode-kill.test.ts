/**
 * Socket Mode's promise, tested the hard way: the bot process is killed (SIGKILL)
 * the moment Slack has its acknowledgement of a slash command, a thread reply and a
 * button click, and started again on the same data: what was acknowledged is there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../../src/local-slack/slack-driver.js';
import { BOT_TOKEN, CHANNEL, SIGNING_SECRET, ALICE } from '../support/bot-harness.js';
import { TYPED_ANSWERS, elementsOf } from '../support/plan-conversation.js';
import { freePort, killBot, readPlan, spawnBot, waitForHealth, type BotProcess } from './bot-process.js';

let fake: FakeSlack | undefined;
let bot: BotProcess | undefined;
let root: string | undefined;
afterAll(async () => {
  await killBot(bot);
  await fake?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('SIGKILL right after a Socket Mode acknowledgement', () => {
  it('keeps the plan a slash command created, a typed answer and a clicked answer', async () => {
    root = await mkdtemp(join(tmpdir(), 'imc-bot-socket-kill-'));
    const dataDir = join(root, 'data');
    fake = await startFakeSlack({ botToken: BOT_TOKEN, channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE] }], users: [{ id: ALICE, name: 'alice' }] });
    const theFake = fake;
    const start = async (): Promise<SlackDriver> => {
      bot = spawnBot({ cwd: root as string, dataDir, slackApiUrl: theFake.url, port: await freePort(), env: { SLACK_APP_TOKEN: theFake.appToken } });
      await waitForHealth(bot);
      return createSlackDriver({ socketMode: theFake.socketMode, ackTimeoutMs: 10_000, signingSecret: SIGNING_SECRET, fake: theFake });
    };
    const killNow = async () => {
      bot?.child.kill('SIGKILL');
      await bot?.exited;
    };

    // 1. The slash command: killed as soon as its acknowledgement (with the plan id) is in.
    let driver = await start();
    const command = await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Killed launch' });
    await killNow();
    expect(command.status).toBe(200);
    const planId = /`(P-[0-9A-Z]{5})`/.exec(command.body)?.[1] as string;
    expect(planId).toMatch(/^P-/);
    driver = await start();
    expect((await readPlan(dataDir, planId)).title).toBe('Killed launch');

    // 2. A typed answer in the thread (an events_api envelope).
    await theFake.waitFor(() => theFake.messages(CHANNEL).length > 0, { description: 'the kickoff after the restart' });
    const threadTs = await waitForThread(dataDir, planId);
    const asked = (await readPlan(dataDir, planId)).flow.current as string;
    const typed = await driver.message({ userId: ALICE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS[asked] as string });
    await killNow();
    expect(typed.status).toBe(200);
    driver = await start();
    expect((await readPlan(dataDir, planId)).flow.answers[asked]?.raw).toBe(TYPED_ANSWERS[asked]);

    // 3. Typed answers up to a question with a menu, then a choice in it (an interactive envelope).
    for (let step = 0; step < 10; step += 1) {
      const current = (await readPlan(dataDir, planId)).flow.current as string;
      if (current === 'key_problem') break;
      expect((await driver.message({ userId: ALICE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS[current] as string })).status).toBe(200);
    }
    const menuOf = (message: Parameters<typeof elementsOf>[0]) => elementsOf(message).find((e) => e.block_id.includes('key_problem') && e.options);
    const question = await theFake.waitFor(() => theFake.messages(CHANNEL, { threadTs }).filter((m) => m.bot_id && menuOf(m)).at(-1), {
      description: 'the key problem question with its menu',
    });
    const menu = menuOf(question);
    if (!question || !menu) throw new Error('no key problem menu');
    const click = await driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: question.ts, threadTs, actionId: menu.action_id, blockId: menu.block_id, selectedOption: 'communication' });
    await killNow();
    expect(click.status).toBe(200);
    await start();
    expect((await readPlan(dataDir, planId)).flow.answers.key_problem?.value).toBe('communication');
  }, 90_000);
});

async function waitForThread(dataDir: string, planId: string): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const threadTs = (await readPlan(dataDir, planId)).threadTs;
    if (threadTs) return threadTs;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the kickoff was never posted');
}

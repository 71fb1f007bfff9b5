/**
 * The bot process is killed (SIGKILL) after Slack took a post but before the bot
 * heard back, so the journal never records it. The restarted bot looks for the post's
 * outbox id in the channel (or thread) before sending, finds it, and goes on from it:
 * exactly one copy, for a channel message (the kickoff that opens the thread) and for
 * a thread message (the next question).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOT_TOKEN, CHANNEL, messageText, SIGNING_SECRET, waitUntil } from '../support/bot-harness.js';
import { TYPED_ANSWERS } from '../support/plan-conversation.js';
import { cleanUpProcessTest, freePort, spawnBot, waitForHealth, type ProcessTestState } from './bot-process.js';

const state: ProcessTestState & { fake?: FakeSlack } = {};
afterAll(() => cleanUpProcessTest(state));

describe('a crash after Slack took a post, before the bot wrote it down', () => {
  it('posts each message exactly once after the restart', async () => {
    const root = (state.root = await mkdtemp(join(tmpdir(), 'imc-bot-outbox-crash-')));
    const dataDir = join(root, 'data');
    const theFake = (state.fake = await startFakeSlack({
      botToken: BOT_TOKEN,
      channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE] }],
      users: [{ id: ALICE, name: 'alice', tz: 'Asia/Shanghai' }],
    }));
    const start = async (): Promise<SlackDriver> => {
      const bot = (state.bot = spawnBot({ cwd: root, dataDir, slackApiUrl: theFake.url, port: await freePort() }));
      await waitForHealth(bot);
      return createSlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake: theFake });
    };
    const killWhenPosted = async (count: () => number, expected: number, what: string) => {
      await theFake.waitFor(() => count() >= expected, { description: what, timeoutMs: 10_000 });
      state.bot?.child.kill('SIGKILL');
      expect((await state.bot?.exited)?.signal).toBe('SIGKILL');
    };
    const kickoffs = () => theFake.messages(CHANNEL).filter((m) => m.text.includes('started an IMC plan'));
    let driver = await start();

    // 1. The kickoff lands in the channel, its answer never comes back, the bot dies.
    theFake.failNext('chat.postMessage', { accepted: 'hang' });
    const started = await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Crash launch' });
    expect(started.status).toBe(200);
    await killWhenPosted(() => kickoffs().length, 1, 'the kickoff to land');

    driver = await start();
    const kickoff = kickoffs()[0]!;
    const thread = () => theFake.messages(CHANNEL, { threadTs: kickoff.ts }).map((m) => messageText(m));
    await waitUntil(() => thread().some((text) => text.includes('*Brand*')), 'the first question in the kickoff thread', 10_000);
    expect(kickoffs()).toHaveLength(1);

    // 2. The same for a thread message: the next question lands, the bot dies before hearing back.
    theFake.failNext('chat.postMessage', { accepted: 'hang' });
    const answered = await driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: kickoff.ts, text: TYPED_ANSWERS.brand ?? '' });
    expect(answered.status).toBe(200);
    const problems = () => thread().filter((text) => text.includes('*Problems*'));
    await killWhenPosted(() => problems().length, 1, 'the next question to land');

    driver = await start();
    await waitUntil(() => theFake.callsTo('conversations.replies').length > 0, 'the restarted bot to look in the thread', 10_000);
    // It goes on from the question it found: the answer to it is taken.
    const next = await driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: kickoff.ts, text: TYPED_ANSWERS.problems ?? '' });
    expect(next.status).toBe(200);
    await waitUntil(() => thread().some((text) => text.includes(':white_check_mark: *Problems*')), 'the question marked answered', 10_000);
    expect(problems().filter((text) => !text.includes(':white_check_mark:'))).toHaveLength(0);
    expect(thread().filter((text) => text.includes('Problems'))).toHaveLength(1);
    // Each question keeps its own answer: the one found after the crash is the one the answer marks.
    expect(thread()[0]).toContain(`:white_check_mark: *Brand*: ${TYPED_ANSWERS.brand}`);
    expect(kickoffs()).toHaveLength(1);
  }, 60_000);
});

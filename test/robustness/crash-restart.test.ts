/**
 * The bot process is killed (SIGKILL, no clean-up) while 20 conversations are being
 * answered, and started again on the same data directory: every answer Slack got a
 * 200 (HTTP) or an acknowledgement (Socket Mode) for is still there, and every
 * conversation carries on to its posted draft.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../src/app/plan-record.js';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../../src/local-slack/slack-driver.js';
import { BOT_TOKEN, CHANNEL, SIGNING_SECRET, waitUntil } from '../support/bot-harness.js';
import { planIdIn, TYPED_ANSWERS } from '../support/plan-conversation.js';
import { cleanUpProcessTest, freePort, readPlan, spawnBot, waitForHealth, type BotProcess } from './bot-process.js';

const CONVERSATIONS = 20;
/** Acknowledged answers across all conversations before the kill: about a third of the way. */
const KILL_AFTER_ACKS = 160;
const AUTHORS = Array.from({ length: CONVERSATIONS }, (_, i) => `U0AUTH${String(i).padStart(2, '0')}`);

interface Sent {
  questionId: string;
  text: string;
  acknowledged: boolean;
}

let fake: FakeSlack | undefined;
let bot: BotProcess | undefined;
let root: string | undefined;
afterEach(async () => {
  await cleanUpProcessTest({ bot, fake, root });
  fake = bot = root = undefined;
});

/** The text the author types next, or undefined once the plan left the conversation. */
function nextReply(record: PlanRecord): { questionId: string; text: string } | undefined {
  if (record.status !== 'planning') return undefined;
  if (record.flow.status === 'checking') return { questionId: '(review)', text: 'accept' };
  const questionId = record.flow.current;
  const text = questionId ? TYPED_ANSWERS[questionId] : undefined;
  if (!questionId || text === undefined) throw new Error(`no typed answer for ${String(questionId)} in ${record.id}`);
  return { questionId, text };
}

/** Answers one plan until it is posted or a request fails (the bot died); returns what was sent. */
async function converse(driver: () => SlackDriver, dataDir: string, planId: string, sent: Sent[], stop: () => boolean): Promise<void> {
  for (let step = 0; step < 60 && !stop(); step += 1) {
    const record = await readPlan(dataDir, planId);
    const reply = nextReply(record);
    if (!reply) return;
    const entry: Sent = { ...reply, acknowledged: false };
    sent.push(entry);
    try {
      const response = await driver().message({ userId: record.authorId, channelId: CHANNEL, threadTs: record.threadTs, text: reply.text });
      entry.acknowledged = response.status === 200;
    } catch {
      return; // connection refused or reset: the process is gone
    }
    if (!entry.acknowledged) return;
  }
}

describe.each(['http', 'socket'] as const)('a crash while 20 conversations are answering (%s)', (mode) => {
  it('keeps every acknowledged answer and lets every conversation finish after a restart', async () => {
    root = await mkdtemp(join(tmpdir(), 'imc-bot-crash-'));
    const dataDir = join(root, 'data');
    fake = await startFakeSlack({
      botToken: BOT_TOKEN,
      channels: [{ id: CHANNEL, name: 'campaign-planning', members: AUTHORS }],
      users: AUTHORS.map((id) => ({ id, name: id.toLowerCase(), tz: 'Asia/Shanghai' })),
    });
    const theFake = fake;
    const start = async () => {
      const env: Record<string, string> = mode === 'socket' ? { SLACK_APP_TOKEN: theFake.appToken } : {};
      bot = spawnBot({ cwd: root as string, dataDir, slackApiUrl: theFake.url, port: await freePort(), env });
      await waitForHealth(bot);
      return mode === 'socket'
        ? createSlackDriver({ socketMode: theFake.socketMode, ackTimeoutMs: 10_000, signingSecret: SIGNING_SECRET, fake: theFake })
        : createSlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake: theFake });
    };
    let driver = await start();

    const planIds = await Promise.all(
      AUTHORS.map(async (userId, i) => {
        const response = await driver.slashCommand({ userId, channelId: CHANNEL, text: `plan Crash test ${i}` });
        expect(response.status).toBe(200);
        const id = planIdIn(response.body);
        if (!id) throw new Error(`no plan id in ${response.body}`);
        return id;
      }),
    );
    await waitUntil(async () => (await Promise.all(planIds.map((id) => readPlan(dataDir, id)))).every((r) => r.threadTs), 'every kickoff to be posted', 15_000);

    // Phase 1: all 20 answer at once; the process is killed once enough answers are in.
    const sent = new Map(planIds.map((id) => [id, [] as Sent[]]));
    let killed = false;
    const acknowledged = () => [...sent.values()].flat().filter((s) => s.acknowledged).length;
    const answering = planIds.map((id) => converse(() => driver, dataDir, id, sent.get(id) as Sent[], () => killed));
    await waitUntil(() => acknowledged() >= KILL_AFTER_ACKS, `${KILL_AFTER_ACKS} acknowledged answers`, 30_000);
    bot?.child.kill('SIGKILL');
    killed = true;
    expect((await bot?.exited)?.signal).toBe('SIGKILL');
    await Promise.all(answering);
    const beforeCrash = acknowledged();
    expect(beforeCrash).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // Phase 2: a new process on the same directory (the dead one's lock is taken over).
    driver = await start();
    for (const id of planIds) {
      const record = await readPlan(dataDir, id);
      for (const entry of (sent.get(id) as Sent[]).filter((s) => s.acknowledged && s.questionId !== '(review)')) {
        const answer = record.flow.answers[entry.questionId];
        expect(answer, `${id}: the acknowledged answer to ${entry.questionId}`).toBeDefined();
        if (entry.text === 'skip') expect(answer?.skipped).toBe(true);
        else expect(answer?.raw).toBe(entry.text);
      }
    }

    await Promise.all(planIds.map((id) => converse(() => driver, dataDir, id, sent.get(id) as Sent[], () => false)));
    await waitUntil(
      async () => (await Promise.all(planIds.map((id) => readPlan(dataDir, id)))).every((r) => r.status === 'draft' && r.versions[0]?.messageTs && r.outbox.length === 0),
      'every draft to be posted',
      30_000,
    );
    for (const id of planIds) {
      const record = await readPlan(dataDir, id);
      expect(Object.keys(record.flow.answers)).toEqual(expect.arrayContaining(['brand', 'goals', 'channels', 'review_date']));
      const draft = fake.messages(CHANNEL).find((m) => m.ts === record.versions[0]?.messageTs);
      expect(draft?.text).toContain(id);
    }
    expect(acknowledged()).toBeGreaterThan(beforeCrash);
    // Nothing was posted twice: every outbox item id appears on one message at most.
    const itemIds = fake.messages(CHANNEL).flatMap((m) => [m, ...fake!.messages(CHANNEL, { threadTs: m.ts })]).map((m) => JSON.stringify(m.metadata?.event_payload ?? null));
    const tagged = itemIds.filter((id) => id.includes('item_id'));
    expect(tagged.length).toBeGreaterThan(CONVERSATIONS * 10);
    expect(new Set(tagged).size).toBe(tagged.length);
  }, 90_000);
});

/**
 * Two bot processes on one PostgreSQL, behind one "load balancer" (the tests send
 * each request to either). Required of several instances: an event delivered to both
 * (same event_id, the second a retry) is applied once; every queued Slack message is
 * posted exactly once overall; a conversation continues on the other instance; each
 * reminder goes out once when both tick at the due time; SIGKILL of one loses no
 * acknowledged answer and the other takes its leased work over once the lease runs out.
 * A channel's language set through one instance is the one the other draws its posts in,
 * and what waits in the outbox table is the message's intent, never Block Kit.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../src/app/plan-record.js';
import { REMINDER_EVENT_TYPE } from '../../src/app/reminder-service.js';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOB, BOT_TOKEN, CAROL, CHANNEL, messageText, SIGNING_SECRET, waitUntil } from '../support/bot-harness.js';
import { planIdIn, TYPED_ANSWERS } from '../support/plan-conversation.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres/test-database.js';
import { freePort, killBot, spawnBot, waitForHealth, type BotProcess } from './bot-process.js';

const DAVE = 'U0DAVE';
const PEOPLE = [ALICE, BOB, CAROL, DAVE];

let database: TestDatabase;
let db: pg.Client;
let fake: FakeSlack;
let root: string;
const bots: Record<'a' | 'b', BotProcess | undefined> = { a: undefined, b: undefined };

/** Starts instance `name`; B gets a short lease (2 s), A a long one, so A polls slowly and B is the one that drains what it handles. */
async function start(name: 'a' | 'b'): Promise<SlackDriver> {
  const bot = spawnBot({
    cwd: root,
    dataDir: join(root, `unused-${name}`),
    slackApiUrl: fake.url,
    port: await freePort(),
    env: { DATABASE_URL: database.url, IMC_LEASE_SECONDS: name === 'b' ? '2' : '20' },
  });
  bots[name] = bot;
  await waitForHealth(bot, 30_000);
  return driverFor(bot);
}

function driverFor(bot: BotProcess): SlackDriver {
  return createSlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
}

async function record(planId: string): Promise<PlanRecord> {
  const { rows } = await db.query<{ record: PlanRecord }>('SELECT record FROM plans WHERE id = $1', [planId]);
  if (!rows[0]) throw new Error(`no plan ${planId} in the database`);
  return rows[0].record;
}

/** The text the author types next, or undefined once the plan left the conversation. */
function nextReply(plan: PlanRecord): string | undefined {
  if (plan.status !== 'planning') return undefined;
  if (plan.flow.status === 'checking') return 'accept';
  return TYPED_ANSWERS[plan.flow.current ?? ''];
}

/** Every post of the bot that carries an outbox item id, in the channel and its threads. */
function taggedPosts(): string[] {
  return fake
    .messages(CHANNEL)
    .flatMap((m) => [m, ...fake.messages(CHANNEL, { threadTs: m.ts })])
    .map((m) => m.metadata?.event_payload as Record<string, unknown> | undefined)
    .filter((payload): payload is Record<string, string> => typeof payload?.item_id === 'string')
    .map((payload) => `${payload.plan_id}/${payload.item_id}`);
}

let drivers: { a: SlackDriver; b: SlackDriver };

beforeAll(async () => {
  database = await createTestDatabase();
  db = new pg.Client({ connectionString: database.url });
  root = await mkdtemp(join(tmpdir(), 'imc-bot-two-'));
  fake = await startFakeSlack({
    botToken: BOT_TOKEN,
    channels: [{ id: CHANNEL, name: 'campaign-planning', members: PEOPLE }],
    users: PEOPLE.map((id) => ({ id, name: id.toLowerCase(), tz: 'Asia/Shanghai' })),
  });
  // Both at once: they migrate the empty database together (one applies it, the other waits and finds it done).
  const [a, b] = await Promise.all([start('a'), start('b')]);
  drivers = { a, b };
  await db.connect();
}, 60_000);

afterAll(async () => {
  await Promise.all([killBot(bots.a), killBot(bots.b)]);
  await db?.end();
  await fake?.close();
  await database?.drop();
});

describe('two instances on one PostgreSQL', () => {
  const plans: Record<string, string> = {};

  it('applies an event delivered to both instances once, and posts each queued message once', async () => {
    const started = await drivers.a.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Two instances' });
    const planId = planIdIn(started.body) ?? '';
    plans.alice = planId;
    await waitUntil(async () => Boolean((await record(planId)).questionTs), 'the first question', 15_000);
    const { threadTs } = await record(planId);
    // One message event, delivered to A and, as Slack's retry, to B at the same moment.
    const event = { type: 'message', user: ALICE, channel: CHANNEL, thread_ts: threadTs, ts: '1790000000.000100', text: TYPED_ANSWERS.brand, channel_type: 'channel' };
    const [first, retry] = await Promise.all([
      drivers.a.event(event, { eventId: 'EvTWICE1' }),
      drivers.b.event(event, { eventId: 'EvTWICE1', retryNum: 1, retryReason: 'http_timeout' }),
    ]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    const after = await record(planId);
    expect(after.flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    expect(after.flow.history).toHaveLength(1); // one step, not two
    expect(after.seen.filter((key) => key === 'msg:1790000000.000100')).toHaveLength(1);
    await waitUntil(async () => (await record(planId)).outbox.length === 0, 'the outbox to drain', 15_000);
    const nextQuestion = fake.messages(CHANNEL, { threadTs }).filter((m) => messageText(m).includes('*Problems*'));
    expect(nextQuestion).toHaveLength(1);
  }, 60_000);

  it('carries three conversations to their drafts with every answer going to either instance, each message posted exactly once', async () => {
    const authors = [BOB, CAROL, DAVE];
    const ids = await Promise.all(
      authors.map(async (userId, n) => {
        const response = await (n % 2 === 0 ? drivers.b : drivers.a).slashCommand({ userId, channelId: CHANNEL, text: `plan Shared ${n}` });
        return planIdIn(response.body) ?? '';
      }),
    );
    ids.forEach((id, n) => (plans[['bob', 'carol', 'dave'][n] as string] = id));
    await Promise.all(
      [...ids, plans.alice!].map(async (planId, n) => {
        for (let step = 0; step < 80; step += 1) {
          const plan = await record(planId);
          const text = nextReply(plan);
          if (text === undefined) return;
          if (!plan.threadTs) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          // Alternate: consecutive answers of one conversation reach different instances.
          const driver = (step + n) % 2 === 0 ? drivers.a : drivers.b;
          const response = await driver.message({ userId: plan.authorId, channelId: CHANNEL, threadTs: plan.threadTs, text });
          expect(response.status).toBe(200);
        }
        throw new Error(`${planId} did not reach its draft`);
      }),
    );
    await waitUntil(
      async () => (await Promise.all(Object.values(plans).map(record))).every((p) => p.status === 'draft' && p.versions[0]?.messageTs && p.outbox.length === 0),
      'every draft to be posted',
      30_000,
    );
    const tagged = taggedPosts();
    expect(tagged.length).toBeGreaterThan(4 * 10);
    expect(new Set(tagged).size).toBe(tagged.length);
  }, 120_000);

  it("shows on one instance's Home tab what was changed through the other", async () => {
    const homeText = () => messageText({ text: '', blocks: (fake.home(ALICE)?.view.blocks as Record<string, unknown>[] | undefined) ?? [] });
    const waiting = () => homeText().split('*Waiting for your approval*')[1]?.split('*Upcoming reviews*')[0] ?? '';
    // Alice opens her Home on A: the three drafts started on either instance wait for her.
    await drivers.a.appHomeOpened({ userId: ALICE });
    await waitUntil(() => ['Shared 0', 'Shared 1', 'Shared 2'].every((title) => waiting().includes(title)), 'the drafts on her Home', 15_000);
    // She approves Bob's draft through B; A never saved that change itself.
    const bobDraft = (await record(plans.bob!)).versions[0]?.messageTs ?? '';
    await drivers.b.reactionAdded({ userId: ALICE, channelId: CHANNEL, messageTs: bobDraft, reaction: 'white_check_mark', itemUser: 'U0BOT' });
    await waitUntil(async () => (await record(plans.bob!)).approval?.approvers.includes(ALICE) ?? false, 'her approval', 15_000);
    // Opened again on A, her Home no longer asks her to approve it; the others still wait.
    await drivers.a.appHomeOpened({ userId: ALICE });
    await waitUntil(() => !waiting().includes('Shared 0'), "Bob's draft to leave her list", 15_000);
    expect(waiting()).toContain('Shared 1');
    expect(waiting()).toContain('Shared 2');
  }, 60_000);

  it('sends a due reminder once when both instances tick at the same moment', async () => {
    const planId = plans.alice!;
    const draftTs = (await record(planId)).versions[0]?.messageTs ?? '';
    // Two approvals, one reaching each instance.
    await drivers.a.reactionAdded({ userId: BOB, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark', itemUser: 'U0BOT' });
    await drivers.b.reactionAdded({ userId: CAROL, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark', itemUser: 'U0BOT' });
    await waitUntil(async () => (await record(planId)).status === 'approved', 'the plan to be approved', 15_000);
    // The review date comes: the reminder is due a minute ago.
    const due = new Date(Date.now() - 60_000).toISOString();
    const plan = await record(planId);
    plan.reminders = (plan.reminders ?? []).map((r) => (r.kind === 'review' ? { ...r, dueAt: due } : r));
    plan.dueAt = due;
    await db.query('UPDATE plans SET record = $2::jsonb, due_at = $3 WHERE id = $1', [planId, JSON.stringify(plan), due]);
    // Both restarted together: each ticks as it starts.
    await Promise.all([killBot(bots.a), killBot(bots.b)]);
    const [a, b] = await Promise.all([start('a'), start('b')]);
    drivers = { a, b };
    const reminders = () => fake.messages(CHANNEL).filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE && (m.metadata.event_payload as Record<string, unknown>).plan_id === planId);
    await waitUntil(() => reminders().length > 0, 'the reminder', 15_000);
    await waitUntil(async () => (await record(planId)).reminders?.find((r) => r.kind === 'review')?.status === 'sent', 'the reminder marked sent', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reminders()).toHaveLength(1);
  }, 90_000);

  it('loses no acknowledged answer when an instance is killed mid-post, and the other takes its messages over after the lease', async () => {
    // A fresh plan, answered on B; its next post lands in Slack but B never hears back, and is killed.
    const started = await drivers.b.slashCommand({ userId: DAVE, channelId: CHANNEL, text: 'plan Killed midway' });
    const planId = planIdIn(started.body) ?? '';
    await waitUntil(async () => Boolean((await record(planId)).questionTs), 'the first question', 15_000);
    const { threadTs } = await record(planId);
    const problems = () => fake.messages(CHANNEL, { threadTs }).filter((m) => messageText(m).includes('*Problems*'));
    fake.failNext('chat.postMessage', { accepted: 'hang' });
    const answered = await drivers.b.message({ userId: DAVE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS.brand ?? '' });
    expect(answered.status).toBe(200);
    await fake.waitFor(() => problems().length >= 1, { description: 'the next question to land', timeoutMs: 10_000 });
    const killedAt = Date.now();
    await killBot(bots.b);
    // The acknowledged answer is committed.
    expect((await record(planId)).flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    // A takes the outbox over once B's 2 s lease has run out, finds the post already there, and goes on.
    await waitUntil(async () => (await record(planId)).outbox.length === 0 && Boolean((await record(planId)).questionTs), 'A to take the messages over', 20_000);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(1_500);
    expect(problems()).toHaveLength(1);
    // The conversation continues on A.
    const next = await drivers.a.message({ userId: DAVE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS.problems ?? '' });
    expect(next.status).toBe(200);
    expect((await record(planId)).flow.answers.problems?.raw).toBe(TYPED_ANSWERS.problems);
    await waitUntil(async () => (await record(planId)).outbox.length === 0, 'the next messages', 15_000);
    const tagged = taggedPosts();
    expect(new Set(tagged).size).toBe(tagged.length);
  }, 90_000);

  it("draws a channel's posts in the language set through the other instance, and queues intents (the contact table too) in the database", async () => {
    // B was killed by the test before: it comes back on the same database.
    drivers = { a: drivers.a, b: await start('b') };
    const set = await drivers.b.slashCommand({ userId: BOB, channelId: CHANNEL, text: 'config language zh-CN' });
    expect((JSON.parse(set.body) as { response_type: string }).response_type).toBe('in_channel');
    const { rows } = await db.query<{ settings: unknown }>('SELECT settings FROM channel_settings WHERE channel_id = $1', [CHANNEL]);
    expect(rows.map((row) => row.settings)).toEqual([{ language: 'zh-CN' }]);
    // Started on A, which never saw the command: its kickoff in the channel is in Chinese.
    const started = await drivers.a.slashCommand({ userId: CAROL, channelId: CHANNEL, text: 'plan Spring in two languages' });
    const planId = planIdIn(started.body) ?? '';
    await waitUntil(async () => Boolean((await record(planId)).questionTs), 'the first question', 15_000);
    const { threadTs } = await record(planId);
    expect(messageText(fake.messages(CHANNEL).find((m) => m.ts === threadTs))).toContain('发起了整合营销传播（IMC）方案');
    // Carol answers, on either instance, up to the channels; the post that follows them is held by a rate limit.
    for (let step = 0; ; step += 1) {
      const plan = await record(planId);
      if (plan.flow.current === 'channels' && plan.outbox.length === 0) break;
      if (step >= 60) throw new Error(`${planId} did not reach the channels question`);
      if (plan.outbox.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const response = await (step % 2 === 0 ? drivers.a : drivers.b).message({ userId: CAROL, channelId: CHANNEL, threadTs, text: nextReply(plan) ?? '' });
      expect(response.status).toBe(200);
    }
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 5 });
    const answered = await drivers.b.message({ userId: CAROL, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS.channels ?? '' });
    expect(answered.status).toBe(200);
    const held = await record(planId);
    const queued = held.outbox;
    const intents = queued.flatMap((item) => (item.kind !== 'effect' && item.intent ? [item.intent] : []));
    const contact = intents.find((intent) => intent.kind === 'question' && intent.questionId === 'contact_plan');
    const table = contact?.kind === 'question' ? contact.table : undefined;
    // The table as data: rows of the channels Carol chose, by their ids, drawn into words only when sent.
    const chosen = held.flow.answers.channels?.value as string[];
    expect(chosen.length).toBeGreaterThan(1);
    expect(table?.rows.length).toBeGreaterThan(0);
    for (const row of table?.rows ?? []) expect(chosen).toContain(row.channelId);
    for (const item of queued) {
      expect(item).not.toHaveProperty('message');
      expect(JSON.stringify(item)).not.toContain('"blocks"');
    }
    // Once Slack lets it through, the proposed table is posted once, in Carol's own (English) Slack language.
    await waitUntil(async () => (await record(planId)).outbox.length === 0, 'the held messages', 20_000);
    const proposals = fake.messages(CHANNEL, { threadTs }).filter((m) => messageText(m).includes('Here is the contact plan'));
    expect(proposals).toHaveLength(1);
  }, 90_000);
});

/**
 * The database goes away under a running bot and comes back (a real PostgreSQL,
 * stopped and started): requests fail while it is gone (not acknowledged, with a clear
 * log line, and the person told to send it again), /healthz says 503, and once the
 * server is back everything works again without restarting the bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitUntil, ALICE, CHANNEL, type Harness } from '../support/bot-harness.js';
import { startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../support/postgres/start-embedded-postgres.js';

let server: RunningPostgres;
let h: Harness;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  h = await startHarness({ env: { DATABASE_URL: server.url } });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await server?.stop();
});

async function health(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${h.port}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('a database that goes away and comes back', () => {
  it('fails requests while it is gone and serves them again once it is back, without a restart', async () => {
    const planId = await startPlan(h, ALICE, CHANNEL);
    await h.settle();
    const { threadTs } = await h.record(planId);
    expect(await health()).toEqual({ status: 200, body: { ok: true, status: 'ready' } });

    await server.pause();
    expect(await health()).toEqual({ status: 503, body: { ok: false, status: 'database-unavailable' } });
    const during = await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS.brand ?? '' });
    expect(during.status).toBe(500); // not acknowledged: nothing of it was kept
    expect(h.logs.some((line) => line.includes('lost the database') && line.includes('127.0.0.1'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain('imc-test-password');
    const told = h.fake.ephemerals.filter((e) => e.user === ALICE && e.text.includes("couldn't save that"));
    expect(told).toHaveLength(1);
    const command = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'list' });
    expect(command.body).toContain('storage is full or failing');

    await server.resume();
    await waitUntil(async () => (await health()).status === 200, '/healthz to say 200 again', 15_000);
    // Told to send it again, Alice does; the same question takes it.
    const again = await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS.brand ?? '' });
    expect(again.status).toBe(200);
    expect((await h.record(planId)).flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    expect(h.logs.some((line) => line.includes('the database answers again'))).toBe(true);
    await h.settle();
    expect((await h.record(planId)).outbox).toEqual([]);
  }, 90_000);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/store/file/open-file-store.js';
import { observeSaves } from '../../src/store/observe-saves.js';
import { MemoryPlanStore, type PlanStoreOptions } from '../../src/store/in-process/memory-plan-store.js';
import type { PlanStore, StoredRecord } from '../../src/store/plan-store.js';
import { openPostgresStore } from '../../src/store/postgres/open-postgres-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres/test-database.js';
import { CachedInstallationStore } from '../../src/slack/oauth/bolt-installation-store.js';
import type { Installation } from '@slack/bolt';

/** An installation as Bolt's OAuth flow hands it over. */
function boltInstallation(teamId: string, token: string): Installation<'v2', boolean> {
  return {
    team: { id: teamId, name: teamId },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token, id: 'B1', userId: 'U0BOT', scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    appId: 'A1',
    tokenType: 'bot',
    authVersion: 'v2',
  };
}

/** Counts the store's installation reads from now on. */
function spyOnGets(store: PlanStore<TestRecord>): () => number {
  let reads = 0;
  const get = store.installations.get.bind(store.installations);
  (store.installations as { get: typeof get }).get = (key) => {
    reads += 1;
    return get(key);
  };
  return () => reads;
}

/** A plan record as the app might store it: index fields plus free-form content. */
interface TestRecord extends StoredRecord {
  title?: string;
  answers: Record<string, unknown>;
}

/** A valid record with sensible defaults. */
function record(id: string, overrides: Partial<TestRecord> = {}): TestRecord {
  return {
    id,
    teamId: 'T1',
    channelId: 'C1',
    status: 'planning',
    updatedAt: '2025-03-01T09:00:00.000Z',
    answers: {},
    ...overrides,
  };
}

type MakeStore = (options?: PlanStoreOptions) => Promise<PlanStore<TestRecord>>;

/** The behaviour every PlanStore implementation must share. */
function runPlanStoreContract(name: string, makeStore: MakeStore): void {
  describe(`PlanStore contract: ${name}`, () => {
    const open: PlanStore<TestRecord>[] = [];
    const fresh = async (options?: PlanStoreOptions) => {
      const store = await makeStore(options);
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });

    it('returns a saved record as it was saved', async () => {
      const store = await fresh();
      const saved = record('p1', {
        threadTs: '1700000000.000100',
        messageTs: ['1700000000.000100'],
        title: 'Spring launch 🌸 <b>&amp;',
        answers: { budget: 20_000_000, channels: ['owned:email', 'paid:search'], nested: { a: [1, null] } },
      });
      await store.save(saved);
      expect(await store.get('p1')).toEqual(saved);
    });

    it('returns undefined for a plan it does not have', async () => {
      const store = await fresh();
      expect(await store.get('nope')).toBeUndefined();
      expect(await store.findIdByThread('T1', 'C1', '1.2')).toBeUndefined();
      expect(await store.findIdByMessage('T1', 'C1', '1.2')).toBeUndefined();
      expect(await store.withPlan('nope', () => true)).toBeUndefined();
    });

    it('keeps its copy apart from the caller’s object', async () => {
      const store = await fresh();
      const saved = record('p1', { answers: { brand: 'Acme' } });
      await store.save(saved);
      saved.answers.brand = 'changed after saving';
      const first = await store.get('p1');
      expect(first?.answers.brand).toBe('Acme');
      if (first) first.answers.brand = 'changed after reading';
      expect((await store.get('p1'))?.answers.brand).toBe('Acme');
    });

    it('stores what JSON can hold: undefined fields vanish, dates become strings', async () => {
      const store = await fresh();
      await store.save(record('p1', { answers: { when: new Date('2025-01-02T00:00:00Z'), gone: undefined } }));
      expect((await store.get('p1'))?.answers).toEqual({ when: '2025-01-02T00:00:00.000Z' });
    });

    it('replaces a record saved again under the same id', async () => {
      const store = await fresh();
      await store.save(record('p1', { status: 'planning' }));
      await store.save(record('p1', { status: 'draft', answers: { brand: 'Acme' } }));
      expect(await store.get('p1')).toMatchObject({ status: 'draft', answers: { brand: 'Acme' } });
      expect(await store.list()).toHaveLength(1);
    });

    it('lists index entries filtered by team, channel and status, newest first', async () => {
      const store = await fresh();
      await store.save(record('a', { status: 'draft', updatedAt: '2025-03-01T10:00:00Z', title: 'Alpha' }));
      await store.save(record('b', { status: 'approved', updatedAt: '2025-03-02T10:00:00Z', channelId: 'C2' }));
      await store.save(record('c', { status: 'draft', updatedAt: '2025-03-03T10:00:00Z', teamId: 'T2' }));
      await store.save(record('d', { status: 'cancelled', updatedAt: '2025-03-04T10:00:00Z', title: 42 as never }));

      expect((await store.list()).map((entry) => entry.id)).toEqual(['d', 'c', 'b', 'a']);
      expect((await store.list({ teamId: 'T1' })).map((entry) => entry.id)).toEqual(['d', 'b', 'a']);
      expect((await store.list({ channelId: 'C2' })).map((entry) => entry.id)).toEqual(['b']);
      expect((await store.list({ statuses: ['draft', 'approved'] })).map((entry) => entry.id)).toEqual(['c', 'b', 'a']);
      expect(await store.list({ teamId: 'T1', statuses: ['draft'] })).toEqual([
        { id: 'a', teamId: 'T1', channelId: 'C1', status: 'draft', updatedAt: '2025-03-01T10:00:00Z', title: 'Alpha', queued: 0 },
      ]);
      expect(await store.list({ statuses: [] })).toEqual([]);
      // A non-string title is not indexed.
      expect((await store.list({ statuses: ['cancelled'] }))[0]).not.toHaveProperty('title');
    });

    it('finds a plan by its thread and by any of its messages, per channel', async () => {
      const store = await fresh();
      await store.save(record('p1', { threadTs: '100.1', messageTs: ['100.1', '200.2'] }));
      await store.save(record('p2', { channelId: 'C2', threadTs: '100.1', messageTs: ['300.3'] }));

      expect(await store.findIdByThread('T1', 'C1', '100.1')).toBe('p1');
      expect(await store.findIdByThread('T1', 'C2', '100.1')).toBe('p2');
      expect(await store.findIdByMessage('T1', 'C1', '200.2')).toBe('p1');
      expect(await store.findIdByMessage('T1', 'C2', '300.3')).toBe('p2');
      expect(await store.findIdByMessage('T1', 'C1', '300.3')).toBeUndefined();
      expect(await store.findIdByThread('T1', 'C1', '200.2')).toBeUndefined();
    });

    it('keeps workspaces apart: the same channel and thread in two teams are two plans', async () => {
      const store = await fresh();
      await store.save(record('a', { teamId: 'TA', threadTs: '100.1', messageTs: ['100.1'], status: 'reviewed' }));
      await store.save(record('b', { teamId: 'TB', threadTs: '100.1', messageTs: ['100.1'], status: 'reviewed' }));
      expect(await store.findIdByThread('TA', 'C1', '100.1')).toBe('a');
      expect(await store.findIdByThread('TB', 'C1', '100.1')).toBe('b');
      expect(await store.findIdByMessage('TB', 'C1', '100.1')).toBe('b');
      expect(await store.findIdByThread('TC', 'C1', '100.1')).toBeUndefined();
      expect((await store.list({ teamId: 'TA', channelId: 'C1', statuses: ['reviewed'] })).map((e) => e.id)).toEqual(['a']);
      await store.settings.set('TA', 'C1', { approvalsNeeded: 3 });
      expect(await store.settings.get('TA', 'C1')).toEqual({ approvalsNeeded: 3 });
      expect(await store.settings.get('TB', 'C1')).toEqual({});
    });

    it("keeps a channel's language beside its approval rules, per workspace, and forgets it when set without", async () => {
      const store = await fresh();
      await store.settings.set('T1', 'C1', { approvalsNeeded: 2, language: 'zh-CN' });
      await store.settings.set('T1', 'C2', { language: 'en' });
      expect(await store.settings.get('T1', 'C1')).toEqual({ approvalsNeeded: 2, language: 'zh-CN' });
      expect(await store.settings.get('T1', 'C2')).toEqual({ language: 'en' });
      expect(await store.settings.get('T2', 'C1')).toEqual({});
      // A change replaces the channel's overrides: the language back to the default is no language at all.
      await store.settings.set('T1', 'C1', { approvalsNeeded: 2 });
      expect(await store.settings.get('T1', 'C1')).toEqual({ approvalsNeeded: 2 });
    });

    it('forgets old thread and message links when a record moves on', async () => {
      const store = await fresh();
      await store.save(record('p1', { threadTs: '1.1', messageTs: ['1.1'] }));
      await store.save(record('p1', { threadTs: '2.2', messageTs: ['2.2', '3.3'] }));
      expect(await store.findIdByThread('T1', 'C1', '1.1')).toBeUndefined();
      expect(await store.findIdByMessage('T1', 'C1', '1.1')).toBeUndefined();
      expect(await store.findIdByThread('T1', 'C1', '2.2')).toBe('p1');
      expect(await store.findIdByMessage('T1', 'C1', '3.3')).toBe('p1');
    });

    it('lists the plans that owe messages and those due by a time', async () => {
      const store = await fresh();
      await store.save(record('quiet', { outbox: [] } as Partial<TestRecord>));
      await store.save(record('owing', { outbox: [{ id: 'x' }, { id: 'y' }], updatedAt: '2025-03-02T00:00:00Z' } as Partial<TestRecord>));
      await store.save(record('soon', { dueAt: '2025-04-01T02:00:00.000Z' }));
      await store.save(record('later', { dueAt: '2025-05-01T02:00:00.000Z' }));
      expect((await store.list({ queued: true })).map((e) => [e.id, e.queued])).toEqual([['owing', 2]]);
      expect((await store.list({ queued: false })).map((e) => e.id).sort()).toEqual(['later', 'quiet', 'soon']);
      expect((await store.list({ dueBy: '2025-04-01T02:00:00.000Z' })).map((e) => e.id)).toEqual(['soon']);
      expect((await store.list({ dueBy: '2025-06-01T00:00:00.000Z' })).map((e) => e.id).sort()).toEqual(['later', 'soon']);
      expect(await store.list({ dueBy: '2025-03-01T00:00:00.000Z' })).toEqual([]);
      expect((await store.list({ queued: true }))[0]).toMatchObject({ id: 'owing', queued: 2 });
      // Nothing due any more once the time is taken away.
      await store.withPlan('soon', (r) => {
        delete r.dueAt;
        return true;
      });
      expect((await store.list({ dueBy: '2025-06-01T00:00:00.000Z' })).map((e) => e.id)).toEqual(['later']);
    });

    it('changes a plan in a unit of work: saved when the change says so, untouched otherwise', async () => {
      const store = await fresh();
      await store.save(record('p1', { answers: { n: 1 } }));
      const changed = await store.withPlan('p1', (r) => {
        r.answers.n = 2;
        return true;
      });
      expect(changed?.answers).toEqual({ n: 2 });
      expect((await store.get('p1'))?.answers).toEqual({ n: 2 });
      await store.withPlan('p1', (r) => {
        r.answers.n = 3;
        return false;
      });
      expect((await store.get('p1'))?.answers).toEqual({ n: 2 });
      await store.withPlan('p1', (r) => {
        r.answers.n = 4;
        return { durable: false };
      });
      expect((await store.get('p1'))?.answers).toEqual({ n: 4 });
      const failing = store.withPlan('p1', async (r) => {
        r.answers.n = 5;
        throw new Error('changed my mind');
      });
      await expect(failing).rejects.toThrow('changed my mind');
      expect((await store.get('p1'))?.answers).toEqual({ n: 4 });
    });

    it('runs units of work on one plan one at a time: 25 concurrent increments all count', async () => {
      const store = await fresh();
      await store.save(record('p1', { answers: { n: 0 } }));
      await Promise.all(
        Array.from({ length: 25 }, () =>
          store.withPlan('p1', async (r) => {
            const seen = r.answers.n as number;
            await new Promise((resolve) => setTimeout(resolve, 1));
            r.answers.n = seen + 1;
            return true;
          }),
        ),
      );
      expect((await store.get('p1'))?.answers).toEqual({ n: 25 });
    });

    it('answers store calls made inside a unit of work (the channel settings)', async () => {
      const store = await fresh();
      await store.save(record('p1'));
      await store.settings.set('T1', 'C1', { approvalsNeeded: 4, approveEmoji: 'thumbsup' });
      await store.withPlan('p1', async (r) => {
        r.answers.settings = await store.settings.get(r.teamId, r.channelId);
        r.answers.other = (await store.get('p1'))?.id;
        return true;
      });
      expect((await store.get('p1'))?.answers).toEqual({ settings: { approvalsNeeded: 4, approveEmoji: 'thumbsup' }, other: 'p1' });
    });

    it('keeps installations per workspace and per organisation', async () => {
      const store = await fresh();
      const team = { teamId: 'T1', installation: { bot: { token: 'xoxb-1' } }, updatedAt: '2025-03-01T00:00:00Z' };
      const org = { enterpriseId: 'E1', isEnterpriseInstall: true, installation: { bot: { token: 'xoxb-org' } }, updatedAt: '2025-03-01T00:00:00Z' };
      await store.installations.save(team);
      await store.installations.save(org);
      expect(await store.installations.get({ teamId: 'T1' })).toEqual(team);
      expect(await store.installations.get({ teamId: 'T9', enterpriseId: 'E1', isEnterpriseInstall: true })).toEqual(org);
      expect(await store.installations.get({ teamId: 'T2' })).toBeUndefined();
      await store.installations.save({ ...team, installation: { bot: { token: 'xoxb-2' } } });
      expect((await store.installations.get({ teamId: 'T1' }))?.installation).toEqual({ bot: { token: 'xoxb-2' } });
      expect(await store.installations.delete({ teamId: 'T1' })).toBe(true);
      expect(await store.installations.delete({ teamId: 'T1' })).toBe(false);
      expect(await store.installations.get({ teamId: 'T1' })).toBeUndefined();
      await expect(store.installations.get({})).rejects.toMatchObject({ code: 'STORE_INVALID_ID' });
    });

    it('serves Bolt’s installation store: saved by the OAuth flow, fetched per workspace or organisation, removed on uninstall', async () => {
      const store = await fresh();
      const installations = new CachedInstallationStore(store);
      await installations.storeInstallation(boltInstallation('T1', 'xoxb-t1'));
      await installations.storeInstallation({ ...boltInstallation('T0', 'xoxb-org'), team: undefined, enterprise: { id: 'E1', name: 'Org' }, isEnterpriseInstall: true });
      expect((await installations.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-t1');
      expect((await installations.fetchInstallation({ teamId: 'T5', enterpriseId: 'E1', isEnterpriseInstall: true })).bot?.token).toBe('xoxb-org');
      await expect(installations.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toMatchObject({ code: 'app_not_installed' });
      // Background work knows only a plan's workspace: the organisation that served it through a request answers for it.
      expect(await installations.botToken({ teamId: 'T1' })).toBe('xoxb-t1');
      expect(await installations.botToken({ teamId: 'T5' })).toBe('xoxb-org');
      expect(await installations.botToken({ teamId: 'T6' })).toBeUndefined();
      // A user token revoked goes; the bot token stays.
      await installations.storeInstallation({ ...boltInstallation('T1', 'xoxb-t1'), user: { id: 'U1', token: 'xoxp-u1', scopes: ['search:read'] } });
      expect(await installations.forgetUserTokens({ teamId: 'T1' }, ['U1'])).toBe(true);
      const kept = await installations.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
      expect([kept.user.token, kept.bot?.token]).toEqual([undefined, 'xoxb-t1']);
      await installations.deleteInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
      expect(await installations.botToken({ teamId: 'T1' })).toBeUndefined();
      expect(await store.installations.get({ teamId: 'T1' })).toBeUndefined();
    });

    it('caches installations for its TTL: removed here, forgotten at once; removed by another instance, forgotten once the TTL runs out', async () => {
      const store = await fresh();
      let now = 1_000_000;
      const a = new CachedInstallationStore(store, { ttlMs: 30_000, now: () => now });
      const b = new CachedInstallationStore(store, { ttlMs: 30_000, now: () => now });
      await a.storeInstallation(boltInstallation('T1', 'xoxb-t1'));
      expect(await b.botToken({ teamId: 'T1' })).toBe('xoxb-t1');
      const reads = spyOnGets(store);
      expect(await b.botToken({ teamId: 'T1' })).toBe('xoxb-t1');
      expect(reads()).toBe(0);
      expect(await a.remove({ teamId: 'T1' })).toBe(true);
      expect(await a.botToken({ teamId: 'T1' })).toBeUndefined();
      now += 29_000;
      expect(await b.botToken({ teamId: 'T1' })).toBe('xoxb-t1');
      now += 2_000;
      expect(await b.botToken({ teamId: 'T1' })).toBeUndefined();
      // A workspace found without an installation is not cached: an install through A serves B at once.
      await a.storeInstallation(boltInstallation('T1', 'xoxb-t1-again'));
      expect(await b.botToken({ teamId: 'T1' })).toBe('xoxb-t1-again');
    });

    it('leases work to one holder until it runs out, and says when the last holder did not finish', async () => {
      const store = await fresh();
      const first = await store.leases.acquire('outbox:p1', 60_000);
      expect(first).toMatchObject({ key: 'outbox:p1', tookOver: false });
      expect(await store.leases.acquire('outbox:p1', 60_000)).toBeUndefined();
      expect(await store.leases.acquire('outbox:p2', 60_000)).toBeDefined();
      expect(await store.leases.extend(first!, 60_000)).toBe(true);
      await store.leases.release(first!);
      const second = await store.leases.acquire('outbox:p1', 40);
      expect(second?.tookOver).toBe(false); // given back cleanly
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await store.leases.extend(second!, 1_000)).toBe(false); // ran out
      const third = await store.leases.acquire('outbox:p1', 60_000);
      expect(third?.tookOver).toBe(true); // its holder never gave it back
      await store.leases.release(second!); // a stale holder cannot release the new one
      expect(await store.leases.acquire('outbox:p1', 60_000)).toBeUndefined();
      await store.leases.release(third!, { unfinished: true });
      expect((await store.leases.acquire('outbox:p1', 60_000))?.tookOver).toBe(true);
      const racing = await Promise.all([store.leases.acquire('race', 60_000), store.leases.acquire('race', 60_000)]);
      expect(racing.filter(Boolean)).toHaveLength(1);
    });

    it('keeps shared keys until they expire; set-if-absent wins once', async () => {
      const store = await fresh();
      expect(await store.keys.get('k')).toBeUndefined();
      await store.keys.set('k', { state: 'done', n: 1 }, 60_000);
      expect(await store.keys.get('k')).toEqual({ state: 'done', n: 1 });
      expect(await store.keys.setIfAbsent('k', 'other', 60_000)).toBe(false);
      expect(await store.keys.setIfAbsent('short', 1, 30)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await store.keys.get('short')).toBeUndefined();
      expect(await store.keys.setIfAbsent('short', 2, 60_000)).toBe(true);
      expect(await store.keys.get('short')).toBe(2);
      await store.keys.delete('k');
      expect(await store.keys.get('k')).toBeUndefined();
      const racing = await Promise.all([store.keys.setIfAbsent('race', 1, 60_000), store.keys.setIfAbsent('race', 2, 60_000)]);
      expect(racing.sort()).toEqual([false, true]);
    });

    it('claims each event key once', async () => {
      const store = await fresh();
      expect(await store.claimEvent('event:Ev1')).toBe(true);
      expect(await store.claimEvent('event:Ev1')).toBe(false);
      expect(await store.claimEvent('event:Ev2')).toBe(true);
      const racing = await Promise.all([store.claimEvent('event:Ev3'), store.claimEvent('event:Ev3')]);
      expect(racing.sort()).toEqual([false, true]);
    });

    it('remembers only the most recent event keys', async () => {
      const store = await fresh({ eventCapacity: 3 });
      for (const key of ['k1', 'k2', 'k3', 'k4']) expect(await store.claimEvent(key)).toBe(true);
      expect(await store.claimEvent('k4')).toBe(false);
      expect(await store.claimEvent('k2')).toBe(false);
      expect(await store.claimEvent('k1')).toBe(true); // forgotten, so claimable again
    });

    it('ends concurrent saves of one record with one of them whole, the index agreeing', async () => {
      const store = await fresh();
      const saves = Array.from({ length: 20 }, (_, n) =>
        store.save(record('p1', { status: n % 2 === 0 ? 'planning' : 'draft', answers: { n } })),
      );
      await Promise.all(saves);
      // Changes that must not be lost go through withPlan; bare saves only promise that no two mix.
      const n = (await store.get('p1'))?.answers.n as number;
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(20);
      expect((await store.list()).map((entry) => entry.status)).toEqual([n % 2 === 0 ? 'planning' : 'draft']);
    });

    it('keeps all of 50 concurrent saves of different records', async () => {
      const store = await fresh();
      const ids = Array.from({ length: 50 }, (_, n) => `plan-${n}`);
      await Promise.all(ids.map((id, n) => store.save(record(id, { threadTs: `${n}.0`, title: `Plan ${n}` }))));
      expect((await store.list()).map((entry) => entry.id).sort()).toEqual([...ids].sort());
      for (const [n, id] of ids.entries()) expect(await store.findIdByThread('T1', 'C1', `${n}.0`)).toBe(id);
    });

    it.each(['', '../escape', 'a/b', 'a\\b', 'a.json', '..', 'with space', 'ü', 'x'.repeat(129), 'nul\0'])(
      'refuses the hostile plan id %j',
      async (id) => {
        const store = await fresh();
        await expect(store.save(record(id))).rejects.toMatchObject({ code: 'STORE_INVALID_ID' });
        await expect(store.get(id)).rejects.toMatchObject({ code: 'STORE_INVALID_ID' });
        expect(await store.list()).toEqual([]);
      },
    );

    it('refuses a record without its index fields, naming them', async () => {
      const store = await fresh();
      const broken = { id: 'p1', teamId: '', channelId: 'C1', status: 7, messageTs: ['1.1', 2] } as unknown as TestRecord;
      const error = await store.save(broken).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'STORE_INVALID_RECORD' });
      for (const field of ['teamId', 'status', 'updatedAt', 'messageTs.1']) {
        expect((error as StoreError).message).toContain(field);
      }
      expect(await store.get('p1')).toBeUndefined();
    });

    it.each([
      ['an empty thread', { threadTs: '' }, 'threadTs'],
      ['message ts that are not a list', { messageTs: '1.1' }, 'messageTs'],
      ['a missing channel', { channelId: undefined }, 'channelId'],
      ['a null team', { teamId: null }, 'teamId'],
    ])('refuses a record with %s, naming the field, and keeps the last good one', async (_case, change, field) => {
      const store = await fresh();
      await store.save(record('p1'));
      const error = await store.save({ ...record('p1'), ...change } as unknown as TestRecord).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'STORE_INVALID_RECORD' });
      expect((error as StoreError).message).toContain(field);
      expect((await store.get('p1'))?.channelId).toBe('C1');
    });

    it('refuses event keys that are empty or huge', async () => {
      const store = await fresh();
      await expect(store.claimEvent('')).rejects.toMatchObject({ code: 'STORE_INVALID_ID' });
      await expect(store.claimEvent('k'.repeat(257))).rejects.toMatchObject({ code: 'STORE_INVALID_ID' });
    });

    it('tells an observer (the Home tab) about every save once, by save or by a unit of work, and never fails a save for it', async () => {
      const store = await fresh();
      const told: string[] = [];
      observeSaves(store, (saved) => {
        told.push(`${saved.id}:${String(saved.title)}`);
        if (saved.title === 'boom') throw new Error('a view that cannot follow');
      });
      await store.save(record('p1', { title: 'new' }));
      await store.withPlan('p1', (current) => {
        current.title = 'changed';
        return true;
      });
      await store.withPlan('p1', (current) => {
        current.title = 'looked at only';
        return false;
      });
      await store.withPlan('p1', (current) => {
        current.title = 'bookkeeping';
        return { durable: false };
      });
      await store.withPlan('p1', (current) => {
        current.title = 'boom';
        return true;
      });
      await expect(store.withPlan('p1', () => Promise.reject(new Error('the change failed')))).rejects.toThrow('the change failed');
      expect(told).toEqual(['p1:new', 'p1:changed', 'p1:bookkeeping', 'p1:boom']);
      expect((await store.get('p1'))?.title).toBe('boom');
    });

    it('refuses to work once closed', async () => {
      const store = await makeStore();
      await store.save(record('p1'));
      await store.close();
      await expect(store.get('p1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.save(record('p2'))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.claimEvent('e')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.withPlan('p1', () => true)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.settings.get('T1', 'C1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await store.close(); // closing twice is harmless
    });
  });
}

runPlanStoreContract('memory', async (options) => new MemoryPlanStore<TestRecord>(options));

describe('lowdb temp dirs', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  runPlanStoreContract('lowdb', async (options) => {
    const dir = await mkdtemp(join(tmpdir(), 'imc-store-contract-'));
    dirs.push(dir);
    return openFileStore<TestRecord>(dir, options);
  });
});

describe('a PostgreSQL database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  runPlanStoreContract('PostgreSQL', async (options) => {
    // Every test starts on empty tables (the schema stays: migrating twice is a no-op).
    const { store } = await openPostgresStore<TestRecord>(database.url, options);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('TRUNCATE plans, channel_settings, installations, event_claims, leases, shared_keys');
    await client.end();
    return store;
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbPlanStore } from '../../src/store/lowdb-plan-store.js';
import { MemoryPlanStore, type PlanStoreOptions } from '../../src/store/memory-plan-store.js';
import type { PlanStore, StoredRecord } from '../../src/store/plan-store.js';
import { StoreError } from '../../src/store/store-error.js';

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
      expect(await store.findByThread('C1', '1.2')).toBeUndefined();
      expect(await store.findByMessage('C1', '1.2')).toBeUndefined();
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
        { id: 'a', teamId: 'T1', channelId: 'C1', status: 'draft', updatedAt: '2025-03-01T10:00:00Z', title: 'Alpha' },
      ]);
      expect(await store.list({ statuses: [] })).toEqual([]);
      // A non-string title is not indexed.
      expect((await store.list({ statuses: ['cancelled'] }))[0]).not.toHaveProperty('title');
    });

    it('finds a plan by its thread and by any of its messages, per channel', async () => {
      const store = await fresh();
      await store.save(record('p1', { threadTs: '100.1', messageTs: ['100.1', '200.2'] }));
      await store.save(record('p2', { channelId: 'C2', threadTs: '100.1', messageTs: ['300.3'] }));

      expect((await store.findByThread('C1', '100.1'))?.id).toBe('p1');
      expect((await store.findByThread('C2', '100.1'))?.id).toBe('p2');
      expect((await store.findByMessage('C1', '200.2'))?.id).toBe('p1');
      expect((await store.findByMessage('C2', '300.3'))?.id).toBe('p2');
      expect(await store.findByMessage('C1', '300.3')).toBeUndefined();
      expect(await store.findByThread('C1', '200.2')).toBeUndefined();
      // the id alone, for a caller that reads the record under its lock
      expect(await store.findIdByThread('C1', '100.1')).toBe('p1');
      expect(await store.findIdByThread('C2', '100.1')).toBe('p2');
      expect(await store.findIdByThread('C1', '200.2')).toBeUndefined();
    });

    it('forgets old thread and message links when a record moves on', async () => {
      const store = await fresh();
      await store.save(record('p1', { threadTs: '1.1', messageTs: ['1.1'] }));
      await store.save(record('p1', { threadTs: '2.2', messageTs: ['2.2', '3.3'] }));
      expect(await store.findByThread('C1', '1.1')).toBeUndefined();
      expect(await store.findIdByThread('C1', '1.1')).toBeUndefined();
      expect(await store.findByMessage('C1', '1.1')).toBeUndefined();
      expect((await store.findByThread('C1', '2.2'))?.id).toBe('p1');
      expect((await store.findByMessage('C1', '3.3'))?.id).toBe('p1');
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

    it('ends concurrent saves of one record with the last one', async () => {
      const store = await fresh();
      const saves = Array.from({ length: 20 }, (_, n) =>
        store.save(record('p1', { status: n % 2 === 0 ? 'planning' : 'draft', answers: { n } })),
      );
      await Promise.all(saves);
      expect((await store.get('p1'))?.answers).toEqual({ n: 19 });
      expect((await store.list()).map((entry) => entry.status)).toEqual(['draft']);
    });

    it('keeps all of 50 concurrent saves of different records', async () => {
      const store = await fresh();
      const ids = Array.from({ length: 50 }, (_, n) => `plan-${n}`);
      await Promise.all(ids.map((id, n) => store.save(record(id, { threadTs: `${n}.0`, title: `Plan ${n}` }))));
      expect((await store.list()).map((entry) => entry.id).sort()).toEqual([...ids].sort());
      for (const [n, id] of ids.entries()) expect((await store.findByThread('C1', `${n}.0`))?.id).toBe(id);
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

    it('refuses to work once closed', async () => {
      const store = await makeStore();
      await store.save(record('p1'));
      await store.close();
      await expect(store.get('p1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.save(record('p2'))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.claimEvent('e')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
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
    return openLowdbPlanStore<TestRecord>(dir, options);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/store/file/open-file-store.js';
import type { FilePlanStore } from '../../src/store/file/file-plan-store.js';
import type { StoredRecord } from '../../src/store/plan-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { fullDiskJournal } from '../support/full-disk-journal.js';

const dirs: string[] = [];
const stores: FilePlanStore[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'imc-lowdb-store-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string, options?: Parameters<typeof openFileStore>[1]): Promise<FilePlanStore> {
  const store = await openFileStore(dir, options);
  stores.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const plan = (id: string, extra: Partial<StoredRecord> = {}): StoredRecord => ({
  id,
  teamId: 'T1',
  channelId: 'C1',
  threadTs: `${id.length}.5`,
  messageTs: [`${id.length}.5`],
  status: 'planning',
  updatedAt: '2025-03-01T09:00:00.000Z',
  title: `Plan ${id}`,
  ...extra,
});

/** Opens, expecting a StoreError; returns it. */
async function openFails(dir: string): Promise<StoreError> {
  const error = await openFileStore(dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/** A pid that belonged to a process which has since exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid ?? 999_999;
}

describe('file store (lowdb) on disk', () => {
  it('ends concurrent saves of one record with the last one', async () => {
    const store = await open(await tempDir());
    await Promise.all(Array.from({ length: 20 }, (_, n) => store.save(plan('p1', { status: n % 2 === 0 ? 'planning' : 'draft', answers: { n } }))));
    expect((await store.get('p1'))?.answers).toEqual({ n: 19 });
    expect((await store.list()).map((entry) => entry.status)).toEqual(['draft']);
  });

  it('keeps plans, index, channel settings and handled events across close and reopen', async () => {
    const dir = await tempDir();
    const first = await openFileStore(dir);
    await first.save(plan('p1', { answers: { brand: 'Acme' } }));
    await first.save(plan('p22', { status: 'draft', channelId: 'C2', messageTs: ['9.9'] }));
    expect(await first.claimEvent('event:Ev1')).toBe(true);
    await first.settings.set('T1', 'C2', { approveEmoji: 'rocket', language: 'zh-CN' });
    await first.close();

    const second = await open(dir);
    expect(second.openSummary).toEqual({ plans: 2, indexRepaired: false, tornTails: [], missingPlans: [] });
    expect(await second.get('p1')).toMatchObject({ answers: { brand: 'Acme' } });
    expect(await second.findIdByMessage('T1', 'C2', '9.9')).toBe('p22');
    expect((await second.list({ statuses: ['draft'] })).map((entry) => entry.id)).toEqual(['p22']);
    expect(await second.claimEvent('event:Ev1')).toBe(false);
    expect(await second.settings.get('T1', 'C2')).toEqual({ approveEmoji: 'rocket', language: 'zh-CN' });
  });

  it('lays out one file per plan plus index and events files', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.save(plan('alpha'));
    await store.claimEvent('event:Ev1');
    await store.flush();
    expect((await readdir(join(dir, 'plans'))).sort()).toEqual(['alpha.json']);
    expect(JSON.parse(await readFile(join(dir, 'plans', 'alpha.json'), 'utf8'))).toMatchObject({ id: 'alpha' });
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toMatchObject({
      version: 1,
      plans: [{ id: 'alpha', title: 'Plan alpha' }],
    });
    expect(JSON.parse(await readFile(join(dir, 'events.json'), 'utf8'))).toEqual({ version: 1, keys: ['event:Ev1'] });
  });

  it('keeps only the most recent event keys on disk', async () => {
    const dir = await tempDir();
    const store = await open(dir, { eventCapacity: 2 });
    for (const key of ['a', 'b', 'c']) await store.claimEvent(key);
    expect(JSON.parse(await readFile(join(dir, 'events.json'), 'utf8')).keys).toEqual(['b', 'c']);
  });

  it('does not rewrite the index when only non-indexed fields change', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.save(plan('p1', { answers: { brand: 'Acme' } }));
    await store.flush();
    const indexPath = join(dir, 'index.json');
    const before = { text: await readFile(indexPath, 'utf8'), mtime: (await stat(indexPath)).mtimeMs };
    await new Promise((resolve) => setTimeout(resolve, 20)); // let a rewrite show in the mtime

    await store.save(plan('p1', { answers: { brand: 'Acme', concept: 'Fresh' }, updatedAt: '2025-03-02T00:00:00Z' }));
    await store.flush();

    expect(await readFile(indexPath, 'utf8')).toBe(before.text);
    expect((await stat(indexPath)).mtimeMs).toBe(before.mtime);
    expect((await store.get('p1'))?.answers).toEqual({ brand: 'Acme', concept: 'Fresh' });
    expect((await store.list())[0]?.updatedAt).toBe('2025-03-02T00:00:00Z');
  });

  it.each([
    ['status', { status: 'draft' }],
    ['title', { title: 'Renamed' }],
    ['thread', { threadTs: '77.7' }],
    ['message ts', { messageTs: ['2.5', '88.8'] }],
  ])('rewrites the index when the %s changes', async (_field, change) => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.save(plan('p1'));
    await store.flush();
    const indexPath = join(dir, 'index.json');
    const before = await readFile(indexPath, 'utf8');
    await store.save(plan('p1', change));
    await store.flush();
    const after = JSON.parse(await readFile(indexPath, 'utf8'));
    expect(await readFile(indexPath, 'utf8')).not.toBe(before);
    expect(after.plans[0]).toMatchObject(change);
  });

  it('repairs an index that misses plans or lists plans that are gone', async () => {
    const dir = await tempDir();
    const first = await openFileStore(dir);
    await first.save(plan('kept', { status: 'draft' }));
    await first.save(plan('ghost'));
    await first.close();
    // A crash between writing a plan file and the index; and a plan file removed by hand.
    await writeFile(join(dir, 'plans', 'crashed.json'), JSON.stringify(plan('crashed', { threadTs: '5.5' })));
    await rm(join(dir, 'plans', 'ghost.json'));

    const store = await open(dir);
    // The removed file is reported (the start-up log names it), not silently forgotten.
    expect(store.openSummary).toEqual({
      plans: 2,
      indexRepaired: true,
      tornTails: [],
      missingPlans: [{ id: 'ghost', path: join(dir, 'plans', 'ghost.json'), title: 'Plan ghost', restoredFromJournal: false }],
    });
    expect(await store.findIdByThread('T1', 'C1', '5.5')).toBe('crashed');
    expect(await store.get('ghost')).toBeUndefined();
    const onDisk = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
    expect(onDisk.plans.map((entry: { id: string }) => entry.id)).toEqual(['crashed', 'kept']);
  });

  it('rebuilds a missing index and trusts the plan file over a stale index entry', async () => {
    const dir = await tempDir();
    const first = await openFileStore(dir);
    await first.save(plan('p1', { status: 'planning' }));
    await first.close();
    await writeFile(join(dir, 'plans', 'p1.json'), JSON.stringify(plan('p1', { status: 'approved' })));
    const store = await open(dir);
    expect(store.openSummary.indexRepaired).toBe(true);
    expect((await store.list({ statuses: ['approved'] })).map((entry) => entry.id)).toEqual(['p1']);

    await store.close();
    await rm(join(dir, 'index.json'));
    const again = await open(dir);
    expect(again.openSummary).toEqual({ plans: 1, indexRepaired: true, tornTails: [], missingPlans: [] });
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')).plans).toHaveLength(1);
  });

  it('ignores temp files and foreign files in the plans directory', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'plans'), { recursive: true });
    await writeFile(join(dir, 'plans', '.p1.json.tmp'), '{"half": ');
    await writeFile(join(dir, 'plans', 'notes.txt'), 'hello');
    await mkdir(join(dir, 'plans', 'sub.json'));
    const store = await open(dir);
    expect(store.openSummary.plans).toBe(0);
  });
});

describe('lowdb plan store refusing damaged files', () => {
  const damaged: Array<[string, string, string]> = [
    ['a half-written plan file', 'plans/p1.json', '{"id": "p1", "teamId": "T1", "chan'],
    ['an empty plan file', 'plans/p1.json', ''],
    ['a plan file of the wrong shape', 'plans/p1.json', '[1, 2, 3]'],
    ['a plan file holding another id', 'plans/p1.json', JSON.stringify(plan('other'))],
    ['a plan file with a null body', 'plans/p1.json', 'null'],
    ['a half-written index', 'index.json', '{"version": 1, "plans": [{"id": '],
    ['an index of the wrong shape', 'index.json', '{"version": 2, "plans": {}}'],
    ['a half-written events file', 'events.json', '{"version": 1, "keys": ["a", '],
    ['an events file of the wrong shape', 'events.json', '{"version": 1, "keys": [1]}'],
    ['binary garbage', 'index.json', '\u0000\u0001\uFFFD\n'],
  ];

  it.each(damaged)('refuses to open with %s, naming it and leaving it byte for byte', async (_what, file, content) => {
    const dir = await tempDir();
    const first = await openFileStore(dir);
    await first.save(plan('p1'));
    await first.claimEvent('event:Ev1');
    await first.close();
    const path = join(dir, file);
    await writeFile(path, content);
    const before = await readFile(path);

    const error = await openFails(dir);

    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain('left untouched');
    expect((await readFile(path)).equals(before)).toBe(true);
    // The refused open released the lock: after a fix, the store opens.
    await rm(path);
    await expect(open(dir)).resolves.toBeDefined();
  });

  it('names the first damaged plan and counts the others', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'plans'), { recursive: true });
    for (const id of ['c', 'a', 'b']) await writeFile(join(dir, 'plans', `${id}.json`), '{');
    const error = await openFails(dir);
    expect(error.path).toBe(join(dir, 'plans', 'a.json'));
    expect(error.message).toContain('2 more plan files are damaged too');
  });

  it('refuses a plan file damaged on disk but not yet read, naming it', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.save(plan('p1'));
    await first.close();
    const store = await open(dir);
    await writeFile(join(dir, 'plans', 'p1.json'), '{"id":');
    await expect(store.get('p1')).rejects.toMatchObject({ code: 'STORE_CORRUPT', path: join(dir, 'plans', 'p1.json') });
  });

  it('serves a record it has just saved from memory, and writes bursts of saves once each, the last one winning', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const saves = Array.from({ length: 20 }, (_, i) => store.save({ ...plan('p1'), status: `step-${i}` }, { durable: false }));
    await Promise.all(saves);
    expect((await store.get('p1'))?.status).toBe('step-19');
    await store.close();
    const reopened = await open(dir);
    expect((await reopened.get('p1'))?.status).toBe('step-19');
  });
});

describe('lowdb plan store directory lock', () => {
  it('refuses a second store on a directory another store holds, naming the directory', async () => {
    const dir = await tempDir();
    await open(dir);
    const error = await openFails(dir);
    expect(error.code).toBe('STORE_LOCKED');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('.lock');
    expect(await readFile(join(dir, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('frees the directory on close', async () => {
    const dir = await tempDir();
    const first = await openFileStore(dir);
    await first.close();
    await expect(readFile(join(dir, '.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(open(dir)).resolves.toBeDefined();
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.lock'), `${deadPid()}\n`);
    const store = await open(dir);
    expect(await readFile(join(dir, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await store.save(plan('p1'));
  });

  it('takes over a lock with its own pid that no store in this process holds (a restarted container)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.lock'), `${process.pid}\n`);
    await expect(open(dir)).resolves.toBeDefined();
  });

  it('refuses a lock held by a live process, and one it cannot read', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.lock'), `${process.ppid}\n`);
    expect((await openFails(dir)).message).toContain(`process ${process.ppid} is still running`);
    await writeFile(join(dir, '.lock'), 'not a pid');
    const error = await openFails(dir);
    expect(error.code).toBe('STORE_LOCKED');
    expect(await readFile(join(dir, '.lock'), 'utf8')).toBe('not a pid');
  });
});

describe('lowdb plan store journal', () => {
  /** What a crash leaves: the directory's files as they are now, copied while the store still runs. */
  async function crashCopy(dir: string): Promise<string> {
    const copy = await tempDir();
    await mkdir(join(copy, 'plans'), { recursive: true });
    for (const name of await readdir(dir)) {
      if (name.endsWith('.jsonl') || name.endsWith('.json')) await writeFile(join(copy, name), await readFile(join(dir, name)));
    }
    for (const name of await readdir(join(dir, 'plans'))) await writeFile(join(copy, 'plans', name), await readFile(join(dir, 'plans', name)));
    return copy;
  }

  it('acknowledges a save once it is in the journal, and a crash before the checkpoint loses nothing', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.save(plan('p1', { status: 'draft' }));
    await store.save(plan('p2'));
    await store.save(plan('p1', { status: 'approved' }));
    expect((await readdir(dir)).some((name) => name.startsWith('journal-'))).toBe(true);
    const copy = await crashCopy(dir);
    const reopened = await open(copy);
    expect((await reopened.get('p1'))?.status).toBe('approved');
    expect((await reopened.get('p2'))?.id).toBe('p2');
    expect((await reopened.list()).map((e) => e.id).sort()).toEqual(['p1', 'p2']);
    // replayed into the plan files, and the journal is gone
    expect(JSON.parse(await readFile(join(copy, 'plans', 'p1.json'), 'utf8')).status).toBe('approved');
    expect((await readdir(copy)).some((name) => name.startsWith('journal-'))).toBe(false);
  });

  it('ignores a half-written last line (it was never acknowledged)', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.save(plan('p1'));
    const copy = await crashCopy(dir);
    const journal = (await readdir(copy)).find((name) => name.startsWith('journal-')) as string;
    await writeFile(join(copy, journal), `${await readFile(join(copy, journal), 'utf8')}{"id":"p2","teamId":"T1","chan`);
    const reopened = await open(copy);
    expect((await reopened.get('p1'))?.id).toBe('p1');
    expect(await reopened.get('p2')).toBeUndefined();
  });

  it('refuses a journal with a damaged line, naming it and leaving it untouched', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.save(plan('p1'));
    const copy = await crashCopy(dir);
    const journal = join(copy, (await readdir(copy)).find((name) => name.startsWith('journal-')) as string);
    const damaged = `not json at all\n${await readFile(journal, 'utf8')}`;
    await writeFile(journal, damaged);
    const error = await openFails(copy);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(journal);
    expect(await readFile(journal, 'utf8')).toBe(damaged);
  });

  it('writes the plan files at a checkpoint and removes the journal', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    for (let i = 0; i < 5; i += 1) await store.save(plan('p1', { status: `step-${i}` }));
    await store.checkpoint();
    expect(JSON.parse(await readFile(join(dir, 'plans', 'p1.json'), 'utf8')).status).toBe('step-4');
    expect((await readdir(dir)).filter((name) => name.startsWith('journal-'))).toEqual([]);
  });
});

describe('lowdb plan store on a full disk', () => {
  const journalsIn = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('journal-')).sort();

  it('rejects a save that did not fit, and shows nothing of it: not in get, list or the look-ups', async () => {
    const dir = await tempDir();
    const disk = fullDiskJournal();
    const store = await open(dir, { journalFiles: disk });
    await store.save(plan('p1', { status: 'draft', answers: { brand: 'Acme' } }));
    disk.free = 0;
    await expect(store.save(plan('p1', { status: 'approved', answers: { brand: 'Changed' } }))).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
    await expect(store.save(plan('new', { threadTs: '7.7' }))).rejects.toThrow(/disk is full/);
    expect(await store.get('p1')).toMatchObject({ status: 'draft', answers: { brand: 'Acme' } });
    expect(await store.get('new')).toBeUndefined();
    expect((await store.list()).map((entry) => entry.id)).toEqual(['p1']);
    expect(await store.findIdByThread('T1', 'C1', '7.7')).toBeUndefined();
    // Neither a checkpoint nor a close brings the refused versions back.
    disk.free = Number.POSITIVE_INFINITY;
    await store.flush();
    expect(JSON.parse(await readFile(join(dir, 'plans', 'p1.json'), 'utf8')).status).toBe('draft');
    await expect(readFile(join(dir, 'plans', 'new.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('cuts a short write off again, so later saves append whole lines and a restart opens', async () => {
    const dir = await tempDir();
    const disk = fullDiskJournal();
    const store = await open(dir, { journalFiles: disk });
    await store.save(plan('p1', { status: 'step-1' }));
    disk.free = 40; // part of the next line fits, the rest does not
    await expect(store.save(plan('p1', { status: 'step-2-lost' }))).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
    expect(disk.failures).toBeGreaterThan(0);
    disk.free = Number.POSITIVE_INFINITY; // space came back: no restart needed
    await store.save(plan('p1', { status: 'step-3' }));
    await store.save(plan('p2'));
    const [journal] = await journalsIn(dir);
    const lines = (await readFile(join(dir, journal as string), 'utf8')).split('\n');
    expect(lines.filter(Boolean).map((line) => JSON.parse(line).status)).toEqual(['step-1', 'step-3', 'planning']);

    const copy = await crashCopy(dir);
    const reopened = await open(copy);
    expect((await reopened.get('p1'))?.status).toBe('step-3');
    expect(reopened.openSummary.tornTails).toEqual([]);
  });

  it('moves to a new journal when a short write cannot be cut off, and a restart cuts the torn line', async () => {
    const dir = await tempDir();
    const disk = fullDiskJournal();
    const store = await open(dir, { journalFiles: disk });
    await store.save(plan('p1', { status: 'kept' }));
    disk.free = 25;
    disk.truncateFails = true;
    await expect(store.save(plan('p2'))).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
    disk.free = Number.POSITIVE_INFINITY;
    disk.truncateFails = false;
    await store.save(plan('p3'));
    const journals = await journalsIn(dir);
    expect(journals).toHaveLength(2);

    const copy = await crashCopy(dir);
    const torn = join(copy, journals[0] as string);
    const reopened = await open(copy);
    expect(reopened.openSummary.tornTails).toEqual([{ path: torn, bytes: 25 }]);
    expect((await reopened.list()).map((entry) => entry.id).sort()).toEqual(['p1', 'p3']);
    expect(await reopened.get('p2')).toBeUndefined();
  });

  it('keeps journaled saves when the checkpoint cannot write the plan files, and catches up once it can', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.save(plan('p1', { status: 'first' }));
    await store.checkpoint();
    // The plans directory cannot take files for a while (as on a full disk).
    await rm(join(dir, 'plans'), { recursive: true });
    await writeFile(join(dir, 'plans'), 'not a directory');
    await store.save(plan('p1', { status: 'second' }));
    await expect(store.checkpoint()).rejects.toThrow();
    expect(await journalsIn(dir)).toHaveLength(1);
    expect((await open(await crashCopyWithout(dir, 'plans'))).openSummary.plans).toBe(1);

    await rm(join(dir, 'plans'));
    await mkdir(join(dir, 'plans'));
    await store.flush();
    expect(JSON.parse(await readFile(join(dir, 'plans', 'p1.json'), 'utf8')).status).toBe('second');
    expect(await journalsIn(dir)).toEqual([]);
  });

  /** A copy of the directory's top-level files only (no `skip` entry). */
  async function crashCopyWithout(dir: string, skip: string): Promise<string> {
    const copy = await tempDir();
    for (const name of await readdir(dir)) {
      if (name !== skip && (name.endsWith('.jsonl') || name.endsWith('.json'))) await writeFile(join(copy, name), await readFile(join(dir, name)));
    }
    return copy;
  }

  async function crashCopy(dir: string): Promise<string> {
    const copy = await crashCopyWithout(dir, 'plans');
    await mkdir(join(copy, 'plans'), { recursive: true });
    for (const name of await readdir(join(dir, 'plans'))) await writeFile(join(copy, 'plans', name), await readFile(join(dir, 'plans', name)));
    return copy;
  }
});

describe('lowdb plan store at open', () => {
  it('cuts a torn last journal line off and keeps every whole line before it', async () => {
    const dir = await tempDir();
    const first = await openFileStore(dir);
    await first.save(plan('p1'));
    await first.close();
    const journal = join(dir, 'journal-9.jsonl');
    const whole = `${JSON.stringify(plan('p1', { status: 'draft' }))}\n${JSON.stringify(plan('p2'))}\n`;
    const tail = '{"id":"p3","teamId":"T1","chan';
    await writeFile(journal, `${whole}${tail}`);
    const store = await open(dir);
    expect(store.openSummary.tornTails).toEqual([{ path: journal, bytes: tail.length }]);
    expect((await store.get('p1'))?.status).toBe('draft');
    expect((await store.get('p2'))?.id).toBe('p2');
    expect(await store.get('p3')).toBeUndefined();
  });

  it('refuses a plan file or journal line that fails the owner\'s check, naming the file and the field', async () => {
    const dir = await tempDir();
    const first = await openFileStore(dir);
    await first.save(plan('p1', { outbox: [] }));
    await first.close();
    const validateRecord = (record: StoredRecord) => (Array.isArray(record.outbox) ? undefined : ['outbox']);
    const path = join(dir, 'plans', 'p1.json');
    await writeFile(path, JSON.stringify(plan('p1', { outbox: null })));
    const error = await openFileStore(dir, { validateRecord }).catch((caught: unknown) => caught as StoreError);
    expect(error).toMatchObject({ code: 'STORE_CORRUPT', path });
    expect((error as StoreError).message).toContain('(check outbox)');

    await writeFile(path, JSON.stringify(plan('p1', { outbox: [] })));
    const journal = join(dir, 'journal-3.jsonl');
    await writeFile(journal, `${JSON.stringify(plan('p1', { outbox: 'x' }))}\n`);
    const again = await openFileStore(dir, { validateRecord }).catch((caught: unknown) => caught as StoreError);
    expect(again).toMatchObject({ code: 'STORE_CORRUPT', path: journal });
    expect((again as StoreError).message).toContain('line 1');
  });
});

describe('lowdb plan store lock left behind', () => {
  it('takes over an empty lock file left by a start that could not write its pid (a full disk)', async () => {
    const dir = await tempDir();
    const lock = join(dir, '.lock');
    await writeFile(lock, '');
    expect((await openFails(dir)).message).toContain('creating it right now');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    await expect(open(dir)).resolves.toBeDefined();
    expect(await readFile(lock, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('takes over a lock whose process is a zombie nobody reaped', async () => {
    const dir = await tempDir();
    // sh starts a short sleep in the background and becomes a long sleep that never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = Number((await new Promise<Buffer>((resolve) => parent.stdout.once('data', resolve))).toString().trim());
      await waitFor(async () => (await readFile(`/proc/${pid}/stat`, 'utf8')).includes(') Z '));
      process.kill(pid, 0); // the pid still exists, so a plain liveness check would call it alive
      await writeFile(join(dir, '.lock'), `${pid}\n`);
      await expect(open(dir)).resolves.toBeDefined();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('lets exactly one of two processes take over the same stale lock', async () => {
    for (let round = 0; round < 2; round += 1) {
      const dir = await tempDir();
      await writeFile(join(dir, '.lock'), `${deadPid()}\n`);
      const outcomes = await Promise.all([takeLockInChild(dir), takeLockInChild(dir)]);
      expect(outcomes.sort()).toEqual(['locked', 'took']);
    }
  });
});

const LOCK_MODULE = new URL('../../src/store/file/dir-lock.ts', import.meta.url).href;

/** Runs acquireDirLock in a child process that holds the lock for a moment; 'took' or 'locked'. */
async function takeLockInChild(dir: string): Promise<string> {
  const script = `import(${JSON.stringify(LOCK_MODULE)}).then(async (m) => {
    try { await m.acquireDirLock(${JSON.stringify(dir)}); console.log('took'); await new Promise((r) => setTimeout(r, 400)); }
    catch (e) { console.log(e.code === 'STORE_LOCKED' ? 'locked' : 'error ' + e.message); }
  });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return out.trim();
}

async function waitFor(predicate: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await predicate().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met');
}

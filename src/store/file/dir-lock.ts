/**
 * One bot process per data directory: two writers on the same files would lose
 * updates. The lock is `<dir>/.lock` holding the owner's pid, created with `wx`.
 * A lock whose owner is dead (or a zombie nobody reaped) is taken over; the take-over
 * itself is guarded by `<dir>/.lock.takeover` (made with mkdir, which only one
 * process can win), so two bots starting on one stale lock cannot both get it.
 */
import { mkdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError } from '../store-error.js';

/** A held directory lock. */
export interface DirLock {
  /** The lock file's path. */
  readonly path: string;
  /** Removes the lock file if this process still owns it. Safe to call twice. */
  release(): Promise<void>;
}

// Locks this process holds. A lock file with our own pid that is NOT in here was
// left by an earlier process that had the same pid (containers often run as pid 1).
const heldHere = new Set<string>();

/** A lock file without a pid older than this was left by a start that failed mid-write. */
const HALF_WRITTEN_LOCK_MS = 5_000;
/** A take-over guard older than this was left by a process that died while taking over. */
const STALE_TAKEOVER_MS = 10_000;

/** Takes `<dir>/.lock`, taking over a stale one from a dead process; refuses a live one. */
export async function acquireDirLock(dir: string): Promise<DirLock> {
  const path = join(resolve(dir), '.lock');
  // Two attempts: the second follows removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryCreate(path)) return heldLock(path);
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder === undefined) throw lockedError(dir, path, 'it does not contain a process id');
    if (holder === 'empty') {
      if (!(await olderThan(path, HALF_WRITTEN_LOCK_MS))) throw lockedError(dir, path, 'another process is creating it right now');
    } else if (isAlive(holder, path)) {
      throw lockedError(dir, path, `process ${holder} is still running`);
    }
    await takeOver(path, holder);
  }
  throw lockedError(dir, path, 'another process took it while this one was starting');
}

/** Removes a stale lock, unless another process is taking it over at the same moment. */
async function takeOver(path: string, stale: number | 'empty'): Promise<void> {
  const guard = `${path}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (await olderThan(guard, STALE_TAKEOVER_MS)) await rmdir(guard).catch(() => undefined);
    return; // the other process goes first; the next attempt sees what it left
  }
  try {
    // Only the lock that was judged stale: a new owner may have come in meanwhile.
    if ((await readHolder(path)) === stale) await rm(path, { force: true });
  } finally {
    await rmdir(guard).catch(() => undefined);
  }
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return true;
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // Created but not written (a full disk): an empty lock must not block the next start.
    await rm(path, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The pid in the lock file; 'gone' if it vanished meanwhile, 'empty' if nothing was written, undefined if unreadable. */
async function readHolder(path: string): Promise<number | 'gone' | 'empty' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  if (text.trim() === '') return 'empty';
  const pid = /^\s*(\d{1,10})\s*$/.exec(text)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

function isAlive(pid: number, path: string): boolean {
  if (pid === process.pid) return heldHere.has(path);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** True when `pid` has exited but its parent never reaped it (Linux; elsewhere false). */
function isZombie(pid: number): boolean {
  try {
    // The state follows the command name in parentheses, which may itself hold spaces or ")".
    const status = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return status.slice(status.lastIndexOf(')') + 2, status.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function heldLock(path: string): DirLock {
  heldHere.add(path);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      const holder = await readHolder(path);
      if (holder === process.pid) await rm(path, { force: true });
    },
  };
}

function lockedError(dir: string, path: string, reason: string): StoreError {
  return new StoreError(
    `The data directory ${dir} is in use by another bot process (${reason}). ` +
      `Stop the other bot, or point IMC_DATA_DIR at another directory. ` +
      `If no other bot is running, delete ${path} and start again.`,
    'STORE_LOCKED',
    { path },
  );
}

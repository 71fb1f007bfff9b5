/**
 * One bot process per data directory: two writers on the same files would lose
 * updates. The lock is `<dir>/.lock` holding the owner's pid, created with `wx`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StoreError } from './store-error.js';

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

/** Takes `<dir>/.lock`, taking over a stale one from a dead process; refuses a live one. */
export async function acquireDirLock(dir: string): Promise<DirLock> {
  const path = join(resolve(dir), '.lock');
  // Two attempts: the second follows removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryCreate(path)) return heldLock(path);
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder === undefined) throw lockedError(dir, path, 'it does not contain a process id');
    if (isAlive(holder, path)) throw lockedError(dir, path, `process ${holder} is still running`);
    // The owner died without cleaning up. (Two processes taking over the same stale
    // lock at the same instant could both succeed; starting two bots at once is not supported.)
    await rm(path, { force: true });
  }
  throw lockedError(dir, path, 'another process took it while this one was starting');
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The pid in the lock file, 'gone' if it vanished meanwhile, undefined if unreadable. */
async function readHolder(path: string): Promise<number | 'gone' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = /^\s*(\d{1,10})\s*$/.exec(text)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

function isAlive(pid: number, path: string): boolean {
  if (pid === process.pid) return heldHere.has(path);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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

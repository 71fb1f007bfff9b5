/**
 * The write-ahead journal of the plan store. Saving an answer appends one line
 * (the record's JSON) to `journal-<n>.jsonl`: a single write to an open file, with
 * the saves that arrive meanwhile written together in the same call. The plan files
 * are brought up to date in the background (a checkpoint), after which the journal
 * is deleted. At open, journals left by a stopped or crashed process are replayed
 * into the plan files first.
 *
 * A line is acknowledged only once it is wholly written, so a crash can at most
 * leave the last line half-written: that line was never acknowledged and is
 * ignored. Any other unreadable line means the file is damaged: the store refuses
 * to open, names the file and leaves it untouched.
 */
import { open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from './store-error.js';
import { StoredRecordSchema } from './stored-record.js';
import type { StoredRecord } from './plan-store.js';

const JOURNAL_FILE = /^journal-(\d{1,15})\.jsonl$/;

/** The path of journal number `n` in `dir`. */
export function journalPath(dir: string, n: number): string {
  return join(dir, `journal-${n}.jsonl`);
}

interface Pending {
  text: string;
  resolve(): void;
  reject(error: unknown): void;
}

/** One journal file, appended to with group commit; opened on first write. */
export class PlanJournal {
  #handle: FileHandle | undefined;
  #queue: Pending[] = [];
  #writing: Promise<void> | undefined;
  #bytes = 0;

  constructor(readonly path: string) {}

  /** Bytes appended so far (to decide when to checkpoint). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Appends one record's JSON as a line; resolves once it is written. */
  append(json: string): Promise<void> {
    const text = `${json}\n`;
    this.#bytes += Buffer.byteLength(text);
    const written = new Promise<void>((resolve, reject) => this.#queue.push({ text, resolve, reject }));
    this.#writing ??= this.#writeQueued().finally(() => (this.#writing = undefined));
    return written;
  }

  /** Resolves when everything appended so far is written. */
  async drain(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /** Drains, closes the file and deletes it. */
  async remove(): Promise<void> {
    await this.drain();
    await this.#handle?.close();
    this.#handle = undefined;
    await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Drains and closes the file, keeping it. */
  async close(): Promise<void> {
    await this.drain();
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #writeQueued(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        this.#handle ??= await open(this.path, 'a');
        await this.#handle.write(batch.map((p) => p.text).join(''));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
  }
}

/** Journals left in `dir`, oldest first. */
export async function listJournals(dir: string): Promise<{ path: string; n: number }[]> {
  const names = await readdir(dir);
  return names
    .flatMap((name) => {
      const match = JOURNAL_FILE.exec(name);
      return match ? [{ path: join(dir, name), n: Number(match[1]) }] : [];
    })
    .sort((a, b) => a.n - b.n);
}

/**
 * The latest record per plan id written in the journals (in order); rejects with
 * STORE_CORRUPT naming a journal with an unreadable line other than a half-written last one.
 */
export async function readJournals(journals: readonly { path: string }[]): Promise<Map<string, StoredRecord>> {
  const latest = new Map<string, StoredRecord>();
  for (const { path } of journals) {
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    // Everything after the last newline is a line whose write did not finish: never acknowledged.
    lines.pop();
    lines.forEach((line, index) => {
      let record: StoredRecord;
      try {
        record = StoredRecordSchema.parse(JSON.parse(line)) as StoredRecord;
      } catch {
        throw new StoreError(
          `The plan store cannot use ${path}: line ${index + 1} is not a valid plan record. The file was left untouched. ` +
            'Restore the data directory from a backup, or move the file away (the answers saved in it since the last checkpoint are then lost).',
          'STORE_CORRUPT',
          { path },
        );
      }
      latest.set(record.id, record);
    });
  }
  return latest;
}

/**
 * The write-ahead journal of the plan store. Saving an answer appends one line
 * (the record's JSON) to `journal-<n>.jsonl`: a single write to an open file, with
 * the saves that arrive meanwhile written together in the same call. The plan files
 * are brought up to date in the background (a checkpoint), after which the journal
 * is deleted. At open, journals left by a stopped or crashed process are replayed
 * into the plan files first.
 *
 * A line is acknowledged only once it is wholly written. A write that fails or comes
 * up short (a full disk) is cut off again, so the next append starts on a clean line;
 * if even that fails, the journal is marked broken and the store moves on to a new
 * one. So a crash can at most leave a half-written last line: it was never
 * acknowledged, and opening the store cuts it off. Any other unreadable line means
 * the file is damaged: the store refuses to open, names the file and leaves it untouched.
 */
import { readdir, readFile, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { nodeJournalFiles, type JournalFiles, type JournalHandle } from './journal-files.js';
import { StoreError } from '../store-error.js';
import { StoredRecordSchema } from '../stored-record.js';
import type { StoredRecord } from '../plan-store.js';

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
  #handle: JournalHandle | undefined;
  #queue: Pending[] = [];
  #writing: Promise<void> | undefined;
  #bytes = 0;
  /** Bytes known to be on disk as whole lines: a failed write is cut back to this. */
  #committed: number | undefined;
  #broken = false;

  constructor(
    readonly path: string,
    private readonly files: JournalFiles = nodeJournalFiles,
  ) {}

  /** Bytes appended so far (to decide when to checkpoint). */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * True once a failed write could not be cut off again: the file may end in a
   * partial line, so nothing more may be appended to it (the store starts a new one).
   */
  get broken(): boolean {
    return this.#broken;
  }

  /** Appends one record's JSON as a line; resolves once it is wholly written, rejects with STORE_WRITE_FAILED otherwise. */
  append(json: string): Promise<void> {
    if (this.#broken) return Promise.reject(writeFailed(this.path, new Error('an earlier write could not be undone')));
    const text = `${json}\n`;
    this.#bytes += Buffer.byteLength(text);
    const written = new Promise<void>((resolve, reject) => this.#queue.push({ text, resolve, reject }));
    this.#writing ??= this.#writeQueued().finally(() => (this.#writing = undefined));
    return written;
  }

  /** Resolves when everything appended so far is written (or has failed). */
  async drain(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /** Drains, closes the file and deletes it. */
  async remove(): Promise<void> {
    await this.close();
    await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Drains and closes the file, keeping it. */
  async close(): Promise<void> {
    await this.drain();
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  async #writeQueued(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        if (this.#broken) throw new Error('an earlier write could not be undone');
        await this.#writeAll(Buffer.from(batch.map((p) => p.text).join(''), 'utf8'));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        this.#bytes -= batch.reduce((sum, p) => sum + Buffer.byteLength(p.text), 0);
        const failure = error instanceof StoreError ? error : writeFailed(this.path, error);
        for (const pending of batch) pending.reject(failure);
      }
    }
  }

  /** Writes every byte (a short write is continued); on failure cuts the file back to its last whole line. */
  async #writeAll(buffer: Buffer): Promise<void> {
    this.#handle ??= await this.files.openForAppend(this.path);
    const handle = this.#handle;
    this.#committed ??= await handle.size();
    let offset = 0;
    try {
      while (offset < buffer.length) {
        const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
        if (bytesWritten <= 0) throw Object.assign(new Error('no bytes were written'), { code: 'ENOSPC' });
        offset += bytesWritten;
      }
    } catch (error) {
      if (offset > 0) {
        try {
          await handle.truncate(this.#committed);
        } catch {
          this.#broken = true;
        }
      }
      throw error;
    }
    this.#committed += buffer.length;
  }
}

function writeFailed(path: string, cause: unknown): StoreError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : `the write failed (${code ?? (cause as Error)?.message ?? String(cause)})`;
  return new StoreError(`The plan store could not write ${path}: ${why}. Nothing of this save was kept.`, 'STORE_WRITE_FAILED', { path, cause });
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

/** A half-written last line cut off a journal at open. */
export interface TornTail {
  path: string;
  /** Bytes removed. */
  bytes: number;
}

/**
 * The latest record per plan id written in the journals (in order). A half-written
 * last line (the process died or the disk filled mid-append; never acknowledged) is
 * skipped and reported in `torn` (see {@link cutTornTails}); nothing is written. Rejects with STORE_CORRUPT naming a
 * journal with any other unreadable line, and leaves that file untouched.
 */
export async function readJournals(
  journals: readonly { path: string }[],
  validate?: (record: StoredRecord) => string[] | undefined,
): Promise<{ records: Map<string, StoredRecord>; torn: TornTail[] }> {
  const latest = new Map<string, StoredRecord>();
  const torn: TornTail[] = [];
  for (const { path } of journals) {
    const buffer = await readFile(path);
    const end = buffer.lastIndexOf(0x0a) + 1;
    const lines = buffer.subarray(0, end).toString('utf8').split('\n');
    lines.pop(); // the empty string after the last newline
    lines.forEach((line, index) => {
      const record = parseJournalLine(line, validate);
      if (typeof record === 'string') {
        throw new StoreError(
          `The plan store cannot use ${path}: line ${index + 1} ${record}. The file was left untouched. ` +
            'Restore the data directory from a backup, or move the file away (the answers saved in it since the last checkpoint are then lost).',
          'STORE_CORRUPT',
          { path },
        );
      }
      latest.set(record.id, record);
    });
    if (end < buffer.length) torn.push({ path, bytes: buffer.length - end });
  }
  return { records: latest, torn };
}

/** Cuts the half-written last lines {@link readJournals} found off their files. */
export async function cutTornTails(torn: readonly TornTail[]): Promise<void> {
  for (const tail of torn) await truncate(tail.path, (await readFile(tail.path)).length - tail.bytes);
}

function parseJournalLine(line: string, validate: ((record: StoredRecord) => string[] | undefined) | undefined): StoredRecord | string {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return 'is not valid JSON';
  }
  const result = StoredRecordSchema.safeParse(data);
  if (!result.success) return `is not a valid plan record (check ${issueFields(result.error)})`;
  const problems = validate?.(result.data as StoredRecord);
  if (problems && problems.length > 0) return `is not a valid plan record (check ${problems.join(', ')})`;
  return result.data as StoredRecord;
}

/** The fields a zod error is about, for a message: `outbox, flow.answers`. */
export function issueFields(error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(top level)'))];
  return fields.slice(0, 5).join(', ');
}

/**
 * The seam through which the journal touches the disk: open a file for appending,
 * write bytes, cut it back, close it. The default is node:fs; tests put a layer in
 * between that fails or writes short the way a full disk does.
 */
import { open } from 'node:fs/promises';

/** An open journal file. Writes append; `truncate` cuts the file back to `length` bytes. */
export interface JournalHandle {
  /** Appends up to `length` bytes of `buffer` from `offset`; resolves with how many were written (short on a full disk). */
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  truncate(length: number): Promise<void>;
  /** The file's size in bytes. */
  size(): Promise<number>;
  close(): Promise<void>;
}

/** Opens journal files. */
export interface JournalFiles {
  /** Opens (creating if needed) `path` for appending. */
  openForAppend(path: string): Promise<JournalHandle>;
}

/** The real file system. */
export const nodeJournalFiles: JournalFiles = {
  async openForAppend(path) {
    const handle = await open(path, 'a');
    return {
      write: (buffer, offset, length) => handle.write(buffer, offset, length),
      truncate: (length) => handle.truncate(length),
      size: async () => (await handle.stat()).size,
      close: () => handle.close(),
    };
  },
};

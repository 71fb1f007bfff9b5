/**
 * A journal file layer with a settable amount of free space, for tests: a write past
 * it is cut short the way a full disk cuts it (the bytes that fit are written, then
 * ENOSPC), and cutting a file back can be made to fail too.
 */
import { nodeJournalFiles, type JournalFiles } from '../../src/store/file/journal-files.js';

export interface FullDiskJournal extends JournalFiles {
  /** Bytes the journal may still append; Infinity when the disk has room. */
  free: number;
  /** When true, cutting a file back after a failed write fails as well. */
  truncateFails: boolean;
  /** Writes that failed or came up short so far. */
  failures: number;
}

export function fullDiskJournal(): FullDiskJournal {
  const layer: FullDiskJournal = {
    free: Number.POSITIVE_INFINITY,
    truncateFails: false,
    failures: 0,
    async openForAppend(path) {
      const real = await nodeJournalFiles.openForAppend(path);
      return {
        async write(buffer, offset, length) {
          if (layer.free <= 0) {
            layer.failures += 1;
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          const fits = Math.min(length, layer.free);
          const result = await real.write(buffer, offset, fits);
          layer.free -= result.bytesWritten;
          if (fits < length) layer.failures += 1;
          return result;
        },
        async truncate(length) {
          if (layer.truncateFails) throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' });
          await real.truncate(length);
        },
        size: () => real.size(),
        close: () => real.close(),
      };
    },
  };
  return layer;
}

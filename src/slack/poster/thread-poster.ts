/**
 * The main thread's side of the poster thread: hands each Web API call ({method,
 * args, token}) to a worker thread that makes it (`poster-thread.ts`, a `LeanWebApi`),
 * and resolves with its outcome. The acknowledging event loop then spends on a Slack
 * call only the copying of its arguments and answer; the HTTP, the form encoding and
 * the JSON parsing happen on the other thread (the second core, when there is one).
 *
 * The thread starts at the first call (not at start-up, which it would only slow). If
 * it dies, every call from then on is made on the main thread instead (the caller's
 * fallback): a call handed over before it died fails with `PosterThreadGone`, saying
 * that it may have reached Slack.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../app/ports.js';
import { formFields, type ApiOutcome, type ApiRequest } from './lean-web-api.js';
import type { PosterCall, PosterSetup } from './poster-thread.js';

/** The poster thread is not there (any more): make the call another way. */
export class PosterThreadGone extends Error {
  /** true when the call had been handed over: it may have reached Slack. */
  constructor(readonly inFlight: boolean) {
    super(inFlight ? 'the Slack call thread stopped during the call' : 'the Slack call thread is not running');
  }
}

export interface ThreadPosterOptions {
  /** The Web API's base URL (SLACK_API_URL, or https://slack.com/api/). */
  baseUrl: string;
  logger: Logger;
}

interface Waiting {
  resolve(outcome: ApiOutcome): void;
  reject(error: Error): void;
}

export class ThreadPoster {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private gone = false;
  private stopped = false;

  constructor(private readonly options: ThreadPosterOptions) {}

  /** False once the thread died or was stopped: calls go elsewhere. */
  get usable(): boolean {
    return !this.gone && !this.stopped;
  }

  /** The worker once it runs (tests stop it to see the fallback). */
  get thread(): Worker | undefined {
    return this.worker;
  }

  call(request: ApiRequest): Promise<ApiOutcome> {
    if (!this.usable) return Promise.reject(new PosterThreadGone(false));
    const worker = this.worker ?? this.spawn();
    const id = (this.nextId += 1);
    // Kept alive only while a call is out: an idle thread never holds the process open.
    if (this.waiting.size === 0) worker.ref();
    return new Promise<ApiOutcome>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Blocks made JSON text here (one native call): copying a few strings to the thread costs less than copying the tree of objects.
      const message: PosterCall = { id, request: { ...request, args: formFields(request.args) } };
      worker.postMessage(message);
    });
  }

  /** Ends the thread (calls still out fail as `PosterThreadGone`, in flight). */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failWaiting();
    if (worker) await worker.terminate();
  }

  private spawn(): Worker {
    const setup: PosterSetup = { baseUrl: this.options.baseUrl };
    const worker = import.meta.url.endsWith('.ts')
      ? // Run from the sources (tests, `npm run dev`): the thread compiles its TypeScript with tsx, as the main thread does.
        new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(new URL('./poster-thread.ts', import.meta.url).href)}); })`, {
          eval: true,
          workerData: setup,
        })
      : // Compiled: next to this file (dist/src/slack/poster/), or next to the bundle (dist/poster-thread.js, see scripts/bundle.mjs).
        new Worker(new URL('./poster-thread.js', import.meta.url), { workerData: setup });
    worker.unref();
    worker.on('message', (message: { id: number; outcome: ApiOutcome }) => {
      const waiting = this.waiting.get(message.id);
      if (!waiting) return;
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) worker.unref();
      waiting.resolve(message.outcome);
    });
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker || this.stopped) return;
    this.worker = undefined;
    this.gone = true;
    this.options.logger.warn('the Slack call thread stopped; Slack calls are made on the main thread from now on', { why, callsUnderWay: this.waiting.size });
    this.failWaiting();
  }

  private failWaiting(): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const each of waiting) each.reject(new PosterThreadGone(true));
  }
}

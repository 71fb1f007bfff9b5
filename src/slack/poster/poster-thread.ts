/**
 * The poster thread's entry (a worker thread started by `thread-poster.ts`): makes the
 * Web API calls the main thread hands over, with one `LeanWebApi`, and answers each by
 * its id. It imports nothing but node's own modules (through lean-web-api.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LeanWebApi, type ApiRequest } from './lean-web-api.js';

/** What the main thread sends: a call to make, by id. */
export interface PosterCall {
  id: number;
  request: ApiRequest;
}

export interface PosterSetup {
  baseUrl: string;
}

if (parentPort) {
  const port = parentPort;
  const api = new LeanWebApi({ baseUrl: (workerData as PosterSetup).baseUrl });
  port.on('message', (message: PosterCall) => {
    void api
      .call(message.request)
      // Only arguments that cannot be encoded (nothing the bot sends) get here: refused like Slack would.
      .catch(() => ({ ok: false as const, error: { code: 'slack_webapi_platform_error' as const, data: { error: 'invalid_arguments' } } }))
      .then((outcome) => port.postMessage({ id: message.id, outcome }));
  });
}

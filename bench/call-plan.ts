/**
 * The floor app's call plan, measured from the bot: which Web API calls the bot
 * made for each request of a conversation, with which payloads, as the local fake
 * Slack received them. A call belongs to the request that was the last one sent in
 * its channel before the call arrived (each benchmark person has a channel of their
 * own and sends one request at a time, after the bot's next question appeared).
 */
import type { RecordedCall } from '../src/local-slack/fake-slack-api.js';
import type { FloorPlan, PlannedCall, PlannedRequest } from './floor-app.js';
import { table } from './stats.js';
import type { RequestKind, SentRequest } from './support.js';

/** A call as measured: method and request body size. */
export interface MeasuredCall {
  method: string;
  bytes: number;
}

/** One request and the calls it caused. */
export interface MeasuredRequest {
  kind: RequestKind;
  step: string;
  calls: MeasuredCall[];
}

/** The calls each person's requests caused, person by person, request by request. */
export function attributeCalls(people: readonly (readonly SentRequest[])[], calls: readonly RecordedCall[]): { request: SentRequest; calls: RecordedCall[] }[][] {
  return people.map((requests) =>
    requests.map((request, n) => {
      const end = requests[n + 1]?.callsBefore ?? calls.length;
      return { request, calls: calls.slice(request.callsBefore, end).filter((call) => call.args.channel === request.channelId) };
    }),
  );
}

/** Calls that are not about a conversation's channel (or response_url posts) would be missed; the plan only knows these. */
const PLANNABLE = new Set(['chat.postMessage', 'chat.update']);

/**
 * The floor plan from the bot's measured conversations: the first person's calls
 * per request position, after checking that every person's conversation made the
 * same requests and the same calls (sizes may differ by a few bytes).
 */
export function derivePlan(people: readonly (readonly SentRequest[])[], calls: readonly RecordedCall[]): FloorPlan {
  const attributed = attributeCalls(people, calls);
  const [first] = attributed;
  if (!first) throw new Error('no conversation to measure the call plan from');
  const signature = (conversation: (typeof attributed)[number]) =>
    conversation.map(({ request, calls: made }) => `${request.kind}:${request.step}:${made.map((c) => c.method).join(',')}`).join(' ');
  const reference = signature(first);
  for (const conversation of attributed) {
    const prefix = signature(conversation);
    if (!reference.startsWith(prefix)) throw new Error(`the conversations made different calls:\n${reference}\n${prefix}`);
  }
  const posted: string[] = [];
  const requests: PlannedRequest[] = first.map(({ request, calls: made }) => ({
    kind: request.kind,
    step: request.step,
    ...(request.responseBody ? { ack: JSON.parse(request.responseBody) as Record<string, unknown> } : {}),
    calls: made.map((call) => {
      if (!PLANNABLE.has(call.method)) throw new Error(`the floor plan does not know ${call.method}`);
      const { channel: _channel, ts, thread_ts: threadTs, ...args } = call.args;
      const planned: PlannedCall = { method: call.method, args };
      if (typeof threadTs === 'string') planned.threadOf = indexOf(posted, threadTs, call);
      if (typeof ts === 'string') planned.tsOf = indexOf(posted, ts, call);
      const answered = call.response?.body.ts;
      if (call.method === 'chat.postMessage' && typeof answered === 'string') posted.push(answered);
      return planned;
    }),
  }));
  return { requests };
}

function indexOf(posted: string[], ts: string, call: RecordedCall): number {
  const index = posted.indexOf(ts);
  if (index < 0) throw new Error(`${call.method} refers to ${ts}, which the conversation did not post`);
  return index;
}

/** Every person's requests with the calls they caused, as measured (for the table). */
export function measure(people: readonly (readonly SentRequest[])[], calls: readonly RecordedCall[]): MeasuredRequest[] {
  return attributeCalls(people, calls).flatMap((conversation) =>
    conversation.map(({ request, calls: made }) => ({ kind: request.kind, step: request.step, calls: made.map((c) => ({ method: c.method, bytes: c.bytes })) })),
  );
}

/** Per request kind: how many requests, calls per request by method, and the mean body size of each. */
export function callPlanTable(measured: readonly MeasuredRequest[], compare?: readonly MeasuredRequest[]): string {
  const kinds: RequestKind[] = ['command', 'action', 'message'];
  const methods = [...new Set(measured.flatMap((r) => r.calls.map((c) => c.method)))].sort();
  const header = ['kind', 'requests', ...methods.flatMap((m) => [`${m} /req`, `${m} bytes`]), 'bytes /req', ...(compare ? ['floor bytes /req'] : [])];
  const perRequestBytes = (rows: readonly MeasuredRequest[]) => rows.reduce((sum, r) => sum + r.calls.reduce((s, c) => s + c.bytes, 0), 0) / Math.max(1, rows.length);
  const rows = [...kinds, 'all' as const].map((kind) => {
    const of = measured.filter((r) => kind === 'all' || r.kind === kind);
    const cells = methods.flatMap((method) => {
      const made = of.flatMap((r) => r.calls.filter((c) => c.method === method));
      return [(made.length / Math.max(1, of.length)).toFixed(2), made.length ? String(Math.round(made.reduce((s, c) => s + c.bytes, 0) / made.length)) : '-'];
    });
    const floor = compare?.filter((r) => kind === 'all' || r.kind === kind);
    return [kind, String(of.length), ...cells, String(Math.round(perRequestBytes(of))), ...(floor ? [String(Math.round(perRequestBytes(floor)))] : [])];
  });
  return table([header, ...rows]);
}

/** The plan request by request, with the sizes of one measured conversation (`conversation`), for RESULTS.md. */
export function planStepsTable(plan: FloorPlan, conversation: readonly MeasuredRequest[]): string {
  const rows = plan.requests.map((planned, n) => {
    const bytes = conversation[n]?.calls.map((c) => c.bytes).join(' + ') ?? '';
    return [String(n + 1), planned.kind, planned.step, planned.calls.map((c) => c.method.replace('chat.', '')).join(', ') || '-', bytes || '-'];
  });
  return table([['#', 'kind', 'step', 'calls', 'bytes'], ...rows]);
}

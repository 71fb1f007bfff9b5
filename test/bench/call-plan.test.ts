import { describe, expect, it } from 'vitest';
import { callPlanTable, derivePlan, measure } from '../../bench/call-plan.js';
import type { RecordedCall } from '../../src/local-slack/fake-slack-api.js';
import type { SentRequest } from '../../bench/support.js';

const request = (channelId: string, kind: SentRequest['kind'], step: string, callsBefore: number, responseBody = ''): SentRequest => ({
  kind,
  step,
  channelId,
  callsBefore,
  responseBody,
  offsetMs: 0,
  thinkMs: 0,
  body: '',
  contentType: 'application/json',
  status: 200,
  elapsedMs: 1,
});

const call = (method: string, args: Record<string, unknown>, bytes: number, ts?: string): RecordedCall => ({
  method,
  args,
  bytes,
  time: 0,
  ...(ts ? { response: { status: 200, body: { ok: true, ts } } } : {}),
});

/** Two people in their own channels, interleaved as they would be under load. */
function twoConversations() {
  const calls = [
    call('chat.postMessage', { channel: 'C1', text: 'kickoff' }, 100, '1.1'),
    call('chat.postMessage', { channel: 'C2', text: 'kickoff' }, 101, '2.1'),
    call('chat.postMessage', { channel: 'C1', text: 'q1', thread_ts: '1.1' }, 300, '1.2'),
    call('chat.postMessage', { channel: 'C2', text: 'q1', thread_ts: '2.1' }, 302, '2.2'),
    // C1 answers: the question is marked answered, the next one posted
    call('chat.update', { channel: 'C1', ts: '1.2', text: 'answered' }, 50),
    call('chat.postMessage', { channel: 'C1', text: 'q2', thread_ts: '1.1' }, 310, '1.3'),
    call('chat.update', { channel: 'C2', ts: '2.2', text: 'answered' }, 52),
    call('chat.postMessage', { channel: 'C2', text: 'q2', thread_ts: '2.1' }, 312, '2.3'),
  ];
  const people = [
    [request('C1', 'command', 'plan', 0, '{"text":"Started"}'), request('C1', 'message', 'brand', 4)],
    [request('C2', 'command', 'plan', 0, '{"text":"Started"}'), request('C2', 'message', 'brand', 6)],
  ];
  return { calls, people };
}

describe('the floor app’s call plan, measured from the bot', () => {
  it('gives each request the calls made in its channel until its next request, with the bot’s own arguments', () => {
    const { calls, people } = twoConversations();
    const plan = derivePlan(people, calls);
    expect(plan.requests.map((r) => [r.kind, r.step, r.calls.map((c) => c.method)])).toEqual([
      ['command', 'plan', ['chat.postMessage', 'chat.postMessage']],
      ['message', 'brand', ['chat.update', 'chat.postMessage']],
    ]);
    expect(plan.requests[0]?.ack).toEqual({ text: 'Started' });
    expect(plan.requests[1]?.ack).toBeUndefined();
    // channel, ts and thread_ts become references to the conversation's own posts
    expect(plan.requests[1]?.calls).toEqual([
      { method: 'chat.update', args: { text: 'answered' }, tsOf: 1 },
      { method: 'chat.postMessage', args: { text: 'q2' }, threadOf: 0 },
    ]);
  });

  it('refuses conversations that made different calls, and calls it cannot replay', () => {
    const { calls, people } = twoConversations();
    const fewer = calls.filter((c) => !(c.args.channel === 'C2' && c.method === 'chat.update'));
    expect(() => derivePlan(people, fewer)).toThrow(/different calls/);
    const other = [...calls, call('reactions.get', { channel: 'C1' }, 10), call('reactions.get', { channel: 'C2' }, 10)];
    expect(() => derivePlan(people, other)).toThrow(/does not know reactions.get/);
  });

  it('tables calls and bytes per request kind, beside what the floor sent', () => {
    const { calls, people } = twoConversations();
    const measured = measure(people, calls);
    const text = callPlanTable(measured, measured);
    const row = (kind: string) => text.split('\n').find((line) => line.startsWith(kind))?.split(/\s{2,}/);
    // kind, requests, postMessage /req, postMessage bytes, update /req, update bytes, bytes /req, floor bytes /req
    expect(row('command')).toEqual(['command', '2', '2.00', '201', '0.00', '-', '402', '402']);
    expect(row('message')).toEqual(['message', '2', '1.00', '311', '1.00', '51', '362', '362']);
  });
});

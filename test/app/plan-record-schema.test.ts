import { afterEach, describe, expect, it } from 'vitest';
import { planRecordProblems } from '../../src/app/plan-record-schema.js';
import { ALICE, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { startPlan } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('the plan file check', () => {
  it('accepts every outbox item the bot queues (posts, updates, notes, effects) and a saved canvas, and names a malformed one', async () => {
    h = await startHarness();
    const record = structuredClone(await h.record(await startPlan(h, ALICE, CHANNEL)));
    record.outbox = [
      { id: 'a-1', kind: 'post', where: 'thread', message: { text: 'hi' } },
      { id: 'a-2', kind: 'note', userId: ALICE, via: 'ephemeral', message: { text: 'only you' } },
      { id: 'a-3', kind: 'effect', effect: 'budget-chart', version: 1 },
      { id: 'a-4', kind: 'effect', effect: 'plan-canvas', version: 2, userId: ALICE },
    ];
    record.canvas = { id: 'F0CANVAS001', version: 2, kind: 'channel' };
    expect(planRecordProblems(record)).toBeUndefined();
    expect(planRecordProblems({ ...record, outbox: [{ id: 'a-5', kind: 'effect' }] })).toEqual(['outbox.0']);
    expect(planRecordProblems({ ...record, canvas: { id: '', version: 1, kind: 'channel' } })).toEqual(['canvas.id']);
  });
});

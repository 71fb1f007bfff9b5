/**
 * Two workspaces whose channels happen to have the same id (ids are unique only
 * within Slack's own partitions; the bot keys everything by team anyway): a reply
 * from the other workspace in a "thread" with the same ts is not an answer to this
 * plan, and its /imc list and /imc show find nothing of this one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOB, CHANNEL, SIGNING_SECRET, startHarness, type Harness } from '../support/bot-harness.js';
import { startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('two workspaces with the same channel id', () => {
  it('never see each other’s plans', async () => {
    const planId = await startPlan(h, ALICE, CHANNEL);
    await h.settle();
    const { threadTs, teamId } = await h.record(planId);
    const other = createSlackDriver({ botUrl: `http://127.0.0.1:${h.port}/slack/events`, signingSecret: SIGNING_SECRET, fake: h.fake, teamId: 'T0OTHERWS' });
    expect(teamId).not.toBe('T0OTHERWS');

    const elsewhere = await other.message({ userId: ALICE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS.brand ?? '' });
    expect(elsewhere.status).toBe(200);
    expect((await h.record(planId)).flow.answers.brand).toBeUndefined();
    const list = await other.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'list' });
    expect(list.body).toContain('No plans in this channel yet');
    const show = await other.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `show ${planId}` });
    expect(show.body).toContain(`There is no plan`);

    const here = await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs, text: TYPED_ANSWERS.brand ?? '' });
    expect(here.status).toBe(200);
    expect((await h.record(planId)).flow.answers.brand?.raw).toBe(TYPED_ANSWERS.brand);
    const ours = await h.driver.slashCommand({ userId: BOB, channelId: CHANNEL, text: 'list' });
    expect(ours.body).toContain(planId);
  });
});

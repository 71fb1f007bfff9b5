import { afterEach, describe, expect, it } from 'vitest';
import { findBlockKitProblem } from '../../src/local-slack/block-kit-limits.js';
import { ALICE, BOB, CAROL, CHANNEL, OUTSIDER, messageText, startHarness, waitUntil, type Harness } from '../support/bot-harness.js';
import { approvedPlan } from '../support/approved-plan.js';
import { answerCurrent, completePlan, startPlan } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Json = Record<string, unknown>;

function homeBlocks(userId: string): Json[] {
  return (h.fake.home(userId)?.view.blocks as Json[] | undefined) ?? [];
}

function homeText(userId: string): string {
  return messageText({ text: '', blocks: homeBlocks(userId) });
}

/** The section of the Home that follows the heading `title`, up to the next divider. */
function part(userId: string, title: string): Json[] {
  const blocks = homeBlocks(userId);
  const start = blocks.findIndex((block) => JSON.stringify(block).includes(`*${title}*`));
  if (start < 0) return [];
  const end = blocks.findIndex((block, index) => index > start && block.type === 'divider');
  return blocks.slice(start + 1, end < 0 ? undefined : end);
}

const accessories = (blocks: Json[]) => blocks.map((block) => block.accessory as Json | undefined).filter((a): a is Json => a !== undefined);

async function openHome(userId: string): Promise<void> {
  const response = await h.driver.appHomeOpened({ userId });
  expect(response.status).toBe(200);
  await h.settle();
}

/** A plan approved by Bob and Carol and reviewed by Alice with the typed review answers. */
async function reviewedPlan(): Promise<string> {
  const planId = await approvedPlan(h);
  await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${planId}` });
  await h.settle();
  const { REVIEW_ANSWERS } = await import('../fixtures/typed-answers.js');
  for (let step = 0; step < 20 && (await h.record(planId)).status === 'reviewing'; step += 1) {
    const record = await h.record(planId);
    await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: record.threadTs as string, text: REVIEW_ANSWERS[record.review?.state.current as string] as string });
    await h.settle();
  }
  expect((await h.record(planId)).status).toBe('reviewed');
  return planId;
}

describe('the App Home tab', () => {
  it('is published when opened, after the event is acknowledged, and says what to do when there is nothing yet', async () => {
    h = await startHarness();
    h.fake.failNext('views.publish', { delayMs: 400 });
    const response = await h.driver.appHomeOpened({ userId: ALICE });
    expect(response.status).toBe(200);
    // the acknowledgement did not wait for Slack: the publish is still under way
    const pending = h.fake.callsTo('views.publish');
    expect(pending.every((call) => call.response === undefined)).toBe(true);
    await h.settle();
    await waitUntil(() => h.fake.home(ALICE) !== undefined, 'the Home to be published');
    expect(homeText(ALICE)).toContain('No plan of yours is being written');
    expect(homeText(ALICE)).toContain('Nothing is waiting for your approval');
    // the Messages tab is not the Home: nothing to publish
    await h.driver.appHomeOpened({ userId: BOB, tab: 'messages' });
    await h.settle();
    expect(h.fake.home(BOB)).toBeUndefined();
  });

  it('refreshes after a change without holding up the acknowledgement of the request that made it', async () => {
    h = await startHarness();
    await openHome(ALICE);
    const before = h.fake.callsTo('views.publish').length;
    h.fake.failNext('views.publish', { delayMs: 400 });
    const response = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Autumn launch' });
    expect(response.status).toBe(200);
    expect(h.fake.callsTo('views.publish').slice(before).every((call) => call.response === undefined)).toBe(true);
    await h.settle();
    await waitUntil(() => homeText(ALICE).includes('Autumn launch'), 'the Home to show the new plan');
  });

  it('follows a plan from writing to approval to review for everyone it concerns, with links to the thread and the draft', async () => {
    h = await startHarness();
    await Promise.all([ALICE, BOB, OUTSIDER].map(openHome));
    const planId = await startPlan(h, ALICE, CHANNEL);
    const record = await h.record(planId);
    // Alice's plan is in progress, with a Continue link to its thread
    await waitUntil(() => homeText(ALICE).includes(planId), "Alice's Home to show the new plan");
    const [inProgress] = accessories(part(ALICE, 'Your plans in progress'));
    expect(inProgress).toMatchObject({ text: { text: 'Continue' }, url: `https://fake-workspace.slack.com/archives/${CHANNEL}/p${record.threadTs?.replace('.', '')}` });
    const answered = (await h.record(planId)).flow.answers;
    await answerCurrent(h, planId);
    const count = Object.keys(answered).length + 1;
    await waitUntil(() => homeText(ALICE).includes(`${count} answered so far`), `the Home to follow the answers (${count})`).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${homeText(ALICE)}`);
    });

    await completePlan(h, planId);
    const draftTs = (await h.record(planId)).versions.at(-1)?.messageTs;
    await waitUntil(() => homeText(BOB).includes(planId), "Bob's Home to list the draft for approval");
    const [toApprove] = accessories(part(BOB, 'Waiting for your approval'));
    expect(toApprove).toMatchObject({ text: { text: 'Open the draft' }, url: `https://fake-workspace.slack.com/archives/${CHANNEL}/p${draftTs?.replace('.', '')}` });
    expect(messageText({ text: '', blocks: part(BOB, 'Waiting for your approval') })).toContain('react with :white_check_mark: or :x:');
    // the author does not approve their own plan; someone outside the channel is never asked; Carol never opened her Home
    expect(messageText({ text: '', blocks: part(ALICE, 'Waiting for your approval') })).not.toContain(planId);
    expect(homeText(OUTSIDER)).not.toContain(planId);
    expect(h.fake.home(CAROL)).toBeUndefined();

    // Bob approves from his Home, with the draft's own Approve button; it counts like his reaction would
    const approve = part(BOB, 'Waiting for your approval')
      .flatMap((block) => (block.type === 'actions' ? (block.elements as Json[]) : []))
      .find((element) => (element.text as Json).text === 'Approve');
    expect(approve?.value).toBe(`${planId}|1`);
    await h.driver.homeAction({ userId: BOB, actionId: String(approve?.action_id), value: String(approve?.value) });
    await h.settle();
    expect((await h.record(planId)).approval?.approvers).toEqual([BOB]);
    await waitUntil(() => !messageText({ text: '', blocks: part(BOB, 'Waiting for your approval') }).includes(planId), 'the approved-by-Bob draft to leave his list');
    expect(homeText(BOB)).toContain(':information_source:');
    await h.driver.reactionAdded({ userId: CAROL, channelId: CHANNEL, messageTs: draftTs as string, reaction: 'white_check_mark' });
    await h.settle();
    expect((await h.record(planId)).status).toBe('approved');

    // an upcoming review, with its date and a Start review button that works from the Home
    await waitUntil(() => messageText({ text: '', blocks: part(ALICE, 'Upcoming reviews') }).includes('Review on 15 Apr 2027'), 'the upcoming review');
    const start = accessories(part(ALICE, 'Upcoming reviews'))[0];
    expect(start).toMatchObject({ text: { text: 'Start review' }, value: planId });
    const click = await h.driver.homeAction({ userId: ALICE, actionId: String(start?.action_id), value: planId });
    expect(click.status).toBe(200);
    await h.settle();
    expect((await h.record(planId)).status).toBe('reviewing');
    await waitUntil(() => homeText(ALICE).includes(`The review of \`${planId}\` has started in`), 'the Home to say the review started').catch((error: unknown) => {
      throw new Error(`${String(error)}: ${homeText(ALICE)}`);
    });
    expect(messageText({ text: '', blocks: part(ALICE, 'Upcoming reviews') })).toContain('Review running in the thread');
  });

  it("shows the last reviews' key figures", async () => {
    h = await startHarness();
    const planId = await reviewedPlan();
    await openHome(BOB);
    const figures = messageText({ text: '', blocks: part(BOB, 'Last reviews') });
    // Bob approved it, so it is his review too: the figures are the review's own
    const summary = (await h.record(planId)).review?.summary;
    expect(figures).toContain('Spent ¥180,000 of ¥');
    expect(figures).toContain(`return on spend ${String(summary?.returnOnSpend)}×`);
    expect(figures).toContain('Conversion 80 %');
  });

  it("speaks the language of the person whose Home it is: a zh-CN reader's Home is Chinese, an en-US reader's English", async () => {
    h = await startHarness();
    const planId = await reviewedPlan();
    const bob = h.fake.user(BOB);
    if (!bob) throw new Error('no Bob');
    bob.locale = 'zh-CN';
    await openHome(BOB);
    const zh = homeText(BOB);
    expect(zh).toContain('IMC 方案助手');
    expect(zh).toContain('*最近的复盘*');
    expect(zh).toContain('花费 ¥18万');
    expect(zh).toContain('目标达成：转化率');
    expect(zh).toContain('目前没有等你审批的方案。');
    const { englishWords } = await import('../support/english-words.js');
    const record = await h.record(planId);
    expect(englishWords(zh.replace(planId, ' '), [record.versions.at(-1)?.plan.campaign ?? ''])).toEqual([]);
    await openHome(CAROL);
    expect(homeText(CAROL)).toContain('*Last reviews*');
    expect(homeText(CAROL)).toContain('Spent ¥180,000 of ¥');
  });

  it('pages a long list newest first and stays within the 100-block limit', async () => {
    h = await startHarness();
    const ids: string[] = [];
    for (let n = 1; n <= 14; n += 1) {
      ids.push(await startPlan(h, ALICE, CHANNEL, `Campaign ${n}`));
      h.clock.current = new Date(h.clock.current.getTime() + 60_000);
    }
    await openHome(ALICE);
    const firstPage = messageText({ text: '', blocks: part(ALICE, 'Your plans in progress') });
    expect(firstPage).toContain('Campaign 14');
    expect(firstPage).toContain('Campaign 9');
    expect(firstPage).not.toContain('Campaign 8');
    expect(firstPage).toContain('Page 1 of 3 · 14 plans');
    expect(homeBlocks(ALICE).length).toBeLessThanOrEqual(100);
    expect(findBlockKitProblem(homeBlocks(ALICE), 'home')).toBeUndefined();
    const older = part(ALICE, 'Your plans in progress')
      .flatMap((block) => (block.type === 'actions' ? (block.elements as Json[]) : []))
      .find((element) => (element.text as Json).text === 'Older →');
    await h.driver.homeAction({ userId: ALICE, actionId: String(older?.action_id), value: String(older?.value) });
    await h.settle();
    await waitUntil(() => messageText({ text: '', blocks: part(ALICE, 'Your plans in progress') }).includes('Page 2 of 3'), 'page 2');
    const second = messageText({ text: '', blocks: part(ALICE, 'Your plans in progress') });
    expect(second).toContain('Campaign 8');
    expect(second).not.toContain('Campaign 9');
    expect(second).toContain('← Newer');
  });

  it('refreshes only people who opened their Home, and only so many of a big channel for one draft', async () => {
    const crowd = Array.from({ length: 60 }, (_, i) => `U0FAN${String(i).padStart(3, '0')}`);
    h = await startHarness({
      fake: {
        channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE, BOB, CAROL, ...crowd, ...Array.from({ length: 500 }, (_, i) => `U0QUIET${i}`)] }],
        users: [ALICE, BOB, CAROL, ...crowd].map((id) => ({ id, name: id.toLowerCase() })),
        pageSize: 100,
      },
    });
    for (const id of crowd.slice(0, 40)) await h.driver.appHomeOpened({ userId: id });
    await h.settle();
    const planId = await startPlan(h, ALICE, CHANNEL);
    await completePlan(h, planId);
    const before = h.fake.callsTo('views.publish').length;
    const membersBefore = h.fake.callsTo('conversations.members').length;
    // a reaction changes the draft's approval: the whole channel may approve it
    await h.driver.reactionAdded({ userId: BOB, channelId: CHANNEL, messageTs: (await h.record(planId)).versions.at(-1)?.messageTs as string, reaction: 'white_check_mark' });
    await h.settle();
    const published = h.fake.callsTo('views.publish').slice(before).map((call) => call.args.user_id);
    expect(published.length).toBeGreaterThan(0);
    expect(published.length).toBeLessThanOrEqual(25);
    expect(published.every((id) => crowd.slice(0, 40).includes(String(id)))).toBe(true);
    // the member list was read from cache, not again for every Home
    expect(h.fake.callsTo('conversations.members').length - membersBefore).toBeLessThanOrEqual(6);
  });
});

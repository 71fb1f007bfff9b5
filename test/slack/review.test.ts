import { afterEach, describe, expect, it } from 'vitest';
import { REVIEW_ANSWERS } from '../fixtures/typed-answers.js';
import { ALICE, BOB, CHANNEL, messageText, startHarness, type Harness } from '../support/bot-harness.js';
import { approvedPlan, reminderPosts } from '../support/approved-plan.js';
import { answerCurrent, elementsOf, latestThreadMessage, say, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});



async function answerReview(planId: string): Promise<void> {
  for (let step = 0; step < 20; step += 1) {
    const record = await h.record(planId);
    if (record.status !== 'reviewing') return;
    const current = record.review?.state.current;
    if (!current) throw new Error('review is not asking anything');
    const answer = REVIEW_ANSWERS[current];
    if (answer === undefined) throw new Error(`no review answer for ${current}`);
    await say(h, planId, answer, record.review?.reviewerId);
  }
}

describe('the post-campaign review', () => {
  it('runs from the reminder button to a summary whose figures match the hand calculation, and feeds the next plan', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    h.clock.current = new Date('2027-04-15T02:00:00Z');
    await h.bot.tick();
    const reminderTs = reminderPosts(h)[0]?.response?.body && (reminderPosts(h)[0]?.response?.body as { ts: string }).ts;
    const reminder = h.fake.messages(CHANNEL).find((m) => m.ts === reminderTs);
    const start = elementsOf(reminder).find((e) => e.text?.text === 'Start the review');
    expect(start).toBeDefined();
    await h.driver.blockAction({ userId: BOB, channelId: CHANNEL, messageTs: reminder!.ts, actionId: start!.action_id, blockId: start!.block_id, value: start!.value });
    await h.settle();
    expect((await h.record(planId)).status).toBe('reviewing');
    expect((await h.record(planId)).review?.reviewerId).toBe(BOB);

    // a bad answer is re-asked, nothing lost
    await say(h, planId, 'about a lot', BOB);
    expect((await h.record(planId)).review?.state.current).toBe('actual_spend');
    await answerReview(planId);

    const record = await h.record(planId);
    expect(record.status).toBe('reviewed');
    const summary = record.review?.summary;
    // conversion goal: (1.8 − 1) / (2 − 1) = 0.8 of the planned change; revenue goal: 1,134,000 / 1,000,000 = 1.134
    expect(summary?.goals.map((g) => g.attainment)).toEqual([0.8, 1.134]);
    // spend 180,000 against the 250,000 planned (¥200,000 working media + ¥30,000 content and PR + ¥20,000 reserve)
    expect(summary?.spend).toEqual({ planned: 25_000_000, actual: 18_000_000, difference: -7_000_000, ratio: 0.72 });
    // 150,000 of working media / 90,000 visits = ¥1.67; 1,080 / 90,000 = 1.2 %; 1,134,000 / 1,080 = ¥1,050
    expect(summary?.funnel?.costPerVisit.actual).toBe(167);
    expect(summary?.funnel?.conversion.actual).toBe(0.012);
    expect(summary?.funnel?.aov.actual).toBe(105_000);
    // On contribution at the 40 % margin: 1,134,000 × 40 % = 453,600; (453,600 − 180,000) / 180,000 = 1.52
    expect(summary).toMatchObject({ returnOnSpend: 1.52, returnBasis: 'contribution', contribution: 45_360_000 });

    const posted = h.fake.messages(CHANNEL).map((m) => messageText(m)).find((text) => text.includes('Post-campaign review'));
    expect(posted).toContain('80 %');
    expect(posted).toContain('¥1,050');
    expect(posted).toContain('152 %');
    expect(posted).toContain('on contribution: revenue × the 40 % gross margin = ¥453,600, minus the spend');
    expect(posted).toContain('Search ads on comparison keywords');
    expect(posted).toContain('offered these figures as suggestions: conversion rate, average order value, cost per visit, gross margin');

    // the next plan in this channel offers the actual rates, saying where they came from; without a conversion goal
    // of its own, the review's conversion is the suggestion (with one, its baseline would be).
    const nextAnswers = { ...TYPED_ANSWERS, campaign: 'Summer follow-up', goals: 'revenue ¥0 -> ¥1,500,000 by 2027-08-31', review_date: '2027-09-15' };
    const next = await startPlan(h, ALICE, CHANNEL, 'Summer follow-up');
    for (;;) {
      const current = (await h.record(next)).flow.current;
      if (current === 'conversion_rate') break;
      await answerCurrent(h, next, nextAnswers);
    }
    const question = messageText(await latestThreadMessage(h, next));
    expect(question).toContain('1.2%');
    expect(question).toContain(planId);
    await say(h, next, 'use');
    expect((await h.record(next)).flow.answers.conversion_rate?.value).toBe(0.012);
    const aovQuestion = (await h.record(next)).flow.current;
    expect(['cost_per_visit', 'customer_value']).toContain(aovQuestion);
    expect((await h.record(next)).flow.answers.average_order_value).toBeDefined();
    // The plan's gross margin is carried too, as the margin that plan assumed.
    while ((await h.record(next)).flow.current !== 'gross_margin') await answerCurrent(h, next, nextAnswers);
    expect(messageText(await latestThreadMessage(h, next))).toContain(`Suggested: *40%* (as in the plan "Spring cold brew launch" (${planId}))`);
  });

  it('starts with /imc review, refuses plans that are not approved, and only the reviewer answers', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    const draft = await startPlan(h, ALICE, CHANNEL, 'Not yet');
    expect((await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${draft}` })).body).toContain('not approved');
    const started = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${planId}` });
    expect(started.body).toContain('has started');
    await h.settle();
    await say(h, planId, '¥100', BOB);
    expect((await h.record(planId)).review?.state.answers.actual_spend).toBeUndefined();
    await say(h, planId, '¥100', ALICE);
    expect((await h.record(planId)).review?.state.answers.actual_spend?.value).toBe(10_000);
    expect((await h.driver.slashCommand({ userId: BOB, channelId: CHANNEL, text: `review ${planId}` })).body).toContain('already running');
  });

  it('links to the plan\'s thread when the review starts, from the command and from the reminder\'s button', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    const threadTs = (await h.record(planId)).threadTs as string;
    const link = `<https://fake-workspace.slack.com/archives/${CHANNEL}/p${threadTs.replace('.', '')}|`;
    const started = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${planId}` });
    expect(JSON.parse(started.body).text).toBe(`The review of \`${planId}\` has started in ${link}the plan's thread>.`);
    const again = await h.driver.slashCommand({ userId: BOB, channelId: CHANNEL, text: `review ${planId}` });
    expect(JSON.parse(again.body).text).toContain(`already running in ${link}its thread>`);

    const other = await approvedPlan(h, undefined, 'Second plan');
    h.clock.current = new Date('2027-04-15T02:00:00Z');
    await h.bot.tick();
    const reminder = h.fake.messages(CHANNEL).filter((m) => m.text.includes(other)).at(-1);
    const start = elementsOf(reminder).find((e) => e.text?.text === 'Start the review')!;
    await h.driver.blockAction({ userId: BOB, channelId: CHANNEL, messageTs: reminder!.ts, actionId: start.action_id, blockId: start.block_id, value: start.value });
    await h.settle();
    const otherThread = (await h.record(other)).threadTs as string;
    await h.fake.waitFor(() => h.fake.responses.some((r) => String(r.body.text).includes(`p${otherThread.replace('.', '')}|the plan's thread>`)), {
      description: 'the link in the reply to the button',
    });
  });

  it('still answers when Slack gives no link', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    h.fake.failNext('chat.getPermalink', { error: 'message_not_found' });
    const started = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${planId}` });
    expect(JSON.parse(started.body).text).toBe(`The review of \`${planId}\` has started in the plan's thread.`);
    expect((await h.record(planId)).status).toBe('reviewing');
  });

  it('labels the review questions\' button "Cancel review", and cancelling the review never cancels the approved plan', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `review ${planId}` });
    await h.settle();
    const question = await latestThreadMessage(h, planId);
    const labels = elementsOf(question).map((e) => e.text?.text);
    expect(labels).toContain('Cancel review');
    expect(labels).not.toContain('Cancel plan');
    const cancel = elementsOf(question).find((e) => e.text?.text === 'Cancel review')!;
    const click = () =>
      h.driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: question!.ts, actionId: cancel.action_id, blockId: cancel.block_id, value: cancel.value });
    await click();
    await h.settle();
    let record = await h.record(planId);
    expect(record.status).toBe('approved');
    expect(record.review).toBeUndefined();
    expect(record.reminders?.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(messageText(await latestThreadMessage(h, planId))).toContain('The plan stays approved');

    // A second click on the old question, even while the plan is being revised, changes nothing.
    await say(h, planId, 'change concept');
    expect((await h.record(planId)).status).toBe('planning');
    const before = h.fake.responses.length;
    await click();
    await h.settle();
    await h.fake.waitFor(() => h.fake.responses.length > before);
    expect(String(h.fake.responses.at(-1)?.body.text)).toContain('That review is not running any more; nothing changed');
    record = await h.record(planId);
    expect(record.status).toBe('planning');
    expect(record.flow.status).not.toBe('cancelled');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, messageText, startHarness, TestClock, type Harness } from '../support/bot-harness.js';
import { approvedPlan, postedPlan, react, reminderPosts } from '../support/approved-plan.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The plan's review date is 2027-04-15; the team is in Shanghai and reminders go out at 10:00. */
const REVIEW_DUE = new Date('2027-04-15T02:00:00Z');

/** 10:00 in Shanghai on a day of April 2027. */
const april = (day: number, hour = 10) => new Date(Date.UTC(2027, 3, day, hour - 8));

/** The kind of each reminder post ("review" or "nudge") from the `from`-th on. */
function kindsFrom(h: Harness, from: number): string[] {
  return reminderPosts(h)
    .slice(from)
    .map((call) => (String(call.args.text).startsWith('Reminder') ? 'nudge' : 'review'));
}

/** Moves the clock and ticks, as the minute timer would; returns what went out then. */
async function at(h: Harness, when: Date): Promise<string[]> {
  const before = reminderPosts(h).length;
  h.clock.current = when;
  await h.bot.tick();
  await h.settle();
  return kindsFrom(h, before);
}

/** Stops the bot, lets the clock run to `when` while it is down, and starts it again; returns what went out at start. */
async function downUntil(h: Harness, when: Date): Promise<string[]> {
  await h.stopBot();
  const before = reminderPosts(h).length;
  h.clock.current = when;
  await h.restart();
  await h.bot.tick(); // the tick at start may still be running: this waits for it
  await h.settle();
  return kindsFrom(h, before);
}

/** The draft message's ts of an approved plan. */
async function draftOf(h: Harness, planId: string): Promise<string> {
  return (await h.record(planId)).versions.at(-1)?.messageTs as string;
}

describe('review reminders', () => {

  it('sends the reminder at the review date, naming the plan and its goals, with a button to start the review', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    h.clock.current = new Date(REVIEW_DUE.getTime() - 60_000);
    expect(await h.bot.tick()).toBe(0);
    h.clock.current = REVIEW_DUE;
    expect(await h.bot.tick()).toBe(1);
    const [post] = reminderPosts(h);
    const text = messageText({ text: String(post?.args.text), blocks: post?.args.blocks as Record<string, unknown>[] });
    expect(text).toContain(planId);
    expect(text).toContain('Spring cold brew launch');
    expect(text).toMatch(/Conversion/i);
    expect(text).toContain('Start the review');
    expect(await h.bot.tick()).toBe(0);
    expect(reminderPosts(h)).toHaveLength(1);
  });

  it('nudges once more three days later if no review started, then stops', async () => {
    h = await startHarness();
    await approvedPlan(h);
    h.clock.current = REVIEW_DUE;
    await h.bot.tick();
    h.clock.advanceDays(3);
    expect(await h.bot.tick()).toBe(1);
    h.clock.advanceDays(30);
    expect(await h.bot.tick()).toBe(0);
    expect(reminderPosts(h)).toHaveLength(2);
    expect(String(reminderPosts(h)[1]?.args.text)).toContain('Reminder');
  });

  it('sends a reminder that fell due while the bot was stopped once when it starts, and never again after a restart', async () => {
    const clock = new TestClock();
    h = await startHarness({ clock });
    await approvedPlan(h);
    await h.stopBot();
    clock.current = new Date(REVIEW_DUE.getTime() + 86_400_000);
    await h.restart();
    await h.bot.tick();
    expect(reminderPosts(h)).toHaveLength(1);
    await h.restart();
    await h.bot.tick();
    await h.bot.tick();
    expect(reminderPosts(h)).toHaveLength(1);
  });

  it('does not send twice when the bot died after posting but before recording it', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    h.clock.current = REVIEW_DUE;
    await h.bot.tick();
    expect(reminderPosts(h)).toHaveLength(1);
    // Simulate a crash between the post and the save: the stored reminder is still "sending".
    await h.bot.plans.withRecord(planId, async (record) => {
      const reminder = record.reminders?.find((r) => r.id === 'review');
      if (reminder) {
        reminder.status = 'sending';
        delete reminder.sentAt;
      }
      return true;
    });
    await h.restart();
    await h.bot.tick();
    expect(reminderPosts(h)).toHaveLength(1);
    expect((await h.record(planId)).reminders?.find((r) => r.id === 'review')?.status).toBe('sent');
  });

  it('moves the reminder with /imc remind, and cancelling the plan cancels its reminders', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    const other = await approvedPlan(h, undefined, 'Second plan');
    const moved = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2027-05-02` });
    expect(moved.body).toContain('2 May 2027');
    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${other} 2027-05-02` });
    h.clock.current = REVIEW_DUE;
    expect(await h.bot.tick()).toBe(0);

    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `cancel ${other}` });
    const record = await h.record(other);
    expect(record.status).toBe('cancelled');
    expect(record.reminders?.every((r) => r.status === 'cancelled')).toBe(true);
    h.clock.current = new Date('2027-05-02T02:00:00Z');
    expect(await h.bot.tick()).toBe(1);
    h.clock.current = new Date('2027-06-01T02:00:00Z');
    await h.bot.tick();
    expect(reminderPosts(h).filter((p) => JSON.stringify(p.args).includes(planId))).toHaveLength(2);
    expect(reminderPosts(h).filter((p) => JSON.stringify(p.args).includes(other))).toHaveLength(0);
  });

  it('refuses to move a reminder to the past or for an unknown plan, with a clear reply', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    expect((await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2020-01-01` })).body).toContain('in the past');
    expect((await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'remind P-NOPE1 2027-05-01' })).body).toContain('There is no plan');
  });

  it('never sends twice when approvals change after the reminder and the nudge went out', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    const draftTs = await draftOf(h, planId);
    expect(await at(h, april(15))).toEqual(['review']);
    expect(await at(h, april(18))).toEqual(['nudge']);
    await react(h, CAROL, draftTs, 'white_check_mark', false);
    expect((await h.record(planId)).status).toBe('draft');
    await react(h, CAROL, draftTs);
    expect((await h.record(planId)).status).toBe('approved');
    await react(h, BOB, draftTs, 'x');
    await react(h, BOB, draftTs, 'x', false);
    expect(await at(h, april(19))).toEqual([]);
    await h.restart();
    expect(await at(h, april(30))).toEqual([]);
    expect(kindsFrom(h, 0)).toEqual(['review', 'nudge']);
    expect((await h.record(planId)).reminders?.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('keeps a moved date through a change request taken back before it, and sends on the moved date only', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    const draftTs = await draftOf(h, planId);
    expect((await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2027-04-22` })).body).toContain('moved to 22 Apr 2027 at 10:00');
    await at(h, april(10));
    await react(h, BOB, draftTs, 'x');
    await react(h, BOB, draftTs, 'x', false);
    expect((await h.record(planId)).status).toBe('approved');
    expect(await at(h, april(15))).toEqual([]);
    expect(await at(h, april(22))).toEqual(['review']);
    expect(await at(h, april(24))).toEqual([]);
    expect(await at(h, april(25))).toEqual(['nudge']);
  });

  it('holds a due reminder while the plan is not approved, and sends it once when it is approved again', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    const draftTs = await draftOf(h, planId);
    await react(h, BOB, draftTs, 'x');
    expect(await at(h, april(15))).toEqual([]);
    await react(h, BOB, draftTs, 'x', false);
    expect(await at(h, april(16))).toEqual(['review']);
    expect(await at(h, april(16, 11))).toEqual([]);
  });

  it('moved after it went out: reminds again on the new date and nudges three days after that, not after the old date', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    expect(await at(h, april(15))).toEqual(['review']);
    const moved = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2027-04-20` });
    expect(moved.body).toContain('went out on 15 Apr 2027');
    expect(moved.body).toContain("I'll remind the channel again on 20 Apr 2027 at 10:00, and nudge on 23 Apr 2027");
    expect(await at(h, april(18))).toEqual([]);
    expect(await at(h, april(20))).toEqual(['review']);
    expect(await at(h, april(22))).toEqual([]);
    expect(await at(h, april(23))).toEqual(['nudge']);
    expect(await at(h, april(30))).toEqual([]);
  });

  it('moved after the nudge too: both are armed again', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    await at(h, april(15));
    await at(h, april(18));
    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2027-04-26` });
    expect(await at(h, april(26))).toEqual(['review']);
    expect(await at(h, april(29))).toEqual(['nudge']);
  });

  it('moved before the plan is approved: the reminder waits for the approval and then keeps the moved date', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const moved = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2027-04-20` });
    expect(moved.body).toContain('will go out on 20 Apr 2027 at 10:00 once the plan is approved');
    await react(h, BOB, draftTs);
    await react(h, CAROL, draftTs);
    expect(messageText(h.fake.messages(CHANNEL, { threadTs: (await h.record(planId)).threadTs }).at(-1))).toContain('on 20 Apr 2027');
    expect(await at(h, april(15))).toEqual([]);
    expect(await at(h, april(20))).toEqual(['review']);
  });

  it('sends nothing for a cancelled plan, and refuses to move its reminder', async () => {
    h = await startHarness();
    const planId = await approvedPlan(h);
    await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `cancel ${planId}` });
    expect((await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `remind ${planId} 2027-05-01` })).body).toContain('is cancelled');
    expect(await at(h, april(15))).toEqual([]);
    expect(await at(h, april(30))).toEqual([]);
    expect((await h.record(planId)).reminders?.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('downtime across the review date: the reminder once at start, the nudge three days after it actually went out', async () => {
    h = await startHarness();
    await approvedPlan(h);
    await at(h, april(14));
    expect(await downUntil(h, april(16, 15))).toEqual(['review']);
    expect(await at(h, april(18))).toEqual([]);
    expect(await at(h, april(19))).toEqual(['nudge']);
  });

  it('downtime across the nudge: the nudge once at start, and never again after another restart', async () => {
    h = await startHarness();
    await approvedPlan(h);
    expect(await at(h, april(15))).toEqual(['review']);
    expect(await downUntil(h, april(20))).toEqual(['nudge']);
    expect(await downUntil(h, april(21))).toEqual([]);
  });

  it('downtime across both dates: only the reminder at start, the nudge three days later', async () => {
    h = await startHarness();
    await approvedPlan(h);
    await at(h, april(14));
    expect(await downUntil(h, april(25))).toEqual(['review']);
    expect(await at(h, april(27))).toEqual([]);
    expect(await at(h, april(28))).toEqual(['nudge']);
  });

  it('does not send twice when a post timed out but Slack took it', async () => {
    h = await startHarness();
    await approvedPlan(h);
    h.fake.failNext('chat.postMessage', { accepted: 'drop' });
    await at(h, april(15));
    expect(await at(h, april(15, 11))).toEqual([]);
    expect(h.fake.messages(CHANNEL).filter((m) => JSON.stringify(m.metadata ?? {}).includes('imc_review_reminder'))).toHaveLength(1);
    expect(await at(h, april(18))).toEqual(['nudge']);
  });

});

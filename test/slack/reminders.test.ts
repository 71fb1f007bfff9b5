import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, CHANNEL, messageText, startHarness, TestClock, type Harness } from '../support/bot-harness.js';
import { approvedPlan, reminderPosts } from '../support/approved-plan.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The plan's review date is 2027-04-15; the team is in Shanghai and reminders go out at 10:00. */
const REVIEW_DUE = new Date('2027-04-15T02:00:00Z');

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
});

/**
 * Who may change a channel's approval rules, how a change is announced, and that a
 * change never approves a plan that is already waiting: the self-approval back door
 * (`/imc config approvals 1`, `/imc config author-can-approve yes`, then ✅ on one's own
 * plan) stays shut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { postedPlan, react } from '../support/approved-plan.js';

const DAN = 'U0DAN';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Dan is a workspace admin and a member of the planning channel. */
function addAdmin(): void {
  h.fake.addUser({ id: DAN, name: 'dan', tz: 'Asia/Shanghai', role: 'admin' });
  h.fake.channel(CHANNEL)?.members.push(DAN);
}

/** The users.info calls that ask whether someone is an admin (the others look up a person's Slack language, cached). */
function adminChecks(): string[] {
  return h.fake
    .callsTo('users.info')
    .filter((c) => c.args.include_locale === undefined)
    .map((c) => String(c.args.user));
}

/**
 * Bob's first command looks up his Slack language (cached from then on), beside the
 * command's own work: after it, the only users.info call a command makes is the admin check.
 */
async function knowsBobsLanguage(): Promise<void> {
  expect((await config(BOB, '')).text).toContain('approvals needed: 2');
  expect(h.fake.callsTo('users.info').map((c) => String(c.args.user))).toEqual([BOB]);
}

async function config(userId: string, text: string): Promise<{ type: string; text: string }> {
  const response = await h.driver.slashCommand({ userId, channelId: CHANNEL, text: `config ${text}`.trim() });
  expect(response.status).toBe(200);
  const body = JSON.parse(response.body) as { response_type: string; text: string };
  return { type: body.response_type, text: body.text };
}

describe('changing the approval rules', () => {
  it('refuses the author loosening the rules, so approving their own plan still does not count', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const fewer = await config(ALICE, 'approvals 1');
    expect(fewer.type).toBe('ephemeral');
    expect(fewer.text).toContain('Only workspace admins and owners');
    expect(fewer.text).toContain('approvals needed 2 → 1');
    expect((await config(ALICE, 'author-can-approve yes')).text).toContain('the author may now approve their own plan');
    expect((await config(ALICE, 'reject-emoji thumbsdown')).type).toBe('ephemeral');
    await react(h, ALICE, draftTs);
    expect((await h.record(planId)).status).toBe('draft');
    expect((await config(ALICE, '')).text).toContain('approvals needed: 2');
    expect(adminChecks()).toEqual([ALICE, ALICE, ALICE]);
  });

  it('lets anyone in the channel make the rules stricter, and announces it to the channel naming who did', async () => {
    h = await startHarness();
    const stricter = await config(BOB, 'approvals 3');
    expect(stricter).toEqual({
      type: 'in_channel',
      text: expect.stringContaining(`:gear: <@${BOB}> changed the approval rules of this channel: approvals needed 2 → 3.`),
    });
    expect(stricter.text).toContain('drafts already waiting keep the rules they were posted under');
    expect(adminChecks()).toEqual([]);
    const { planId, draftTs } = await postedPlan(h);
    await react(h, BOB, draftTs);
    await react(h, CAROL, draftTs);
    expect((await h.record(planId)).status).toBe('draft');
    expect((await config(CAROL, 'approvals 3')).text).toContain('Nothing to change');
  });

  it('lets a workspace admin loosen the rules, for plans posted after the change only', async () => {
    h = await startHarness();
    addAdmin();
    const waiting = await postedPlan(h, 'Waiting plan');
    await react(h, ALICE, waiting.draftTs);
    await react(h, BOB, waiting.draftTs);
    expect((await h.record(waiting.planId)).status).toBe('draft');

    const looser = await config(DAN, 'approvals 1');
    expect(looser.type).toBe('in_channel');
    expect(looser.text).toContain(`<@${DAN}> changed the approval rules of this channel: approvals needed 2 → 1`);
    expect((await config(DAN, 'author-can-approve yes')).text).toContain(`<@${DAN}> changed the approval rules of this channel: the author may now approve their own plan`);

    // The waiting draft keeps its rules: Bob's one approval is still 1 of 2, Alice's own still does not count.
    await react(h, ALICE, waiting.draftTs, 'white_check_mark', false);
    await react(h, ALICE, waiting.draftTs);
    expect((await h.record(waiting.planId)).status).toBe('draft');
    await h.restart();
    await h.settle();
    expect((await h.record(waiting.planId)).status).toBe('draft');
    expect((await h.record(waiting.planId)).approval?.approvers).toEqual([BOB]);

    // A plan posted after the change follows the new rules.
    const fresh = await postedPlan(h, 'Fresh plan');
    await react(h, ALICE, fresh.draftTs);
    expect((await h.record(fresh.planId)).status).toBe('approved');
  });

  it('lets the members named in IMC_ADMINS loosen the rules without asking Slack', async () => {
    h = await startHarness({ env: { IMC_ADMINS: `${CAROL}, U0NOBODY` } });
    expect((await config(CAROL, 'approvals 1')).type).toBe('in_channel');
    expect(adminChecks()).toEqual([]);
    // Going back to the defaults is stricter here, so anyone may; loosening again is not.
    expect((await config(BOB, 'reset')).text).toContain(`<@${BOB}> changed the approval rules of this channel: approvals needed 1 → 2`);
    expect((await config(BOB, 'approvals 1')).text).toContain('Only workspace admins and owners');
    expect((await config(CAROL, 'approvals 1')).type).toBe('in_channel');
  });

  it('changes nothing when Slack cannot say whether the person is an admin', async () => {
    h = await startHarness();
    await knowsBobsLanguage();
    h.fake.failNext('users.info', { status: 500 });
    const reply = await config(BOB, 'approvals 1');
    expect(reply.type).toBe('ephemeral');
    expect(reply.text).toContain("couldn't check with Slack");
    expect(adminChecks()).toEqual([BOB]);
    expect((await config(BOB, '')).text).toContain('approvals needed: 2');
  });

  it('changes nothing when Slack is too slow to say whether the person is an admin (the answer must go out inside 3 s)', async () => {
    h = await startHarness();
    await knowsBobsLanguage();
    h.fake.failNext('users.info', { delayMs: 2_500 });
    const reply = await config(BOB, 'approvals 1');
    expect(reply.text).toContain("couldn't check with Slack");
    expect(adminChecks()).toEqual([BOB]);
    expect((await config(BOB, '')).text).toContain('approvals needed: 2');
  });

  it('explains the rules and who may change them', async () => {
    h = await startHarness();
    const shown = await config(BOB, '');
    expect(shown.type).toBe('ephemeral');
    expect(shown.text).toContain('only workspace admins and owners (and the people named in `IMC_ADMINS`) may loosen the rules');
  });
});

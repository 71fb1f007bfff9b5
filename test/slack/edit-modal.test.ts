import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../src/config.js';
import { findBlockKitProblem } from '../../src/local-slack/block-kit-limits.js';
import type { ViewInputValue } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOB, CHANNEL, messageText, startHarness, type Harness } from '../support/bot-harness.js';
import { clickDraft, postedPlan, threadTexts } from '../support/approved-plan.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Json = Record<string, unknown>;

/** Clicks Edit plan on the draft as `userId`; returns the modal opened for them (if any) and the ephemeral reply. */
async function openEdit(draftTs: string, userId = ALICE): Promise<{ viewId?: string; reply: string }> {
  const reply = await clickDraft(h, draftTs, 'Edit plan', userId);
  return { viewId: h.fake.openModal(userId)?.id, reply };
}

function view(viewId: string): Json {
  return h.fake.view(viewId)?.view ?? {};
}

function blocks(viewId: string): Json[] {
  return (view(viewId).blocks as Json[] | undefined) ?? [];
}

function input(viewId: string, blockId: string): Json | undefined {
  return blocks(viewId).find((block) => block.block_id === blockId && block.type === 'input');
}

async function choosePart(viewId: string, part: string, userId = ALICE): Promise<void> {
  const response = await h.driver.viewAction({ userId, viewId, actionId: 'imc_edit_section', selectedOption: part });
  expect(response.status).toBe(200);
  await h.settle();
}

async function submit(viewId: string, values: Record<string, ViewInputValue>, userId = ALICE) {
  const response = await h.driver.viewSubmission({ userId, viewId, values });
  expect(response.status).toBe(200);
  await h.settle();
  return response.response ?? {};
}

/** Opens the Edit form of the draft at `draftTs` on the contact plan, with `rowId` (or `new`) chosen. */
async function editRow(draftTs: string, rowId: string): Promise<string> {
  const { viewId } = await openEdit(draftTs);
  await choosePart(viewId as string, 'Contacts');
  await h.driver.viewAction({ userId: ALICE, viewId: viewId as string, actionId: 'imc_edit_row', selectedOption: rowId });
  await h.settle();
  return viewId as string;
}

/** A plan posted by Alice, with the Edit form open at `part`. */
async function postAndEdit(part: string, options: Parameters<typeof startHarness>[0] = {}): Promise<{ planId: string; draftTs: string; viewId: string }> {
  h = await startHarness(options);
  const { planId, draftTs } = await postedPlan(h);
  const { viewId } = await openEdit(draftTs);
  await choosePart(viewId as string, part);
  return { planId, draftTs, viewId: viewId as string };
}

describe('editing a posted plan in a modal', () => {
  it("opens the plan's parts from the draft's Edit button, with a part's answers prefilled in inputs of the right kind", async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const { viewId, reply } = await openEdit(draftTs);
    expect(reply).toBe('');
    expect(viewId).toBeDefined();
    const id = viewId as string;
    const opened = view(id);
    expect(opened).toMatchObject({ type: 'modal', callback_id: 'imc_edit', title: { text: 'Edit plan' }, submit: { text: 'Post new version' } });
    // only ids travel with the view
    expect(JSON.parse(String(opened.private_metadata))).toEqual({ p: planId, v: 1, s: 'Problem' });
    expect(JSON.stringify(opened)).not.toMatch(/xox|trigger/);
    const menu = (blocks(id).find((block) => block.block_id === 'section')?.elements as Json[])[0] as Json;
    expect((menu.options as Json[]).map((o) => (o.text as Json).text)).toEqual([
      '1. Problem', '2. Audience', '3. Insight', '4. Objective', '5. Message', '6. Contacts', '7. Budget', '8. Schedule',
    ]);
    // Problem: text as typed, the problems as a multi-select of the question's labels, the key problem as a select
    expect((input(id, 'q:brand')?.element as Json).initial_value).toBe('Moonleaf Tea');
    const problems = input(id, 'q:problems')?.element as Json;
    expect(problems.type).toBe('multi_static_select');
    expect((problems.initial_options as Json[]).map((o) => o.value).sort()).toEqual(['brand', 'communication']);
    expect((input(id, 'q:key_problem')?.element as Json).type).toBe('static_select');
    // Budget: money and rates as number inputs, in major units and percent
    await choosePart(id, 'Budget');
    expect(JSON.parse(String(view(id).private_metadata))).toMatchObject({ s: 'Budget', v: 1 });
    expect(input(id, 'q:budget_available')?.element).toMatchObject({ type: 'number_input', initial_value: '250000', is_decimal_allowed: true });
    expect(input(id, 'q:conversion_rate')?.element).toMatchObject({ type: 'number_input', initial_value: '1' });
    // Schedule: date pickers
    await choosePart(id, 'Schedule');
    expect(input(id, 'q:start_date')?.element).toMatchObject({ type: 'datepicker', initial_date: '2027-01-05' });
    for (const shown of [view(id)]) expect(findBlockKitProblem(shown.blocks, 'modal')).toBeUndefined();
  });

  it('refuses invalid fields inline, one error per field, and keeps and posts nothing', async () => {
    const { planId, viewId } = await postAndEdit('Schedule');
    const before = await h.record(planId);
    const posted = h.fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    const response = await submit(viewId as string, { 'q:end_date': '2026-12-01', 'q:review_date': '2026-11-01' });
    expect(response.response_action).toBe('errors');
    const errors = response.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(['q:end_date', 'q:review_date']);
    expect(errors['q:end_date']).toMatch(/has to end after it starts/);
    const after = await h.record(planId);
    expect(after.versions).toHaveLength(1);
    expect(after.status).toBe(before.status);
    expect(after.flow.answers.end_date).toEqual(before.flow.answers.end_date);
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(posted);
    // the modal stays open, as Slack keeps it on errors
    expect(h.fake.openModal(ALICE)?.id).toBe(viewId);
    // a submission that changes nothing says so, and keeps nothing either
    const unchanged = await submit(viewId as string, {});
    expect(unchanged.response_action).toBe('errors');
    expect(Object.values(unchanged.errors as Record<string, string>).join()).toMatch(/Nothing is changed/);
    expect((await h.record(planId)).versions).toHaveLength(1);
  });

  it('posts a new version from valid fields exactly as `change` does: the old draft superseded, approvals started over', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    await h.driver.reactionAdded({ userId: BOB, channelId: CHANNEL, messageTs: draftTs, reaction: 'white_check_mark' });
    await h.settle();
    expect((await h.record(planId)).approval?.approvers ?? []).toContain(BOB);
    const { viewId } = await openEdit(draftTs);
    await choosePart(viewId as string, 'Budget');
    const response = await submit(viewId as string, { 'q:budget_available': '300000', 'q:conversion_rate': '1.5' });
    expect(response.errors).toBeUndefined();
    expect(response.response_action).toBe('update');
    expect(JSON.stringify(response.view)).toContain('Version 2 is posted');
    const record = await h.record(planId);
    expect(record.versions).toHaveLength(2);
    expect(record.status).toBe('draft');
    expect(record.approval).toBeUndefined();
    expect(record.versions[1]?.plan.budget.available).toBe(30_000_000);
    expect(record.flow.answers.conversion_rate?.value).toBeCloseTo(0.015);
    expect(record.versions[0]?.supersededAt).toBeDefined();
    const oldDraft = messageText(h.fake.messages(CHANNEL).find((m) => m.ts === draftTs));
    expect(oldDraft).toMatch(/version 2|replaced|superseded/i);
    const thread = (await threadTexts(h, planId)).join('\n');
    expect(thread).toContain('<@U0ALICE> changed Conversion rate, Budget available in the Edit form.');
    // the modal now says it is done
    expect(JSON.stringify(h.fake.openModal(ALICE)?.view)).toContain('Version 2 is posted');
  });

  it('refuses a submission for a version that is no longer the newest, inline', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const first = await openEdit(draftTs);
    await choosePart(first.viewId as string, 'Budget');
    // meanwhile the plan gets a new version through the thread words
    const record = await h.record(planId);
    await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: record.threadTs, text: 'change budget available' });
    await h.settle();
    await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: record.threadTs, text: '¥260,000' });
    await h.settle();
    const between = await h.record(planId);
    expect(between.versions.length).toBeGreaterThan(1);
    const response = await submit(first.viewId as string, { 'q:budget_available': '300000' });
    expect(response.response_action).toBe('errors');
    expect(Object.values(response.errors as Record<string, string>).join()).toMatch(/Someone changed this plan while the form was open: it is at version 2/);
    const after = await h.record(planId);
    expect(after.versions).toHaveLength(between.versions.length);
    expect(after.flow.answers.budget_available?.value).toBe(26_000_000);
  });

  it('lets only the author open or submit it', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const { viewId, reply } = await openEdit(draftTs, BOB);
    expect(viewId).toBeUndefined();
    expect(reply).toMatch(/Only <@U0ALICE> can edit this plan/);
    // a form of Alice's submitted as Bob (a forged or shared view) is refused too
    const alice = await openEdit(draftTs);
    await choosePart(alice.viewId as string, 'Budget');
    const response = await h.driver.viewSubmission({ userId: BOB, viewId: alice.viewId as string, values: { 'q:budget_available': '1' } });
    expect(response.response?.response_action).toBe('errors');
    expect((await h.record(planId)).versions).toHaveLength(1);
  });

  it('changes, adds and removes a row of the contact plan, with the row parser and its errors per field', async () => {
    h = await startHarness();
    const { planId, draftTs } = await postedPlan(h);
    const { viewId } = await openEdit(draftTs);
    const id = viewId as string;
    await choosePart(id, 'Contacts');
    expect((input(id, 'q:channels')?.element as Json).type).toBe('multi_static_select');
    const menu = (blocks(id).find((block) => block.block_id === 'row')?.elements as Json[])[0] as Json;
    const groups = menu.option_groups as Json[];
    expect(groups.at(-1)).toMatchObject({ label: { text: 'New' }, options: [{ value: 'new', text: { text: 'Add a row' } }] });
    const rows = (await h.record(planId)).versions[0]?.plan.contactPlan ?? [];
    const firstRow = rows[0];
    expect(firstRow).toBeDefined();
    expect((groups[0]?.options as Json[])[0]).toMatchObject({ value: firstRow?.id, text: { text: expect.stringMatching(/^Row 1: /) } });
    await h.driver.viewAction({ userId: ALICE, viewId: id, actionId: 'imc_edit_row', selectedOption: firstRow?.id as string });
    await h.settle();
    expect(input(id, 'row:stage')?.element).toMatchObject({ type: 'static_select', initial_option: { value: firstRow?.stage } });
    expect(input(id, 'row:channel')?.element).toMatchObject({ initial_option: { value: firstRow?.channelId } });
    expect((input(id, 'row:message')?.element as Json).initial_value).toBe(firstRow?.message);
    // errors of the row parser, each on its own field, and nothing kept
    const invalid = await submit(id, { 'row:timing': 'whenever it suits', 'row:kpi': 'delight' });
    expect(invalid.response_action).toBe('errors');
    const errors = invalid.errors as Record<string, string>;
    expect(errors['row:timing']).toMatch(/as a timing/);
    expect(errors['row:kpi']).toMatch(/Say where .*delight.* is measured/);
    expect((await h.record(planId)).versions).toHaveLength(1);
    // a valid change posts version 2 with the row changed
    const valid = await submit(id, { 'row:timing': '7 days after first order', 'row:kpi': 'repeat rate (crm)' });
    expect(valid.response_action).toBe('update');
    let record = await h.record(planId);
    expect(record.versions).toHaveLength(2);
    const changed = record.versions[1]?.plan.contactPlan.find((row) => row.id === firstRow?.id);
    expect(changed?.timing).toEqual({ kind: 'trigger', event: 'first order', offsetDays: 7 });
    expect(changed?.kpi).toMatchObject({ source: 'crm' });
    expect((await threadTexts(h, planId)).join('\n')).toContain('changed row 1 of the contact plan in the Edit form');
    // add a row on the newest draft, then remove it
    const added = { viewId: await editRow(record.versions[1]?.messageTs as string, 'new') };
    expect(input(added.viewId as string, 'row:remove')).toBeUndefined();
    const missing = await submit(added.viewId as string, { 'row:format': 'live broadcast' });
    expect(Object.keys(missing.errors as Record<string, string>)).toEqual(['row:format']);
    expect(Object.values(missing.errors as Record<string, string>)[0]).toMatch(/needs its stage and its channel/);
    const addedResponse = await submit(added.viewId as string, { 'row:stage': 'purchase-decision', 'row:channel': 'paid-search-ads', 'row:message': 'Order today, the coupon ends Sunday' });
    expect(addedResponse.errors).toBeUndefined();
    // a row whose message is not the core concept is a new warning: the author accepts it in the thread, as there
    expect(JSON.stringify(addedResponse.view)).toContain('The check found warnings');
    expect((await h.record(planId)).status).toBe('planning');
    expect((await threadTexts(h, planId)).join('\n')).toMatch(/says something other than the core concept/);
    await h.driver.message({ userId: ALICE, channelId: CHANNEL, threadTs: (await h.record(planId)).threadTs, text: 'accept' });
    await h.settle();
    record = await h.record(planId);
    expect(record.versions).toHaveLength(3);
    const newRow = record.versions[2]?.plan.contactPlan.find((row) => row.message === 'Order today, the coupon ends Sunday');
    expect(newRow).toMatchObject({ stage: 'purchase-decision', channelId: 'paid-search-ads' });
    const removing = { viewId: await editRow(record.versions[2]?.messageTs as string, newRow?.id as string) };
    await submit(removing.viewId as string, { 'row:remove': ['yes'] });
    record = await h.record(planId);
    expect(record.versions).toHaveLength(4);
    expect(record.versions[3]?.plan.contactPlan.some((row) => row.id === newRow?.id)).toBe(false);
  });

  it("gives a rule's error to the field it names, and keeps nothing", async () => {
    const { planId, viewId } = await postAndEdit('Budget');
    const response = await submit(viewId as string, { 'q:budget_available': '1000' });
    expect(response.response_action).toBe('errors');
    const errors = response.errors as Record<string, string>;
    expect(Object.keys(errors)).toContain('q:budget_available');
    expect(errors['q:budget_available']).toMatch(/¥1,000/);
    const record = await h.record(planId);
    expect(record.versions).toHaveLength(1);
    expect(record.flow.answers.budget_available?.value).toBe(25_000_000);
  });

  it("gives a zh-CN author the rule's error in Chinese, with the amounts written the Chinese way", async () => {
    h = await startHarness();
    const alice = h.fake.user(ALICE);
    if (!alice) throw new Error('no Alice');
    alice.locale = 'zh-CN';
    const { planId, draftTs } = await postedPlan(h);
    const { viewId } = await openEdit(draftTs);
    await choosePart(viewId as string, 'Budget');
    const response = await submit(viewId as string, { 'q:budget_available': '1000' });
    expect(response.response_action).toBe('errors');
    const error = (response.errors as Record<string, string>)['q:budget_available'] ?? '';
    expect(error).toMatch(/可用预算只有¥1,000/);
    expect(error).not.toMatch(/available|Correct the figure/);
    expect((await h.record(planId)).versions).toHaveLength(1);
  });

  it('sends a change that needs a new answer to the thread, where the question is asked', async () => {
    const { planId, draftTs, viewId } = await postAndEdit('Objective');
    const response = await submit(viewId as string, { 'q:primary_objective': 'brand-awareness' });
    expect(response.response_action).toBe('update');
    expect(JSON.stringify(response.view)).toContain('one more answer');
    const record = await h.record(planId);
    expect(record.status).toBe('planning');
    expect(record.versions).toHaveLength(1);
    expect(record.flow.answers.primary_objective?.value).toBe('brand-awareness');
    const current = record.flow.current as string;
    expect(current).toBeDefined();
    expect(record.flow.answers[current]).toBeUndefined();
    // while the plan is open in its thread the form is refused, with a way on
    const again = await openEdit(draftTs);
    expect(again.reply).toMatch(/open for changes in its thread/);
  });

  it('answers a submission over Socket Mode the same way, in the envelope acknowledgement', async () => {
    const { planId, viewId } = await postAndEdit('Schedule', { socketMode: true });
    const invalid = await submit(viewId as string, { 'q:end_date': '2026-12-01' });
    expect(invalid).toMatchObject({ response_action: 'errors', errors: { 'q:end_date': expect.stringMatching(/has to end after it starts/) } });
    const valid = await submit(viewId as string, { 'q:review_date': '2027-04-30' });
    expect(valid.response_action).toBe('update');
    const record = await h.record(planId);
    expect(record.versions).toHaveLength(2);
    expect(record.versions[1]?.plan.reviewDate).toBe('2027-04-30');
  });

  it.each(['thread', 'main'] as const)("opens the plan in its thread instead when Slack refuses the modal (an expired trigger), and says so (IMC_SLACK_CALLS=%s)", async (calls) => {
    h = await startHarness({ env: { IMC_SLACK_CALLS: calls } });
    const { planId, draftTs } = await postedPlan(h);
    h.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const { viewId, reply } = await openEdit(draftTs);
    expect(viewId).toBeUndefined();
    expect(reply).toMatch(/couldn't open the Edit form, so the plan is open for changes in its thread/);
    expect((await h.record(planId)).status).toBe('planning');
    expect((await threadTexts(h, planId)).join('\n')).toContain('What would you like to change?');
    // The trigger id is never written to the log: the poster thread logs nothing of a call; on the main
    // thread the Web API client's debug lines carry it, and the bot's redaction takes it out.
    if (calls === 'main') expect(h.logs.join('\n')).toMatch(/fake\d{6}/);
    else expect(h.logs.join('\n')).not.toMatch(/fake\d{6}/);
    expect(redact(h.logs.join('\n'), {})).not.toMatch(/fake\d{6}/);
  });
});

describe('the Edit form in the editing person\'s language', () => {
  const HAN = /\p{Script=Han}/u;
  const texts = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.flatMap(texts);
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => (key === 'text' || typeof v === 'object' ? texts(v) : []));
    return [];
  };

  it("opens in Chinese for a zh-CN user: title, buttons, menus, row labels, Yes/No, inline errors and what it says back", async () => {
    h = await startHarness();
    const alice = h.fake.user(ALICE);
    if (!alice) throw new Error('no Alice');
    alice.locale = 'zh-CN';
    const { planId, draftTs } = await postedPlan(h);
    const { viewId, reply } = await openEdit(draftTs);
    expect(reply).toBe('');
    const id = viewId as string;
    expect(view(id)).toMatchObject({ title: { text: '修改方案' }, submit: { text: '发布新版本' }, close: { text: '取消' } });
    const intro = blocks(id)[0] as Json;
    expect((intro.text as Json).text).toMatch(/第 1 版/);
    const section = (blocks(id).find((block) => block.block_id === 'section')?.elements as Json[])[0] as Json;
    expect(section.placeholder).toMatchObject({ text: '选择要改的部分' });
    expect(JSON.stringify(blocks(id))).toContain('不会保留。也可以照旧在方案的消息列里输入 `修改 &lt;问题&gt;`。');
    // the contact plan: the row menu, a row's labels and its Yes/No in Chinese
    await choosePart(id, 'Contacts');
    const menu = (blocks(id).find((block) => block.block_id === 'row')?.elements as Json[])[0] as Json;
    const groups = menu.option_groups as Json[];
    expect(groups.at(-1)).toMatchObject({ label: { text: '新增' }, options: [{ value: 'new', text: { text: '新增一行' } }] });
    expect((groups[0]?.options as Json[])[0]).toMatchObject({ text: { text: expect.stringMatching(/^第 1 行：/) } });
    const firstRow = (await h.record(planId)).versions[0]?.plan.contactPlan[0];
    await h.driver.viewAction({ userId: ALICE, viewId: id, actionId: 'imc_edit_row', selectedOption: firstRow?.id as string });
    await h.settle();
    expect(input(id, 'row:stage')?.label).toMatchObject({ text: '阶段' });
    expect(input(id, 'row:cta')?.label).toMatchObject({ text: '行动号召' });
    expect(((input(id, 'row:cta')?.element as Json).options as Json[]).map((o) => (o.text as Json).text)).toEqual(['是', '否']);
    expect((((input(id, 'row:remove')?.element as Json).options as Json[])[0]?.text as Json).text).toBe('从触点计划中删除这一行');
    expect(blocks(id).some((block) => block.type === 'section' && HAN.test(String((block.text as Json).text)) && String((block.text as Json).text).includes('第 1 行'))).toBe(true);
    // none of the form's own words is left in English (the plan's own parts, questions and channels still are, until they join the catalogue)
    const own = ['Edit plan', 'Post new version', 'Choose a part', 'Change a row', 'Choose a row', 'Add a row', 'Stage', 'Call to action', 'Take this row out', 'For example'];
    for (const words of own) expect(texts(view(id)).join('\n')).not.toContain(words);
    expect(findBlockKitProblem(view(id).blocks, 'modal')).toBeUndefined();
    // inline errors: the form's own and a parser's, in Chinese
    const unchanged = await submit(id, {});
    expect(Object.values(unchanged.errors as Record<string, string>).join()).toMatch(/还没有任何改动/);
    const invalid = await submit(id, { 'row:kpi': 'delight' });
    expect(invalid.response_action).toBe('errors');
    const kpiError = (invalid.errors as Record<string, string>)['row:kpi'] ?? '';
    expect(kpiError).toMatch(HAN);
    expect(kpiError).not.toMatch(/Say where/);
    expect((await h.record(planId)).versions).toHaveLength(1);
    // a kept change: the finished view and the thread's note in Chinese
    const valid = await submit(id, { 'row:timing': '7 days after first order' });
    expect(valid.response_action).toBe('update');
    expect(valid.view).toMatchObject({ title: { text: '方案已更新' } });
    expect(JSON.stringify(valid.view)).toMatch(/第 2 版已作为草案发到频道/);
    expect((await h.record(planId)).versions).toHaveLength(2);
    expect((await threadTexts(h, planId)).join('\n')).toContain('<@U0ALICE> 在修改表单里改了触点计划第 1 行。');
  });

  it('answers an en-US user in English in the same channel meanwhile, and refuses a Chinese reader who is not the author in Chinese', async () => {
    h = await startHarness();
    const bob = h.fake.user(BOB);
    if (!bob) throw new Error('no Bob');
    bob.locale = 'zh-CN';
    const { draftTs } = await postedPlan(h);
    const { viewId } = await openEdit(draftTs);
    expect(view(viewId as string)).toMatchObject({ title: { text: 'Edit plan' }, submit: { text: 'Post new version' } });
    const unchanged = await submit(viewId as string, {});
    expect(Object.values(unchanged.errors as Record<string, string>).join()).toMatch(/Nothing is changed/);
    const refused = await openEdit(draftTs, BOB);
    expect(refused.viewId).toBeUndefined();
    expect(refused.reply).toMatch(/只有 <@U0ALICE> 可以修改这个方案/);
  });
});

describe('the Edit form in Chinese', () => {
  it("labels a zh-CN author's inputs, choices and parts with the questions' Chinese words", async () => {
    h = await startHarness();
    const alice = h.fake.user(ALICE);
    if (!alice) throw new Error('no Alice');
    alice.locale = 'zh-CN';
    const { draftTs } = await postedPlan(h);
    const { viewId } = await openEdit(draftTs);
    await choosePart(viewId as string, 'Audience');
    const segment = JSON.stringify(input(viewId as string, 'q:audience_segment'));
    expect(segment).toContain('"受众类型"');
    expect(segment).toContain('这群人现在对你的品牌是什么态度');
    expect(segment).toContain('品牌转换者');
    expect(segment).not.toContain('Switchers');
    const all = JSON.stringify(blocks(viewId as string));
    expect(all).toContain('受众');
    expect(all).not.toContain('Buying stage');
  });
});

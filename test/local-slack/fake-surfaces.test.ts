import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackError } from '../support/slack-error.js';
import { createSilentSlackLogger } from '../../src/local-slack/create-silent-slack-logger.js';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';

const CHANNEL = 'C0PLANNING';
const ALICE = 'U0ALICE';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 7)]);

let fake: FakeSlack;
let client: WebClient;

async function start(options: Parameters<typeof startFakeSlack>[0] = {}): Promise<void> {
  fake = await startFakeSlack({
    channels: [
      { id: CHANNEL, name: 'campaign-planning', members: [ALICE, 'U0BOB'] },
      { id: 'C0OUTSIDE', name: 'outside', members: [ALICE], botIsMember: false },
    ],
    users: [{ id: ALICE, name: 'alice' }, { id: 'U0BOB', name: 'bob' }],
    ...options,
  });
  client = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createSilentSlackLogger() });
}

beforeEach(async () => start());
afterEach(async () => fake.close());


const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const barChart = (categories: string[], values: number[], extra: Record<string, unknown> = {}) => ({
  type: 'data_visualization',
  title: 'Allocation by channel',
  chart: {
    type: 'bar',
    series: [{ name: 'Budget', data: categories.map((label, index) => ({ label, value: values[index] ?? 0 })) }],
    axis_config: { categories, y_label: 'CNY' },
    ...extra,
  },
});

describe('views.publish (App Home)', () => {
  it('publishes a home view per user and answers like Slack to bad views, unknown users and stale hashes', async () => {
    const published = await client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: [section('Your plans')] } as never });
    expect((published.view as { hash?: string }).hash).toBeTruthy();
    expect(fake.home(ALICE)?.view.blocks).toEqual([section('Your plans')]);
    expect(fake.home('U0BOB')).toBeUndefined();

    const tooMany = Array.from({ length: 101 }, (_, i) => section(`row ${i}`));
    expect((await slackError(client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: tooMany } as never }))).data.error).toBe('invalid_arguments');
    // 100 blocks is the Home tab's limit, not the message limit of 50
    await client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: tooMany.slice(0, 100) } as never });
    expect((await slackError(client.views.publish({ user_id: 'U0NOBODY', view: { type: 'home', blocks: [section('x')] } as never }))).data.error).toBe('user_not_found');
    expect((await slackError(client.views.publish({ user_id: ALICE, view: { type: 'modal', blocks: [section('x')] } as never }))).data.error).toBe('invalid_arguments');
    expect((await slackError(client.views.publish({ user_id: ALICE, hash: 'stale', view: { type: 'home', blocks: [section('x')] } as never }))).data.error).toBe('hash_conflict');
    // charts and tables are for messages only
    const chart = await slackError(client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: [barChart(['Search'], [1])] } as never }));
    expect(chart.data.error).toBe('invalid_arguments');
    expect(JSON.stringify(chart.data)).toContain('data_visualization');
  });
});

describe('the data_visualization block in messages', () => {
  it('accepts a chart within the limits and refuses one outside them, naming the field', async () => {
    await client.chat.postMessage({ channel: CHANNEL, text: 'Budget', blocks: [section('Budget'), barChart(['Search ads', 'WeChat'], [900, 100])] as never[] });
    const cases: [unknown, string][] = [
      [barChart(['A very long channel name indeed'], [1]), 'categories/0'],
      [barChart(['Search'], [Number.NaN]), 'value'],
      [{ ...barChart(['Search'], [1]), title: 'x'.repeat(51) }, 'title'],
      [{ type: 'data_visualization', title: 'Mix', chart: { type: 'bar', series: [{ name: 'Budget', data: [{ label: 'Other', value: 1 }] }], axis_config: { categories: ['Search'] } } }, 'must match'],
      [{ type: 'data_visualization', title: 'Mix', chart: { type: 'pie', segments: Array.from({ length: 7 }, (_, i) => ({ label: `s${i}`, value: 1 })) } }, 'segments'],
    ];
    for (const [block, detail] of cases) {
      const error = await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'Budget', blocks: [block] as never[] }));
      expect(error.data.error).toBe('invalid_blocks');
      expect(JSON.stringify(error.data.response_metadata)).toContain(detail);
    }
    const three = [barChart(['A'], [1]), barChart(['B'], [1]), barChart(['C'], [1])];
    expect((await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'x', blocks: three as never[] }))).data.error).toBe('invalid_blocks');
  });

  it('can stand for a Slack that does not know the block yet', async () => {
    await fake.close();
    await start({ unsupportedBlocks: ['data_visualization'] });
    const error = await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'Budget', blocks: [barChart(['Search'], [1])] as never[] }));
    expect(error.data.error).toBe('invalid_blocks');
    await client.chat.postMessage({ channel: CHANNEL, text: 'Budget', blocks: [section('Budget')] as never[] });
  });
});

describe('file uploads', () => {
  async function upload(bytes: Buffer, length = bytes.length): Promise<{ fileId: string; status: number }> {
    const { upload_url: url, file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'chart.png', length, alt_txt: 'Budget chart' } as never);
    const response = await fetch(url as string, { method: 'POST', body: bytes });
    await response.text();
    return { fileId: fileId as string, status: response.status };
  }

  it('takes the bytes, finishes asynchronously, and refuses an image block that points at the file too early', async () => {
    await fake.close();
    await start({ fileProcessingMs: 600 });
    const { fileId, status } = await upload(PNG);
    expect(status).toBe(200);
    expect(fake.files.get(fileId)?.bytes?.equals(PNG)).toBe(true);
    expect(fake.files.get(fileId)?.mimetype).toBe('image/png');
    expect(fake.files.get(fileId)?.altText).toBe('Budget chart');
    const thread = await client.chat.postMessage({ channel: CHANNEL, text: 'Plan thread' });
    const completed = await client.files.completeUploadExternal({ files: [{ id: fileId, title: 'Budget chart' }], channel_id: CHANNEL, thread_ts: thread.ts!, initial_comment: 'Budget chart (v1)' });
    expect(completed.files?.[0]?.id).toBe(fileId);

    const image = { type: 'image', alt_text: 'Budget chart', slack_file: { id: fileId } };
    const early = await slackError(client.chat.postMessage({ channel: CHANNEL, text: 'chart', blocks: [image] as never[] }));
    expect(early.data.error).toBe('invalid_blocks');
    expect(JSON.stringify(early.data.response_metadata)).toContain('slack_file');
    // the share message is not there yet either
    expect(fake.messages(CHANNEL, { threadTs: thread.ts! })).toHaveLength(0);

    const shared = await fake.waitFor(() => fake.messages(CHANNEL, { threadTs: thread.ts! }).find((m) => m.files?.length));
    if (!shared) throw new Error("no share message");
    expect(shared.text).toBe('Budget chart (v1)');
    expect(shared.files?.[0]).toMatchObject({ id: fileId, title: 'Budget chart', mimetype: 'image/png' });
    await client.chat.postMessage({ channel: CHANNEL, text: 'chart', blocks: [image] as never[] });
    expect((await client.files.info({ file: fileId })).file?.id).toBe(fileId);
  });

  it('answers like Slack to a wrong length, an unfinished upload, a missing file and a channel the bot is not in', async () => {
    expect((await upload(PNG, PNG.length + 5)).status).toBe(400);
    const { upload_url: url, file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'chart.png', length: PNG.length });
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: fileId as string }] }))).data.error).toBe('file_not_uploaded');
    await (await fetch(url as string, { method: 'POST', body: PNG })).text();
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }))).data.error).toBe('file_not_found');
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: fileId as string }], channel_id: 'C0OUTSIDE' }))).data.error).toBe('not_in_channel');
    expect((await slackError(client.files.getUploadURLExternal({ filename: 'x.png', length: 0 }))).data.error).toBe('invalid_arguments');
    expect((await slackError(client.files.getUploadURLExternal({ filename: 'x.png', length: 10, alt_txt: 'x'.repeat(1001) } as never))).data.error).toBe('alt_txt_too_large');
  });
});

describe('canvases', () => {
  const markdown = (text: string) => ({ type: 'markdown' as const, markdown: text });

  it('creates one channel canvas per channel, standalone ones beside it, and edits them', async () => {
    const created = await client.conversations.canvases.create({ channel_id: CHANNEL, title: 'Spring launch', document_content: markdown('# Spring launch') });
    const id = created.canvas_id as string;
    expect(fake.canvases.get(id)).toMatchObject({ kind: 'channel', channelId: CHANNEL, title: 'Spring launch', markdown: '# Spring launch' });
    expect((await slackError(client.conversations.canvases.create({ channel_id: CHANNEL, document_content: markdown('again') }))).data.error).toBe('channel_canvas_already_exists');
    expect((await slackError(client.conversations.canvases.create({ channel_id: 'C0OUTSIDE' }))).data.error).toBe('not_in_channel');

    const standalone = await client.canvases.create({ title: 'Summer', channel_id: CHANNEL, document_content: markdown('# Summer') });
    expect(fake.canvases.get(standalone.canvas_id as string)).toMatchObject({ kind: 'standalone', channelId: CHANNEL });

    await client.canvases.edit({ canvas_id: id, changes: [{ operation: 'replace', document_content: markdown('# Spring launch v2') }] });
    expect(fake.canvases.get(id)).toMatchObject({ markdown: '# Spring launch v2', edits: 1 });
    expect((await slackError(client.canvases.edit({ canvas_id: 'F0GONE', changes: [{ operation: 'replace', document_content: markdown('x') }] }))).data.error).toBe('canvas_not_found');
    expect((await slackError(client.canvases.edit({ canvas_id: id, changes: [] as never }))).data.error).toBe('invalid_arguments');
  });
});

describe('modals (views.open, views.update, views.push)', () => {
  const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Edit plan' },
    submit: { type: 'plain_text' as const, text: 'Post' },
    blocks,
    ...extra,
  });
  const textInput = (blockId: string, label = 'Brand', extra: Record<string, unknown> = {}) => ({
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element: { type: 'plain_text_input', action_id: 'v', ...extra },
  });

  it('keeps the modal as last updated, for whom it was opened, and refuses an update over a newer one', async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTriggerId(ALICE), view: modal([textInput('q:brand')]) as never });
    const id = opened.view?.id as string;
    expect(fake.openModal(ALICE)?.id).toBe(id);
    const hash = opened.view?.hash as string;
    await client.views.update({ view_id: id, hash, view: modal([textInput('q:campaign', 'Campaign')]) as never });
    expect(fake.view(id)?.view.blocks).toMatchObject([{ block_id: 'q:campaign' }]);
    expect(fake.view(id)?.updates).toBe(1);
    // the old hash is stale now
    expect((await slackError(client.views.update({ view_id: id, hash, view: modal([section('late')]) as never }))).data.error).toBe('hash_conflict');
    const pushed = await client.views.push({ trigger_id: fake.issueTriggerId(ALICE), view: modal([section('More')], { submit: undefined }) as never });
    expect(fake.openModal(ALICE)?.id).toBe(pushed.view?.id);
    expect(fake.view(pushed.view?.id as string)?.parentId).toBe(id);
    fake.applyViewResponse(id, { response_action: 'clear' });
    expect(fake.openModal(ALICE)).toBeUndefined();
    expect((await slackError(client.views.update({ view_id: id, view: modal([section('x')]) as never }))).data.error).toBe('not_found');
  });

  it("refuses what Slack refuses in a modal: long titles, labels and options, too many options, inputs without submit", async () => {
    const refused = async (view: unknown) => (await slackError(client.views.open({ trigger_id: fake.issueTriggerId(ALICE), view: view as never }))).data.error;
    expect(await refused(modal([section('x')], { title: { type: 'plain_text', text: 'A title that is far too long' } }))).toBe('invalid_arguments');
    expect(await refused(modal([textInput('a', 'x'.repeat(2001))]))).toBe('invalid_arguments');
    expect(await refused(modal([textInput('a')], { submit: undefined }))).toBe('invalid_arguments');
    expect(await refused(modal([textInput('a', 'Brand', { initial_value: 'x'.repeat(3001) })]))).toBe('invalid_arguments');
    const select = (options: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'input', block_id: 's', label: { type: 'plain_text', text: 'Pick' }, element: { type: 'static_select', action_id: 'v', options, ...extra } });
    const option = (text: string, value = text) => ({ text: { type: 'plain_text', text }, value });
    expect(await refused(modal([select([option('x'.repeat(76))])]))).toBe('invalid_arguments');
    expect(await refused(modal([select(Array.from({ length: 101 }, (_, i) => option(`o${i}`)))]))).toBe('invalid_arguments');
    expect(await refused(modal([select([option('a')], { initial_option: option('b') })]))).toBe('invalid_arguments');
    expect(await refused(modal([{ type: 'input', block_id: 'n', label: { type: 'plain_text', text: 'N' }, element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false, initial_value: '1.5' } }]))).toBe('invalid_arguments');
    expect(await refused(modal(Array.from({ length: 101 }, () => section('x')), { submit: undefined }))).toBe('invalid_arguments');
    // within the limits: option groups of up to 100 options each
    const groups = [0, 1].map((g) => ({ label: { type: 'plain_text', text: `Group ${g}` }, options: Array.from({ length: 100 }, (_, i) => option(`g${g} o${i}`)) }));
    await client.views.open({ trigger_id: fake.issueTriggerId(ALICE), view: modal([{ type: 'actions', block_id: 'rows', elements: [{ type: 'static_select', action_id: 'r', option_groups: groups }] }], { submit: undefined }) as never });
    expect(fake.openModal(ALICE)).toBeDefined();
  });
});

/**
 * The `Surfaces` port over Slack's Web API: views.publish, the three-step upload
 * (files.getUploadURLExternal, a POST of the bytes, files.completeUploadExternal),
 * canvases and permalinks. Failures leave as `SlackCallError`, like the messenger's.
 */
import { SlackCallError } from '../app/ports.js';
import type { Surfaces } from '../app/surface-ports.js';
import { truncate } from './blocks/block-kit.js';
import type { SlackClients } from './slack-clients.js';


const MAX_ALT_TEXT = 1000;

/** Creates the production surfaces; `timeoutMs` bounds the upload POST (the client bounds its own calls). */
export function createWebSurfaces(clients: SlackClients, timeoutMs = 10_000): Surfaces {
  const client = () => clients.client();
  return {
    async publishHome(userId, blocks) {
      await (await client()).call('views.publish', { user_id: userId, view: { type: 'home', blocks } }, []);
    },
    async uploadFile(file, share) {
      // Slack's argument is `alt_txt` (at most 1,000 characters); the client's types call it alt_text.
      const alt = { alt_txt: truncate(file.altText, MAX_ALT_TEXT) };
      const ticket = await (await client()).call('files.getUploadURLExternal', { filename: file.filename, length: file.bytes.length, ...alt }, ['upload_url', 'file_id']);
      if (typeof ticket.upload_url !== 'string' || typeof ticket.file_id !== 'string' || !ticket.upload_url || !ticket.file_id) throw new SlackCallError('no_upload_url', false);
      let response: Response;
      try {
        response = await fetch(ticket.upload_url, { method: 'POST', body: file.bytes, signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
      } catch {
        throw new SlackCallError('upload_failed', true);
      }
      if (!response.ok) throw new SlackCallError(`upload_http_${response.status}`, response.status >= 500);
      const fileId = ticket.file_id;
      await (await client()).call(
        'files.completeUploadExternal',
        {
          files: [{ id: fileId, title: file.title }],
          ...(share ? { channel_id: share.channelId } : {}),
          ...(share?.threadTs ? { thread_ts: share.threadTs } : {}),
          ...(share?.comment ? { initial_comment: share.comment } : {}),
        },
        [],
      );
      return fileId;
    },
    async createChannelCanvas(channelId, title, markdown) {
      const result = await (await client()).call('conversations.canvases.create', { channel_id: channelId, title, document_content: { type: 'markdown', markdown } }, ['canvas_id']);
      if (typeof result.canvas_id !== 'string' || !result.canvas_id) throw new SlackCallError('no_canvas_id', false);
      return result.canvas_id;
    },
    async createCanvas(channelId, title, markdown) {
      const result = await (await client()).call('canvases.create', { channel_id: channelId, title, document_content: { type: 'markdown', markdown } }, ['canvas_id']);
      if (typeof result.canvas_id !== 'string' || !result.canvas_id) throw new SlackCallError('no_canvas_id', false);
      return result.canvas_id;
    },
    async replaceCanvas(canvasId, markdown) {
      await (await client()).call('canvases.edit', { canvas_id: canvasId, changes: [{ operation: 'replace', document_content: { type: 'markdown', markdown } }] }, []);
    },
    async openModal(triggerId, view) {
      const result = (await (await client()).call('views.open', { trigger_id: triggerId, view }, ['view'])) as { view?: { id?: string } };
      return result.view?.id ?? '';
    },
    async updateModal(viewId, view, hash) {
      await (await client()).call('views.update', { view_id: viewId, view, ...(hash ? { hash } : {}) }, []);
    },
    async permalink(channelId, ts) {
      const result = await (await client()).call('chat.getPermalink', { channel: channelId, message_ts: ts }, ['permalink']);
      if (typeof result.permalink !== 'string' || !result.permalink) throw new SlackCallError('no_permalink', false);
      return result.permalink;
    },
  };
}

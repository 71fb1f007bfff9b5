/**
 * File uploads as Slack does them today: `files.getUploadURLExternal` hands out an
 * upload URL and a file id, the bytes are POSTed to that URL, and
 * `files.completeUploadExternal` finishes the upload, optionally sharing the file
 * in a channel. Slack processes the file asynchronously: until then an image block
 * that points at it is refused with `invalid_blocks`, and the share message appears
 * only once processing is done.
 */
import type { FakeChannel, FakeMessage, FakeWorkspace } from './fake-workspace.js';
import { SlackMethodError } from './slack-method-error.js';

/** One uploaded (or announced) file. */
export interface FakeFile {
  id: string;
  filename: string;
  /** Bytes announced by `files.getUploadURLExternal`. */
  length: number;
  altText?: string;
  title?: string;
  /** The bytes POSTed to the upload URL, once they arrived. */
  bytes?: Buffer;
  /** `announced` → `uploaded` (bytes in) → `processing` (completed) → `ready`. */
  state: 'announced' | 'uploaded' | 'processing' | 'ready';
  /** Where it was shared, once processing finished. */
  shares: { channel: string; ts: string; threadTs?: string }[];
  mimetype?: string;
}

/** Files the fake knows, and how long processing takes. */
export interface FakeFileStore {
  files: Map<string, FakeFile>;
  /** Milliseconds between `files.completeUploadExternal` and the file being ready. */
  processingMs: number;
}

type Args = Record<string, unknown>;

const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `files.getUploadURLExternal`: a file id and the URL to POST its bytes to. */
export function getUploadUrl(args: Args, store: FakeFileStore, uploadBase: string): Record<string, unknown> {
  const filename = typeof args.filename === 'string' ? args.filename : '';
  const length = Number(args.length);
  if (filename.trim() === '') throw new SlackMethodError('invalid_arguments', ['[ERROR] missing required field: filename']);
  if (!Number.isInteger(length) || length <= 0) throw new SlackMethodError('invalid_arguments', ['[ERROR] length must be a positive whole number of bytes']);
  if (length > MAX_FILE_BYTES) throw new SlackMethodError('file_upload_size_restricted');
  if (typeof args.alt_txt === 'string' && args.alt_txt.length > 1000) throw new SlackMethodError('alt_txt_too_large');
  const id = `F${String(store.files.size + 1).padStart(9, '0')}`;
  store.files.set(id, {
    id,
    filename,
    length,
    state: 'announced',
    shares: [],
    ...(typeof args.alt_txt === 'string' ? { altText: args.alt_txt } : {}),
  });
  return { upload_url: `${uploadBase}${id}`, file_id: id };
}

/** The POST to an upload URL; answers like Slack's upload endpoint (200 with `OK - <bytes>`). */
export function receiveUpload(fileId: string, body: Buffer, store: FakeFileStore): { status: number; text: string } {
  const file = store.files.get(fileId);
  if (!file || file.state !== 'announced') return { status: 404, text: 'upload_not_found' };
  const bytes = multipartFile(body) ?? body;
  if (bytes.length !== file.length) return { status: 400, text: `length_mismatch: announced ${file.length}, received ${bytes.length}` };
  file.bytes = bytes;
  file.state = 'uploaded';
  file.mimetype = bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? 'image/png' : 'application/octet-stream';
  return { status: 200, text: `OK - ${bytes.length}` };
}

/**
 * `files.completeUploadExternal`: answers at once; the files become ready (and are
 * shared in `channel_id`, in `thread_ts` when given) only after `processingMs`.
 */
export function completeUpload(
  args: Args,
  store: FakeFileStore,
  workspace: FakeWorkspace,
  schedule: (work: () => void, ms: number) => void,
): Record<string, unknown> {
  const entries = Array.isArray(args.files) ? args.files : parseJsonArray(args.files);
  if (!entries || entries.length === 0) throw new SlackMethodError('invalid_arguments', ['[ERROR] files must be a non-empty array']);
  const files = entries.map((entry) => {
    const id = typeof (entry as Args).id === 'string' ? ((entry as Args).id as string) : '';
    const file = store.files.get(id);
    if (!file) throw new SlackMethodError('file_not_found');
    if (file.state !== 'uploaded') throw new SlackMethodError(file.state === 'announced' ? 'file_not_uploaded' : 'file_already_completed');
    const title = (entry as Args).title;
    if (typeof title === 'string') file.title = title;
    return file;
  });
  const channelId = typeof args.channel_id === 'string' ? args.channel_id : undefined;
  const channel = channelId === undefined ? undefined : workspace.findChannel(channelId);
  if (channelId !== undefined && !channel) throw new SlackMethodError('channel_not_found');
  if (channel && channel.archived) throw new SlackMethodError('is_archived');
  if (channel && !channel.botIsMember) throw new SlackMethodError('not_in_channel');
  const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
  const comment = typeof args.initial_comment === 'string' ? args.initial_comment : '';
  for (const file of files) file.state = 'processing';
  schedule(() => finishProcessing(files, workspace, channel, threadTs, comment), store.processingMs);
  return { files: files.map((file) => ({ id: file.id, title: file.title ?? file.filename })) };
}

/** `files.info`: what Slack knows about a file. */
export function fileInfo(args: Args, store: FakeFileStore): Record<string, unknown> {
  const file = store.files.get(typeof args.file === 'string' ? args.file : '');
  if (!file || file.state === 'announced' || file.state === 'uploaded') throw new SlackMethodError('file_not_found');
  return { file: apiFile(file) };
}

function finishProcessing(files: FakeFile[], workspace: FakeWorkspace, channel: FakeChannel | undefined, threadTs: string | undefined, comment: string): void {
  for (const file of files) file.state = 'ready';
  if (!channel) return;
  const message: FakeMessage = workspace.post(channel, {
    text: comment,
    user: workspace.botUserId,
    bot_id: workspace.botId,
    files: files.map(apiFile),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  for (const file of files) file.shares.push({ channel: channel.id, ts: message.ts, ...(threadTs ? { threadTs } : {}) });
  workspace.emit({ type: 'file_shared', files, message });
}

function apiFile(file: FakeFile): Record<string, unknown> {
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype: file.mimetype ?? 'application/octet-stream',
    size: file.length,
    url_private: `https://files.fake-workspace.slack.com/files-pri/${file.id}/${encodeURIComponent(file.filename)}`,
    ...(file.altText ? { alt_txt: file.altText } : {}),
    ...(file.shares.length > 0 ? { shares: { public: Object.fromEntries(file.shares.map((share) => [share.channel, [{ ts: share.ts }]])) } } : {}),
  };
}

function parseJsonArray(value: unknown): unknown[] | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The file part of a multipart/form-data body, when the body is one (Slack accepts both). */
function multipartFile(body: Buffer): Buffer | undefined {
  if (!body.subarray(0, 2).equals(Buffer.from('--'))) return undefined;
  const lineEnd = body.indexOf('\r\n');
  if (lineEnd < 0) return undefined;
  const boundary = body.subarray(0, lineEnd);
  const headerEnd = body.indexOf('\r\n\r\n', lineEnd);
  const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), headerEnd);
  return headerEnd < 0 || next < 0 ? undefined : body.subarray(headerEnd + 4, next);
}

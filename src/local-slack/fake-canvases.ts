/**
 * Canvases as the Web API exposes them: one channel canvas per channel
 * (`conversations.canvases.create`), standalone canvases (`canvases.create`,
 * optionally tabbed in a channel) and edits (`canvases.edit`). Content is
 * markdown, at most 1 MiB, as Slack documents.
 */
import type { FakeWorkspace } from './fake-workspace.js';
import { SlackMethodError } from './slack-method-error.js';

/** A canvas the fake holds. */
export interface FakeCanvas {
  id: string;
  title: string;
  markdown: string;
  /** The channel it is the channel canvas of, or tabbed in. */
  channelId?: string;
  kind: 'channel' | 'standalone';
  /** How many edits it has had. */
  edits: number;
}

type Args = Record<string, unknown>;

const MAX_MARKDOWN = 1_048_576;
const OPERATIONS = new Set(['replace', 'insert_at_start', 'insert_at_end', 'insert_after', 'insert_before', 'delete', 'rename']);

/** `conversations.canvases.create`: the channel's canvas; a channel has at most one. */
export function createChannelCanvas(args: Args, canvases: Map<string, FakeCanvas>, workspace: FakeWorkspace): Record<string, unknown> {
  const channelId = typeof args.channel_id === 'string' ? args.channel_id : '';
  const channel = workspace.findChannel(channelId);
  if (!channel) throw new SlackMethodError('channel_not_found');
  if (channel.archived) throw new SlackMethodError('is_archived');
  if (!channel.botIsMember) throw new SlackMethodError('not_in_channel');
  if ([...canvases.values()].some((canvas) => canvas.kind === 'channel' && canvas.channelId === channel.id)) {
    throw new SlackMethodError('channel_canvas_already_exists');
  }
  return { canvas_id: store(canvases, 'channel', args, channel.id).id };
}

/** `canvases.create`: a standalone canvas, tabbed in `channel_id` when given. */
export function createCanvas(args: Args, canvases: Map<string, FakeCanvas>, workspace: FakeWorkspace): Record<string, unknown> {
  const channelId = typeof args.channel_id === 'string' ? args.channel_id : undefined;
  if (channelId !== undefined) {
    const channel = workspace.findChannel(channelId);
    if (!channel) throw new SlackMethodError('channel_not_found');
    if (!channel.botIsMember) throw new SlackMethodError('not_in_channel');
  }
  return { canvas_id: store(canvases, 'standalone', args, channelId).id };
}

/** `canvases.edit`: applies `changes`; this fake understands whole-canvas `replace`, inserts at start or end, and `rename`. */
export function editCanvas(args: Args, canvases: Map<string, FakeCanvas>): Record<string, unknown> {
  const canvas = canvases.get(typeof args.canvas_id === 'string' ? args.canvas_id : '');
  if (!canvas) throw new SlackMethodError('canvas_not_found');
  const changes = Array.isArray(args.changes) ? (args.changes as Args[]) : undefined;
  if (!changes || changes.length === 0) throw new SlackMethodError('invalid_arguments', ['[ERROR] changes must be a non-empty array [json-pointer:/changes]']);
  for (const [index, change] of changes.entries()) {
    const operation = typeof change.operation === 'string' ? change.operation : '';
    if (!OPERATIONS.has(operation)) throw new SlackMethodError('invalid_arguments', [`[ERROR] unknown operation "${operation}" [json-pointer:/changes/${index}/operation]`]);
    if (operation === 'rename') {
      const title = (change.title_content as Args | undefined)?.markdown;
      if (typeof title !== 'string') throw new SlackMethodError('invalid_arguments', [`[ERROR] title_content is required [json-pointer:/changes/${index}]`]);
      canvas.title = title;
      continue;
    }
    if (change.section_id !== undefined) throw new SlackMethodError('canvas_editing_failed', ['this fake edits whole canvases only']);
    const markdown = markdownOf(change.document_content, `/changes/${index}/document_content`);
    if (operation === 'replace') canvas.markdown = markdown;
    else if (operation === 'insert_at_start') canvas.markdown = `${markdown}\n${canvas.markdown}`;
    else if (operation === 'insert_at_end') canvas.markdown = `${canvas.markdown}\n${markdown}`;
    else throw new SlackMethodError('canvas_editing_failed', [`this fake does not do "${operation}" without a section`]);
  }
  canvas.edits += 1;
  return {};
}

/** Ids handed out per workspace, so a deleted canvas's id is never given again. */
const issued = new WeakMap<Map<string, FakeCanvas>, number>();

function store(canvases: Map<string, FakeCanvas>, kind: FakeCanvas['kind'], args: Args, channelId: string | undefined): FakeCanvas {
  const markdown = args.document_content === undefined ? '' : markdownOf(args.document_content, '/document_content');
  const title = typeof args.title === 'string' ? args.title : 'Untitled';
  const number = (issued.get(canvases) ?? 0) + 1;
  issued.set(canvases, number);
  const canvas: FakeCanvas = { id: `F0CANVAS${String(number).padStart(3, '0')}`, title, markdown, kind, edits: 0, ...(channelId ? { channelId } : {}) };
  canvases.set(canvas.id, canvas);
  return canvas;
}

function markdownOf(content: unknown, pointer: string): string {
  const parsed = typeof content === 'string' ? tryJson(content) : content;
  const object = parsed as Args | undefined;
  if (!object || object.type !== 'markdown' || typeof object.markdown !== 'string') {
    throw new SlackMethodError('invalid_arguments', [`[ERROR] must be {"type": "markdown", "markdown": "…"} [json-pointer:${pointer}]`]);
  }
  if (object.markdown.length > MAX_MARKDOWN) throw new SlackMethodError('canvas_creation_failed', ['markdown is limited to 1 MiB']);
  return object.markdown;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * What Slack really sends, checked before Bolt sees it: Bolt reads `body.event.type`,
 * `body.user.id` and friends without looking, so a correctly signed `null` or an
 * event without `event` would throw inside it (or kill the process). Anything that
 * is not one of these shapes is refused with a reason, and nothing is dispatched.
 */
import { z } from 'zod';

const text = z.string().min(1).max(10_000);
const entity = z.looseObject({ id: text });

const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: text,
  event_id: text.optional(),
  event: z.looseObject({
    type: text,
    user: z.union([text, z.looseObject({})]).optional(),
    channel: z.union([text, entity]).optional(),
    item: z.looseObject({}).optional(),
    text: z.string().max(100_000).optional(),
  }),
});

const BlockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: entity,
  team: entity.nullable().optional(),
  channel: entity.optional(),
  container: z.looseObject({}).optional(),
  actions: z.array(z.looseObject({ action_id: text })).min(1).max(100),
});

/** A message shortcut (the "Plan a campaign" entry of a message's … menu). */
const MessageAction = z.looseObject({
  type: z.literal('message_action'),
  callback_id: text,
  user: entity,
  team: entity.nullable().optional(),
  channel: entity,
  message: z.looseObject({ text: z.string().max(100_000).optional() }),
});

/** A modal submitted: who, and the view with its inputs' state. */
const ViewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user: entity,
  team: entity.nullable().optional(),
  view: z.looseObject({
    id: text,
    callback_id: z.string().max(255).optional(),
    private_metadata: z.string().max(3_000).optional(),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }).optional(),
  }),
});

const SlashCommand = z.looseObject({
  command: text,
  team_id: text,
  channel_id: text,
  user_id: text,
  text: z.string().max(10_000).optional(),
});

const UrlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string().max(1_000) });

/** What a request turned out to be. */
export type SlackBody =
  | { kind: 'dispatch'; body: Record<string, unknown> }
  | { kind: 'url_verification'; challenge: string }
  /** Something Slack sends that needs nothing from the bot (e.g. `app_rate_limited`). */
  | { kind: 'ignore' }
  | { kind: 'refuse'; reason: string };

/** Sorts a parsed request body into what to do with it. */
export function checkSlackBody(body: unknown): SlackBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { kind: 'refuse', reason: 'the body is not an object' };
  const type = (body as { type?: unknown }).type;
  if (type === 'url_verification') {
    const parsed = UrlVerification.safeParse(body);
    return parsed.success ? { kind: 'url_verification', challenge: parsed.data.challenge } : refuse('url_verification', parsed.error);
  }
  if (type === 'app_rate_limited' || type === 'view_closed') return { kind: 'ignore' };
  const schema =
    type === 'event_callback' ? EventCallback : type === 'block_actions' ? BlockActions : type === 'message_action' ? MessageAction : type === 'view_submission' ? ViewSubmission : type === undefined ? SlashCommand : undefined;
  if (!schema) return { kind: 'refuse', reason: `the bot does not handle requests of type ${JSON.stringify(String(type).slice(0, 40))}` };
  const parsed = schema.safeParse(body);
  return parsed.success ? { kind: 'dispatch', body: body as Record<string, unknown> } : refuse(String(type ?? 'slash command'), parsed.error);
}

function refuse(what: string, error: z.ZodError): SlackBody {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(top level)'))].slice(0, 5);
  return { kind: 'refuse', reason: `a ${what} body without a valid ${fields.join(', ')}` };
}

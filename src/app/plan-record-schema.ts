/**
 * The check a plan file must pass before the bot uses it, beyond the index fields
 * the store checks itself: the parts the services read without looking (the outbox,
 * the versions, the conversation). A file that fails it stops the start naming the
 * file and the field, instead of an "unexpected error (TypeError)" later on.
 */
import { z } from 'zod';
import { FlowStateSchema } from '../domain/conversation/flow-state.js';
import { PLAN_STATUSES } from './plan-record.js';

const message = z.looseObject({ text: z.string() });
/** An item sends an intent (rendered when sent) or, queued by an older version, a rendered message. */
const content = z.union([z.looseObject({ intent: z.looseObject({ kind: z.string() }) }), z.looseObject({ message })]);

const PlanRecordSchema = z.looseObject({
  messageTs: z.array(z.string()),
  status: z.enum(PLAN_STATUSES),
  title: z.string(),
  authorId: z.string().min(1),
  createdAt: z.string(),
  flow: FlowStateSchema,
  versions: z.array(z.looseObject({ version: z.number().int(), plan: z.looseObject({}), findings: z.array(z.unknown()), postedAt: z.string() })),
  outbox: z.array(
    z.union([
      z.looseObject({ id: z.string(), kind: z.literal('post'), where: z.enum(['channel', 'thread']) }).and(content),
      z.looseObject({ id: z.string(), kind: z.literal('update'), role: z.string() }).and(content),
      z.looseObject({ id: z.string(), kind: z.literal('note'), userId: z.string(), via: z.enum(['ephemeral', 'dm']) }).and(content),
      z.looseObject({ id: z.string(), kind: z.literal('effect'), effect: z.string(), version: z.number().int().optional() }),
    ]),
  ),
  seen: z.array(z.string()),
  questionTs: z.string().optional(),
  approval: z.looseObject({ version: z.number(), state: z.string(), approvers: z.array(z.string()), changeRequesters: z.array(z.string()) }).optional(),
  reminders: z.array(z.looseObject({})).optional(),
  review: z.looseObject({ reviewerId: z.string(), state: z.looseObject({}) }).optional(),
  canvas: z.looseObject({ id: z.string().min(1), version: z.number().int(), kind: z.enum(['channel', 'standalone']) }).optional(),
});

/** The fields of a stored plan that are missing or malformed, or undefined when it is usable. */
export function planRecordProblems(record: unknown): string[] | undefined {
  const result = PlanRecordSchema.safeParse(record);
  if (result.success) return undefined;
  return [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(top level)'))];
}

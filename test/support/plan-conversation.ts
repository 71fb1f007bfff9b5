/**
 * A whole `/imc plan` conversation typed the way a marketer would, for end-to-end tests.
 */
import { expect } from 'vitest';
import { NEW_PLAN_ID } from '../../src/app/plan-id.js';
import type { Harness } from './bot-harness.js';

export { TYPED_ANSWERS } from '../fixtures/typed-answers.js';
import { TYPED_ANSWERS } from '../fixtures/typed-answers.js';

/** Runs `/imc plan <name>` and returns the new plan's id. */
export async function startPlan(h: Harness, userId: string, channelId: string, name = 'Spring cold brew launch'): Promise<string> {
  const response = await h.driver.slashCommand({ userId, channelId, text: `plan ${name}` });
  expect(response.status).toBe(200);
  const id = planIdIn(response.body);
  if (!id) throw new Error(`no plan id in the acknowledgement: ${response.body}`);
  await h.settle();
  return id;
}

/** The new plan's id in a reply such as "Started plan `P-7K3QX`". */
export function planIdIn(text: string): string | undefined {
  return new RegExp(`\`(${NEW_PLAN_ID.source})\``).exec(text)?.[1];
}

/** Types the answer to the question the plan is asking now; returns that question's id. */
export async function answerCurrent(h: Harness, planId: string, answers: Record<string, string> = TYPED_ANSWERS, userId?: string): Promise<string> {
  const record = await h.record(planId);
  const current = record.flow.current;
  if (!current) throw new Error(`plan ${planId} is not asking anything (status ${record.status}/${record.flow.status})`);
  const text = answers[current];
  if (text === undefined) throw new Error(`no typed answer for question ${current}`);
  await say(h, planId, text, userId);
  return current;
}

/** Posts a thread reply in the plan's thread as its author (or `userId`). */
export async function say(h: Harness, planId: string, text: string, userId?: string): Promise<void> {
  const record = await h.record(planId);
  if (!record.threadTs) throw new Error(`plan ${planId} has no thread yet`);
  const response = await h.driver.message({ userId: userId ?? record.authorId, channelId: record.channelId, threadTs: record.threadTs, text });
  expect(response.status).toBe(200);
  await h.settle();
}

/** Answers until the plan is posted, accepting warnings; returns the questions asked in order. */
export async function completePlan(h: Harness, planId: string, answers: Record<string, string> = TYPED_ANSWERS): Promise<string[]> {
  const asked: string[] = [];
  for (let step = 0; step < 80; step += 1) {
    const record = await h.record(planId);
    if (record.status !== 'planning') return asked;
    if (record.flow.status === 'checking') {
      await say(h, planId, 'accept');
      continue;
    }
    asked.push(await answerCurrent(h, planId, answers));
  }
  throw new Error(`plan ${planId} did not finish within 80 steps`);
}

interface FoundElement {
  action_id: string;
  block_id: string;
  value?: string;
  text?: { text: string };
  options?: { value: string }[];
  option_groups?: { options: { value: string }[] }[];
}

/** Every interactive element of a message, with its block id. */
export function elementsOf(message: { blocks?: Record<string, unknown>[] } | undefined): FoundElement[] {
  return (message?.blocks ?? []).flatMap((block) =>
    block.type === 'actions' ? ((block.elements as FoundElement[]) ?? []).map((e) => ({ ...e, block_id: block.block_id as string })) : [],
  );
}

/** The newest bot message in the plan's thread. */
export async function latestThreadMessage(h: Harness, planId: string) {
  const record = await h.record(planId);
  const thread = h.fake.messages(record.channelId, { threadTs: record.threadTs });
  return thread.filter((m) => m.bot_id).at(-1);
}

/** Clicks the button whose label contains `label` on the newest bot message of the thread. */
export async function clickButton(h: Harness, planId: string, label: string | RegExp, userId?: string) {
  const record = await h.record(planId);
  const message = await latestThreadMessage(h, planId);
  const button = elementsOf(message).find((e) => e.text && (typeof label === 'string' ? e.text.text.includes(label) : label.test(e.text.text)));
  if (!message || !button) throw new Error(`no button "${String(label)}" on the latest message`);
  const response = await h.driver.blockAction({
    userId: userId ?? record.authorId,
    channelId: record.channelId,
    messageTs: message.ts,
    threadTs: record.threadTs,
    actionId: button.action_id,
    blockId: button.block_id,
    value: button.value,
  });
  await h.settle();
  return response;
}

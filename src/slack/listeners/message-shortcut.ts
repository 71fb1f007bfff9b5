/**
 * The message shortcut "Plan a campaign" (… menu on any message): starts
 * `/imc plan` in that message's channel and offers the message's text as the
 * problem statement, which the author takes with `use` or replaces by typing.
 * Acknowledged first; the plan is saved before the reply, its messages follow
 * through the outbox, and a failure to post (the bot not in the channel) is told
 * through the shortcut's response URL.
 */
import type { Listeners } from './listener-router.js';
import type { MessageShortcut } from '@slack/bolt';
import type { PlanService } from '../../app/plan-service.js';
import type { Logger } from '../../app/ports.js';
import { unescapeSlackText } from '../../render/escape.js';
import type { Voice } from '../voice.js';
import type { Phrase } from '../../domain/message/phrase.js';

/** The shortcut's callback id, as declared in manifest.yml. */
export const PLAN_FROM_MESSAGE = 'imc_plan_from_message';

/** Longest problem statement the question accepts (prompts/plan.yml). */
const MAX_PROBLEM = 400;

export function registerMessageShortcut(app: Listeners, plans: PlanService, voice: Voice, logger: Logger): void {
  app.shortcut<MessageShortcut>({ callback_id: PLAN_FROM_MESSAGE, type: 'message_action' }, async ({ ack, shortcut, respond }) => {
    await ack();
    const person = { userId: shortcut.user.id, teamId: shortcut.team?.id ?? '', channelId: shortcut.channel.id };
    const say = (text: string) =>
      respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
        logger.warn('could not answer a message shortcut', { error: String((error as Error).message ?? error) }),
      );
    // The replies are the catalogue's (shortcut.*), in the language of the person who used it.
    const reply = async (phrase: Phrase) => say(await voice.say(person, phrase));
    const offer = problemStatementFrom(shortcut.message.text ?? '');
    if (!offer) {
      await reply({ key: 'shortcut.no_text' });
      return;
    }
    try {
      const record = await plans.startPlan({
        teamId: shortcut.team?.id ?? '',
        channelId: shortcut.channel.id,
        userId: shortcut.user.id,
        offers: { problem_statement: { text: offer.text, source: { key: 'conversation.proposal.from_message' }, basis: 'default' } },
        notify: async (text) => {
          await say(await voice.say(person, text));
        },
      });
      await reply({ key: offer.shortened ? 'shortcut.started_shortened' : 'shortcut.started', params: { planId: record.id, max: { num: MAX_PROBLEM } } });
    } catch (error) {
      logger.error('could not start a plan from a message', { code: (error as { code?: string }).code, error: String(error) });
      await reply({ key: 'shortcut.failed' });
    }
  });
}

/**
 * The message as a problem statement: Slack markup made readable (`<@U1>` → `@U1`,
 * `<https://x|label>` → `label (https://x)`), unescaped, on one line, and cut at a
 * word boundary to fit the question's limit.
 */
export function problemStatementFrom(raw: string): { text: string; shortened: boolean } | undefined {
  const plain = unescapeSlackText(
    raw
      .replace(/<([@#!])([^|>\s]+)(?:\|([^>]*))?>/g, (_all, sigil: string, id: string, label?: string) => (sigil === '!' ? `@${label ?? id.split('^')[0]}` : `${sigil}${label ?? id}`))
      .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
      .replace(/<((?:https?|mailto):[^>]+)>/g, '$1'),
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return undefined;
  const chars = Array.from(plain);
  if (chars.length <= MAX_PROBLEM) return { text: plain, shortened: false };
  const cut = chars.slice(0, MAX_PROBLEM - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return { text: `${atWord.length > MAX_PROBLEM / 2 ? atWord : cut}…`, shortened: true };
}

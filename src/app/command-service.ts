/**
 * Answers the `/imc` subcommands. Each answer is a message for the person who
 * typed the command (ephemeral), built from the store and the pure domain, so
 * it can go straight into the slash command's acknowledgement.
 */
import { stepFlow } from '../domain/conversation/flow.js';
import { parseImcCommand, type ImcCommand } from '../domain/command/imc-command.js';
import { quickBudget } from '../domain/budget/quick-budget.js';
import { currencyOf } from '../domain/conversation/flow-answer.js';
import type { QuestionScript } from '../domain/conversation/script.js';
import { phrase, type Phrase } from '../domain/message/phrase.js';
import type { PlanStore } from '../store/plan-store.js';
import type { FailureNotifier } from './outbox-worker.js';
import { shownAnswer } from './effect-intents.js';
import type { ReplyIntent } from './message-intent.js';
import { latestVersion, type PlanRecord } from './plan-record.js';
import type { PlanService } from './plan-service.js';
import type { Clock } from './ports.js';

export interface CommandContext {
  teamId: string;
  channelId: string;
  userId: string;
  /** Tells the caller later if something fails after the acknowledgement. */
  notify?: FailureNotifier;
}

/** What a command answers, as an intent the Slack layer renders in the reader's language. */
export interface CommandReply {
  intent: ReplyIntent;
  /** `ephemeral` (only the caller sees it, in their language) unless stated; `in_channel` is said in the channel's. */
  responseType?: 'ephemeral' | 'in_channel';
}

/** Extra subcommands registered by other services (approval, review). */
export type ExtraCommand = (command: ImcCommand, ctx: CommandContext) => Promise<CommandReply | undefined>;

export interface CommandServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  script: QuestionScript;
  clock: Clock;
  extra?: ExtraCommand[];
}

/** How many plans `/imc list` shows. */
const LISTED = 30;

export class CommandService {
  constructor(private readonly options: CommandServiceOptions) {}

  /** Runs the subcommand in `text` and returns the reply for the caller. */
  async handle(text: string, ctx: CommandContext): Promise<CommandReply> {
    const command = parseImcCommand(text);
    for (const extra of this.options.extra ?? []) {
      const reply = await extra(command, ctx);
      if (reply) return reply;
    }
    switch (command.kind) {
      case 'plan': {
        const record = await this.options.plans.startPlan({ ...ctx, campaign: command.campaign });
        return ephemeralReply(command.campaign ? phrase('command.plan.starting_named', { planId: record.id, campaign: command.campaign }) : phrase('command.plan.starting', { planId: record.id }));
      }
      case 'list':
        return this.list(ctx);
      case 'show':
        return this.show(command.planId, ctx);
      case 'cancel':
        if (!command.planId) return ephemeralReply(phrase('command.cancel.which'));
        return ephemeralReply(await this.options.plans.cancelPlan(command.planId, ctx.userId));
      case 'budget':
        return this.budget(command.args);
      case 'help':
        return { intent: { kind: 'help', ...(command.unknown ? { unknown: command.unknown } : {}) }, responseType: 'ephemeral' };
      default:
        return { intent: { kind: 'help', unavailable: command.kind }, responseType: 'ephemeral' };
    }
  }

  private async list(ctx: CommandContext): Promise<CommandReply> {
    const entries = (await this.options.store.list({ teamId: ctx.teamId, channelId: ctx.channelId })).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const plans = entries.slice(0, LISTED).map((e) => ({ id: e.id, title: e.title ?? '', status: e.status, updatedOn: e.updatedAt.slice(0, 10) }));
    return { intent: { kind: 'plan-list', plans, total: entries.length }, responseType: 'ephemeral' };
  }

  private async show(planId: string | undefined, ctx: CommandContext): Promise<CommandReply> {
    if (!planId) return ephemeralReply(phrase('command.show.which'));
    const record = await this.options.store.get(planId);
    if (!record || record.teamId !== ctx.teamId) return ephemeralReply(phrase('command.no_such_plan', { planId }));
    const version = latestVersion(record);
    if (!version) {
      const status = stepFlow(this.options.script, record.flow, { type: 'status' }, this.options.clock.now()).effects.find((e) => e.type === 'status');
      const currency = currencyOf(record.flow.answers);
      const answered = status?.type === 'status' ? status.answered.map((l) => ({ questionId: l.question.id, answer: shownAnswer(l.answer, currency) })) : [];
      return { intent: { kind: 'plan-progress', record, answered }, responseType: 'ephemeral' };
    }
    return { intent: { kind: 'plan-show', record, version: version.version }, responseType: 'ephemeral' };
  }

  /** `/imc budget`: the same closed sums and the same errors as a plan's budget sketch. */
  private budget(args: string[]): CommandReply {
    const result = quickBudget(args, 'CNY', this.options.script.labels);
    if (!result.ok) return ephemeralReply(phrase('command.budget.refused', { reason: result.error }));
    return { intent: { kind: 'quick-budget', budget: result.value }, responseType: 'ephemeral' };
  }
}

/** A reply only the caller sees: one phrase. */
export function ephemeralReply(text: Phrase): CommandReply {
  return { intent: { kind: 'text', text }, responseType: 'ephemeral' };
}

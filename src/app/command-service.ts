/**
 * Answers the `/imc` subcommands. Each answer is a message for the person who
 * typed the command (ephemeral), built from the store and the pure domain, so
 * it can go straight into the slash command's acknowledgement.
 */
import { stepFlow } from '../domain/conversation/flow.js';
import { formatDate, formatMoney, formatNumber } from '../domain/plan/format.js';
import type { Finding } from '../domain/plan/plan.js';
import { budgetSketchView } from '../render/budget-sketch-view.js';
import { toSlackMessage } from '../render/slack-message.js';
import { parseImcCommand, type ImcCommand } from '../domain/command/imc-command.js';
import { QUICK_BUDGET_USAGE, quickBudget } from '../domain/budget/quick-budget.js';
import type { QuestionScript } from '../domain/conversation/script.js';
import { buildBudgetSketch } from '../domain/budget/budget.js';
import { joinWithinLimits } from '../render/block-limits.js';
import { escapeMrkdwn } from '../render/escape.js';
import type { Renderer } from '../render/renderer.js';
import { budgetMessage, draftMessage } from '../slack/blocks/plan-messages.js';
import { context, section } from '../slack/blocks/block-kit.js';
import type { PlanStore } from '../store/plan-store.js';
import type { FailureNotifier } from './outbox-worker.js';
import { latestVersion, type PlanRecord } from './plan-record.js';
import type { PlanService } from './plan-service.js';
import type { Clock, OutgoingMessage } from './ports.js';

export interface CommandContext {
  teamId: string;
  channelId: string;
  userId: string;
  /** Tells the caller later if something fails after the acknowledgement. */
  notify?: FailureNotifier;
}

export interface CommandReply extends OutgoingMessage {
  /** `ephemeral` (only the caller sees it) unless stated. */
  responseType?: 'ephemeral' | 'in_channel';
}

/** Extra subcommands registered by other services (approval, review). */
export type ExtraCommand = (command: ImcCommand, ctx: CommandContext) => Promise<CommandReply | undefined>;

export interface CommandServiceOptions {
  store: PlanStore<PlanRecord>;
  plans: PlanService;
  renderer: Renderer;
  script: QuestionScript;
  clock: Clock;
  extra?: ExtraCommand[];
  /** Extra lines for `/imc help`. */
  extraHelp?: string[];
}

const STATUS_LABELS: Record<string, string> = {
  planning: 'being written',
  draft: 'draft, waiting for approval',
  'changes-requested': 'changes requested',
  approved: 'approved',
  reviewing: 'in review',
  reviewed: 'reviewed',
  cancelled: 'cancelled',
};

export function helpText(extra: string[] = []): string {
  return [
    '*IMC planning bot*: plans a campaign the integrated-marketing-communications way, in a thread.',
    '• `/imc plan [campaign name]`: start a plan; I ask the questions in a thread.',
    '• `/imc list`: the plans of this channel and their status.',
    '• `/imc show <plan id>`: show a plan (only to you).',
    '• `/imc cancel <plan id>`: cancel a plan.',
    `• ${QUICK_BUDGET_USAGE.replace('`/imc budget', '`/imc budget').replace(', e.g.', ': a quick objective-and-task budget. For example')}.`,
    ...extra,
    '• `/imc help`: this help.',
    'In a plan thread you can type `back`, `skip`, `status`, `change <question>`, `cancel` and `help`.',
  ]
    .join('\n')
    // Slack reads any `<…>` as a link or mention, even in code: placeholders like <plan id> must be escaped.
    .replace(/<([a-z][a-z ]*)>/g, '&lt;$1&gt;');
}

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
        return ephemeralReply(`Starting plan \`${record.id}\`${command.campaign ? ` for *${escapeMrkdwn(command.campaign)}*` : ''}. I'll ask the questions in the thread of my message below.`);
      }
      case 'list':
        return this.list(ctx);
      case 'show':
        return this.show(command.planId, ctx);
      case 'cancel':
        if (!command.planId) return ephemeralReply('Which plan? For example `/imc cancel P-7K3QX`. `/imc list` shows the plan ids.');
        return ephemeralReply(await this.options.plans.cancelPlan(command.planId, ctx.userId));
      case 'budget':
        return this.budget(command.args);
      case 'help':
        return ephemeralReply(
          (command.unknown ? `I don't know \`/imc ${escapeMrkdwn(command.unknown)}\`. Here is what I can do:\n\n` : '') + helpText(this.options.extraHelp),
        );
      default:
        return ephemeralReply(`\`/imc ${command.kind}\` is not available here yet.\n\n${helpText(this.options.extraHelp)}`);
    }
  }

  private async list(ctx: CommandContext): Promise<CommandReply> {
    const entries = (await this.options.store.list({ teamId: ctx.teamId, channelId: ctx.channelId })).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    if (entries.length === 0) return ephemeralReply('No plans in this channel yet. Start one with `/imc plan &lt;campaign name&gt;`.');
    const lines = entries
      .slice(0, 30)
      .map((e) => `• \`${e.id}\` *${escapeMrkdwn(e.title ?? 'Untitled')}*: ${STATUS_LABELS[e.status] ?? e.status}, updated ${formatDate(e.updatedAt.slice(0, 10))}`);
    const more = entries.length > 30 ? `\n…and ${entries.length - 30} older plans.` : '';
    return ephemeralReply(`*Plans in this channel* (${entries.length})\n${lines.join('\n')}${more}`);
  }

  private async show(planId: string | undefined, ctx: CommandContext): Promise<CommandReply> {
    if (!planId) return ephemeralReply('Which plan? For example `/imc show P-7K3QX`. `/imc list` shows the plan ids.');
    const record = await this.options.store.get(planId);
    if (!record || record.teamId !== ctx.teamId) return ephemeralReply(`There is no plan \`${escapeMrkdwn(planId)}\`. \`/imc list\` shows the plans of this channel.`);
    const version = latestVersion(record);
    if (!version) {
      const status = stepFlow(this.options.script, record.flow, { type: 'status' }, this.options.clock.now()).effects.find((e) => e.type === 'status');
      const lines = status?.type === 'status' ? status.answered.map((l) => `• *${escapeMrkdwn(l.label)}*: ${escapeMrkdwn(l.value)}`) : [];
      return ephemeralReply(
        `*${escapeMrkdwn(record.title)}* (\`${record.id}\`) is ${STATUS_LABELS[record.status] ?? record.status} by <@${record.authorId}>.\n${lines.join('\n') || '_Nothing answered yet._'}`,
      );
    }
    const sketch = buildBudgetSketch(version.plan);
    const draft = draftMessage(this.options.renderer, record, version, sketch, `Status: ${STATUS_LABELS[record.status] ?? record.status}.`, this.options.script.labels);
    const budget = budgetMessage(this.options.renderer, record, version, sketch);
    // An ephemeral reply has the limits of any message: the summary first, then as much of the sketch as fits.
    const joined = joinWithinLimits([draft.blocks ?? [], budget.blocks ?? []]);
    const blocks = joined.cut ? [...joined.blocks, context('The rest is cut to fit one message; see the posted draft and budget sketch in the channel.')] : joined.blocks;
    return { text: draft.text, blocks, responseType: 'ephemeral' };
  }

  /** `/imc budget`: the same closed sums and the same errors as a plan's budget sketch. */
  private budget(args: string[]): CommandReply {
    const result = quickBudget(args, 'CNY', this.options.script.labels);
    if (!result.ok) return ephemeralReply(`:warning: ${escapeMrkdwn(result.error)}`);
    const { sketch, findings, notes, currency } = result.value;
    const line = (f: Finding) => `• \`${f.rule}\` ${escapeMrkdwn(f.problem)}\n      _Fix:_ ${escapeMrkdwn(f.fix)}`;
    const noteBlocks = notes.length > 0 ? [context(escapeMrkdwn(notes.join(' ')))] : [];
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0 || !sketch) {
      const text = [':x: *These figures do not make a budget.*', ...errors.map(line)].join('\n');
      return { text: 'These figures do not make a budget.', blocks: [section(text), ...noteBlocks], responseType: 'ephemeral' };
    }
    const view = budgetSketchView(sketch, { title: 'Quick budget', currency, goals: [], owned: [], earned: [] });
    const message = toSlackMessage(this.options.renderer.render('budget-sketch', view), { header: 'Objective-and-task budget' });
    const warnings = findings.filter((f) => f.severity !== 'error');
    const warningBlocks = warnings.length > 0 ? [section([':warning: *Worth another look*', ...warnings.map(line)].join('\n'))] : [];
    const money = (minor: number) => formatMoney(minor, currency);
    const traffic = sketch.need.traffic;
    const text = traffic
      ? `${money(traffic.inputs.targetRevenue)} needs ${formatNumber(traffic.visits, 0)} visits and ${money(sketch.need.total)} in all (${money(sketch.need.working)} of working media and a ${money(sketch.need.reserve)} reserve).`
      : 'Objective-and-task budget';
    return { text, blocks: [...message.blocks, ...warningBlocks, ...noteBlocks], responseType: 'ephemeral' };
  }
}

/** A reply only the caller sees: the text as one section. */
export function ephemeralReply(text: string): CommandReply {
  return { text, blocks: [section(text)], responseType: 'ephemeral' };
}

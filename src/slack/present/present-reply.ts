/**
 * The answers to commands and clicks, in the language of the person who asked:
 * `/imc help`, `/imc list`, `/imc show`, `/imc budget` and every one-line reply.
 */
import { buildBudgetSketch } from '../../domain/budget/budget.js';
import type { Finding } from '../../domain/plan/plan.js';
import type { QuestionScript } from '../../domain/conversation/script.js';
import type { ReviewScript } from '../../domain/review/review-script.js';
import type { ReplyIntent } from '../../app/message-intent.js';
import { latestVersion, titleOf } from '../../app/plan-record.js';
import type { OutgoingMessage } from '../../app/ports.js';
import { joinWithinLimits } from '../../render/block-limits.js';
import { budgetSketchView } from '../../render/budget-sketch-view.js';
import type { Renderer } from '../../render/renderer.js';
import { toSlackMessage } from '../../render/slack-message.js';
import { answerText } from '../../render/i18n/answer-text.js';
import type { Translator } from '../../render/i18n/translator.js';
import { context, section } from '../blocks/block-kit.js';
import { textMessage } from '../blocks/flow-messages.js';
import { budgetMessage, draftMessage } from '../blocks/plan-messages.js';
import { questionOf } from './present-intent.js';

export interface ReplyContext {
  t: Translator;
  script: QuestionScript;
  reviewScript: ReviewScript;
  renderer: Renderer;
}

/** The subcommands `/imc help` lists, in order. */
const HELP_LINES = ['plan', 'list', 'show', 'cancel', 'budget', 'review', 'remind', 'config', 'help'] as const;

/** The reply as a message. */
export function presentReply(intent: ReplyIntent, ctx: ReplyContext): OutgoingMessage {
  const { t } = ctx;
  switch (intent.kind) {
    case 'text':
      return textMessage(t.text(intent.text));
    case 'help':
      return textMessage(helpText(t, intent));
    case 'plan-list': {
      if (intent.total === 0) return textMessage(t.t('command.list.empty'));
      const lines = intent.plans.map((plan) =>
        t.t('command.list.line', { planId: plan.id, title: titleOf(plan), status: { key: `plan.status.${plan.status}` }, date: { date: plan.updatedOn } }),
      );
      const more = intent.total > intent.plans.length ? `\n${t.t('command.list.more', { count: intent.total - intent.plans.length })}` : '';
      return textMessage(`${t.t('command.list.heading', { count: intent.total })}\n${lines.join('\n')}${more}`);
    }
    case 'plan-progress': {
      const { record } = intent;
      const lines = intent.answered.flatMap(({ questionId, answer }) => {
        const question = questionOf({ ...ctx, record }, questionId);
        return question ? [t.t('status.line', { label: { content: question.label }, answer: answerText(t, question, answer, answer.currency) })] : [];
      });
      const lead = t.t('command.show.progress', { title: titleOf(record), planId: record.id, status: { key: `plan.status.${record.status}` }, author: { user: record.authorId } });
      return textMessage(`${lead}\n${lines.join('\n') || t.t('status.nothing_yet')}`);
    }
    case 'plan-show': {
      const { record } = intent;
      const version = record.versions.find((v) => v.version === intent.version) ?? latestVersion(record);
      if (!version) return textMessage(t.t('command.no_such_plan', { planId: record.id }));
      const sketch = buildBudgetSketch(version.plan);
      const status = t.t('command.show.status', { status: { key: `plan.status.${record.status}` } });
      const draft = draftMessage(t, ctx.renderer, record, version, sketch, status, ctx.script.labels);
      const budget = budgetMessage(t, ctx.renderer, record, version, sketch);
      // An ephemeral reply has the limits of any message: the summary first, then as much of the sketch as fits.
      const joined = joinWithinLimits([draft.blocks ?? [], budget.blocks ?? []]);
      return { text: draft.text, blocks: joined.cut ? [...joined.blocks, context(t.t('command.show.cut'))] : joined.blocks };
    }
    case 'quick-budget':
      return quickBudgetMessage(intent.budget, ctx);
  }
}

/** Every subcommand, and the words of the thread. */
function helpText(t: Translator, intent: Extract<ReplyIntent, { kind: 'help' }>): string {
  const lead = intent.unknown
    ? `${t.t('command.help.unknown', { command: intent.unknown })}\n\n`
    : intent.unavailable
      ? `${t.t('command.help.unavailable', { command: intent.unavailable })}\n\n`
      : '';
  return [lead + t.t('command.help.title'), ...HELP_LINES.map((line) => t.t(`command.help.${line}`)), t.t('command.help.thread')].join('\n');
}

/** `/imc budget`: the same closed sums and the same errors as a plan's budget sketch (its findings and sketch are the plan's words). */
function quickBudgetMessage(budget: Extract<ReplyIntent, { kind: 'quick-budget' }>['budget'], ctx: ReplyContext): OutgoingMessage {
  const { t } = ctx;
  const { sketch, findings, notes, currency } = budget;
  const line = (f: Finding) => t.t('command.budget.finding', { rule: f.rule, problem: { content: f.problem }, fix: { content: f.fix } });
  const noteBlocks = notes.length > 0 ? [context(t.text({ key: 'common.sentences', params: { parts: { list: notes, join: 'sentences' } } }))] : [];
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 || !sketch) {
    const text = [t.t('command.budget.no_budget'), ...errors.map(line)].join('\n');
    return { text: t.t('command.budget.no_budget_fallback'), blocks: [section(text), ...noteBlocks] };
  }
  const view = budgetSketchView(sketch, { title: 'Quick budget', currency, goals: [], owned: [], earned: [] });
  const message = toSlackMessage(ctx.renderer.render('budget-sketch', view), { header: t.plain({ key: 'command.budget.header' }) });
  const warnings = findings.filter((f) => f.severity !== 'error');
  const warningBlocks = warnings.length > 0 ? [section([t.t('command.budget.worth_a_look'), ...warnings.map(line)].join('\n'))] : [];
  const traffic = sketch.need.traffic;
  const money = (minor: number) => ({ money: minor, currency });
  const text = traffic
    ? t.t('command.budget.summary', {
        revenue: money(traffic.inputs.targetRevenue),
        visits: { num: traffic.visits, digits: 0 },
        total: money(sketch.need.total),
        working: money(sketch.need.working),
        reserve: money(sketch.need.reserve),
      })
    : t.t('command.budget.header');
  return { text, blocks: [...message.blocks, ...warningBlocks, ...noteBlocks] };
}

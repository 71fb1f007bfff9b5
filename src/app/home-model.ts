/**
 * What a person's App Home shows, as data: their plans in progress, the plans
 * waiting for their approval, upcoming reviews and the last reviews' key figures.
 * Plans are summarised once per save (`summarizeForHome`) and the model is built
 * from those summaries alone, so building a Home never reads the store. Pure.
 */
import { formatDate, formatMoney, formatNumber, formatRate } from '../domain/plan/format.js';
import type { Currency } from '../domain/plan/plan.js';
import { latestVersion, type PlanRecord, type PlanStatus } from './plan-record.js';

/** The little a Home needs to know about one plan. */
export interface HomePlan {
  id: string;
  teamId: string;
  channelId: string;
  title: string;
  status: PlanStatus;
  authorId: string;
  updatedAt: string;
  threadTs?: string;
  /** The latest version's draft message, once posted. */
  draftTs?: string;
  version?: number;
  approvers: string[];
  changeRequesters: string[];
  reviewerId?: string;
  /** Answers given so far, while the plan is being written. */
  answered: number;
  reviewDate?: string;
  /** The next review reminder still to go out (ISO instant). */
  reminderAt?: string;
  /** The review's key figures, once reviewed. */
  figures?: ReviewFigures;
}

/** A finished review, reduced to the figures a Home shows. */
export interface ReviewFigures {
  reviewedOn?: string;
  currency: Currency;
  plannedSpend: number;
  actualSpend: number;
  spendRatio: number | null;
  returnOnSpend: number | null;
  goals: { label: string; attainment: number | null }[];
}

export const HOME_SECTIONS = ['in-progress', 'to-approve', 'reviews', 'reviewed'] as const;
export type HomeSectionId = (typeof HOME_SECTIONS)[number];

/** One plan as a line of the Home, with the action it offers. */
export interface HomeItem {
  plan: HomePlan;
  /** What to say about it, pre-formatted (mrkdwn-safe except for the escaped title the renderer adds). */
  detail: string;
  action: 'continue' | 'open-draft' | 'start-review' | 'open-thread' | 'none';
}

export interface HomeSection {
  id: HomeSectionId;
  title: string;
  /** Said when the section has nothing. */
  empty: string;
  /** A line under the items (how to act on them). */
  hint?: string;
  items: HomeItem[];
  total: number;
  /** 0-based page shown, and how many there are. */
  page: number;
  pages: number;
}

export interface HomeModel {
  userId: string;
  sections: HomeSection[];
  /** A one-off line at the top, e.g. what a click just did. */
  notice?: string;
}

/** The approval rules of a channel, as far as a Home needs them. */
export interface HomePolicy {
  approvalsNeeded: number;
  authorCanApprove: boolean;
  approveEmoji: string;
  rejectEmoji: string;
}

/** What building a Home needs to know beyond the plans. */
export interface HomeContext {
  /** Whether the user is in the channel (only members approve). */
  isMember(channelId: string, userId: string): boolean;
  /** The channel's approval rules. */
  policy(teamId: string, channelId: string): HomePolicy;
  pages: Partial<Record<HomeSectionId, number>>;
  pageSize: number;
  notice?: string;
}

const IN_PROGRESS: readonly PlanStatus[] = ['planning', 'draft', 'changes-requested'];
const APPROVABLE: readonly PlanStatus[] = ['draft', 'changes-requested'];

/** The Home summary of a stored plan. */
export function summarizeForHome(record: PlanRecord): HomePlan {
  const version = latestVersion(record);
  const approval = record.approval && record.approval.version === version?.version ? record.approval : undefined;
  const summary = record.review?.summary;
  const pending = (record.reminders ?? []).filter((r) => r.status === 'pending').map((r) => r.dueAt).sort()[0];
  return {
    id: record.id,
    teamId: record.teamId,
    channelId: record.channelId,
    title: record.title,
    status: record.status,
    authorId: record.authorId,
    updatedAt: record.updatedAt,
    ...(record.threadTs ? { threadTs: record.threadTs } : {}),
    ...(version?.messageTs ? { draftTs: version.messageTs } : {}),
    ...(version ? { version: version.version, reviewDate: version.plan.reviewDate } : {}),
    approvers: approval?.approvers ?? [],
    changeRequesters: approval?.changeRequesters ?? [],
    ...(record.review ? { reviewerId: record.review.reviewerId } : {}),
    answered: Object.keys(record.flow.answers).length,
    ...(pending ? { reminderAt: pending } : {}),
    ...(summary && version
      ? {
          figures: {
            ...(record.review?.reviewedOn ? { reviewedOn: record.review.reviewedOn } : {}),
            currency: version.plan.budget.currency,
            plannedSpend: summary.spend.planned,
            actualSpend: summary.spend.actual,
            spendRatio: summary.spend.ratio,
            returnOnSpend: summary.returnOnSpend,
            goals: summary.goals.map((goal) => ({ label: goal.label, attainment: goal.attainment })),
          },
        }
      : {}),
  };
}

/** The people a plan concerns directly: its author, approvers, change requesters and reviewer. */
export function peopleOf(plan: HomePlan): string[] {
  return [...new Set([plan.authorId, ...plan.approvers, ...plan.changeRequesters, ...(plan.reviewerId ? [plan.reviewerId] : [])])];
}

/** Whether the plan waits for approvals (so every member of its channel may be asked). */
export function awaitsApproval(plan: Pick<HomePlan, 'status'>): boolean {
  return APPROVABLE.includes(plan.status);
}

/** Builds `userId`'s Home from the plan summaries: newest first, one page per section. */
export function buildHomeModel(userId: string, plans: readonly HomePlan[], context: HomeContext): HomeModel {
  const newest = [...plans].sort((a, b) => (a.updatedAt === b.updatedAt ? a.id.localeCompare(b.id) : b.updatedAt.localeCompare(a.updatedAt)));
  const involved = (plan: HomePlan) => peopleOf(plan).includes(userId);
  const inProgress = newest.filter((plan) => plan.authorId === userId && IN_PROGRESS.includes(plan.status));
  const toApprove = newest.filter((plan) => {
    if (!APPROVABLE.includes(plan.status) || !plan.draftTs || plan.approvers.includes(userId)) return false;
    if (plan.authorId === userId && !context.policy(plan.teamId, plan.channelId).authorCanApprove) return false;
    return context.isMember(plan.channelId, userId);
  });
  const reviews = newest
    .filter((plan) => (plan.status === 'approved' || plan.status === 'reviewing') && involved(plan))
    .sort((a, b) => (a.reviewDate ?? '9999').localeCompare(b.reviewDate ?? '9999'));
  const reviewed = newest
    .filter((plan) => plan.status === 'reviewed' && involved(plan))
    .sort((a, b) => (b.figures?.reviewedOn ?? '').localeCompare(a.figures?.reviewedOn ?? ''));
  const section = (id: HomeSectionId, title: string, empty: string, list: HomePlan[], item: (plan: HomePlan) => HomeItem): HomeSection => {
    const pages = Math.max(1, Math.ceil(list.length / context.pageSize));
    const page = Math.min(Math.max(0, context.pages[id] ?? 0), pages - 1);
    const items = list.slice(page * context.pageSize, (page + 1) * context.pageSize).map(item);
    return { id, title, empty, items, total: list.length, page, pages };
  };
  const approveHint = (first: HomePlan | undefined): string | undefined => {
    if (!first) return undefined;
    const { approveEmoji, rejectEmoji } = context.policy(first.teamId, first.channelId);
    return `Approve or request changes here, or open the draft and react with :${approveEmoji}: or :${rejectEmoji}:. A second click takes your vote back.`;
  };
  return {
    userId,
    ...(context.notice ? { notice: context.notice } : {}),
    sections: [
      section('in-progress', 'Your plans in progress', 'No plan of yours is being written or waiting for approval. Start one with `/imc plan` in a channel.', inProgress, (plan) => ({
        plan,
        detail: progressLine(plan, context.policy(plan.teamId, plan.channelId).approvalsNeeded),
        action: 'continue',
      })),
      {
        ...section('to-approve', 'Waiting for your approval', 'Nothing is waiting for your approval.', toApprove, (plan) => ({
          plan,
          detail: `Version ${plan.version ?? 1} by <@${plan.authorId}> · ${plan.approvers.length} of ${context.policy(plan.teamId, plan.channelId).approvalsNeeded} approvals${plan.changeRequesters.length > 0 ? ` · changes asked by ${mentions(plan.changeRequesters)}` : ''}`,
          action: 'open-draft',
        })),
        ...(toApprove.length > 0 ? { hint: approveHint(toApprove[0]) } : {}),
      },
      section('reviews', 'Upcoming reviews', 'No approved plan of yours is waiting for its review.', reviews, (plan) => ({
        plan,
        detail:
          plan.status === 'reviewing'
            ? `Review running in the thread with <@${plan.reviewerId ?? plan.authorId}>`
            : `Review on ${plan.reviewDate ? formatDate(plan.reviewDate) : 'its review date'}${plan.reminderAt ? '' : ' (reminder sent)'}`,
        action: plan.status === 'reviewing' ? 'open-thread' : 'start-review',
      })),
      section('reviewed', 'Last reviews', 'No reviews yet: their key figures show here once a plan of yours is reviewed.', reviewed, (plan) => ({
        plan,
        detail: figuresLine(plan.figures),
        action: plan.threadTs ? 'open-thread' : 'none',
      })),
    ],
  };
}

function progressLine(plan: HomePlan, needed: number): string {
  switch (plan.status) {
    case 'planning':
      return plan.version ? `Being changed for version ${plan.version + 1} · ${plan.answered} answers` : `Answering questions · ${plan.answered} answered so far`;
    case 'changes-requested':
      return `Version ${plan.version ?? 1} · changes asked by ${mentions(plan.changeRequesters)}`;
    default:
      return `Version ${plan.version ?? 1} posted · ${plan.approvers.length} of ${needed} approvals`;
  }
}

function figuresLine(figures: ReviewFigures | undefined): string {
  if (!figures) return 'Reviewed';
  const money = (minor: number) => formatMoney(minor, figures.currency);
  const spend = `Spent ${money(figures.actualSpend)} of ${money(figures.plannedSpend)}${figures.spendRatio === null ? '' : ` (${formatRate(figures.spendRatio, 0)})`}`;
  const back = figures.returnOnSpend === null ? '' : ` · return on spend ${formatNumber(figures.returnOnSpend, 2)}×`;
  const goals = figures.goals.length === 0 ? '' : ` · goals: ${figures.goals.map((goal) => `${goal.label} ${goal.attainment === null ? 'n/a' : formatRate(goal.attainment, 0)}`).join(', ')}`;
  const when = figures.reviewedOn ? ` · reviewed ${formatDate(figures.reviewedOn)}` : '';
  return `${spend}${back}${goals}${when}`;
}

function mentions(ids: readonly string[]): string {
  return ids.length === 0 ? 'someone' : ids.map((id) => `<@${id}>`).join(', ');
}

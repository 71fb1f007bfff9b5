/**
 * What a person's App Home shows, as data: their plans in progress, the plans
 * waiting for their approval, upcoming reviews and the last reviews' key figures.
 * Plans are summarised once per save (`summarizeForHome`) and the model is built
 * from those summaries alone, so building a Home never reads the store. Pure.
 */
import { phrase, type Param, type Phrase } from '../domain/message/phrase.js';
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
  goals: { metric: string; label: string; attainment: number | null }[];
}

export const HOME_SECTIONS = ['in-progress', 'to-approve', 'reviews', 'reviewed'] as const;
export type HomeSectionId = (typeof HOME_SECTIONS)[number];

/** One plan as a line of the Home, with the action it offers. */
export interface HomeItem {
  plan: HomePlan;
  /** What to say about it, pre-formatted (mrkdwn-safe except for the escaped title the renderer adds). */
  /** What the line under the plan says, in parts (joined by " · "). */
  detail: Phrase[];
  action: 'continue' | 'open-draft' | 'start-review' | 'open-thread' | 'none';
}

export interface HomeSection {
  id: HomeSectionId;
  title: Phrase;
  /** Said when the section has nothing. */
  empty: Phrase;
  /** A line under the items (how to act on them). */
  hint?: Phrase;
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
            goals: summary.goals.map((goal) => ({ metric: goal.metric, label: goal.label, attainment: goal.attainment })),
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
  const section = (id: HomeSectionId, list: HomePlan[], item: (plan: HomePlan) => HomeItem): HomeSection => {
    const title = phrase(`home.section.${id}.title`);
    const empty = phrase(`home.section.${id}.empty`);
    const pages = Math.max(1, Math.ceil(list.length / context.pageSize));
    const page = Math.min(Math.max(0, context.pages[id] ?? 0), pages - 1);
    const items = list.slice(page * context.pageSize, (page + 1) * context.pageSize).map(item);
    return { id, title, empty, items, total: list.length, page, pages };
  };
  const approveHint = (first: HomePlan | undefined): Phrase | undefined => {
    if (!first) return undefined;
    const { approveEmoji, rejectEmoji } = context.policy(first.teamId, first.channelId);
    return phrase('home.hint', { approve: { emoji: approveEmoji }, reject: { emoji: rejectEmoji } });
  };
  return {
    userId,
    ...(context.notice ? { notice: context.notice } : {}),
    sections: [
      section('in-progress', inProgress, (plan) => ({
        plan,
        detail: [progressLine(plan, context.policy(plan.teamId, plan.channelId).approvalsNeeded)],
        action: 'continue',
      })),
      {
        ...section('to-approve', toApprove, (plan) => ({
          plan,
          detail: [approvalLine(plan, context.policy(plan.teamId, plan.channelId).approvalsNeeded)],
          action: 'open-draft',
        })),
        ...(toApprove.length > 0 ? { hint: approveHint(toApprove[0]) } : {}),
      },
      section('reviews', reviews, (plan) => ({
        plan,
        detail: [reviewLine(plan)],
        action: plan.status === 'reviewing' ? 'open-thread' : 'start-review',
      })),
      section('reviewed', reviewed, (plan) => ({
        plan,
        detail: figuresLine(plan.figures),
        action: plan.threadTs ? 'open-thread' : 'none',
      })),
    ],
  };
}

function progressLine(plan: HomePlan, needed: number): Phrase {
  switch (plan.status) {
    case 'planning':
      return plan.version ? phrase('home.detail.changing', { next: String(plan.version + 1), answered: String(plan.answered) }) : phrase('home.detail.answering', { answered: String(plan.answered) });
    case 'changes-requested':
      return phrase('home.detail.changes_asked', { version: String(plan.version ?? 1), people: mentions(plan.changeRequesters) });
    default:
      return phrase('home.detail.posted', { version: String(plan.version ?? 1), approvers: String(plan.approvers.length), needed: String(needed) });
  }
}

function approvalLine(plan: HomePlan, needed: number): Phrase {
  const params = { version: String(plan.version ?? 1), author: { user: plan.authorId }, approvers: String(plan.approvers.length), needed: String(needed) };
  return plan.changeRequesters.length > 0 ? phrase('home.detail.by_changes', { ...params, people: mentions(plan.changeRequesters) }) : phrase('home.detail.by', params);
}

function reviewLine(plan: HomePlan): Phrase {
  if (plan.status === 'reviewing') return phrase('home.detail.review_running', { reviewer: { user: plan.reviewerId ?? plan.authorId } });
  if (!plan.reviewDate) return phrase('home.detail.review_undated');
  return phrase(plan.reminderAt ? 'home.detail.review_on' : 'home.detail.review_on_sent', { date: { date: plan.reviewDate } });
}

/** A reviewed plan's key figures, in parts: the spend, the return, the goals' attainment, when. */
function figuresLine(figures: ReviewFigures | undefined): Phrase[] {
  if (!figures) return [phrase('home.detail.reviewed')];
  const money = (minor: number) => ({ money: minor, currency: figures.currency });
  const spent = { actual: money(figures.actualSpend), planned: money(figures.plannedSpend) };
  const parts: Phrase[] = [figures.spendRatio === null ? phrase('home.detail.spent', spent) : phrase('home.detail.spent_ratio', { ...spent, ratio: { rate: figures.spendRatio, digits: 0 } })];
  if (figures.returnOnSpend !== null) parts.push(phrase('home.detail.return', { times: { num: figures.returnOnSpend, digits: 2 } }));
  if (figures.goals.length > 0) {
    const goals = figures.goals.map((goal) =>
      phrase('home.detail.goal', {
        metric: { content: goal.label, ref: `metrics.${goal.metric}` },
        attainment: goal.attainment === null ? phrase('home.detail.not_available') : { rate: goal.attainment, digits: 0 },
      }),
    );
    parts.push(phrase('home.detail.goals', { goals: { list: goals, join: 'comma' } }));
  }
  if (figures.reviewedOn) parts.push(phrase('home.detail.reviewed_on', { date: { date: figures.reviewedOn } }));
  return parts;
}

function mentions(ids: readonly string[]): Param {
  return ids.length === 0 ? phrase('home.detail.someone') : { users: ids };
}

/**
 * The App Home: published per person when they open it, and again when a plan
 * they are part of changes while they may be looking. Nothing here runs on an
 * acknowledgement's path: `opened` and `noteSaved` only note who needs a fresh
 * view and return; the views are built and published on a later turn of the
 * event loop, a few at a time. Only people who opened their Home recently are
 * refreshed, and at most `maxRefreshPerChange` of them for a plan that a whole
 * channel may approve, so a draft in a channel of thousands stays a handful of
 * calls. Everything is kept per workspace: a person, a channel's members, a link and
 * the channels waiting for approval are keyed by their team as well, since two
 * workspaces may have a channel with the same id, and each Home is published with its
 * own workspace's token. Plans are kept as small summaries, updated on every save this instance
 * makes; before Homes are built, one read of the store's index catches up with what
 * other instances saved (only changed plans are read whole). The members of a channel
 * are cached for a while.
 */
import { REFERENCE_LANGUAGE, type Language } from '../domain/message/language.js';
import { createHash } from 'node:crypto';
import { awaitsApproval, buildHomeModel, peopleOf, summarizeForHome, type HomeItem, type HomeModel, type HomePlan, type HomePolicy, type HomeSectionId } from './home-model.js';
import type { PlanRecord } from './plan-record.js';
import type { IndexEntry, PlanStore } from '../store/plan-store.js';
import { SlackCallError, type Clock, type Logger, type Messenger } from './ports.js';
import type { Surfaces } from './surface-ports.js';
import { inWorkspace } from './workspace-context.js';

/** Turns a Home model into the view's blocks; `linkFor` gives an item's link when one is known. */
/** Draws the Home model as Block Kit in `language`, the language of the person whose Home it is. */
export type HomeRenderer = (model: HomeModel, linkFor: (item: HomeItem) => string | undefined, language: Language) => unknown[];

export interface HomeServiceOptions {
  store: PlanStore<PlanRecord>;
  surfaces: Surfaces;
  messenger: Pick<Messenger, 'members'>;
  clock: Clock;
  logger: Logger;
  policy(teamId: string, channelId: string): Promise<HomePolicy>;
  render: HomeRenderer;
  /** The person's language (their Slack locale, else the default); English when not given. */
  languageOf?(teamId: string, userId: string): Promise<Language>;
  /** Plans per section and page (default 6). */
  pageSize?: number;
  /** Most people refreshed for one change of a plan a whole channel may approve (default 25). */
  maxRefreshPerChange?: number;
  /** How long after opening their Home a person still gets refreshed (default a day). */
  viewerTtlMs?: number;
  /** How long a channel's member list is trusted (default 10 minutes). */
  membersTtlMs?: number;
}

/**
 * What changes in a plan's index entry whenever a change a Home shows is saved: its
 * time of change, its status, and how many messages it still owes (posting one, which
 * gives a draft the ts a Home links to, leaves the time of change alone).
 */
const entryVersion = (entry: Pick<IndexEntry, 'updatedAt' | 'status' | 'queued'>): string => `${entry.updatedAt} ${entry.status} ${entry.queued}`;

/** A person or a channel within its workspace: `T…/U…`, `T…/C…` (Slack ids hold no slash). */
const within = (teamId: string, id: string): string => `${teamId}/${id}`;
const split = (key: string): [teamId: string, id: string] => {
  const at = key.indexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
};

/** Views published at once. */
const CONCURRENCY = 2;

export class HomeService {
  private readonly plans = new Map<string, HomePlan>();
  /** Per plan, what its index entry said when it was summarised (see {@link catchUp}). */
  private readonly versions = new Map<string, string>();
  private indexed: Promise<void> | undefined;
  private indexing = false;
  private readonly savedWhileIndexing = new Set<string>();
  private readonly viewers = new Map<string, number>();
  private readonly pages = new Map<string, Partial<Record<HomeSectionId, number>>>();
  private readonly notices = new Map<string, string>();
  private readonly published = new Map<string, string>();
  private readonly links = new Map<string, string>();
  private readonly members = new Map<string, { ids: Set<string>; at: number }>();
  private readonly pendingUsers = new Set<string>();
  private readonly pendingChannels = new Set<string>();
  private flushing: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: HomeServiceOptions) {}

  /** Someone opened their Home tab (in workspace `teamId`): publish it fresh (soon, not now), without an old notice. */
  opened(teamId: string, userId: string): void {
    const viewer = within(teamId, userId);
    this.viewers.set(viewer, this.now());
    this.notices.delete(viewer);
    this.schedule([viewer]);
  }

  /** A click asked for another page of a section. */
  turnPage(teamId: string, userId: string, section: HomeSectionId, page: number): void {
    const viewer = within(teamId, userId);
    this.pages.set(viewer, { ...this.pages.get(viewer), [section]: Math.max(0, Math.floor(page)) });
    this.viewers.set(viewer, this.now());
    this.schedule([viewer]);
  }

  /** Shows `text` at the top of the person's Home until they next open it. */
  notify(teamId: string, userId: string, text: string): void {
    const viewer = within(teamId, userId);
    if (text) this.notices.set(viewer, text);
    this.viewers.set(viewer, this.now());
    this.schedule([viewer]);
  }

  /** A plan was saved: refresh the Homes of the people it concerns that may be open. Cheap and synchronous. */
  noteSaved(record: PlanRecord): void {
    if (this.stopped || this.viewers.size === 0) return;
    const before = this.plans.get(record.id);
    this.remember(record);
    const after = this.plans.get(record.id) as HomePlan;
    if (this.indexed === undefined) return; // the first Home opened reads every plan anyway
    if (this.indexing) this.savedWhileIndexing.add(record.id);
    const direct = new Set([...peopleOf(after), ...(before ? peopleOf(before) : [])].map((id) => within(record.teamId, id)));
    this.schedule([...direct].filter((viewer) => this.isViewer(viewer)));
    if (awaitsApproval(after) || (before && awaitsApproval(before))) {
      this.pendingChannels.add(within(record.teamId, after.channelId));
      this.schedule([]);
    }
  }

  /** Resolves when no Home is waiting to be published. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Stops publishing; waits for what is under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pendingUsers.clear();
    this.pendingChannels.clear();
    await this.idle();
  }

  /** Publishes the Homes of `viewers` (`team/user` keys) on a later turn. */
  private schedule(viewers: string[]): void {
    if (this.stopped) return;
    viewers.forEach((viewer) => this.pendingUsers.add(viewer));
    if (this.flushing) return;
    // On a later turn of the event loop: the acknowledgement that caused this goes out first.
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .catch((error: unknown) => this.options.logger.error('home refresh failed', { error: String(error) }))
      .finally(() => {
        this.flushing = undefined;
        if (!this.stopped && (this.pendingUsers.size > 0 || this.pendingChannels.size > 0)) this.schedule([]);
      });
  }

  private async flush(): Promise<void> {
    await this.ensureIndexed();
    if (this.pendingUsers.size > 0 || this.pendingChannels.size > 0) await this.catchUp();
    for (const channel of [...this.pendingChannels]) {
      this.pendingChannels.delete(channel);
      const [teamId, channelId] = split(channel);
      const members = await this.membersOf(teamId, channelId);
      const watching = [...this.viewers.entries()]
        .filter(([viewer]) => this.isViewer(viewer) && split(viewer)[0] === teamId && members.has(split(viewer)[1]))
        .sort((a, b) => b[1] - a[1])
        .slice(0, this.options.maxRefreshPerChange ?? 25)
        .map(([id]) => id);
      watching.forEach((id) => this.pendingUsers.add(id));
    }
    while (this.pendingUsers.size > 0 && !this.stopped) {
      const batch = [...this.pendingUsers].slice(0, CONCURRENCY);
      batch.forEach((id) => this.pendingUsers.delete(id));
      await Promise.all(batch.map((id) => this.publish(id)));
    }
  }

  private publish(viewer: string): Promise<void> {
    // Every Slack call for this Home is made with its own workspace's token.
    return inWorkspace({ teamId: split(viewer)[0] }, () => this.publishNow(viewer));
  }

  private async publishNow(viewer: string): Promise<void> {
    const { logger } = this.options;
    const [teamId, userId] = split(viewer);
    try {
      // Only the person's own workspace: a channel id in another one is another channel.
      const plans = [...this.plans.values()].filter((plan) => plan.teamId === teamId);
      const channels = new Set(plans.filter((plan) => awaitsApproval(plan) && plan.draftTs).map((plan) => plan.channelId));
      const memberships = new Map<string, Set<string>>();
      for (const channelId of channels) memberships.set(channelId, await this.membersOf(teamId, channelId));
      const notice = this.notices.get(viewer);
      // The channels' rules, read before the (pure, synchronous) model is built: they live in the store.
      const policies = new Map<string, HomePolicy>();
      for (const plan of plans) {
        const key = `${plan.teamId}/${plan.channelId}`;
        if (!policies.has(key)) policies.set(key, await this.options.policy(plan.teamId, plan.channelId));
      }
      const model = buildHomeModel(userId, plans, {
        isMember: (channelId, id) => memberships.get(channelId)?.has(id) ?? false,
        policy: (teamId, channelId) => policies.get(`${teamId}/${channelId}`) as HomePolicy,
        pages: this.pages.get(viewer) ?? {},
        pageSize: this.options.pageSize ?? 6,
        ...(notice ? { notice } : {}),
      });
      const links = await this.linksFor(teamId, model);
      const language = (await this.options.languageOf?.(teamId, userId)) ?? REFERENCE_LANGUAGE;
      const blocks = this.options.render(model, (item) => links.get(item.plan.id), language);
      const fingerprint = createHash('sha1').update(JSON.stringify(blocks)).digest('base64');
      if (this.published.get(viewer) === fingerprint) return;
      await this.options.surfaces.publishHome(userId, blocks);
      this.published.set(viewer, fingerprint);
    } catch (error) {
      const code = error instanceof SlackCallError ? error.code : String(error);
      logger.warn('could not publish a Home tab', { teamId, userId, code });
    }
  }

  /** Permalinks of the threads and drafts the shown items link to (each looked up once). */
  private async linksFor(teamId: string, model: HomeModel): Promise<Map<string, string>> {
    const links = new Map<string, string>();
    for (const item of model.sections.flatMap((section) => section.items)) {
      const ts = item.action === 'open-draft' ? item.plan.draftTs : item.plan.threadTs;
      if (!ts || item.action === 'start-review' || item.action === 'none') continue;
      const key = `${within(teamId, item.plan.channelId)} ${ts}`;
      let link = this.links.get(key);
      if (!link) {
        try {
          link = await this.options.surfaces.permalink(item.plan.channelId, ts);
          this.links.set(key, link);
        } catch (error) {
          this.options.logger.debug('no permalink for a Home item', { planId: item.plan.id, code: error instanceof SlackCallError ? error.code : String(error) });
        }
      }
      if (link) links.set(item.plan.id, link);
    }
    return links;
  }

  private async membersOf(teamId: string, channelId: string): Promise<Set<string>> {
    const key = within(teamId, channelId);
    const cached = this.members.get(key);
    if (cached && this.now() - cached.at < (this.options.membersTtlMs ?? 10 * 60_000)) return cached.ids;
    try {
      const ids = await inWorkspace({ teamId }, () => this.options.messenger.members(channelId));
      this.members.set(key, { ids, at: this.now() });
      return ids;
    } catch (error) {
      this.options.logger.warn('could not read channel members for the Home tab', { teamId, channelId, code: error instanceof SlackCallError ? error.code : String(error) });
      return cached?.ids ?? new Set();
    }
  }

  /** Reads every plan once, the first time a Home is built; saves meanwhile are read again after. */
  private ensureIndexed(): Promise<void> {
    this.indexed ??= (async () => {
      const { store } = this.options;
      this.indexing = true;
      for (const entry of await store.list()) {
        const record = await store.get(entry.id);
        if (record) this.remember(record, entry);
      }
      for (const id of this.savedWhileIndexing) {
        const record = await store.get(id);
        if (record) this.remember(record);
      }
      this.savedWhileIndexing.clear();
      this.indexing = false;
    })();
    return this.indexed;
  }

  /**
   * Brings the summaries up to what the store holds now, before Homes are built: other
   * bot instances on the same database save plans this one never sees saved. One read
   * of the store's index; only the plans whose entry changed since they were summarised
   * (or that are new) are read whole, and plans no longer in the store are dropped.
   */
  private async catchUp(): Promise<void> {
    const { store } = this.options;
    const entries = await store.list();
    const present = new Set<string>();
    for (const entry of entries) {
      present.add(entry.id);
      if (this.versions.get(entry.id) === entryVersion(entry)) continue;
      const record = await store.get(entry.id);
      if (record) this.remember(record, entry);
    }
    for (const id of [...this.plans.keys()]) {
      if (!present.has(id)) {
        this.plans.delete(id);
        this.versions.delete(id);
      }
    }
  }

  /** Keeps a plan's summary, and (when known) the index entry it was read with. */
  private remember(record: PlanRecord, entry?: IndexEntry): void {
    this.plans.set(record.id, summarizeForHome(record));
    this.versions.set(record.id, entryVersion(entry ?? { updatedAt: record.updatedAt, status: record.status, queued: record.outbox.length }));
  }

  private isViewer(viewer: string): boolean {
    const openedAt = this.viewers.get(viewer);
    return openedAt !== undefined && this.now() - openedAt < (this.options.viewerTtlMs ?? 24 * 3_600_000);
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}

/**
 * Two workspaces whose channels have the same id (C1) and whose drafts have the same
 * ts: the App Home keeps channel members, permalinks and the channels waiting for
 * approval per workspace, and publishes each Home with its own workspace's calls.
 */
import { describe, expect, it } from 'vitest';
import { HomeService } from '../../src/app/home-service.js';
import type { HomeModel } from '../../src/app/home-model.js';
import type { PlanRecord } from '../../src/app/plan-record.js';
import { currentWorkspace } from '../../src/app/workspace-context.js';
import { MemoryPlanStore } from '../../src/store/in-process/memory-plan-store.js';

const draft = (id: string, teamId: string, authorId: string): PlanRecord =>
  ({
    id,
    teamId,
    channelId: 'C1',
    title: `Plan of ${teamId}`,
    status: 'draft',
    authorId,
    updatedAt: '2026-11-23T01:00:00.000Z',
    threadTs: '1700000000.000100',
    messageTs: ['1700000000.000100', '1700000000.000200'],
    versions: [{ version: 1, messageTs: '1700000000.000200', plan: { reviewDate: '2027-03-01' } }],
    flow: { answers: {} },
    outbox: [],
  }) as unknown as PlanRecord;

/** Members of C1, which is another channel in each workspace. */
const MEMBERS: Record<string, string[]> = { T0AAAA: ['U0ANNA', 'U0AUTHA'], T0BBBB: ['U0BEN', 'U0AUTHB'] };

async function setUp() {
  const store = new MemoryPlanStore<PlanRecord>();
  await store.save(draft('P-AAAAA', 'T0AAAA', 'U0AUTHA'));
  await store.save(draft('P-BBBBB', 'T0BBBB', 'U0AUTHB'));
  const published: { teamId: string | undefined; userId: string; toApprove: string[]; links: string[] }[] = [];
  const memberCalls: (string | undefined)[] = [];
  const home = new HomeService({
    store,
    clock: { now: () => new Date('2026-11-23T02:00:00.000Z') },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    policy: async () => ({ approvalsNeeded: 2, authorCanApprove: false, approveEmoji: 'white_check_mark', rejectEmoji: 'x' }),
    messenger: {
      async members() {
        const teamId = currentWorkspace()?.teamId;
        memberCalls.push(teamId);
        return new Set(MEMBERS[teamId ?? ''] ?? []);
      },
    },
    surfaces: {
      async publishHome(userId, blocks) {
        const [model, links] = blocks as [HomeModel, string[]];
        const toApprove = model.sections.find((s) => s.id === 'to-approve')?.items.map((item) => item.plan.id) ?? [];
        published.push({ teamId: currentWorkspace()?.teamId, userId, toApprove, links });
      },
      async permalink(channelId, ts) {
        return `https://${currentWorkspace()?.teamId ?? 'nobody'}.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
      },
      uploadFile: async () => 'F1',
      createChannelCanvas: async () => 'X1',
      createCanvas: async () => 'X1',
      replaceCanvas: async () => undefined,
      openModal: async () => 'V1',
      updateModal: async () => undefined,
    },
    // The "blocks" carry the model and the links, so the test reads what the person would see.
    render: (model, linkFor) => [model, model.sections.flatMap((s) => s.items).map((item) => linkFor(item) ?? '')],
  });
  return { store, home, published, memberCalls };
}

describe('the App Home with two workspaces that both have a channel C1', () => {
  it('asks each workspace for its own members and links, and shows each person only their own workspace’s draft', async () => {
    const { home, published, memberCalls } = await setUp();
    home.opened('T0AAAA', 'U0ANNA');
    await home.idle();
    home.opened('T0BBBB', 'U0BEN');
    await home.idle();

    const anna = published.find((p) => p.userId === 'U0ANNA');
    const ben = published.find((p) => p.userId === 'U0BEN');
    expect(anna).toMatchObject({ teamId: 'T0AAAA', toApprove: ['P-AAAAA'] });
    expect(ben).toMatchObject({ teamId: 'T0BBBB', toApprove: ['P-BBBBB'] });
    // Same channel id, same ts: each link points into its own workspace.
    expect(anna?.links).toEqual(['https://T0AAAA.slack.com/archives/C1/p1700000000000200']);
    expect(ben?.links).toEqual(['https://T0BBBB.slack.com/archives/C1/p1700000000000200']);
    expect(memberCalls).toEqual(['T0AAAA', 'T0BBBB']);
  });

  it('refreshes only the watching members of that workspace’s C1 when one of its drafts changes', async () => {
    const { store, home, published } = await setUp();
    home.opened('T0AAAA', 'U0ANNA');
    home.opened('T0BBBB', 'U0BEN');
    await home.idle();
    published.length = 0;
    const changed = { ...(await store.get('P-BBBBB')), updatedAt: '2026-11-23T01:30:00.000Z', title: 'Renamed in B' } as PlanRecord;
    await store.save(changed);
    home.noteSaved(changed);
    await home.idle();
    expect(published.map((p) => [p.teamId, p.userId])).toEqual([['T0BBBB', 'U0BEN']]);
  });
});

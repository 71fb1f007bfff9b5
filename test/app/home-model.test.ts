import { describe, expect, it } from 'vitest';
import { buildHomeModel, type HomeContext, type HomePlan } from '../../src/app/home-model.js';

const plan = (id: string, fields: Partial<HomePlan>): HomePlan => ({
  id,
  teamId: 'T1',
  channelId: 'C1',
  title: id,
  status: 'draft',
  authorId: 'U0ALICE',
  updatedAt: '2026-11-23T01:00:00.000Z',
  draftTs: '1.0001',
  version: 1,
  approvers: [],
  changeRequesters: [],
  answered: 20,
  ...fields,
});

const context = (overrides: Partial<HomeContext> = {}): HomeContext => ({
  isMember: () => true,
  policy: () => ({ approvalsNeeded: 2, authorCanApprove: false, approveEmoji: 'thumbsup', rejectEmoji: 'no_entry' }),
  pages: {},
  pageSize: 2,
  ...overrides,
});

const section = (model: ReturnType<typeof buildHomeModel>, id: string) => model.sections.find((s) => s.id === id);

describe('the Home model', () => {
  it("asks the author to approve only where the channel lets authors approve, and uses the channel's emoji", () => {
    const plans = [plan('P-AAAAA', {})];
    expect(section(buildHomeModel('U0ALICE', plans, context()), 'to-approve')?.total).toBe(0);
    const lenient = buildHomeModel('U0ALICE', plans, context({ policy: () => ({ approvalsNeeded: 1, authorCanApprove: true, approveEmoji: 'thumbsup', rejectEmoji: 'no_entry' }) }));
    expect(section(lenient, 'to-approve')?.total).toBe(1);
    expect(section(lenient, 'to-approve')?.hint).toEqual({ key: 'home.hint', params: { approve: { emoji: 'thumbsup' }, reject: { emoji: 'no_entry' } } });
  });

  it('leaves out drafts the person already approved, drafts not yet posted, and channels they are not in', () => {
    const plans = [plan('P-AAAAA', { approvers: ['U0BOB'] }), plan('P-BBBBB', { draftTs: undefined }), plan('P-CCCCC', { channelId: 'C2' }), plan('P-DDDDD', {})];
    const model = buildHomeModel('U0BOB', plans, context({ isMember: (channelId) => channelId === 'C1' }));
    expect(section(model, 'to-approve')?.items.map((item) => item.plan.id)).toEqual(['P-DDDDD']);
  });

  it('keeps a page number past the end on the last page, and orders upcoming reviews by date', () => {
    const plans = ['2027-05-01', '2027-03-01', '2027-04-01'].map((reviewDate, i) => plan(`P-R000${i}`, { status: 'approved', reviewDate, updatedAt: `2026-11-2${i}T00:00:00.000Z` }));
    const model = buildHomeModel('U0ALICE', plans, context({ pages: { reviews: 9 } }));
    const reviews = section(model, 'reviews');
    expect([reviews?.page, reviews?.pages]).toEqual([1, 2]);
    expect(reviews?.items.map((item) => item.plan.reviewDate)).toEqual(['2027-05-01']);
    expect(buildHomeModel('U0ALICE', plans, context()).sections[2]?.items.map((item) => item.plan.reviewDate)).toEqual(['2027-03-01', '2027-04-01']);
  });
});

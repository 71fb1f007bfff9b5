import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { deriveApproval, describeApproval, type ApprovalInput, type ApprovalPolicy } from '../../../src/domain/approval/approval.js';
import { en } from '../../support/words.js';

const POLICY: ApprovalPolicy = { approveEmoji: 'white_check_mark', rejectEmoji: 'x', approvalsNeeded: 2, authorCanApprove: false };
const AUTHOR = 'UAUTHOR';
const BOT = 'UBOT';
const MEMBERS = new Set(['U1', 'U2', 'U3', 'U4', AUTHOR, BOT]);

function input(reactions: Record<string, string[]>, policy: Partial<ApprovalPolicy> = {}): ApprovalInput {
  return { reactions, authorId: AUTHOR, botUserId: BOT, isMember: (id) => MEMBERS.has(id), policy: { ...POLICY, ...policy } };
}

describe('deriveApproval', () => {
  it('stays a draft with no reactions', () => {
    expect(deriveApproval(input({}))).toEqual({ state: 'draft', approvers: [], changeRequesters: [], ignored: [], needed: 2 });
  });

  it('approves with two approvals from members, in the order they reacted', () => {
    const outcome = deriveApproval(input({ white_check_mark: ['U2', 'U1'] }));
    expect(outcome.state).toBe('approved');
    expect(outcome.approvers).toEqual(['U2', 'U1']);
  });

  it('stays a draft with one approval', () => {
    expect(deriveApproval(input({ white_check_mark: ['U1'] })).state).toBe('draft');
  });

  it("does not count the author's approval", () => {
    const outcome = deriveApproval(input({ white_check_mark: [AUTHOR, 'U1'] }));
    expect(outcome).toMatchObject({ state: 'draft', approvers: ['U1'], ignored: [{ userId: AUTHOR, reason: 'author', sources: ['reaction'] }] });
  });

  it("counts the author's approval when the policy allows it", () => {
    const outcome = deriveApproval(input({ white_check_mark: [AUTHOR, 'U1'] }, { authorCanApprove: true }));
    expect(outcome).toMatchObject({ state: 'approved', approvers: [AUTHOR, 'U1'], ignored: [] });
  });

  it("ignores the bot's own reactions, approving or not", () => {
    const outcome = deriveApproval(input({ white_check_mark: [BOT, 'U1'], x: [BOT] }));
    expect(outcome).toMatchObject({ state: 'draft', approvers: ['U1'], changeRequesters: [], ignored: [{ userId: BOT, reason: 'bot', sources: ['reaction'] }] });
  });

  it('ignores people who are not in the channel', () => {
    const outcome = deriveApproval(input({ white_check_mark: ['U1', 'UOUTSIDER'], x: ['UOUTSIDER'] }));
    expect(outcome).toMatchObject({ state: 'draft', approvers: ['U1'], changeRequesters: [], ignored: [{ userId: 'UOUTSIDER', reason: 'not-member', sources: ['reaction'] }] });
  });

  it('counts one user once however often they appear', () => {
    const outcome = deriveApproval(input({ white_check_mark: ['U1', 'U1', 'U1'], 'white_check_mark::skin-tone-3': ['U1'] }));
    expect(outcome).toMatchObject({ state: 'draft', approvers: ['U1'] });
  });

  it('counts skin-tone variants as the base emoji', () => {
    const outcome = deriveApproval(input({ '+1::skin-tone-3': ['U2'], '+1': ['U1'] }, { approveEmoji: '+1' }));
    expect(outcome).toMatchObject({ state: 'approved', approvers: ['U1', 'U2'] });
    expect(deriveApproval(input({ 'white_check_mark::skin-tone-2': ['U1', 'U2'] })).state).toBe('approved');
  });

  it('reads a policy emoji written with colons', () => {
    expect(deriveApproval(input({ white_check_mark: ['U1', 'U2'] }, { approveEmoji: ':white_check_mark:' })).state).toBe('approved');
  });

  it('holds the plan at changes-requested while anyone asks for changes, however many approve', () => {
    const outcome = deriveApproval(input({ white_check_mark: ['U1', 'U2', 'U3'], x: ['U4'] }));
    expect(outcome).toMatchObject({ state: 'changes-requested', approvers: ['U1', 'U2', 'U3'], changeRequesters: ['U4'] });
  });

  it('lets the author ask for changes', () => {
    expect(deriveApproval(input({ white_check_mark: ['U1', 'U2'], x: [AUTHOR] })).state).toBe('changes-requested');
  });

  it('returns to a draft when an approval is removed', () => {
    expect(deriveApproval(input({ white_check_mark: ['U1', 'U2'] })).state).toBe('approved');
    expect(deriveApproval(input({ white_check_mark: ['U2'] })).state).toBe('draft');
  });

  it('returns to a draft or approved when the change request is withdrawn', () => {
    expect(deriveApproval(input({ white_check_mark: ['U1', 'U2'], x: [] })).state).toBe('approved');
  });

  it('ignores other emoji and malformed or hostile ids', () => {
    const outcome = deriveApproval(
      input({ tada: ['U1', 'U2'], white_check_mark: ['<!channel>', '', 'u1', 'U1'], x: ['<@U2>'], 'not-a-list': 'U3' as unknown as string[] }),
    );
    expect(outcome.state).toBe('draft');
    expect(outcome.approvers).toEqual(['U1']);
    expect(outcome.ignored.map((i) => i.reason)).toEqual(['not-member', 'not-member', 'not-member', 'not-member']);
  });

  it('never needs fewer than one approval', () => {
    expect(deriveApproval(input({}, { approvalsNeeded: 0 }))).toMatchObject({ state: 'draft', needed: 1 });
    expect(deriveApproval(input({ white_check_mark: ['U1'] }, { approvalsNeeded: Number.NaN })).state).toBe('approved');
  });
});

describe('deriveApproval with the Approve and Request changes buttons', () => {
  const withButtons = (reactions: Record<string, string[]>, buttonVotes: ApprovalInput['buttonVotes'], policy: Partial<ApprovalPolicy> = {}) => ({
    ...input(reactions, policy),
    buttonVotes,
  });

  it('counts a click exactly like a reaction, and a person who did both once', () => {
    expect(deriveApproval(withButtons({}, [{ userId: 'U1', vote: 'approve' }, { userId: 'U2', vote: 'approve' }])).state).toBe('approved');
    const both = deriveApproval(withButtons({ white_check_mark: ['U1'] }, [{ userId: 'U1', vote: 'approve' }]));
    expect(both).toMatchObject({ state: 'draft', approvers: ['U1'] });
  });

  it('lists reactors first, then clickers in the order they clicked', () => {
    const outcome = deriveApproval(withButtons({ white_check_mark: ['U3'] }, [{ userId: 'U2', vote: 'approve' }, { userId: 'U1', vote: 'approve' }]));
    expect(outcome.approvers).toEqual(['U3', 'U2', 'U1']);
  });

  it('holds the plan at changes-requested for a Request changes click', () => {
    const outcome = deriveApproval(withButtons({ white_check_mark: ['U1', 'U2'] }, [{ userId: 'U3', vote: 'reject' }]));
    expect(outcome).toMatchObject({ state: 'changes-requested', changeRequesters: ['U3'] });
  });

  it('applies the same people rules to clicks, saying whether the ignored vote was a reaction, a click or both', () => {
    const outcome = deriveApproval(
      withButtons({ white_check_mark: [AUTHOR] }, [
        { userId: AUTHOR, vote: 'approve' },
        { userId: 'UOUTSIDER', vote: 'approve' },
        { userId: BOT, vote: 'reject' },
      ]),
    );
    expect(outcome.state).toBe('draft');
    expect(outcome.ignored).toEqual([
      { userId: AUTHOR, reason: 'author', sources: ['reaction', 'button'] },
      { userId: 'UOUTSIDER', reason: 'not-member', sources: ['button'] },
      { userId: BOT, reason: 'bot', sources: ['button'] },
    ]);
    expect(deriveApproval(withButtons({}, [{ userId: AUTHOR, vote: 'approve' }, { userId: 'U1', vote: 'approve' }], { authorCanApprove: true })).state).toBe(
      'approved',
    );
  });
});

describe('deriveApproval depends only on the set of reactions', () => {
  const users = fc.constantFrom('U1', 'U2', 'U3', 'U4', AUTHOR, BOT, 'UOUTSIDER');
  const emoji = fc.constantFrom('white_check_mark', 'white_check_mark::skin-tone-2', 'x', 'x::skin-tone-5', 'tada');
  const pairs = fc.uniqueArray(fc.tuple(emoji, users), { selector: ([e, u]) => `${e}|${u}`, maxLength: 25 });
  const policy = fc.record({ approvalsNeeded: fc.integer({ min: 1, max: 4 }), authorCanApprove: fc.boolean() });

  /** Builds Slack's reaction map from (emoji, user) pairs, in the given order, with each pair repeated as told. */
  function toReactions(list: readonly (readonly [string, string])[], repeats: readonly number[] = []): Record<string, string[]> {
    const reactions: Record<string, string[]> = {};
    list.forEach(([e, u], i) => {
      for (let n = 0; n <= (repeats[i] ?? 0); n++) (reactions[e] ??= []).push(u);
    });
    return reactions;
  }

  const sorted = (outcome: ReturnType<typeof deriveApproval>) => ({
    ...outcome,
    approvers: [...outcome.approvers].sort(),
    changeRequesters: [...outcome.changeRequesters].sort(),
    ignored: [...outcome.ignored].sort((a, b) => a.userId.localeCompare(b.userId)),
  });

  it('gives the same status and people for any order and duplication of the same reactions', () => {
    fc.assert(
      fc.property(
        pairs,
        policy,
        fc.infiniteStream(fc.nat(3)),
        fc.func(fc.integer()),
        (list, p, dupes, rank) => {
          const shuffled = [...list].sort((a, b) => rank(a[0] + a[1]) - rank(b[0] + b[1]));
          const repeats = shuffled.map(() => dupes.next().value);
          const a = deriveApproval(input(toReactions(list), p));
          const b = deriveApproval(input(toReactions(shuffled, repeats), p));
          expect(sorted(b)).toEqual(sorted(a));
        },
      ),
    );
  });

  it('gives an identical outcome when only the emoji keys are reordered or users repeated later', () => {
    fc.assert(
      fc.property(pairs, policy, (list, p) => {
        const reactions = toReactions(list);
        const reordered = Object.fromEntries(Object.entries(reactions).reverse().map(([e, u]) => [e, [...u, ...u]]));
        expect(deriveApproval(input(reordered, p))).toEqual(deriveApproval(input(reactions, p)));
      }),
    );
  });
});

describe('describeApproval', () => {
  it('shows progress and how to react on a draft', () => {
    const outcome = deriveApproval(input({ white_check_mark: ['U1'] }));
    expect(en(describeApproval(outcome, POLICY))).toBe(
      "Approvals 1 of 2, approved by <@U1>. React :white_check_mark: or click *Approve* to approve; :x: or *Request changes* to ask for changes. The author's own approval does not count.",
    );
  });

  it('shows no names before anyone approves', () => {
    const text = en(describeApproval(deriveApproval(input({}, { authorCanApprove: true })), { ...POLICY, authorCanApprove: true }));
    expect(text).toBe('Approvals 0 of 2. React :white_check_mark: or click *Approve* to approve; :x: or *Request changes* to ask for changes.');
  });

  it('names the approvers when approved', () => {
    const outcome = deriveApproval(input({ white_check_mark: ['U1', 'U2'] }));
    expect(en(describeApproval(outcome, POLICY))).toBe(':white_check_mark: Approved: 2 of 2, approved by <@U1>, <@U2>.');
  });

  it('names who asked for changes and how to clear it', () => {
    const outcome = deriveApproval(input({ white_check_mark: ['U1'], x: ['U3'] }));
    const text = en(describeApproval(outcome, POLICY));
    expect(text).toContain(':x: Changes requested by <@U3>; approvals 1 of 2');
    expect(text).toContain('take the :x: (or the *Request changes* click) back');
  });

  it('never turns a malformed id or emoji name into markup', () => {
    const outcome = { state: 'approved' as const, approvers: ['U1', '<!channel>', 'x> <@U9'], changeRequesters: [], ignored: [], needed: 1 };
    const text = en(describeApproval(outcome, { ...POLICY, approveEmoji: 'ok<!here>' }));
    expect(text).not.toMatch(/<!|<@U9|<@x/);
    expect(text).toContain('<@U1>, 2 others');
    expect(text).toContain(':okhere:');
  });
});

/**
 * The budget questions of the conversation (issue #11): the revenue target asked once,
 * the conversion rate offered at the goal's baseline, the non-media lines proposed, the
 * need shown before the money available is asked, the phasing pattern (with a peak for
 * an event), retention and reach inputs only when they apply, per-channel costs, and
 * the scaled-down plan for money below half the need.
 */
import { describe, expect, it } from 'vitest';
import { FUNNEL_REPLIES, askedId, effect, send, start, walk } from './flow-helpers.js';
import type { StepResult } from '../../../src/domain/conversation/flow.js';
import { problemOf } from '../../support/finding-words.js';
import { zh } from '../../support/words.js';
import { loadMessageCatalogue } from '../../../src/app/load-locales.js';
import { scriptWordLookup } from '../../../src/domain/conversation/script-words.js';
import { suggestionAnswer, suggestionOrigin, type Suggestion } from '../../../src/domain/conversation/flow-state.js';
import { createTranslators } from '../../../src/render/i18n/translator.js';
import { zhScript } from '../../support/zh-words.js';
import { englishWords } from '../../support/english-words.js';

/** The spring launch: goals conversion 1 % → 2 % and revenue ¥0 → ¥1,000,000, bought on search ads. */
const SPRING: Record<string, string> = {
  ...FUNNEL_REPLIES,
  goals: 'conversion 1% -> 2% by 2026-06-15\nrevenue ¥0 -> ¥1,000,000 by 2026-06-15',
  message_type: 'brand',
  channels: 'Website, WeChat, Search ads, Reviews and word of mouth',
  non_media: 'content ¥20,000; PR ¥10,000',
  budget_available: '¥250,000',
};

const readers = createTranslators(loadMessageCatalogue(), scriptWordLookup(zhScript));

/** A suggestion as a reader of `language` sees it under the question: the answer and where it comes from (plain text). */
function shown(language: 'en' | 'zh-CN', suggestion: Suggestion | undefined): { answer: string; origin: string } {
  if (!suggestion) throw new Error('no suggestion');
  const t = readers.for(language);
  return { answer: t.value(suggestionAnswer(suggestion)), origin: t.value(suggestionOrigin(suggestion)) };
}

/** Every question asked from the start with these replies, until the plan stops asking. */
function asked(replies: Record<string, string>): { ids: string[]; result: StepResult } {
  const ids: string[] = [];
  let result = start();
  for (let id = askedId(result); id !== undefined; id = askedId(result)) {
    ids.push(id);
    const text = replies[id];
    if (text === undefined) throw new Error(`no reply for ${id}`);
    result = send(result, text);
    if (result.effects.some((e) => e.type === 'reask')) throw new Error(`${id} refused ${text}`);
  }
  return { ids, result };
}

describe('the revenue target', () => {
  it('is taken from the revenue goal, not asked again (defect 2)', () => {
    const { ids, result } = asked(SPRING);
    expect(ids).not.toContain('target_revenue');
    expect(effect(result, 'finished').plan.budget.funnel?.targetRevenue).toBe(100_000_000);
  });

  it('is asked when no goal sets it, and says why', () => {
    const at = walk(start(), FUNNEL_REPLIES, 'target_revenue');
    expect(askedId(at)).toBe('target_revenue');
    expect(effect(at, 'ask').question.text).toContain('No goal sets it');
  });
});

describe('the conversion rate', () => {
  it('is offered at the conversion goal’s baseline, not its target', () => {
    const at = walk(start(), SPRING, 'conversion_rate');
    const suggestion = effect(at, 'ask').suggestion;
    expect(suggestion).toMatchObject({ text: '1%', basis: 'default' });
    expect(shown('en', suggestion)).toEqual({ answer: '1%', origin: "the baseline of goal 1 (Conversion): budget on today's rate, the target is the upside" });
    const used = send(at, 'use');
    expect(used.state.answers.conversion_rate?.value).toBe(0.01);
    expect(effect(used, 'ask').note).toBe("Used the suggestion (the baseline of goal 1 (Conversion): budget on today's rate, the target is the upside).");
  });

  it('tells a Chinese reader where the rate comes from in Chinese, the answer taken unchanged', () => {
    const at = walk(start(), SPRING, 'conversion_rate');
    const { answer, origin } = shown('zh-CN', effect(at, 'ask').suggestion);
    expect(answer).toBe('1%');
    expect(origin).toMatch(/^目标1（转化率）的基线/);
    expect(englishWords(origin)).toEqual([]);
    expect(effect(at, 'ask').suggestion?.text).toBe('1%');
  });

  it('takes the goal’s baseline before the last review’s rate, and the review’s rate when no goal sets one', () => {
    const review = { conversion_rate: { text: '1.7%', source: 'the review of "Spring" (P-1), 15 Apr 2027' } };
    expect(effect(walk(start({ suggestions: review }), SPRING, 'conversion_rate'), 'ask').suggestion?.text).toBe('1%');
    const noGoal = { ...FUNNEL_REPLIES, goals: 'awareness 10% -> 20% by 2026-06-15' };
    expect(effect(walk(start({ suggestions: review }), noGoal, 'conversion_rate'), 'ask').suggestion?.text).toBe('1.7%');
  });

  it('budgeted at the goal’s target posts only after the BUDGET-BASELINE warning is accepted', () => {
    const result = walk(start(), { ...SPRING, conversion_rate: '2%' });
    const findings = effect(result, 'findings');
    expect(findings.blocking).toBe(false);
    expect(findings.findings.map((f) => f.rule)).toContain('BUDGET-BASELINE');
  });
});

describe('the non-media costs and the money available', () => {
  it('proposes content for the owned channels and PR for the earned ones: 10 % and 5 % of the ¥200,000 of working media', () => {
    const at = walk(start(), SPRING, 'non_media');
    expect(effect(at, 'ask').suggestion?.text).toBe(
      'content ¥20,000 for Website and WeChat official account and mini program; PR and seeding ¥10,000 for Reviews and word of mouth',
    );
    expect(shown('en', effect(at, 'ask').suggestion)).toEqual({
      answer: 'content ¥20,000 for Website and WeChat official account and mini program; PR and seeding ¥10,000 for Reviews and word of mouth',
      origin: 'a first estimate: 10 % of the ¥200,000 of working media for content, 5 % for PR',
    });
    const used = send(at, 'use');
    expect(used.state.answers.non_media?.value).toEqual([
      { kind: 'content', description: 'for Website and WeChat official account and mini program', amount: 2_000_000 },
      { kind: 'pr', description: 'for Reviews and word of mouth', amount: 1_000_000 },
    ]);
  });

  it('shows a Chinese reader the proposed non-media lines and their reason in Chinese, the lines taken unchanged', () => {
    const at = walk(start(), SPRING, 'non_media');
    const { answer, origin } = shown('zh-CN', effect(at, 'ask').suggestion);
    expect(answer).toMatch(/^内容 ¥2万，用于.+；公关与种草 ¥1万，用于/);
    expect(origin).toBe('初步估算：内容按 ¥20万 工作媒体费用的 10%，公关按 5%');
    expect(englishWords(`${answer} ${origin}`)).toEqual([]);
  });

  it('shows what the plan needs before asking what money is available: ¥200,000 + ¥30,000 + the ¥20,000 reserve', () => {
    const at = walk(start(), SPRING, 'budget_available');
    expect(effect(at, 'ask').lead).toBe('The plan needs ¥250,000: ¥200,000 of working media for 100,000 visits, ¥30,000 of non-media and a ¥20,000 reserve.');
    expect(effect(at, 'ask').question.text).toContain('the whole plan');
  });

  it('shows a Chinese reader what the plan needs in Chinese words, the same figures', () => {
    const at = walk(start(), SPRING, 'budget_available');
    const ask = at.effects.find((e) => e.type === 'ask');
    const lead = ask?.type === 'ask' ? ask.lead : undefined;
    if (!lead) throw new Error('no lead');
    const text = zh(lead);
    expect(text).toBe('方案需要 ¥25万：工作媒体费用 ¥20万，带来 100,000 次访问、非媒体费用 ¥3万和预留金 ¥2万。');
    expect(englishWords(text)).toEqual([]);
  });

  it('re-asks non-media lines it cannot read, with an example', () => {
    const at = walk(start(), SPRING, 'non_media');
    const refused = send(at, 'some content and a film');
    expect(effect(refused, 'reask').error).toContain("I couldn't find an amount in `some content and a film`");
    expect(effect(refused, 'reask').error).toContain('none');
    expect(send(at, 'none').state.answers.non_media?.value).toEqual([]);
  });
});

describe('the phasing pattern', () => {
  it('is proposed from the objective and the message, and asked last', () => {
    const at = walk(start(), SPRING, 'phasing');
    expect(effect(at, 'ask').suggestion).toMatchObject({ text: 'burst', basis: 'default' });
    expect(shown('en', effect(at, 'ask').suggestion)).toEqual({ answer: 'burst', origin: 'burst suits a launch: a short warm-up, then the push' });
    const zhShown = shown('zh-CN', effect(at, 'ask').suggestion);
    expect(zhShown).toEqual({ answer: '爆发式', origin: '爆发式适合新品上市：短暂预热，然后集中发力' });
    expect(send(at, 'use').state.answers.phasing?.value).toBe('burst');
    const offer = walk(start(), { ...SPRING, message_type: 'incentive' }, 'phasing');
    expect(effect(offer, 'ask').suggestion?.text).toBe('event-anchored');
  });

  it('asks the peak window of an event-anchored plan, inside the campaign’s dates', () => {
    let result = walk(start(), { ...SPRING, phasing: 'event-anchored' }, 'peak_start');
    expect(askedId(result)).toBe('peak_start');
    expect(effect(send(result, '2026-06-20'), 'reask').error).toContain('The peak starts within the campaign, 1 Apr 2026 – 31 May 2026, and 20 Jun 2026 is not.');
    result = send(result, '2026-05-20');
    expect(effect(send(result, '2026-05-19'), 'reask').error).toContain('The peak has to end on or after its start (20 May 2026)');
    result = send(result, '2026-05-25');
    const plan = effect(result, 'finished').plan;
    expect(plan.budget).toMatchObject({ pattern: 'event-anchored', peak: { start: '2026-05-20', end: '2026-05-25' } });
  });

  it('says so when the peak starts on the first day: there is no pre-heat', () => {
    const at = walk(start(), { ...SPRING, phasing: 'event-anchored' }, 'peak_start');
    expect(effect(send(at, '2026-04-01'), 'ask').note).toContain('no pre-heat');
  });
});

describe('questions that apply only to some plans', () => {
  it('asks a post-purchase plan for its base, uplift and cost per contact, not for visits', () => {
    const retention = { ...SPRING, audience_stage: 'post-purchase', channels: 'Email and CRM, Search ads' };
    const { ids, result } = asked({ ...retention, non_media: 'none' });
    expect(ids).toEqual(expect.arrayContaining(['retention_base', 'repeat_uplift', 'cost_per_contact', 'average_order_value']));
    expect(ids).not.toContain('conversion_rate');
    expect(ids).not.toContain('cost_per_visit');
    const findings = result.effects.find((e) => e.type === 'findings' || e.type === 'finished');
    expect(findings).toBeDefined();
  });

  it('asks an awareness plan with no paid channel for no reach inputs and no CPM (defect 7)', () => {
    const owned = { ...SPRING, primary_objective: 'brand awareness', goals: 'awareness 10% -> 30% by 2026-06-15', channels: 'WeChat, Email and CRM, Reviews and word of mouth', non_media: 'content ¥50,000' };
    const { ids } = asked(owned);
    for (const id of ['audience_size', 'reach_rate', 'frequency', 'cpm']) expect(ids).not.toContain(id);
    const paid = asked({ ...owned, channels: 'WeChat, Social media ads, Reviews and word of mouth', audience_size: '2m', reach_rate: '40%', frequency: '3', cpm: '¥40' });
    expect(paid.ids).toEqual(expect.arrayContaining(['audience_size', 'cpm']));
  });

  it('asks each paid channel’s own cost per visit when there are two or more, and prices them so', () => {
    const two = { ...SPRING, channels: 'Website, Search ads, E-commerce platform ads, Reviews and word of mouth' };
    const at = walk(start(), two, 'channel_cpv');
    expect(effect(at, 'ask').suggestion?.text).toBe('Search ads ¥2; E-commerce platform ads (Tmall, JD, Amazon) ¥2');
    expect(shown('en', effect(at, 'ask').suggestion).origin).toBe("every paid channel at the plan's cost per visit of ¥2");
    const zhShown = shown('zh-CN', effect(at, 'ask').suggestion);
    expect(englishWords(`${zhShown.answer} ${zhShown.origin}`, ['Tmall', 'JD', 'Amazon'])).toEqual([]);
    expect(zhShown.origin).toBe('每个付费渠道都按方案的单次访问成本 ¥2');
    const refused = send(at, 'TV ¥5');
    expect(effect(refused, 'reask').error).toContain("is not one of the plan's paid channels");
    const answered = walk(send(at, 'E-commerce ads ¥1.50'), { ...two, non_media: 'none', budget_available: '¥300,000' });
    expect(effect(answered, 'finished').plan.budget.channelCosts).toEqual([{ channelId: 'paid-ecommerce-ads', costPerVisit: 150 }]);
    expect(asked(SPRING).ids).not.toContain('channel_cpv');
  });
});

describe('a plan the money covers less than half of', () => {
  /** ¥100,000 against the ¥250,000 the spring plan needs: 40 %. */
  const short = { ...SPRING, budget_available: '¥100,000' };

  it('is an error that offers the scaled-down plan; `scale down` cuts the goals to what the money buys, labelled', () => {
    const review = walk(start(), short);
    const blocking = effect(review, 'findings');
    expect(blocking.blocking).toBe(true);
    const absurd = blocking.findings.find((f) => f.rule === 'BUDGET-ABSURD');
    expect(absurd).toMatchObject({ severity: 'error', action: 'scale-down' });
    expect(effect(send(review, 'accept'), 'info').message).toMatch(/errors cannot be accepted/);

    const scaled = send(review, 'scale down');
    expect(effect(scaled, 'info').message).toContain('Scaled the plan down to the money available');
    const warnings = effect(scaled, 'findings');
    expect(warnings.blocking).toBe(false);
    expect(problemOf(warnings.findings.find((f) => f.rule === 'BUDGET-SHORTFALL'))).toMatch(/^Scaled down to the money\./);
    const finished = effect(send(scaled, 'accept'), 'finished');
    // ¥100,000 − ¥30,000 of non-media leaves W × 1.1 ≤ ¥70,000: 31,818 visits (¥63,636) → 318.18 orders → ¥318,180.
    expect(finished.plan.goals.find((g) => g.metric === 'revenue')).toMatchObject({ target: 31_818_000, scaledFrom: 100_000_000 });
    expect(finished.plan.budget.scaledDown).toBe(true);
  });

  it('forgets the choice when the money changes', () => {
    const scaled = send(walk(start(), short), 'scale down');
    const changed = send(send(scaled, 'change budget'), '¥90,000');
    expect(effect(changed, 'findings').findings.find((f) => f.rule === 'BUDGET-ABSURD')?.action).toBe('scale-down');
  });

  it('has nothing to scale down for a plan the money covers', () => {
    const review = walk(start(), { ...SPRING, budget_available: '¥240,000' });
    expect(effect(send(review, 'scale down'), 'info').message).toMatch(/nothing to scale down/);
  });
});

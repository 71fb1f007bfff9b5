import { describe, expect, it } from 'vitest';
import { changeRow, proposeContactPlan, reconcileContactPlan, stageMessage, type ContactPlanInputs } from '../../../src/domain/contact/contact-plan.js';
import { parseOffer, readTerms } from '../../../src/domain/contact/incentive.js';
import { parseRowEdit } from '../../../src/domain/contact/row-edit.js';
import { parseTiming, proposeTiming } from '../../../src/domain/contact/timing.js';
import { STAGE_FIT } from '../../../src/domain/channels/stage-fit.js';
import { channelsById } from '../../fixtures/full-funnel.js';
import { CATALOGUE } from '../rules/check-rule.js';
import { SAMPLE_LABELS } from '../../fixtures/plans.js';
import { en, zh } from '../../support/words.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const TZ = 'Asia/Shanghai';

function inputs(change: Partial<ContactPlanInputs> = {}): ContactPlanInputs {
  return {
    journey: ['need-recognition', 'information-search', 'purchase-decision'],
    businessModel: 'b2c',
    channels: channelsById(['paid-short-video-ads', 'owned-douyin', 'paid-search-ads', 'owned-official-store']),
    concept: 'A calm cup in a busy day.',
    messageType: 'both',
    callToAction: undefined,
    ...change,
  };
}

describe('proposeContactPlan', () => {
  it('proposes one row per channel at a stage it reaches, covering every stage, in journey order', () => {
    const rows = proposeContactPlan(inputs());
    // The store reaches only the purchase here, so it takes it; search ads go where the load is lightest.
    expect(rows.map((row) => [row.stage, row.channelId])).toEqual([
      ['need-recognition', 'paid-short-video-ads'],
      ['information-search', 'owned-douyin'],
      ['information-search', 'paid-search-ads'],
      ['purchase-decision', 'owned-official-store'],
    ]);
  });

  it('carries the concept adapted to each stage with its message guidance, a timing and a KPI with its source', () => {
    const [reach, video, search, buy] = proposeContactPlan(inputs());
    expect(reach).toMatchObject({
      message: `A calm cup in a busy day — ${STAGE_FIT['need-recognition'].messages}`,
      timing: { kind: 'phase', phase: 'warm-up' },
      kpi: { metric: 'reach', source: 'platform' },
      format: 'short video',
      usesIncentive: false,
    });
    expect(video).toMatchObject({ timing: { kind: 'always' }, kpi: { metric: 'video-views', source: 'platform' } });
    expect(search).toMatchObject({ timing: { kind: 'always' }, kpi: { metric: 'clicks', source: 'platform' }, usesIncentive: false });
    expect(buy).toMatchObject({ timing: { kind: 'phase', phase: 'launch' }, kpi: { metric: 'conversion', source: 'analytics' }, usesIncentive: true, callToAction: true });
  });

  it('places the offer at the purchase decision, and after it when the journey stops there', () => {
    const after = proposeContactPlan(inputs({ journey: ['post-purchase'], channels: channelsById(['owned-email-crm', 'owned-community']) }));
    expect(after.map((row) => [row.usesIncentive, row.timing])).toEqual([
      [true, { kind: 'trigger', event: 'first order', offsetDays: 7 }],
      [true, { kind: 'trigger', event: 'first order', offsetDays: 7 }],
    ]);
    const brand = proposeContactPlan(inputs({ messageType: 'brand', callToAction: true }));
    expect(brand.filter((row) => row.stage === 'purchase-decision').every((row) => row.callToAction && !row.usesIncentive)).toBe(true);
  });

  it('reads B2B stages: email nurture goes to evaluation and counts MQLs', () => {
    const rows = proposeContactPlan(inputs({ businessModel: 'b2b', journey: ['evaluation'], channels: channelsById(['owned-email-crm']) }));
    expect(rows).toMatchObject([{ stage: 'evaluation', channelId: 'owned-email-crm', kpi: { metric: 'mql', source: 'crm' } }]);
    expect(proposeContactPlan(inputs({ businessModel: 'b2c', journey: ['evaluation'], channels: channelsById(['owned-email-crm']) }))[0]?.stage).toBe('evaluation');
  });

  it('still gives an off-journey channel a row, at the nearest stage, so the check can name it', () => {
    const rows = proposeContactPlan(inputs({ journey: ['purchase-decision'], channels: channelsById(['earned-press']) }));
    expect(rows).toMatchObject([{ stage: 'purchase-decision', channelId: 'earned-press' }]);
  });

  it('has a row for every channel of the largest plan the prompts allow, within the catalogue', () => {
    const rows = proposeContactPlan(inputs({ journey: ['need-recognition', 'information-search', 'evaluation', 'purchase-decision', 'post-purchase'], channels: CATALOGUE }));
    expect(new Set(rows.map((row) => row.channelId)).size).toBe(CATALOGUE.length);
    expect(rows.length).toBeLessThanOrEqual(CATALOGUE.length + 5);
  });
});

describe('reconcileContactPlan', () => {
  it('keeps the author\'s changes when the proposal is redone, and follows the answers elsewhere', () => {
    const table = proposeContactPlan(inputs());
    const edited = changeRow({ rows: table, removed: [] }, table, table[1]!.id, { set: { message: 'Douyin shows the calm cup in a busy day', timing: { kind: 'phase', phase: 'launch' } } });
    const redone = reconcileContactPlan(edited, inputs({ concept: 'A quiet cup in a loud day' }));
    expect(redone[1]).toMatchObject({ message: 'Douyin shows the calm cup in a busy day', timing: { kind: 'phase', phase: 'launch' }, authored: ['message', 'timing'] });
    expect(redone[0]?.message).toBe(stageMessage('A quiet cup in a loud day', 'need-recognition'));
  });

  it('keeps removed rows removed, drops rows of channels no longer chosen and adds rows for new ones', () => {
    const table = proposeContactPlan(inputs());
    const removed = changeRow({ rows: table, removed: [] }, table, table[0]!.id, { remove: true });
    const redone = reconcileContactPlan(removed, inputs({ channels: channelsById(['paid-short-video-ads', 'owned-douyin', 'paid-search-ads', 'owned-community']) }));
    expect(redone.map((row) => row.channelId)).not.toContain('paid-short-video-ads');
    expect(redone.map((row) => row.channelId)).not.toContain('owned-official-store');
    expect(redone.map((row) => row.channelId)).toContain('owned-community');
    const added = reconcileContactPlan({ rows: table, removed: [] }, inputs({ channels: [...inputs().channels, ...channelsById(['owned-point-of-sale'])] }));
    expect(added.map((row) => row.channelId)).toContain('owned-point-of-sale');
  });
});

describe('parseRowEdit', () => {
  const ctx = { catalogue: CATALOGUE, labels: SAMPLE_LABELS, now: NOW, timeZone: TZ };

  it('reads named fields, one per part', () => {
    expect(parseRowEdit('channel: Xiaohongshu brand account; timing: 7 days after first order\nkpi: repeat rate (crm)', ctx)).toEqual({
      ok: true,
      value: { set: { channelId: 'owned-xiaohongshu', timing: { kind: 'trigger', event: 'first order', offsetDays: 7 }, kpi: { metric: 'repeat-rate', source: 'crm' } } },
    });
    expect(parseRowEdit('stage purchase decision; cta yes; incentive: no', ctx)).toMatchObject({ ok: true, value: { set: { stage: 'purchase-decision', callToAction: true, usesIncentive: false } } });
    expect(parseRowEdit('kpi: GMV per live session (platform)', ctx)).toMatchObject({ ok: true, value: { set: { kpi: { metric: 'GMV per live session', source: 'platform' } } } });
  });

  it('takes a reply that names no field as the new message, and "remove" as removal', () => {
    expect(parseRowEdit('Taste the calm, side by side with your usual coffee', ctx)).toEqual({ ok: true, value: { set: { message: 'Taste the calm, side by side with your usual coffee' } } });
    expect(parseRowEdit('remove', ctx)).toEqual({ ok: true, value: { remove: true } });
  });

  it('refuses what it cannot place, with an example', () => {
    for (const text of ['channel: carrier pigeons', 'timing: whenever', 'kpi: happiness', 'stage: nirvana', '', 'timing: launch; nonsense here']) {
      const result = parseRowEdit(text, ctx);
      expect(result.ok, text).toBe(false);
    }
    const unplaced = parseRowEdit('timing: launch; nonsense here', ctx);
    expect(!unplaced.ok && en(unplaced.error)).toMatch(/`channel: Xiaohongshu brand account/);
  });
});

describe('timing', () => {
  it('reads phases, always on, triggers and dates', () => {
    expect(parseTiming('always on', NOW, TZ)).toEqual({ ok: true, value: { kind: 'always' } });
    expect(parseTiming('pre-heat', NOW, TZ)).toEqual({ ok: true, value: { kind: 'phase', phase: 'warm-up' } });
    expect(parseTiming('Double 11', NOW, TZ)).toEqual({ ok: true, value: { kind: 'phase', phase: 'peak' } });
    expect(parseTiming('after first order + 30 days', NOW, TZ)).toEqual({ ok: true, value: { kind: 'trigger', event: 'first order', offsetDays: 30 } });
    expect(parseTiming('on delivery', NOW, TZ)).toEqual({ ok: true, value: { kind: 'trigger', event: 'delivery' } });
    expect(parseTiming('2027-11-11', NOW, TZ)).toEqual({ ok: true, value: { kind: 'date', date: '2027-11-11' } });
  });

  it('proposes bursts for paid media, always-on for search and owned media, triggers after the purchase', () => {
    const [search] = channelsById(['paid-search-ads']);
    const [outdoor] = channelsById(['paid-outdoor']);
    expect(proposeTiming('information-search', search!, ['information-search', 'purchase-decision'])).toEqual({ kind: 'always' });
    expect(proposeTiming('need-recognition', outdoor!, ['need-recognition', 'purchase-decision'])).toEqual({ kind: 'phase', phase: 'warm-up' });
    expect(proposeTiming('need-recognition', outdoor!, ['need-recognition'])).toEqual({ kind: 'phase', phase: 'launch' });
  });
});

describe('the incentive terms', () => {
  it('reads the mechanic and its value or rate', () => {
    expect(parseOffer('¥30 coupon', 'CNY')).toEqual({ ok: true, value: { mechanic: 'coupon', value: 3_000 } });
    expect(parseOffer('20% off the first order', 'CNY')).toMatchObject({ ok: true, value: { mechanic: 'discount', rate: 0.2 } });
    expect(parseOffer('free sample worth ¥15', 'CNY')).toEqual({ ok: true, value: { mechanic: 'sample', value: 1_500 } });
    expect(parseOffer('invite a friend, both get $5', 'USD')).toEqual({ ok: true, value: { mechanic: 'referral-reward', value: 500 } });
    expect(parseOffer('lucky draw', 'CNY')).toEqual({ ok: true, value: { mechanic: 'contest' } });
  });

  it('refuses an answer that names no offer, listing the kinds', () => {
    const result = parseOffer('something nice', 'CNY');
    expect(!result.ok && en(result.error)).toMatch(/discount, coupon, gift/);
    // A Chinese reader is told the kinds in Chinese.
    expect(!result.ok && zh(result.error)).toContain('折扣、优惠券、赠品');
  });

  it('splits who qualifies from how long it runs', () => {
    expect(readTerms('first order over ¥199, 1–11 Nov')).toEqual({ eligibility: 'first order over ¥199', duration: '1–11 Nov' });
    expect(readTerms('members only during launch week')).toEqual({ eligibility: 'members only', duration: 'launch week' });
    expect(readTerms('new customers')).toEqual({ eligibility: 'new customers' });
    expect(readTerms('首单，上市首月')).toEqual({ eligibility: '首单', duration: '上市首月' });
    expect(readTerms('满199元的新客，11月1日至11日')).toEqual({ eligibility: '满199元的新客', duration: '11月1日至11日' });
    expect(readTerms('会员，老客')).toEqual({ eligibility: '会员，老客' });
  });
});

import { describe, expect, it } from 'vitest';
import { GOAL_METRICS, OBJECTIVES, STAGES, type Objective, type Stage } from '../../../src/domain/plan/plan.js';
import { loadScript } from '../../../src/app/load-script.js';
import { validateCatalogue } from '../../../src/domain/channels/channel-catalogue.js';
import { kpiInfo } from '../../../src/domain/channels/kpis.js';
import {
  OBJECTIVE_METRICS,
  STAGE_FIT,
  channelFitsStage,
  channelStages,
  recommendedChannels,
  metricMeasuresObjective,
  objectiveFitsStage,
  stagesForObjective,
} from '../../../src/domain/channels/stage-fit.js';

describe('stage fit', () => {
  it('covers every buying stage with objectives, messages and channels', () => {
    expect(Object.keys(STAGE_FIT)).toEqual([...STAGES]);
    for (const stage of STAGES) {
      expect(STAGE_FIT[stage].objectives.length).toBeGreaterThan(0);
      expect(STAGE_FIT[stage].messages).not.toBe('');
      expect(STAGE_FIT[stage].recommended.b2c.length).toBeGreaterThan(0);
      expect(STAGE_FIT[stage].recommended.b2b.length).toBeGreaterThan(0);
    }
  });

  it('follows the domain table', () => {
    expect(stagesForObjective('category-demand')).toEqual(['need-recognition']);
    expect(stagesForObjective('brand-awareness')).toEqual(['need-recognition', 'information-search']);
    expect(stagesForObjective('brand-attitude')).toEqual(['information-search', 'evaluation', 'post-purchase']);
    expect(stagesForObjective('purchase-intention')).toEqual(['evaluation', 'purchase-decision', 'post-purchase']);
  });

  it('fits only what the table lists, and nothing unknown', () => {
    expect(objectiveFitsStage('purchase-intention', 'purchase-decision')).toBe(true);
    expect(objectiveFitsStage('brand-awareness', 'purchase-decision')).toBe(false);
    expect(objectiveFitsStage('purchase-intention', 'toString' as Stage)).toBe(false);
    expect(objectiveFitsStage('nonsense' as Objective, 'evaluation')).toBe(false);
  });

  it('gives every objective at least one stage and one measuring metric', () => {
    for (const objective of OBJECTIVES) {
      expect(stagesForObjective(objective).length).toBeGreaterThan(0);
      expect(OBJECTIVE_METRICS[objective].length).toBeGreaterThan(0);
      for (const metric of OBJECTIVE_METRICS[objective]) expect(GOAL_METRICS).toContain(metric);
    }
  });

  it('measures objectives with the metrics of the objective table', () => {
    expect(metricMeasuresObjective('awareness', 'brand-awareness')).toBe(true);
    expect(metricMeasuresObjective('trust', 'brand-attitude')).toBe(true);
    expect(metricMeasuresObjective('conversion', 'purchase-intention')).toBe(true);
    expect(metricMeasuresObjective('awareness', 'purchase-intention')).toBe(false);
    expect(metricMeasuresObjective('awareness', 'constructor' as Objective)).toBe(false);
  });
});

describe('the recommended channels and the catalogue', () => {
  const catalogue = loadScript().catalogue;

  it('recommends for every stage and business model only catalogue channels that reach that stage', () => {
    for (const stage of STAGES) {
      for (const model of ['b2c', 'b2b'] as const) {
        const ids = STAGE_FIT[stage].recommended[model];
        const found = recommendedChannels(stage, model, catalogue);
        expect(found.map((c) => c.id), `${stage}/${model}`).toEqual(ids);
        for (const channel of found) expect(channelFitsStage(channel, stage, model), `${channel.id} at ${stage} (${model})`).toBe(true);
      }
    }
  });

  it('reads B2B stages where a channel has them, and the B2C stages otherwise', () => {
    const email = catalogue.find((c) => c.id === 'owned-email-crm')!;
    expect(channelFitsStage(email, 'evaluation', 'b2b')).toBe(true);
    expect(channelFitsStage(email, 'evaluation', 'b2c')).toBe(false);
    const search = catalogue.find((c) => c.id === 'paid-search-ads')!;
    expect(channelStages(search, 'b2b')).toEqual(channelStages(search, 'b2c'));
    expect(channelStages({ id: 'x', name: 'x', media: 'paid' } as never, 'b2c')).toEqual([]);
  });

  it('holds the channels the contact plan needs, each with a format and known KPIs', () => {
    for (const id of ['owned-live-streaming', 'paid-kol-live', 'owned-events', 'owned-webinars', 'owned-sampling', 'owned-pop-up', 'owned-referral', 'earned-review-sites', 'owned-sms', 'owned-wechat-channels', 'paid-abm', 'paid-linkedin-ads']) {
      expect(catalogue.some((c) => c.id === id), id).toBe(true);
    }
    for (const channel of catalogue) {
      expect(channel.format, channel.id).toBeTruthy();
      for (const kpi of Object.values(channel.kpis ?? {})) expect(kpiInfo(kpi), `${channel.id}: ${kpi}`).toBeDefined();
    }
  });

  it('refuses a catalogue entry with a KPI it does not know', () => {
    const raw = { channels: [{ id: 'owned-x', name: 'X', media: 'owned', stages: ['evaluation'], kpis: { evaluation: 'happiness' } }] };
    expect(() => validateCatalogue(raw)).toThrow(/channel "owned-x": unknown KPI "happiness" \(at evaluation\)/);
  });
});

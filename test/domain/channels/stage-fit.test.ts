import { describe, expect, it } from 'vitest';
import { GOAL_METRICS, OBJECTIVES, STAGES, type Objective, type Stage } from '../../../src/domain/plan/plan.js';
import {
  OBJECTIVE_METRICS,
  STAGE_FIT,
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

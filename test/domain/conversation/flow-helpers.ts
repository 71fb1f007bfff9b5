/** Shared answers and a driver for the flow tests. */
import { loadScript } from '../../../src/app/load-script.js';
import { withExamples } from '../../fixtures/typed-answers.js';
import { interpretReply, startFlow, stepFlow, type FlowEffect, type FlowInput, type StepResult } from '../../../src/domain/conversation/flow.js';
import { inEnglish, type InEnglish } from '../../support/english-effects.js';

export const script = loadScript();
/** 1 March 2026, 9:00 in Shanghai. */
export const NOW = new Date('2026-03-01T01:00:00Z');
export const TZ = 'Asia/Shanghai';

/** Typed replies that produce a plan with no errors or warnings (funnel path); questions they leave out get their example. */
export const FUNNEL_REPLIES: Record<string, string> = withExamples({
  campaign: 'Spring tea launch 2026',
  brand: 'Moonleaf Tea',
  problems: 'brand, communication',
  key_problem: 'communication',
  problem_statement: 'Office workers who want a healthy drink do not think of Moonleaf.',
  audience_description: 'Office workers aged 25 to 35 in Shanghai',
  audience_segment: 'competitor-loyal',
  audience_stage: 'evaluation',
  involvement: 'low',
  motivation: 'transformational',
  research: 'consumer insight, competition',
  insight: 'Office workers want a calm moment, not more caffeine. 12 of 15 we interviewed said so.',
  primary_objective: 'purchase intention',
  secondary_objectives: 'brand attitude',
  goals: 'conversion 1% -> 2% by 2026-06-15',
  concept: 'A calm cup in a busy day',
  proposition: 'A calm cup in a busy day, because it is steeped slowly from single-estate leaves',
  message_type: 'both',
  incentive_offer: '¥20 coupon',
  incentive_terms: 'first order, launch month',
  incentive_redemptions: '2,000',
  channels: 'Website, Search ads, Reviews and word of mouth',
  contact_plan: 'accept',
  currency: 'CNY',
  budget_available: '300000',
  target_revenue: '1000000',
  average_order_value: '1000',
  conversion_rate: '1%',
  cost_per_visit: '2',
  customer_value: '3000',
  audience_size: '2000000',
  reach_rate: '60%',
  frequency: '3',
  cpm: '40',
  channel_cpv: 'same',
  channel_cpm: 'same',
  retention_base: '3000',
  repeat_uplift: '10%',
  cost_per_contact: '0.50',
  gross_margin: '40%',
  non_media: 'content ¥20,000 for the website',
  start_date: '2026-04-01',
  end_date: '2026-05-31',
  review_date: '2026-06-15',
  phasing: 'burst',
  peak_start: '2026-05-01',
  peak_end: '2026-05-07',
  call_to_action: 'yes',
}, script.questions);

/** The question the last effects ask, if any. */
export function askedId(result: StepResult): string | undefined {
  const ask = result.effects.find((e): e is Extract<FlowEffect, { type: 'ask' | 'reask' }> => e.type === 'ask' || e.type === 'reask');
  return ask?.question.id;
}

/** Sends one input. */
export function send(result: StepResult, input: FlowInput | string): StepResult {
  const parsed = typeof input === 'string' ? interpretReply(input) : input;
  return stepFlow(script, result.state, parsed, NOW);
}

/** Answers every question asked with `replies` until the flow stops asking, re-asks, or asks `stopAt`. */
export function walk(result: StepResult, replies: Record<string, string> = FUNNEL_REPLIES, stopAt?: string): StepResult {
  let current = result;
  for (let guard = 0; guard < 100; guard++) {
    const id = askedId(current);
    if (id === undefined || id === stopAt || current.effects.some((e) => e.type === 'reask')) return current;
    const reply = replies[id];
    if (reply === undefined) throw new Error(`no reply for ${id}`);
    current = send(current, { type: 'text', text: reply });
  }
  throw new Error('the flow never stopped asking');
}

/** Starts a flow with the campaign unanswered. */
export function start(options: Partial<Parameters<typeof startFlow>[1]> = {}): StepResult {
  return startFlow(script, { now: NOW, timeZone: TZ, ...options });
}

/** The effect of a type, or a failure. */
export function effect<T extends FlowEffect['type']>(result: StepResult, type: T): InEnglish<Extract<FlowEffect, { type: T }>> {
  const found = result.effects.find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} effect in ${JSON.stringify(result.effects.map((e) => e.type))}`);
  return inEnglish(found as Extract<FlowEffect, { type: T }>);
}

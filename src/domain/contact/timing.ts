/**
 * When a touchpoint happens (domain §7): a phase of the schedule, a date, a trigger such
 * as "7 days after first order", or always on. Read from what people type, and proposed
 * for each stage of the journey.
 */
import { parseDate } from '../parse/parse-date.js';
import type { Channel, MediaType, Parsed, Stage, TouchpointTiming } from '../plan/plan.js';
import { fail, ok } from '../parse/parsed-result.js';
import { readInput } from '../parse/read-input.js';
import { joined, phrase } from '../message/phrase.js';

/** Phase ids of the schedule, and the words people use for each; other languages add theirs. */
export const PHASE_WORDS: Record<string, readonly string[]> = {
  'warm-up': ['warm-up', 'warm up', 'warmup', 'pre-heat', 'preheat', 'pre heat', 'teaser', 'pre-launch', 'prelaunch', 'before launch', '预热'],
  launch: ['launch', 'launch week', 'launch day', 'burst', 'go-live', '上线', '首发'],
  peak: ['peak', 'peak window', 'peak day', 'sale day', 'double 11', '11.11', '618', 'black friday', '大促', '爆发'],
  sustain: ['sustain', 'tail', 'follow-up', 'after launch', 'post-launch', 'rest of the campaign', '长尾', '持续'],
};

const ALWAYS = new Set(['always', 'always on', 'always-on', 'ongoing', 'throughout', 'all the time', 'the whole campaign', '全程', '常态']);

/** "7 days after first order", "after first order + 7 days", "after sign-up". */
const DAYS_AFTER = /^(?:(\d{1,3})\s*(?:days?|d)\s+after\s+(.+)|after\s+(.+?)\s*\+\s*(\d{1,3})\s*(?:days?|d))$/;
const AFTER = /^(?:after|on|at|when|upon)\s+(.+)$/;

/** Reads a typed timing: always, a phase word, a trigger ("7 days after first order"), or a date. */
export function parseTiming(text: string, now: Date, timeZone: string): Parsed<TouchpointTiming> {
  const input = readInput(text, 120, phrase('parse.timing.examples'));
  if (!input.ok) return input;
  const typed = input.value.toLowerCase().replace(/[.!]+$/, '');
  if (ALWAYS.has(typed)) return ok({ kind: 'always' });
  const phase = Object.entries(PHASE_WORDS).find(([, words]) => words.includes(typed));
  if (phase) return ok({ kind: 'phase', phase: phase[0] });
  const daysAfter = DAYS_AFTER.exec(typed);
  if (daysAfter) {
    const days = Number(daysAfter[1] ?? daysAfter[4]);
    const event = (daysAfter[2] ?? daysAfter[3] ?? '').trim();
    return ok({ kind: 'trigger', event, offsetDays: days });
  }
  const date = parseDate(input.value, now, timeZone);
  if (date.ok) return ok({ kind: 'date', date: date.value });
  const after = AFTER.exec(typed);
  if (after?.[1]) return ok({ kind: 'trigger', event: after[1].trim() });
  return fail(joined(phrase('parse.timing.unreadable', { typed: { typed: input.value } }), phrase('parse.timing.examples')));
}

/**
 * The proposed timing of a touchpoint: paid media runs in bursts around the launch (the
 * first stage of a longer journey warms up before it) unless it is always-on by nature
 * (search), owned and earned media stay on,
 * and after the purchase the contact is triggered by the order itself (seed 002: when and
 * where the customer can be reached).
 */
export function proposeTiming(stage: Stage, channel: Pick<Channel, 'media' | 'alwaysOn'>, journey: readonly Stage[]): TouchpointTiming {
  const media: MediaType = channel.media;
  if (stage === 'post-purchase') {
    return media === 'earned' ? { kind: 'always' } : { kind: 'trigger', event: 'first order', offsetDays: 7 };
  }
  if (channel.alwaysOn === true) return { kind: 'always' };
  if (media !== 'paid') return stage === 'purchase-decision' ? { kind: 'phase', phase: 'launch' } : { kind: 'always' };
  const warmsUp = journey.length > 1 && journey[0] === stage && stage !== 'purchase-decision';
  return { kind: 'phase', phase: warmsUp ? 'warm-up' : 'launch' };
}

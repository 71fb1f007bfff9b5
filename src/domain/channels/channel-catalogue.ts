/**
 * The channel catalogue (prompts/channels.yml) checked as data: every entry is a
 * valid `Channel` and ids are unique, so plans can store channel ids safely.
 */
import { z } from 'zod';
import { ChannelSchema, type Channel } from '../plan/plan.js';
import { ScriptError } from '../conversation/script.js';
import { KPIS, kpiInfo } from './kpis.js';

/** Slack static selects hold at most 100 options; the channel question is one of them. */
export const MAX_CHANNELS = 100;

const CatalogueSchema = z.object({ channels: z.array(z.unknown()).min(1) });

/** Checks the parsed channels.yml (`{ channels: [...] }`) and returns the channels; throws ScriptError naming the entry. */
export function validateCatalogue(raw: unknown): Channel[] {
  const top = CatalogueSchema.safeParse(raw);
  if (!top.success) {
    throw new ScriptError('the channel catalogue must be an object with a non-empty `channels` list');
  }
  const channels = top.data.channels.map((entry, index) => validateChannel(entry, index));
  if (channels.length >= MAX_CHANNELS) {
    throw new ScriptError(`the channel catalogue has ${channels.length} channels; keep it under ${MAX_CHANNELS} (a Slack menu holds at most ${MAX_CHANNELS})`);
  }
  const seen = new Set<string>();
  for (const channel of channels) {
    if (seen.has(channel.id)) throw new ScriptError(`channel "${channel.id}" appears more than once in the catalogue`);
    seen.add(channel.id);
  }
  return channels;
}

function validateChannel(entry: unknown, index: number): Channel {
  const parsed = ChannelSchema.strict().safeParse(entry);
  const id = typeof entry === 'object' && entry !== null && 'id' in entry ? String(entry.id) : `#${index + 1}`;
  if (!parsed.success) throw new ScriptError(`channel "${id}": ${describeIssues(parsed.error)}`);
  const unknown = Object.entries(parsed.data.kpis ?? {}).filter(([, kpi]) => kpiInfo(kpi) === undefined);
  if (unknown.length > 0) {
    const listed = unknown.map(([stage, kpi]) => `"${kpi}" (at ${stage})`).join(', ');
    throw new ScriptError(`channel "${id}": unknown KPI ${listed}; use one of ${Object.keys(KPIS).join(', ')}`);
  }
  return parsed.data;
}

/** Turns zod issues into one readable line: "stages: ...; media: ...". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

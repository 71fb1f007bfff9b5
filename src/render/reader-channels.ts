/**
 * A plan names its channels as the catalogue did when they were chosen (the English
 * catalogue's "Search ads"), or as the team typed them. Shown to a reader of another
 * language, a catalogue channel takes that language's catalogue name ("搜索广告"); a name
 * the team typed itself stays as typed. Pure: the plan is not changed, and a plan with
 * nothing to rename is returned as it is.
 */
import type { Channel } from '../domain/plan/plan.js';

/** `plan` with its catalogue channels named from `reader` (the reader's catalogue) instead of `english`. */
export function channelsInReaderWords<T extends { channels?: Channel[] }>(plan: T, english: readonly Channel[], reader: readonly Channel[]): T {
  if (english === reader || !plan.channels || plan.channels.length === 0) return plan;
  let changed = false;
  const channels = plan.channels.map((channel) => {
    const ours = english.find((c) => c.id === channel.id);
    const theirs = reader.find((c) => c.id === channel.id);
    if (!ours || !theirs || ours.name !== channel.name || theirs.name === channel.name) return channel;
    changed = true;
    return { ...channel, name: theirs.name };
  });
  return changed ? { ...plan, channels } : plan;
}

/** Every version's plan of `record` with its channels in the reader's words (see {@link channelsInReaderWords}). */
export function recordInReaderWords<R extends { versions: { plan: { channels?: Channel[] } }[] }>(record: R, english: readonly Channel[], reader: readonly Channel[]): R {
  if (english === reader) return record;
  let changed = false;
  const versions = record.versions.map((version) => {
    const plan = channelsInReaderWords(version.plan, english, reader);
    if (plan === version.plan) return version;
    changed = true;
    return { ...version, plan };
  });
  return changed ? { ...record, versions } : record;
}

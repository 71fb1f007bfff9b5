/**
 * Reading a change to one row of the contact plan, as typed in the thread after
 * `change row 3`: `channel: Xiaohongshu; timing: 7 days after first order`, a new
 * message on its own, or `remove`.
 */
import { KPIS, kpiInfo } from '../channels/kpis.js';
import { matchChoice } from '../parse/match-choice.js';
import { parseYesNo } from '../parse/parse-yes-no.js';
import { fail, joinNotes, ok } from '../parse/parsed-result.js';
import { phrase, type Phrase } from '../message/phrase.js';
import { DATA_SOURCES, labelOf, STAGES, type Channel, type DataSource, type Labels, type Parsed, type Touchpoint } from '../plan/plan.js';
import type { RowChange } from './contact-plan.js';
import { parseTiming } from './timing.js';

/** What reading a row change needs. */
export interface RowEditContext {
  catalogue: readonly Channel[];
  /** The labels the stages are offered by (the script's). */
  labels: Labels;
  now: Date;
  timeZone: string;
}

type Settable = Exclude<keyof Touchpoint, 'id' | 'authored'>;
type RowSet = Extract<RowChange, { set: unknown }>['set'];

/** The words that name each field, longest first when matching; other languages add theirs. */
export const ROW_FIELD_WORDS: Record<Settable, readonly string[]> = {
  stage: ['stage'],
  channelId: ['channel', 'media'],
  format: ['format'],
  timing: ['timing', 'when', 'trigger'],
  message: ['message', 'says', 'copy'],
  kpi: ['kpi', 'metric'],
  callToAction: ['call to action', 'cta'],
  usesIncentive: ['incentive', 'offer'],
};

/** The example of a row change, as typed (kept in English: the field words are English). */
export const ROW_EDIT_EXAMPLE = phrase('parse.row.example');
const REMOVE = /^(?:remove|delete|drop)(?: (?:it|this row|the row|row))?$/;
const MAX_MESSAGE = 300;

const FIELD_NAMES = Object.entries(ROW_FIELD_WORDS)
  .flatMap(([field, words]) => words.map((word) => [word, field as Settable] as const))
  .sort((a, b) => b[0].length - a[0].length);

/** `channel: X`, `channel = X` or `channel X`: the field named at the start of a part, and its value. */
function fieldOf(part: string): { field: Settable; value: string } | undefined {
  const lowered = part.toLowerCase();
  for (const [word, field] of FIELD_NAMES) {
    if (!lowered.startsWith(word)) continue;
    const rest = part.slice(word.length);
    const match = /^\s*[:=]\s*|^\s+/.exec(rest);
    if (match) return { field, value: rest.slice(match[0].length).trim() };
  }
  return undefined;
}

/** Reads `GMV (platform)`, `leads via crm`, `repeat rate`: a KPI id or typed name, and its source. */
function readKpi(value: string): Parsed<NonNullable<Touchpoint['kpi']>> {
  const sourceMatch = /\s*(?:\(\s*|\[\s*|\bvia\s+|\bfrom\s+)(survey|analytics|crm|platform|sales)(?:\s+data)?\s*[)\]]?\s*$/i.exec(value);
  const named = sourceMatch?.[1]?.toLowerCase() as DataSource | undefined;
  const metricText = (sourceMatch ? value.slice(0, sourceMatch.index) : value).trim();
  if (metricText === '') return fail('parse.row.kpi_missing');
  const lowered = metricText.toLowerCase();
  const known = Object.entries(KPIS).find(([id, info]) => id === lowered.replace(/\s+/g, '-') || info.label.toLowerCase() === lowered);
  const metric = known?.[0] ?? metricText;
  const source = named ?? (known ? known[1].source : undefined);
  if (source === undefined || !DATA_SOURCES.includes(source)) {
    return fail('parse.row.kpi_source', { typed: { typed: metricText }, example: metricText.slice(0, 30) });
  }
  return ok({ metric, source });
}

function readField(field: Settable, value: string, ctx: RowEditContext): Parsed<Partial<Record<Settable, unknown>>> {
  if (value === '') return fail('parse.row.value_missing', { field: ROW_FIELD_WORDS[field][0] ?? field, example: ROW_EDIT_EXAMPLE });
  switch (field) {
    case 'stage': {
      const stage = matchChoice(value, STAGES.map((id) => ({ id, label: labelOf(ctx.labels, 'stage', id) })));
      return stage.ok ? ok({ stage: stage.value }, stage.note) : fail('parse.row.stage', { reason: stage.error });
    }
    case 'channelId': {
      const channel = matchChoice(value, ctx.catalogue.map((c) => ({ id: c.id, label: c.name })));
      return channel.ok ? ok({ channelId: channel.value }, channel.note) : fail('parse.row.channel', { reason: channel.error });
    }
    case 'timing': {
      const timing = parseTiming(value, ctx.now, ctx.timeZone);
      return timing.ok ? ok({ timing: timing.value }, timing.note) : timing;
    }
    case 'kpi': {
      const kpi = readKpi(value);
      return kpi.ok ? ok({ kpi: kpi.value }) : kpi;
    }
    case 'callToAction':
    case 'usesIncentive': {
      const yes = parseYesNo(value);
      return yes.ok ? ok({ [field]: yes.value }) : yes;
    }
    case 'format':
      return value.length > 80 ? fail('parse.row.format_too_long') : ok({ format: value });
    case 'message':
      return value.length > MAX_MESSAGE ? fail('parse.row.message_too_long', { max: String(MAX_MESSAGE) }) : ok({ message: value });
  }
}

/**
 * Reads a change to a row: parts separated by `;` or new lines, each starting with the
 * field it sets; a reply that names no field is the row's new message; `remove` drops it.
 */
export function parseRowEdit(text: string, ctx: RowEditContext): Parsed<RowChange> {
  const clean = text.replace(/\r\n?/g, '\n').trim();
  if (clean === '') return fail('parse.row.empty', { example: ROW_EDIT_EXAMPLE });
  if (clean.length > 2000) return fail('parse.row.too_long', { example: ROW_EDIT_EXAMPLE });
  if (REMOVE.test(clean.toLowerCase().replace(/[.!]+$/, ''))) return ok({ remove: true });
  const parts = clean.split(/\s*(?:;|\n)\s*/).filter((part) => part !== '');
  const fields = parts.map(fieldOf);
  if (fields.every((field) => field === undefined)) {
    const message = readField('message', clean.replace(/\s+/g, ' '), ctx);
    return message.ok ? ok({ set: message.value as RowSet }) : message;
  }
  const set: Record<string, unknown> = {};
  const notes: (Phrase | undefined)[] = [];
  for (const [index, part] of parts.entries()) {
    const named = fields[index];
    if (!named) return fail('parse.row.unknown_field', { typed: { typed: part }, example: ROW_EDIT_EXAMPLE });
    const read = readField(named.field, named.value, ctx);
    if (!read.ok) return read;
    Object.assign(set, read.value);
    notes.push(read.note);
  }
  return ok({ set: set as RowSet }, joinNotes(notes));
}

/** Whether a KPI id is one the catalogue knows (a hand-typed one is shown as typed). */
export function isKnownKpi(metric: string): boolean {
  return kpiInfo(metric) !== undefined;
}

/**
 * The review follows the contact plan (domain §9): actuals per touchpoint where the team
 * has them (`row 2: 45,000 clicks, spend ¥60,000, visits 30,000`), each row's KPI against
 * nothing more than what happened, and the per-channel rates (cost per visit, CPM,
 * conversion) the next plan starts from.
 */
import { kpiInfo } from '../channels/kpis.js';
import { parseMoney } from '../parse/parse-money.js';
import { readRate } from '../parse/parse-rate.js';
import { fail, ok } from '../parse/parsed-result.js';
import { readNumber, toNumber } from '../parse/read-number.js';
import type { ChannelRate } from '../conversation/flow-state.js';
import type { Currency, GoalUnit, Parsed, Plan, Stage } from '../plan/plan.js';

/** What the team reports for one row of the contact plan. */
export interface TouchpointActual {
  /** 1-based position of the row in the plan's contact plan. */
  row: number;
  /** The row's KPI, in the KPI's unit (fractions for percent, minor units for money). */
  kpi?: number;
  spend?: number;
  visits?: number;
  impressions?: number;
  orders?: number;
}

/** One row's outcome, with the rates its figures give. */
export interface TouchpointResult extends TouchpointActual {
  channelId: string;
  stage: Stage;
  kpiMetric?: string;
  kpiUnit?: GoalUnit;
  costPerVisit?: number;
  cpm?: number;
  conversion?: number;
}

export const TOUCHPOINT_ACTUALS_EXAMPLE = '`row 2: 45,000, spend ¥60,000, visits 30,000`';
const FIELDS = ['spend', 'visits', 'impressions', 'orders'] as const;
type Field = (typeof FIELDS)[number];
/** The words that name each figure, longest first within a language; other languages add theirs. */
export const FIELD_WORDS: Record<Field, readonly string[]> = {
  spend: ['spend', 'spent', 'cost', '实际花费', '花费', '花了', '投入', '费用'],
  visits: ['visits', '访问量', '访问次数', '访问', '进店', '到访'],
  impressions: ['impressions', '曝光量', '曝光次数', '曝光', '展示量'],
  orders: ['orders', '订单数', '订单量', '订单', '成交'],
};
/** `row 2: …`, `2. …`, `#2 …`, `第2行：…`, `第2行 …`. */
const LINE = /^\s*(?:row\s*|第\s*)?#?(\d{1,3})\s*(?:行)?\s*[:：.)、-]?\s*(.*)$/i;
/** Figures are separated by a comma and a space (so "1,100,000" keeps its own commas), a semicolon, or a Chinese comma. */
const FIGURE_SEPARATOR = /\s*,\s+|\s*[;；，、]\s*/;
/** Between lines: a new line, or a semicolon before the next row's number. */
const ROW_SEPARATOR = /\n|[;；](?=\s*(?:row\s*|第\s*)?#?\d)/i;
/** A Chinese counter word after a figure: 500单, 4万人, 3次. */
const COUNT_WORD = /(?<=\d|[万亿千百])\s*(?:单|笔|人|次|个|份)$/u;

function fieldOf(part: string): { field: Field; value: string } | undefined {
  const lowered = part.toLowerCase();
  for (const field of FIELDS) {
    const word = FIELD_WORDS[field].find((w) => lowered.startsWith(w));
    if (word) return { field, value: part.slice(word.length).replace(/^\s*[:=：]?\s*/, '') };
  }
  return undefined;
}

function readCount(text: string): number | undefined {
  const number = readNumber(text.toLowerCase().replace(/\s+/g, ' ').trim().replace(COUNT_WORD, ''));
  if (number === undefined || number.negative) return undefined;
  const value = toNumber(number);
  return Number.isSafeInteger(value) ? value : undefined;
}

function readSpend(text: string, currency: Currency): number | undefined {
  const money = parseMoney(text, currency, { allowZero: true });
  return money.ok ? money.value : undefined;
}

/** A KPI actual in the KPI's unit: `1.8%`, `¥12,000`, `45,000` or a score. */
function readKpiValue(text: string, unit: GoalUnit, currency: Currency): number | undefined {
  // A name after the figure, `45,000 clicks` or `5.2万次点击`, is the KPI's, not part of the figure.
  const clean = text
    .trim()
    .replace(/\s+[a-z][a-z -]*$/i, '')
    .replace(/(?<=[\d万亿千百%％])\s*(?:[^\P{Script=Han}万亿千百元]|[单笔人次个份])+$/u, '');
  if (unit === 'percent') {
    const rate = readRate(clean.toLowerCase());
    if (!rate || rate.number.negative) return undefined;
    const value = toNumber(rate.number, rate.percentSign || toNumber(rate.number) >= 1 ? -2 : 0);
    return value <= 1 ? value : undefined;
  }
  if (unit === 'money') {
    const money = parseMoney(clean, currency, { allowZero: true });
    return money.ok ? money.value : undefined;
  }
  const number = readNumber(clean.toLowerCase());
  if (number === undefined) return undefined;
  const value = toNumber(number);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Reads the per-row actuals: one line per row, `row <n>:` then the KPI's actual and, when
 * known, `spend`, `visits`, `impressions` and `orders`. Rows the plan lacks are refused.
 */
export function parseTouchpointActuals(text: string, plan: Plan): Parsed<TouchpointActual[]> {
  const rows = plan.contactPlan ?? [];
  const currency = plan.budget.currency;
  const lines = text.replace(/\r\n?/g, '\n').split(ROW_SEPARATOR).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return fail('parse.touchpoints.none');
  const actuals: TouchpointActual[] = [];
  for (const line of lines) {
    const match = LINE.exec(line);
    const number = match ? Number(match[1]) : NaN;
    const row = rows[number - 1];
    if (!match || !row) {
      return fail('parse.touchpoints.no_such_row', { typed: { typed: line }, rows: String(rows.length) });
    }
    const actual: TouchpointActual = { row: number };
    // Figures are separated by a comma and a space; "1,100,000" keeps its own commas.
    for (const part of (match[2] ?? '').split(FIGURE_SEPARATOR).filter((p) => p !== '')) {
      const named = fieldOf(part);
      const field = named?.field;
      const value = named ? named.value : part;
      if (field) {
        const read = field === 'spend' ? readSpend(value, currency) : readCount(value);
        if (read === undefined) return fail('parse.touchpoints.unreadable', { row: String(number), typed: { typed: part } });
        (actual as Record<Field, number>)[field] = read;
        continue;
      }
      const unit = row.kpi ? (kpiInfo(row.kpi.metric)?.unit ?? 'count') : 'count';
      const kpi = readKpiValue(value, unit, currency);
      if (kpi === undefined || actual.kpi !== undefined) {
        return fail('parse.touchpoints.kpi_unreadable', { row: String(number), typed: { typed: part } });
      }
      actual.kpi = kpi;
    }
    const { row: _row, ...figures } = actual;
    if (Object.keys(figures).length === 0) return fail('parse.touchpoints.no_figure', { row: String(number) });
    actuals.push(actual);
  }
  return ok(actuals);
}

/** a / b rounded to whole minor units, when both are known and b is positive. */
function per(a: number | undefined, b: number | undefined, scale = 1): number | undefined {
  return a === undefined || b === undefined || !(b > 0) ? undefined : Math.round((a * scale) / b);
}

/** Each reported row with the rates its figures give, in plan order. */
export function touchpointResults(plan: Plan, actuals: readonly TouchpointActual[]): TouchpointResult[] {
  return actuals.flatMap((actual): TouchpointResult[] => {
    const row = (plan.contactPlan ?? [])[actual.row - 1];
    if (!row) return [];
    const conversion = actual.orders !== undefined && actual.visits !== undefined && actual.visits > 0 ? actual.orders / actual.visits : undefined;
    const costPerVisit = per(actual.spend, actual.visits);
    const cpm = per(actual.spend, actual.impressions, 1000);
    return [
      {
        ...actual,
        channelId: row.channelId,
        stage: row.stage,
        ...(row.kpi ? { kpiMetric: row.kpi.metric, kpiUnit: kpiInfo(row.kpi.metric)?.unit ?? 'count' } : {}),
        ...(costPerVisit !== undefined && costPerVisit > 0 ? { costPerVisit } : {}),
        ...(cpm !== undefined && cpm > 0 ? { cpm } : {}),
        ...(conversion !== undefined && conversion > 0 && conversion <= 1 ? { conversion: Number(conversion.toPrecision(12)) } : {}),
      },
    ];
  }).sort((a, b) => a.row - b.row);
}

/** Per-channel rates for the next plan: the figures of a channel's rows summed, then divided. */
export function channelRates(results: readonly TouchpointResult[]): ChannelRate[] {
  const byChannel = new Map<string, TouchpointResult[]>();
  for (const result of results) byChannel.set(result.channelId, [...(byChannel.get(result.channelId) ?? []), result]);
  return [...byChannel.entries()].flatMap(([channelId, rows]): ChannelRate[] => {
    const sum = (field: Field) => (rows.some((r) => r[field] !== undefined) ? rows.reduce((total, r) => total + (r[field] ?? 0), 0) : undefined);
    const spend = sum('spend');
    const visits = sum('visits');
    const orders = sum('orders');
    const costPerVisit = per(spend, visits);
    const cpm = per(spend, sum('impressions'), 1000);
    const conversion = orders !== undefined && visits !== undefined && visits > 0 ? orders / visits : undefined;
    const first = rows.find((r) => r.kpiMetric !== undefined && r.kpi !== undefined);
    const rate: ChannelRate = {
      channelId,
      ...(costPerVisit !== undefined && costPerVisit > 0 ? { costPerVisit } : {}),
      ...(cpm !== undefined && cpm > 0 ? { cpm } : {}),
      ...(conversion !== undefined && conversion > 0 && conversion <= 1 ? { conversion: Number(conversion.toPrecision(12)) } : {}),
      ...(first?.kpiMetric !== undefined && first.kpi !== undefined ? { kpi: { metric: first.kpiMetric, actual: first.kpi } } : {}),
    };
    return Object.keys(rate).length > 1 ? [rate] : [];
  });
}

/**
 * The budget sketch's view model: the objective-and-task maths spelled out, the
 * comparison with the money available, the allocation and the phases, each figure
 * formatted for `budget-sketch.hbs`. Pure: no Handlebars, no I/O, no clock.
 */
import type { BudgetSketch, ChannelAllocation } from '../domain/budget/budget-types.js';
import { formatMoney, formatNumber, formatRate } from '../domain/plan/format.js';
import { MEDIA_LABELS, type Currency, type Plan } from '../domain/plan/plan.js';
import { joinAnd, phaseView, type PhaseView } from './view-text.js';

/** The funnel maths, each figure formatted. */
export interface FunnelView {
  targetRevenue: string;
  conversionRate: string;
  averageOrderValue: string;
  visits: string;
  costPerVisit: string;
  budget: string;
  orders: string;
  costPerOrder: string;
}

/** The reach maths, each figure formatted. */
export interface ReachView {
  audienceSize: string;
  reachRate: string;
  frequency: string;
  impressions: string;
  cpm: string;
  budget: string;
}

/** Cost per order against what an order brings. */
export interface RociView {
  costPerOrder: string;
  value: string;
  basis: string;
  exceeds: boolean;
}

/** The required budget against the money available. */
export interface ComparisonView {
  available: string;
  required: string;
  /** e.g. "Shortfall of ¥50,000". */
  verdict: string;
  isShortfall: boolean;
  /** What the available money buys, e.g. "about 75,000 visits, 750 orders and ¥750,000 of revenue". */
  achievable: string | null;
}

/** One row of the allocation table. */
export interface AllocationView {
  name: string;
  media: string;
  amount: string;
  share: string;
  offStage: boolean;
}

/** Everything `budget-sketch.hbs` shows. */
export interface BudgetSketchView {
  /** Plain text for the message header. */
  title: string;
  /** False when no sketch could be made yet; `missing` says why. */
  ready: boolean;
  missing: string | null;
  model: string;
  funnel: FunnelView | null;
  reach: ReachView | null;
  /** True when neither model had the inputs it needs. */
  noMaths: boolean;
  roci: RociView | null;
  comparison: ComparisonView | null;
  working: { amount: string; basis: string };
  allocations: AllocationView[];
  hasAllocations: boolean;
  reserve: { amount: string; share: string };
  phases: PhaseView[];
  hasPhases: boolean;
}


/** The budget sketch: the maths spelled out, the comparison, the allocation and the phases. */
export function budgetSketchView(plan: Plan, sketch: BudgetSketch | undefined): BudgetSketchView {
  const title = `Budget sketch: ${plan.campaign}`;
  if (!sketch) return emptyBudgetView(title, plan.budget.currency);
  const money = (minor: number): string => formatMoney(minor, sketch.currency);
  const allocations = sketch.allocations.map((row) => allocationView(row, money));
  const phases = sketch.phases.map((phase) => phaseView(phase, sketch.currency));
  const funnel = sketch.model === 'funnel' && sketch.funnel ? funnelView(sketch, money) : null;
  const reach = sketch.model === 'reach' && sketch.reach ? reachView(sketch, money) : null;
  return {
    title,
    ready: true,
    missing: null,
    model: sketch.model === 'funnel' ? 'Sales funnel (objective and task)' : 'Reach (objective and task)',
    funnel,
    reach,
    noMaths: !funnel && !reach,
    roci: sketch.roci ? rociView(sketch, money) : null,
    comparison: sketch.comparison ? comparisonView(sketch, money) : null,
    working: {
      amount: money(sketch.workingBudget),
      basis: sketch.comparison ? 'the money available' : 'the budget the objective needs',
    },
    allocations,
    hasAllocations: allocations.length > 0,
    reserve: { amount: money(sketch.reserve), share: shareOf(sketch.reserve, sketch.workingBudget) },
    phases,
    hasPhases: phases.length > 0,
  };
}

function emptyBudgetView(title: string, currency: Currency): BudgetSketchView {
  const zero = formatMoney(0, currency);
  return {
    title,
    ready: false,
    missing:
      'There is no budget sketch yet: it needs the funnel inputs (target revenue, order value, conversion, cost per visit) or the reach inputs (audience size, reach, frequency, CPM).',
    model: '',
    funnel: null,
    reach: null,
    noMaths: true,
    roci: null,
    comparison: null,
    working: { amount: zero, basis: '' },
    allocations: [],
    hasAllocations: false,
    reserve: { amount: zero, share: formatRate(0) },
    phases: [],
    hasPhases: false,
  };
}

function funnelView(sketch: BudgetSketch, money: (minor: number) => string): FunnelView | null {
  const funnel = sketch.funnel;
  if (!funnel) return null;
  const { inputs } = funnel;
  return {
    targetRevenue: money(inputs.targetRevenue),
    conversionRate: formatRate(inputs.conversionRate),
    averageOrderValue: money(inputs.averageOrderValue),
    visits: formatNumber(funnel.visits, 0),
    costPerVisit: money(inputs.costPerVisit),
    budget: money(funnel.mediaBudget),
    orders: formatNumber(funnel.orders, 0),
    costPerOrder: money(funnel.costPerOrder),
  };
}

function reachView(sketch: BudgetSketch, money: (minor: number) => string): ReachView | null {
  const reach = sketch.reach;
  if (!reach) return null;
  const { inputs } = reach;
  return {
    audienceSize: formatNumber(inputs.audienceSize, 0),
    reachRate: formatRate(inputs.reachRate),
    frequency: formatNumber(inputs.frequency),
    impressions: formatNumber(reach.impressions, 0),
    cpm: money(inputs.cpm),
    budget: money(reach.mediaBudget),
  };
}

function rociView(sketch: BudgetSketch, money: (minor: number) => string): RociView | null {
  const roci = sketch.roci;
  if (!roci) return null;
  return {
    costPerOrder: money(roci.costPerOrder),
    value: money(roci.valuePerOrder),
    basis: roci.valueBasis === 'customer-value' ? 'customer value' : 'average order value',
    exceeds: roci.exceeds,
  };
}

function comparisonView(sketch: BudgetSketch, money: (minor: number) => string): ComparisonView | null {
  const comparison = sketch.comparison;
  if (!comparison) return null;
  const gap = money(Math.abs(comparison.difference));
  const verdicts = { shortfall: `Shortfall of ${gap}`, surplus: `Surplus of ${gap}`, exact: 'Exactly enough' };
  const { visits, orders, revenue, impressions, reachRate } = comparison.achievable;
  const bought = [
    visits !== undefined ? `${formatNumber(visits, 0)} visits` : '',
    orders !== undefined ? `${formatNumber(orders, 0)} orders` : '',
    revenue !== undefined ? `${money(revenue)} of revenue` : '',
    impressions !== undefined ? `${formatNumber(impressions, 0)} impressions` : '',
    reachRate !== undefined ? `${formatRate(reachRate)} of the audience at the planned frequency` : '',
  ].filter(Boolean);
  return {
    available: money(comparison.available),
    required: money(comparison.required),
    verdict: verdicts[comparison.status],
    isShortfall: comparison.status === 'shortfall',
    achievable: bought.length > 0 ? `about ${joinAnd(bought)}` : null,
  };
}

function allocationView(row: ChannelAllocation, money: (minor: number) => string): AllocationView {
  return {
    name: row.name,
    media: MEDIA_LABELS[row.media],
    amount: money(row.amount),
    share: formatRate(row.share, 1),
    offStage: row.stageFit === 'off-stage',
  };
}


function shareOf(part: number, whole: number): string {
  return formatRate(whole > 0 ? part / whole : 0, 1);
}


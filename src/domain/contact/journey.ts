/**
 * The journey (domain §7): the stage the audience is at now and the stages the campaign
 * moves it through, proposed from the stage, the objective, the goals and the involvement;
 * and the business model (B2C or B2B), proposed from what the team wrote and chose.
 * Both are proposals: the author can change them (`change journey`, `change business model`).
 */
import { metricInfo } from '../plan/goal-metrics.js';
import { STAGES, type BusinessModel, type Objective, type PlanDraft, type Stage } from '../plan/plan.js';
import { mentionsAny } from '../parse/word-signals.js';

/** The furthest stage each primary objective asks the audience to reach. */
const OBJECTIVE_TARGET: Record<Objective, Stage> = {
  'category-demand': 'information-search',
  'brand-awareness': 'information-search',
  'brand-attitude': 'evaluation',
  'purchase-intention': 'purchase-decision',
};

function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/**
 * The proposed journey: from the audience's stage to the furthest stage that the primary
 * objective or a goal asks for (orders and revenue mean the purchase, repeat rate and NPS
 * the time after it). A low-involvement purchase is not deliberated (Rossiter–Percy), so
 * the evaluation stage is passed over when the journey only goes through it. Post-purchase
 * audiences stay where they are: buying again happens there. Empty while the stage is unknown.
 */
export function proposeJourney(draft: PlanDraft): Stage[] {
  const start = draft.audience?.stage;
  if (start === undefined || !STAGES.includes(start)) return [];
  if (start === 'post-purchase') return [start];
  const objective = draft.primaryObjective;
  const targets = [
    start,
    ...(objective !== undefined && Object.hasOwn(OBJECTIVE_TARGET, objective) ? [OBJECTIVE_TARGET[objective]] : []),
    ...(Array.isArray(draft.goals) ? draft.goals : []).flatMap((goal) => {
      const info = metricInfo(goal?.metric);
      return info ? [info.stage] : [];
    }),
  ];
  const end = Math.max(...targets.map(stageIndex));
  const skipEvaluation = draft.audience?.involvement === 'low';
  return STAGES.slice(stageIndex(start), end + 1).filter(
    (stage, index, all) => !(skipEvaluation && stage === 'evaluation' && index > 0 && index < all.length - 1),
  );
}

/** The journey a draft is judged on: its own, or the audience's stage alone for a plan made before journeys. */
export function journeyOf(draft: PlanDraft): Stage[] {
  const journey = Array.isArray(draft.journey) ? draft.journey.filter((stage) => STAGES.includes(stage)) : [];
  if (journey.length > 0) return STAGES.filter((stage) => journey.includes(stage));
  const stage = draft.audience?.stage;
  return stage !== undefined && STAGES.includes(stage) ? [stage] : [];
}

/**
 * Words that say the buyers are businesses. Whole words, lower case; other languages add
 * theirs here. A B2B-only channel (account-based marketing) says it too.
 */
export const B2B_SIGNALS: readonly string[] = [
  'b2b', 'business customers', 'businesses', 'business owners', 'companies', 'enterprise', 'enterprises', 'smes', 'sme',
  'firms', 'corporate', 'corporates', 'procurement', 'purchasing managers', 'buyers at', 'it managers', 'it directors',
  'it leaders', 'cto', 'ctos', 'cfo', 'cfos', 'cio', 'cios', 'decision makers', 'decision-makers', 'hr leaders',
  'hr managers', 'distributors', 'wholesalers', 'resellers', 'dealers', 'saas', 'accounts',
  '企业', '公司', '采购', '经销商',
];

const B2B_CHANNELS = ['paid-abm'];

/** B2B when the audience, the problem or the brand speak of businesses, or an account-based channel is chosen; else B2C. */
export function proposeBusinessModel(draft: PlanDraft): BusinessModel {
  const text = [draft.audience?.description, draft.problemStatement, draft.brand, draft.campaign]
    .filter((part): part is string => typeof part === 'string')
    .join(' ')
    .toLowerCase();
  if (mentionsAny(text, B2B_SIGNALS, 'letters-and-digits')) return 'b2b';
  const channels = Array.isArray(draft.channels) ? draft.channels : [];
  return channels.some((channel) => B2B_CHANNELS.includes(channel?.id)) ? 'b2b' : 'b2c';
}

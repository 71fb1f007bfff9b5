/**
 * The message plan (seed 003, domain §8): the insight with the research behind it, the
 * proposition and its reason to believe, and the tone; and the test that a touchpoint's
 * message carries the core concept (one voice, seed 004). The answers are free text,
 * read generously: nothing here refuses an answer.
 */
import type { Audience, MessagePlan, ResearchMethod } from '../plan/plan.js';

/** Words that show how an insight was found (seed 000's four methods); other languages add theirs. */
export const METHOD_SIGNALS: Record<ResearchMethod, readonly string[]> = {
  survey: ['survey', 'surveyed', 'questionnaire', 'poll', 'respondents', 'panel', 'quantitative', 'n=', '问卷', '调查'],
  interviews: ['interview', 'interviews', 'interviewed', 'interviewees', 'focus group', 'focus groups', 'talked to', 'spoke to', 'conversations with', 'qualitative', 'in-depth', 'ethnograph', '访谈', '座谈'],
  'big-data': ['data', 'analytics', 'big data', 'index', 'search trends', 'search volume', 'social listening', 'dashboard', 'business advisor', '数据', '指数'],
  desk: ['report', 'reports', 'study', 'studies', 'desk research', 'industry report', 'financial report', 'prospectus', 'published', 'e-commerce reviews', 'article', 'articles', '报告', '研报'],
};

/** "Evidence: …", "(survey of 400 buyers)", "based on …": where the evidence starts when it is marked. */
const EVIDENCE_MARK = /\s*(?:\b(?:evidence|source|proof)\s*:|\bbased on\b|\bwe know (?:this )?(?:because|from)\b|\baccording to\b)\s*/i;
const SENTENCE_END = /(?<=[.!?])\s+(?=\S)|(?<=[。！？])\s*(?=\S)|\s*\n+\s*/u;

function trimEnd(text: string): string {
  return text.trim().replace(/[\s.,;:!?。，；：！？]+$/u, '');
}

/** The research methods the words of an answer point to, in the catalogue's order. */
export function detectMethods(text: string): ResearchMethod[] {
  const lowered = text.toLowerCase();
  return (Object.keys(METHOD_SIGNALS) as ResearchMethod[]).filter((method) =>
    METHOD_SIGNALS[method].some((signal) => (/^[a-z]/.test(signal) ? new RegExp(`\\b${signal}`).test(lowered) : lowered.includes(signal))),
  );
}

/**
 * An insight answer: the first sentence is the insight, the rest (or what follows
 * "evidence:", "based on", a closing parenthesis) is the evidence, and the methods are
 * read from the words.
 */
export function readInsight(text: string): Pick<MessagePlan, 'insight' | 'evidence' | 'insightMethods'> {
  const clean = text.replace(/[ \t]+/g, ' ').trim();
  if (clean === '') return { insightMethods: [] };
  const methods = detectMethods(clean);
  const marked = EVIDENCE_MARK.exec(clean);
  const bracket = /^(.*\S)\s*\(([^()]+)\)\s*[.。]?$/su.exec(clean);
  let insight: string;
  let evidence: string | undefined;
  if (marked && marked.index > 0) {
    insight = clean.slice(0, marked.index);
    evidence = clean.slice(marked.index + marked[0].length);
  } else if (bracket?.[1] && bracket[2]) {
    insight = bracket[1];
    evidence = bracket[2];
  } else {
    const [first = clean, ...rest] = clean.split(SENTENCE_END);
    insight = first;
    evidence = rest.length > 0 ? rest.join(' ') : undefined;
  }
  const tidyEvidence = evidence === undefined ? '' : trimEnd(evidence);
  return { insight: trimEnd(insight), ...(tidyEvidence !== '' ? { evidence: tidyEvidence } : {}), insightMethods: methods };
}

/**
 * Where the reason to believe starts in a proposition answer: "because", "since", "thanks to",
 * a dash, "proof:"; in Chinese 因为, 由于, 得益于 (after a comma or not) or 证据：.
 */
const REASON_MARK =
  /\s+(?:because|since|thanks to)\s+|\s+[—–]\s+|\s*;\s*|\s*\b(?:rtb|reason to believe|proof)\s*:\s*|\s*\n+\s*|\s*[，,；;]?\s*(?:因为|由于|得益于)\s*|\s*[，,；;]?\s*证据\s*[:：]\s*/i;

/** A proposition answer: the promise, then the reason to believe after "because", a dash or a second sentence. */
export function readProposition(text: string): Pick<MessagePlan, 'proposition' | 'reasonToBelieve'> {
  const clean = text.replace(/[ \t]+/g, ' ').trim();
  if (clean === '') return {};
  const marked = REASON_MARK.exec(clean);
  let promise = clean;
  let reason: string | undefined;
  if (marked && marked.index > 0) {
    promise = clean.slice(0, marked.index);
    reason = clean.slice(marked.index + marked[0].length);
  } else {
    const [first = clean, ...rest] = clean.split(SENTENCE_END);
    promise = first;
    reason = rest.length > 0 ? rest.join(' ') : undefined;
  }
  const tidyReason = reason === undefined ? '' : trimEnd(reason);
  return { proposition: trimEnd(promise), ...(tidyReason !== '' ? { reasonToBelieve: tidyReason } : {}) };
}

/** The tone that suits the motive, then the involvement (Rossiter–Percy): proposed, the author may change it. */
const TONE = {
  transformational: 'warm and sensory: let them feel it',
  informational: 'clear and factual: the problem, the fix, the proof',
  high: 'credible and specific',
  low: 'simple, one benefit, repeated',
} as const;

/** What a proposed tone is made of: the motive's part, then the involvement's (keys of TONE, and of the catalogue's `pages.tone`). */
export type TonePart = keyof typeof TONE;

/** The parts of the tone proposed for an audience, in order; empty while neither motive nor involvement is known. */
export function toneParts(audience: Audience | undefined): TonePart[] {
  const motive = audience?.motivation;
  const involvement = audience?.involvement;
  const parts: TonePart[] = [];
  if (motive === 'transformational' || motive === 'informational') parts.push(motive);
  if (involvement === 'high' || involvement === 'low') parts.push(involvement);
  return parts;
}

/** The proposed tone for an audience (in English, as the plan keeps it); undefined while neither motive nor involvement is known. */
export function proposeTone(audience: Audience | undefined): string | undefined {
  const parts = toneParts(audience);
  return parts.length > 0 ? parts.map((part) => TONE[part]).join('; ') : undefined;
}

/** Small words that carry no meaning of their own, so sharing them is not sharing the concept. */
const STOPWORDS = new Set([
  'the', 'and', 'for', 'with', 'that', 'this', 'your', 'you', 'our', 'are', 'was', 'from', 'into', 'than', 'then',
  'every', 'each', 'more', 'most', 'just', 'like', 'what', 'when', 'where', 'which', 'will', 'have', 'has', 'can',
  'all', 'any', 'its', 'it’s', "it's", 'not', 'now', 'new', 'get', 'make', 'made', 'one', 'out', 'day', 'way',
]);

/** The meaningful words of a text (three letters or more, not a stop word) and its CJK character pairs. */
function contentTerms(text: string): Set<string> {
  const lowered = text.toLowerCase();
  const words = (lowered.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).filter(
    (word) => !/[\u3400-\u9fff]/u.test(word) && word.length >= 3 && !STOPWORDS.has(word),
  );
  const cjk = lowered.match(/[\u3400-\u9fff]+/gu) ?? [];
  const pairs = cjk.flatMap((run) => Array.from({ length: Math.max(run.length - 1, 0) }, (_, i) => run.slice(i, i + 2)));
  return new Set([...words.map(stem), ...pairs]);
}

/** A crude English stem, so "mornings" carries "morning" and "brewed" carries "brew". */
function stem(word: string): string {
  let current = word;
  for (let round = 0; round < 2; round += 1) {
    const shorter = current.replace(/(?:ing|ed|es|e|s)$/u, '');
    if (shorter.length < 3 || shorter === current) break;
    current = shorter;
  }
  return current;
}

/**
 * Whether a touchpoint's message carries the core concept: it repeats the concept, or
 * shares at least one of its meaningful words (two, for a concept of six or more), so a
 * message rewritten for one channel still counts while "50 % off this week" does not.
 */
export function carriesConcept(message: string | undefined, concept: string | undefined): boolean {
  if (typeof message !== 'string' || message.trim() === '') return false;
  if (typeof concept !== 'string' || concept.trim() === '') return true;
  const squash = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (squash(message).includes(squash(concept))) return true;
  const wanted = contentTerms(concept);
  if (wanted.size === 0) return true;
  const said = contentTerms(message);
  const shared = [...wanted].filter((term) => said.has(term)).length;
  return shared >= (wanted.size >= 6 ? 2 : 1);
}

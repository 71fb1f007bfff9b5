/**
 * A rule finding in words, in one reader's language. Today's findings are data
 * (`{ rule, id, params }`): their words are the catalogue's
 * `findings.<rule>.<id>.problem|principle|fix` (a rule's shared principle or fix may sit
 * at `findings.<rule>.principle|fix`), their values formatted for the language and
 * their stages, objectives, metrics and channels named by the language's labels. A
 * finding of a plan saved before findings were data keeps its English sentences and is
 * shown as it was written.
 */
import { isPhrase, type Param, type Params, type Term } from '../domain/message/phrase.js';
import { isLegacyFinding, labelOf, type Channel, type Labels, type Severity, type StoredFinding } from '../domain/plan/plan.js';
import type { Language } from '../domain/message/language.js';
import type { InputWords } from '../domain/locale/input-words.js';
import { escapeMrkdwn } from './escape.js';
import type { Translator } from './i18n/translator.js';

/** The label of a vocabulary id in the reader's language, or undefined when it has none. */
export type TermLabel = (term: Term, id: string) => string | undefined;

/** What rendering findings needs: the reader's translator and the labels of their language. */
export interface FindingReader {
  t: Translator;
  label: TermLabel;
}

/** One finding's words, as Slack mrkdwn (user text escaped). */
export interface FindingWords {
  rule: string;
  severity: Severity;
  problem: string;
  principle: string;
  fix: string;
}

const PARTS = ['problem', 'principle', 'fix'] as const;

/** The catalogue key prefix of a rule: `findings.budget-absurd`. */
export function findingKey(rule: string): string {
  return `findings.${rule.toLowerCase()}`;
}

/** The finding in the reader's words; an older record's English sentences as they were written. */
export function findingWords(finding: StoredFinding, reader: FindingReader): FindingWords {
  const [problem, principle, fix] = PARTS.map((part) => findingPart(finding, part, reader)) as [string, string, string];
  return { rule: finding.rule, severity: finding.severity, problem, principle, fix };
}

/** One part of a finding (what is wrong, why it matters, or how to fix it) in the reader's words. */
export function findingPart(finding: StoredFinding, part: (typeof PARTS)[number], reader: FindingReader): string {
  if (isLegacyFinding(finding)) return escapeMrkdwn(finding[part]);
  const { t } = reader;
  const key = partKey(t, finding.rule, finding.id, part);
  // A finding of a rule or variant this version does not know (a newer record read by an older bot).
  const text = key ? t.t(key, withLabels(finding.params ?? {}, reader.label, t.language)) : t.t(`findings.unknown.${part}`, { rule: finding.rule });
  // An English sentence starts with a capital, also when it starts with a value ("Goal 2 (Awareness) is due…").
  return t.language === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Which catalogue key holds a part's words, found once per language (looking up a key that is not there is slow). */
const PART_KEYS = new WeakMap<Translator, Map<string, string | undefined>>();

function partKey(t: Translator, rule: string, id: string, part: string): string | undefined {
  let keys = PART_KEYS.get(t);
  if (!keys) PART_KEYS.set(t, (keys = new Map()));
  const base = findingKey(rule);
  const name = `${base}.${id}.${part}`;
  if (!keys.has(name)) keys.set(name, [name, `${base}.${part}`].find((candidate) => t.has(candidate)));
  return keys.get(name);
}

/** The params with every `term` given its label in the reader's language (lower case in running text). */
function withLabels(params: Params, label: TermLabel, language: Language): Params {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, labelled(value, label, language)]));
}

function labelled(value: Param, label: TermLabel, language: Language): Param {
  if (typeof value !== 'object' || value === null) return value;
  if (isPhrase(value)) return value.params ? { key: value.key, params: withLabels(value.params, label, language) } : value;
  if ('term' in value) {
    const text = label(value.term, value.id) ?? value.name ?? value.id;
    return { content: value.lower && language === 'en' ? text.toLowerCase() : text };
  }
  if ('list' in value) return { list: value.list.map((item) => labelled(item, label, language)), join: value.join };
  return value;
}

/** The question whose choices name a vocabulary's ids, for the other-language names in `locales/<language>/input.yml`. */
const CHOICE_QUESTIONS: Partial<Record<Term, string>> = {
  problem: 'problems',
  segment: 'audience_segment',
  stage: 'audience_stage',
  involvement: 'involvement',
  motivation: 'motivation',
  objective: 'primary_objective',
  messageType: 'message_type',
  research: 'research',
  currency: 'currency',
  pattern: 'phasing',
  businessModel: 'business_model',
  channel: 'channels',
};

/**
 * The labels of a language: English's are the question script's (a channel keeps the
 * name the plan gives it); another language names a choice by the first of its names in its
 * `input.yml` (the word its people use first), a media type by the catalogue's
 * `findings.media.<id>`.
 */
export function termLabels(language: Language, labels: Labels, words: InputWords | undefined, t: Translator, catalogue?: readonly Channel[]): TermLabel {
  if (language === 'en') {
    return (term, id) => {
      // The name the plan gives a channel is English already (the catalogue's, or the team's own).
      if (term === 'channel') return undefined;
      return Object.hasOwn(labels[term], id) ? labelOf(labels, term, id) : undefined;
    };
  }
  return (term, id) => {
    // The reader's script (scriptIn) names channels and choices in the reader's language.
    if (term === 'channel') return catalogue?.find((channel) => channel.id === id)?.name;
    const own = (labels as Partial<Record<string, Record<string, string>>>)[term];
    if (own && Object.hasOwn(own, id)) return own[id];
    if (term === 'media') return t.has(`findings.media.${id}`) ? t.t(`findings.media.${id}`) : undefined;
    if (term === 'metric') return words?.metrics[id as keyof InputWords['metrics']]?.[0];
    const question = CHOICE_QUESTIONS[term];
    return question ? words?.choices[question]?.[id]?.[0] : undefined;
  };
}

/** The reader of findings in `t`'s language, with the labels the script and its input words give that language. */
export function findingReaderFor(t: Translator, script: { labels: Labels; words?: InputWords; catalogue?: readonly Channel[] }): FindingReader {
  return { t, label: termLabels(t.language, script.labels, script.words, t, script.catalogue) };
}

/**
 * The plan's own words in another language: every question's label, text, help and
 * example, every choice's label, the parts of the conversation, the channels' names,
 * the goal metrics and the media types (locales/<language>/questions.yml). The English
 * script (prompts/plan.yml) keeps the structure — ids, kinds, conditions, limits — and
 * its English words; this file gives each of those words once more, keyed by the same
 * ids, so each choice has one label per language. Checked at start-up like the script:
 * a missing word, an unknown id, or an example its own parser refuses stops the bot,
 * naming the key.
 *
 * A reference to a word (`questions.brand.label`, `choices.key_problem.brand`,
 * `metrics.awareness`, `sections.Audience`) is what a phrase carries beside the English
 * words (`{ content, ref }`), so a re-ask built once in the domain is said in each
 * reader's language when it is shown.
 */
import { z } from 'zod';
import type { InputWords } from '../locale/input-words.js';
import { nameKeyMemo } from '../parse/find-names.js';
import { GOAL_METRICS, MEDIA_TYPES, type Channel, type Labels } from '../plan/plan.js';
import { checkExample, labelsOf, ScriptError, sectionsOf, type ScriptChecks } from './script.js';
import type { Question, QuestionScript } from './question.js';

/** The words of one question in another language. */
const QuestionWordsSchema = z.strictObject({
  label: z.string().trim().min(1, 'the question has no label'),
  text: z.string().trim().min(1, 'the question has no text'),
  help: z.string().trim().min(1, 'the question has no help'),
  example: z.string().trim().min(1, 'the example is empty').optional(),
  /** Choice id -> the words on its button (inline choices only; the channel question's come from `channels`). */
  choices: z.record(z.string(), z.string().trim().min(1, 'a choice has no label')).optional(),
});

const WordsSchema = z.strictObject({
  language: z.string(),
  /** English section name (as in prompts/plan.yml) -> its name here. */
  sections: z.record(z.string(), z.string().trim().min(1, 'a section has no name')),
  questions: z.record(z.string(), QuestionWordsSchema),
  /** Channel id (prompts/channels.yml) -> its name here. */
  channels: z.record(z.string(), z.string().trim().min(1, 'a channel has no name')),
  metrics: z.record(z.string(), z.string().trim().min(1, 'a metric has no label')),
  media: z.record(z.string(), z.string().trim().min(1, 'a media type has no label')),
  /** The post-campaign review's questions (prompts/review.yml), with the same placeholders: see `localizeReviewEntries`. */
  review: z.record(z.string(), QuestionWordsSchema.omit({ choices: true })),
});
type Words = z.infer<typeof WordsSchema>;

/** Looks a referenced word up in one language; undefined when it has none (the English words stand). */
export type WordLookup = (ref: string) => string | undefined;

function fail(key: string, problem: string, reason?: ScriptError['reason']): never {
  throw new ScriptError(`${key}: ${problem}`, reason === undefined ? undefined : { reason });
}

/** The script in another language, from its parsed questions.yml; throws ScriptError naming the key. */
export function localizeScript(script: QuestionScript, raw: unknown, checks: ScriptChecks = {}): QuestionScript {
  const parsed = WordsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(issue && issue.path.length > 0 ? issue.path.join('.') : 'the file', issue?.message ?? 'invalid');
  }
  const words = parsed.data;
  checkKeys('questions', Object.keys(words.questions), script.questions.map((q) => q.id), 'question');
  checkKeys('channels', Object.keys(words.channels), script.catalogue.map((c) => c.id), 'channel');
  checkKeys('metrics', Object.keys(words.metrics), GOAL_METRICS, 'goal metric');
  checkKeys('media', Object.keys(words.media), MEDIA_TYPES, 'media type');
  checkKeys('sections', Object.keys(words.sections), sectionsOf(script), 'section');
  const catalogue: Channel[] = script.catalogue.map((channel) => ({ ...channel, name: words.channels[channel.id] as string }));
  const questions = script.questions.map((question) => localizeQuestion(question, words, catalogue));
  let labels: Labels;
  try {
    labels = { ...labelsOf(questions), metric: words.metrics, media: words.media };
  } catch (error) {
    fail('questions', error instanceof Error ? error.message : String(error));
  }
  const localized: QuestionScript = { questions, catalogue, labels, ...(script.words ? { words: script.words } : {}) };
  if (checks.examples === false) return localized;
  for (const question of questions) {
    try {
      checkExample(question, localized.words);
    } catch (error) {
      if (error instanceof ScriptError) fail(`questions.${question.id}.example`, `"${question.example}" is not an answer this question accepts`, error.reason);
      throw error;
    }
  }
  return localized;
}

function checkKeys(where: string, given: readonly string[], known: readonly string[], what: string): void {
  const unknown = given.find((id) => !known.includes(id));
  if (unknown !== undefined) fail(`${where}.${unknown}`, `there is no ${what} "${unknown}" (known: ${known.join(', ')})`);
  const missing = known.find((id) => !given.includes(id));
  if (missing !== undefined) fail(`${where}.${missing}`, `missing (every ${what} needs its words in this language)`);
}

function localizeQuestion(question: Question, words: Words, catalogue: Channel[]): Question {
  const key = `questions.${question.id}`;
  const own = words.questions[question.id];
  if (!own) fail(key, 'missing');
  if (question.example !== undefined && own.example === undefined) fail(`${key}.example`, 'missing (the English question has one: it is shown when an answer cannot be read)');
  const fromCatalogue = question.choices !== undefined && question.choices.every((choice) => catalogue.some((c) => c.id === choice.id)) && own.choices === undefined;
  let choices = question.choices;
  if (question.choices && fromCatalogue) {
    choices = question.choices.map((choice) => ({ ...choice, label: catalogue.find((c) => c.id === choice.id)?.name ?? choice.label }));
  } else if (question.choices) {
    const labels = own.choices ?? fail(`${key}.choices`, 'missing (give each choice its words)');
    checkKeys(`${key}.choices`, Object.keys(labels), question.choices.map((c) => c.id), 'choice');
    choices = question.choices.map((choice) => {
      const { description: _dropped, ...rest } = choice;
      return { ...rest, label: labels[choice.id] as string };
    });
  } else if (own.choices) {
    fail(`${key}.choices`, `a ${question.kind} question has no choices`);
  }
  const section = question.section === undefined ? undefined : words.sections[question.section];
  return {
    ...question,
    label: own.label,
    text: own.text,
    help: own.help,
    ...(own.example !== undefined ? { example: own.example } : {}),
    ...(choices ? { choices } : {}),
    ...(section !== undefined ? { section } : {}),
  };
}

/**
 * The words a localized script shows, by reference, for the translator: questions'
 * label, text, help and example, choices by question, metrics, media, sections.
 */
export function wordLookup(english: QuestionScript, localized: QuestionScript): WordLookup {
  const words = new Map<string, string>();
  for (const question of localized.questions) {
    words.set(`questions.${question.id}.label`, question.label);
    words.set(`questions.${question.id}.text`, question.text);
    words.set(`questions.${question.id}.help`, question.help);
    if (question.example !== undefined) words.set(`questions.${question.id}.example`, question.example);
    for (const choice of question.choices ?? []) words.set(`choices.${question.id}.${choice.id}`, choice.label);
  }
  for (const [id, label] of Object.entries(localized.labels.metric)) words.set(`metrics.${id}`, label);
  for (const [id, label] of Object.entries(localized.labels.media)) words.set(`media.${id}`, label);
  for (const channel of localized.catalogue) words.set(`channels.${channel.id}`, channel.name);
  for (const [index, question] of english.questions.entries()) {
    const section = localized.questions[index]?.section;
    if (question.section !== undefined && section !== undefined) words.set(`sections.${question.section}`, section);
  }
  return (ref) => words.get(ref);
}

/**
 * Input words with every label the localized script shows: a person who types the
 * words on a button picks it, and `修改 <label>` names its question. A shown label that
 * input.yml gives to another choice (or question) would pick the wrong one: that stops
 * the start, naming both.
 */
export function acceptShownLabels(words: InputWords, localized: QuestionScript): InputWords {
  const nameKey = nameKeyMemo();
  const add = (names: readonly string[] | undefined, label: string) => (names ?? []).some((n) => nameKey(n) === nameKey(label)) ? [...(names ?? [])] : [...(names ?? []), label];
  const choices: InputWords['choices'] = {};
  for (const question of localized.questions) {
    if (!question.choices) continue;
    const byChoice = { ...(words.choices[question.id] ?? {}) };
    for (const choice of question.choices) {
      const other = Object.entries(byChoice).find(([id, names]) => id !== choice.id && names.some((n) => nameKey(n) === nameKey(choice.label)));
      if (other) fail(`questions.${question.id}.choices.${choice.id}`, `"${choice.label}" is a name of choice "${other[0]}" in input.yml; give one of them other words`);
      byChoice[choice.id] = add(byChoice[choice.id], choice.label);
    }
    choices[question.id] = byChoice;
  }
  const questions = { ...words.questions };
  for (const question of localized.questions) {
    const other = Object.entries(questions).find(([id, names]) => id !== question.id && names.some((n) => nameKey(n) === nameKey(question.label)));
    if (other) fail(`questions.${question.id}.label`, `"${question.label}" is a name of question "${other[0]}" in input.yml; give one of them other words`);
    questions[question.id] = add(questions[question.id], question.label);
  }
  const metrics = { ...words.metrics };
  for (const [id, label] of Object.entries(localized.labels.metric) as [keyof InputWords['metrics'], string][]) {
    const other = Object.entries(metrics).find(([m, names]) => m !== id && names.some((n) => nameKey(n) === nameKey(label)));
    if (other) fail(`metrics.${id}`, `"${label}" is a name of metric "${other[0]}" in input.yml; give one of them other words`);
    metrics[id] = add(metrics[id], label);
  }
  return { ...words, choices: { ...words.choices, ...choices }, questions, metrics };
}

/** The script in `language`: its translation when loaded, else the script itself (English). */
export function scriptIn(script: QuestionScript, language: string): QuestionScript {
  return script.translations?.[language] ?? script;
}

/** The words of every translation of `script`, by language and reference (English has none: its words are the phrases' own). */
export function scriptWordLookup(script: QuestionScript): (language: string, ref: string) => string | undefined {
  const lookups = new Map(Object.entries(script.translations ?? {}).map(([language, localized]) => [language, wordLookup(script, localized)]));
  return (language, ref) => lookups.get(language)?.(ref);
}

/**
 * The entries of prompts/review.yml with their words in another language (the `review`
 * part of questions.yml), ready to be checked like the English ones (placeholders,
 * examples as a plan fills them in); throws ScriptError naming the key.
 */
export function localizeReviewEntries(entries: readonly unknown[], raw: unknown): unknown[] {
  const review = (raw as { review?: unknown } | null)?.review;
  const parsed = WordsSchema.shape.review.safeParse(review);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`review${issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : ''}`, issue?.message ?? 'invalid');
  }
  const words = parsed.data;
  const ids = entries.map((entry) => String((entry as { id?: unknown }).id));
  checkKeys('review', Object.keys(words), ids, 'review question');
  return entries.map((entry) => {
    const english = entry as Record<string, unknown>;
    const own = words[String(english.id)];
    if (!own) fail(`review.${String(english.id)}`, 'missing');
    if (english.example !== undefined && own.example === undefined) fail(`review.${String(english.id)}.example`, 'missing (the English question has one)');
    // `change …` names come from input.yml in other languages, not from the English aliases.
    return { ...english, label: own.label, text: own.text, help: own.help, aliases: [], ...(own.example !== undefined ? { example: own.example } : {}) };
  });
}
